namespace Crm.Customers.Domain;

/// <summary>A customer as entered on the form or sent to the API (create and full update).</summary>
public sealed record CustomerInput
{
    public string? Name { get; init; }
    public CustomerKind Kind { get; init; } = CustomerKind.Enterprise;
    public string? CreditCode { get; init; }
    /// <summary>Individuals only. On update, null keeps the stored number (the form never has it in plain).</summary>
    public string? IdNumber { get; init; }
    public string? IndustryCode { get; init; }
    public string? RegionCode { get; init; }
    public string? SizeCode { get; init; }
    public DateOnly? FoundedOn { get; init; }
    public string? Address { get; init; }
    public string? SourceCode { get; init; }
    public string? StatusCode { get; init; }
    public decimal? AnnualAmount { get; init; }
    /// <summary>A tier set by hand; null means computed from <see cref="AnnualAmount"/>. Needs a <see cref="Reason"/>.</summary>
    public string? ValueTierCode { get; init; }
    /// <summary>Null: the current user (create) or unchanged (update).</summary>
    public Guid? OwnerId { get; init; }
    public string? Remarks { get; init; }
    public string? Competitors { get; init; }
    public string? RelatedProjects { get; init; }
    public DateOnly? ContractDate { get; init; }
    public decimal? ContractAmount { get; init; }
    public DateOnly? FirstPaymentDate { get; init; }
    public DateOnly? ServiceExpiryDate { get; init; }
    public int? Satisfaction { get; init; }
    public AbnormalState Abnormal { get; init; }
    public string? AbnormalProgress { get; init; }
    /// <summary>Tags by id; null on update keeps the current tags.</summary>
    public IReadOnlyList<int>? TagIds { get; init; }
    /// <summary>The primary contact, on create only.</summary>
    public ContactInput? PrimaryContact { get; init; }
    /// <summary>Why a key field (name, credit code, status, owner, value tier) changed; required when one does.</summary>
    public string? Reason { get; init; }
    /// <summary>The version the edit is based on (update only); an older one gets 409 with the current values.</summary>
    public int? Version { get; init; }
}

/// <summary>A contact as entered. Personal fields are given in plain and stored encrypted.</summary>
public sealed record ContactInput
{
    public string? Name { get; init; }
    public string? Position { get; init; }
    /// <summary>On update, null keeps the stored value and "" clears it (the form never holds it in plain).</summary>
    public string? Mobile { get; init; }
    public string? OfficePhone { get; init; }
    public string? Email { get; init; }
    public string? OtherId { get; init; }
    public bool IsPrimary { get; init; }
    public string? DecisionRoleCode { get; init; }
    public int? Version { get; init; }
}

/// <summary>A dictionary code with its label, for display.</summary>
public sealed record CodeName(string Code, string Name);

public sealed record TagView(int Id, string Name, int DimensionId, string DimensionName, bool IsCustom);

/// <summary>A contact as shown: personal fields masked (revealed only through the audited reveal action).</summary>
public sealed record ContactView(
    long Id,
    long CustomerId,
    string Name,
    string? Position,
    string? Mobile,
    string? OfficePhone,
    string? Email,
    string? OtherId,
    bool IsPrimary,
    CodeName? DecisionRole,
    int Version);

/// <summary>One customer with everything the detail page shows; personal data masked.</summary>
public sealed record CustomerDetail
{
    public required long Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required CustomerKind Kind { get; init; }
    public string? CreditCode { get; init; }
    /// <summary>Masked: 110105********002X.</summary>
    public string? IdNumber { get; init; }
    public CodeName? Industry { get; init; }
    public CodeName? Region { get; init; }
    public CodeName? Size { get; init; }
    public DateOnly? FoundedOn { get; init; }
    public string? Address { get; init; }
    public CodeName? Source { get; init; }
    public required CodeName Status { get; init; }
    public decimal? AnnualAmount { get; init; }
    public required CodeName ValueTier { get; init; }
    public bool ValueTierManual { get; init; }
    public required Guid OwnerId { get; init; }
    public string? OwnerName { get; init; }
    public Guid? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public string? Remarks { get; init; }
    public string? Competitors { get; init; }
    public string? RelatedProjects { get; init; }
    public DateOnly? ContractDate { get; init; }
    public decimal? ContractAmount { get; init; }
    public DateOnly? FirstPaymentDate { get; init; }
    public DateOnly? ServiceExpiryDate { get; init; }
    public int? Satisfaction { get; init; }
    public AbnormalState Abnormal { get; init; }
    public string? AbnormalProgress { get; init; }
    public DateTime? LastFollowUpAt { get; init; }
    /// <summary>待修正: why a person should look at this customer (cleared when someone saves it).</summary>
    public string? ReviewNote { get; init; }
    /// <summary>No follow-up for the configured number of days.</summary>
    public bool ChurnRisk { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public DateTime? DeletedAt { get; init; }
    public required int Version { get; init; }
    public required IReadOnlyList<ContactView> Contacts { get; init; }
    public required IReadOnlyList<TagView> Tags { get; init; }
}

/// <summary>A row of the customer list; the primary contact's mobile is masked.</summary>
public sealed record CustomerListItem(
    long Id,
    string Code,
    string Name,
    CustomerKind Kind,
    CodeName Status,
    CodeName ValueTier,
    CodeName? Industry,
    CodeName? Region,
    Guid OwnerId,
    string? OwnerName,
    string? DepartmentName,
    string? PrimaryContact,
    string? PrimaryMobile,
    IReadOnlyList<TagView> Tags,
    DateTime? LastFollowUpAt,
    bool ChurnRisk,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>Customers counted by status code and by value tier code (codes without customers are absent).</summary>
public sealed record CustomerCounts(int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByTier);

/// <summary>A page of the list: the rows and an opaque cursor for the next page (null at the end).</summary>
public sealed record CustomerPage(IReadOnlyList<CustomerListItem> Items, string? NextCursor);

/// <summary>Which personal field to reveal.</summary>
public enum PiiField
{
    Mobile,
    OfficePhone,
    Email,
    IdNumber,
}

/// <summary>A revealed value: shown once, recorded in the audit log.</summary>
public sealed record RevealedValue(PiiField Field, string? Value);
