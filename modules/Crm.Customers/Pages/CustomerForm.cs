using Crm.Customers.Domain;
using Crm.Customers.Pages.Shared;

namespace Crm.Customers.Pages;

/// <summary>The customer form's inputs as the controls bind them (dates as the pickers' DateTime), to and from
/// <see cref="CustomerInput"/> / <see cref="CustomerDetail"/>.</summary>
internal sealed class CustomerForm
{
    public string? Name { get; set; }
    public CustomerKind Kind { get; set; } = CustomerKind.Enterprise;
    public string? CreditCode { get; set; }
    public string? IdNumber { get; set; }
    public string? IndustryCode { get; set; }
    public string? RegionCode { get; set; }
    public string? SizeCode { get; set; }
    public DateTime? FoundedOn { get; set; }
    public string? Address { get; set; }
    public string? SourceCode { get; set; }
    public string? StatusCode { get; set; } = CustomerStatus.Potential;
    public decimal? AnnualAmount { get; set; }
    public bool TierManual { get; set; }
    public string? ManualTierCode { get; set; }
    public Guid? OwnerId { get; set; }
    public string? Remarks { get; set; }
    public string? Competitors { get; set; }
    public string? RelatedProjects { get; set; }
    public DateTime? ContractDate { get; set; }
    public decimal? ContractAmount { get; set; }
    public DateTime? FirstPaymentDate { get; set; }
    public DateTime? ServiceExpiryDate { get; set; }
    public int? Satisfaction { get; set; }
    public AbnormalState Abnormal { get; set; }
    public string? AbnormalProgress { get; set; }
    public IReadOnlyList<int> TagIds { get; set; } = [];
    public ContactForm PrimaryContact { get; set; } = new();
    public string? Reason { get; set; }
    public int? Version { get; set; }

    /// <summary>The tier the customer will have: the one picked by hand, or the one the amount gives.</summary>
    public string EffectiveTier => TierManual && ManualTierCode is { Length: > 0 } code ? code : ValueTier.For(AnnualAmount);

    public static CustomerForm Of(CustomerDetail c) => new()
    {
        Name = c.Name,
        Kind = c.Kind,
        CreditCode = c.CreditCode,
        IndustryCode = c.Industry?.Code,
        RegionCode = c.Region?.Code,
        SizeCode = c.Size?.Code,
        FoundedOn = CustomerText.FromDate(c.FoundedOn),
        Address = c.Address,
        SourceCode = c.Source?.Code,
        StatusCode = c.Status.Code,
        AnnualAmount = c.AnnualAmount,
        TierManual = c.ValueTierManual,
        ManualTierCode = c.ValueTierManual ? c.ValueTier.Code : null,
        OwnerId = c.OwnerId,
        Remarks = c.Remarks,
        Competitors = c.Competitors,
        RelatedProjects = c.RelatedProjects,
        ContractDate = CustomerText.FromDate(c.ContractDate),
        ContractAmount = c.ContractAmount,
        FirstPaymentDate = CustomerText.FromDate(c.FirstPaymentDate),
        ServiceExpiryDate = CustomerText.FromDate(c.ServiceExpiryDate),
        Satisfaction = c.Satisfaction,
        Abnormal = c.Abnormal,
        AbnormalProgress = c.AbnormalProgress,
        TagIds = c.Tags.Select(t => t.Id).ToList(),
        Version = c.Version,
    };

    public CustomerInput ToInput(bool isNew) => new()
    {
        Name = Name,
        Kind = Kind,
        CreditCode = Kind == CustomerKind.Enterprise ? CreditCode : null,
        // On edit an empty box keeps the stored number: the form never holds it in plain.
        IdNumber = Kind == CustomerKind.Individual && (isNew || !string.IsNullOrWhiteSpace(IdNumber)) ? IdNumber : null,
        IndustryCode = IndustryCode,
        RegionCode = RegionCode,
        SizeCode = SizeCode,
        FoundedOn = CustomerText.ToDate(FoundedOn),
        Address = Address,
        SourceCode = SourceCode,
        StatusCode = StatusCode,
        AnnualAmount = AnnualAmount,
        ValueTierCode = TierManual ? ManualTierCode : null,
        OwnerId = OwnerId,
        Remarks = Remarks,
        Competitors = Competitors,
        RelatedProjects = RelatedProjects,
        ContractDate = CustomerText.ToDate(ContractDate),
        ContractAmount = ContractAmount,
        FirstPaymentDate = CustomerText.ToDate(FirstPaymentDate),
        ServiceExpiryDate = CustomerText.ToDate(ServiceExpiryDate),
        Satisfaction = Satisfaction,
        Abnormal = Abnormal,
        AbnormalProgress = AbnormalProgress,
        TagIds = TagIds,
        PrimaryContact = isNew && !string.IsNullOrWhiteSpace(PrimaryContact.Name + PrimaryContact.Mobile + PrimaryContact.OfficePhone + PrimaryContact.Email)
            ? PrimaryContact.ToInput() with { IsPrimary = true }
            : null,
        Reason = Reason,
        Version = Version,
    };

    /// <summary>A key field differs from the stored customer: the service then wants a reason (name, credit code,
    /// status, owner, tier).</summary>
    public bool KeyFieldChanged(CustomerDetail before) =>
        (Name?.Trim() ?? "") != before.Name
        || Kind == CustomerKind.Enterprise && (CreditCode?.Trim().ToUpperInvariant() ?? "") != (before.CreditCode ?? "")
        || StatusCode != before.Status.Code
        || OwnerId is { } owner && owner != before.OwnerId
        || EffectiveTier != before.ValueTier.Code
        || TierManual != before.ValueTierManual;
}
