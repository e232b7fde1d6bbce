using Crm.Abstractions.Auditing;

namespace Crm.Dictionaries.Domain;

/// <summary>A dictionary type (字典类型), e.g. region or customer_status: flat or hierarchical, shipped (system) or custom.</summary>
public sealed class DictionaryType : IAuditable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Stable code other modules store with their records' values, e.g. <c>customer_status</c>.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public bool Hierarchical { get; set; }
    /// <summary>Shipped with the product: can get new entries, cannot be deleted.</summary>
    public bool IsSystem { get; set; }
    [NotAudited]
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<DictionaryEntry> Entries { get; set; } = [];
}
