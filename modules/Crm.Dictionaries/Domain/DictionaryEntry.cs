using Crm.Abstractions.Auditing;

namespace Crm.Dictionaries.Domain;

/// <summary>An entry (字典项): code unique within its type, name unique among its siblings, optional parent in a
/// hierarchical type, display order, enabled flag and aliases (historical or colloquial labels).</summary>
public sealed class DictionaryEntry : IAuditable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TypeId { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public Guid? ParentId { get; set; }
    public int Order { get; set; }
    /// <summary>Disabled entries stay readable on old records but are not offered for new ones.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Seeded reference data; later reference updates change it only while <see cref="SiteModified"/> is false.</summary>
    public bool IsSystem { get; set; }
    /// <summary>An administrator changed this seeded entry; reference-data updates leave it alone.</summary>
    public bool SiteModified { get; set; }
    [NotAudited]
    public Guid Version { get; set; } = Guid.NewGuid();
    public List<DictionaryAlias> Aliases { get; set; } = [];
}

/// <summary>Another label for an entry ("潜在客户" → 潜在), matched after <see cref="LabelNormalizer"/>.</summary>
public sealed class DictionaryAlias
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EntryId { get; set; }
    public string Label { get; set; } = "";
    public string NormalizedLabel { get; set; } = "";
}
