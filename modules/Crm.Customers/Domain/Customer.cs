using Crm.Abstractions.Auditing;
using Crm.Abstractions.Security;

namespace Crm.Customers.Domain;

/// <summary>客户档案: one customer, enterprise or individual. Scoped by owner and department; every change is audited.</summary>
public sealed class Customer : IScopedEntity, IAuditable
{
    public long Id { get; set; }
    /// <summary>C000001…, from <see cref="Data.CodeSequence"/>.</summary>
    public string Code { get; set; } = "";
    /// <summary>Full legal name as on the business licence (display form).</summary>
    public string Name { get; set; } = "";
    /// <summary>The name normalised (<see cref="CustomerNameKey"/>): unique among customers not deleted, and the text the
    /// name search index holds.</summary>
    [NotAudited] public string NameKey { get; set; } = "";
    /// <summary>The name's distinctive part (<see cref="CustomerNameCore"/>): customers sharing it are possible
    /// duplicates. Empty until computed (rows older than the column are filled in the background).</summary>
    [NotAudited] public string NameCore { get; set; } = "";
    public CustomerKind Kind { get; set; } = CustomerKind.Enterprise;
    /// <summary>统一社会信用代码 (enterprises; public data, stored plain, unique).</summary>
    public string? CreditCode { get; set; }
    /// <summary>居民身份证号码 of an individual, encrypted (<c>keyId:…</c>).</summary>
    [AuditValueHidden] public string? IdNumberCipher { get; set; }
    [NotAudited] public byte[]? IdNumberHash { get; set; }
    public string? IndustryCode { get; set; }
    public string? RegionCode { get; set; }
    public string? SizeCode { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string? Address { get; set; }
    public string? SourceCode { get; set; }
    public string StatusCode { get; set; } = CustomerStatus.Potential;
    /// <summary>Annual transaction amount (yuan) the value tier is computed from.</summary>
    public decimal? AnnualAmount { get; set; }
    public string ValueTierCode { get; set; } = ValueTier.Normal;
    /// <summary>The tier was set by hand (with a reason) instead of computed.</summary>
    public bool ValueTierManual { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? DepartmentId { get; set; }
    public string? Remarks { get; set; }
    public string? Competitors { get; set; }
    public string? RelatedProjects { get; set; }

    // Milestones (里程碑)
    public DateOnly? ContractDate { get; set; }
    public decimal? ContractAmount { get; set; }
    public DateOnly? FirstPaymentDate { get; set; }
    public DateOnly? ServiceExpiryDate { get; set; }
    /// <summary>满意度 1–5.</summary>
    public int? Satisfaction { get; set; }

    public AbnormalState Abnormal { get; set; }
    public string? AbnormalProgress { get; set; }

    /// <summary>Time of the newest follow-up; the churn-risk list is customers whose last contact is older than N days.</summary>
    public DateTime? LastFollowUpAt { get; set; }
    [NotAudited] public DateTime CreatedAt { get; set; }
    [NotAudited] public Guid? CreatedBy { get; set; }
    [NotAudited] public DateTime UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    /// <summary>Set when this customer was merged into another (it is deleted then): the surviving customer.</summary>
    public long? MergedIntoId { get; set; }
    /// <summary>The import batch that created this customer (undoing the batch removes it).</summary>
    [NotAudited] public long? ImportBatchId { get; set; }
    /// <summary>待修正: why this customer needs a person to look at it (e.g. imported as a possible duplicate, or with a
    /// value out of the usual range); null when nothing is pending.</summary>
    public string? ReviewNote { get; set; }
    /// <summary>Optimistic concurrency: bumped on every save; an edit carrying an older value gets 409.</summary>
    [NotAudited] public int Version { get; set; }

    public List<Contact> Contacts { get; set; } = [];
    public List<CustomerTag> Tags { get; set; } = [];
}

/// <summary>联系人. Mobile, office phone and email are personal data: encrypted, with a keyed hash for exact lookup.</summary>
public sealed class Contact : IAuditable
{
    public long Id { get; set; }
    [NotAudited] public long CustomerId { get; set; }
    public string Name { get; set; } = "";
    public string? Position { get; set; }
    [AuditValueHidden] public string? MobileCipher { get; set; }
    [NotAudited] public byte[]? MobileHash { get; set; }
    [AuditValueHidden] public string? OfficePhoneCipher { get; set; }
    [NotAudited] public byte[]? OfficePhoneHash { get; set; }
    [AuditValueHidden] public string? EmailCipher { get; set; }
    [NotAudited] public byte[]? EmailHash { get; set; }
    /// <summary>Other contact id, e.g. DingTalk or WeChat.</summary>
    public string? OtherId { get; set; }
    public bool IsPrimary { get; set; }
    public string? DecisionRoleCode { get; set; }
    [NotAudited] public DateTime CreatedAt { get; set; }
    [NotAudited] public DateTime UpdatedAt { get; set; }
    [NotAudited] public int Version { get; set; }
}

/// <summary>需求.</summary>
public sealed class Need : IAuditable
{
    public long Id { get; set; }
    [NotAudited] public long CustomerId { get; set; }
    public string? TypeCode { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Budget range in 万元 (10,000 yuan).</summary>
    public decimal? BudgetMin { get; set; }
    public decimal? BudgetMax { get; set; }
    /// <summary>Expected delivery month, stored as its first day.</summary>
    public DateOnly? ExpectedMonth { get; set; }
    public string? PainPoints { get; set; }
    public NeedPriority Priority { get; set; } = NeedPriority.Mid;
    [NotAudited] public DateTime CreatedAt { get; set; }
    [NotAudited] public DateTime UpdatedAt { get; set; }
    [NotAudited] public int Version { get; set; }
}

/// <summary>跟进记录: one contact with the customer, optionally with a next action that is reminded by email when due.</summary>
public sealed class FollowUp : IAuditable
{
    public long Id { get; set; }
    [NotAudited] public long CustomerId { get; set; }
    /// <summary>When it happened (UTC, to the minute).</summary>
    public DateTime At { get; set; }
    public string? MethodCode { get; set; }
    public string? OurParticipants { get; set; }
    public string? TheirParticipants { get; set; }
    public string Summary { get; set; } = "";
    public string? Result { get; set; }
    public string? NextAction { get; set; }
    public DateTime? NextActionDue { get; set; }
    public Guid? NextActionOwnerId { get; set; }
    public bool NextActionDone { get; set; }
    [NotAudited] public DateTime? ReminderSentAt { get; set; }
    [NotAudited] public Guid? CreatedBy { get; set; }
    [NotAudited] public DateTime CreatedAt { get; set; }
}

/// <summary>标签维度: industry, size, region, cooperation status, value tier, need trait (system) or a custom one.</summary>
public sealed class TagDimension : IAuditable
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>System dimensions come with the product; tags in custom dimensions count toward the per-customer limit.</summary>
    public bool IsSystem { get; set; }
    public int Order { get; set; }
}

/// <summary>客户标签.</summary>
public sealed class Tag : IAuditable
{
    public int Id { get; set; }
    public int DimensionId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The name normalised like customer names; unique together with every synonym.</summary>
    [NotAudited] public string NameKey { get; set; } = "";
    public TagDimension? Dimension { get; set; }
    public List<TagSynonym> Synonyms { get; set; } = [];
}

/// <summary>A name that means an existing tag ("工业" → 制造业): it cannot become a tag of its own, and finding or
/// importing by it gives the tag.</summary>
public sealed class TagSynonym : IAuditable
{
    public int Id { get; set; }
    public int TagId { get; set; }
    public string Name { get; set; } = "";
    [NotAudited] public string NameKey { get; set; } = "";
}

/// <summary>A customer carries a tag.</summary>
public sealed class CustomerTag
{
    public long CustomerId { get; set; }
    public int TagId { get; set; }
}

/// <summary>附件: a file stored under the data folder by its content hash; the original name is kept for download only.</summary>
public sealed class Attachment : IAuditable
{
    public long Id { get; set; }
    [NotAudited] public long CustomerId { get; set; }
    public long? NeedId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    /// <summary>SHA-256 of the content, lower-case hex: also the stored file's name.</summary>
    public string Sha256 { get; set; } = "";
    [NotAudited] public Guid? UploadedBy { get; set; }
    [NotAudited] public DateTime UploadedAt { get; set; }
}

/// <summary>A user's saved filter of the customer list (我的筛选).</summary>
public sealed class SavedFilter
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The filter as JSON (<see cref="CustomerFilter"/>).</summary>
    public string Json { get; set; } = "{}";
}
