namespace Crm.Customers.Domain;

/// <summary>Filters of the customer list (API query string, list page, saved filters). Every filter narrows the
/// user's data scope; none widens it.</summary>
public sealed record CustomerFilter
{
    /// <summary>Name (substring; 3+ characters through the full-text index, 1–2 as a prefix), code, credit code,
    /// contact name, or a complete mobile number (found through its keyed hash; partial numbers find nothing).</summary>
    public string? Text { get; init; }
    public IReadOnlyList<string>? Status { get; init; }
    public IReadOnlyList<string>? Tier { get; init; }
    /// <summary>An industry code; its whole subtree matches (门类 C matches every 大类 under it).</summary>
    public string? Industry { get; init; }
    /// <summary>A region code; its whole subtree matches (广东省 matches every city and district in it).</summary>
    public string? Region { get; init; }
    public Guid? Owner { get; init; }
    public Guid? Department { get; init; }
    public CustomerKind? Kind { get; init; }
    /// <summary>Customers carrying every one of these tags.</summary>
    public IReadOnlyList<int>? TagsAll { get; init; }
    /// <summary>Customers carrying at least one of these tags.</summary>
    public IReadOnlyList<int>? TagsAny { get; init; }
    public DateTime? CreatedFrom { get; init; }
    public DateTime? CreatedTo { get; init; }
    public DateTime? UpdatedFrom { get; init; }
    public DateTime? UpdatedTo { get; init; }
    /// <summary>Only customers without a follow-up for the configured number of days.</summary>
    public bool ChurnRisk { get; init; }
    /// <summary>待修正: only customers with a <see cref="Customer.ReviewNote"/> (e.g. imported as a possible duplicate).</summary>
    public bool Flagged { get; init; }
    /// <summary>The recycle bin: deleted customers (needs the delete permission).</summary>
    public bool Deleted { get; init; }
}

/// <summary>Orders of the list; each has an index that matches it, so every page is a keyset seek.</summary>
public enum CustomerSort
{
    UpdatedDesc,
    UpdatedAsc,
    CreatedDesc,
    CreatedAsc,
    NameAsc,
    NameDesc,
    CodeAsc,
    CodeDesc,
}
