using Crm.Abstractions.Contracts;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Domain;

/// <summary>Builds what users see from stored customers: labels for codes, names for users, personal data masked.</summary>
internal sealed class CustomerViews(CustomersDbContext db, DictionaryLabels labels, PersonalData personal, IUserDirectory users, IOptions<CustomerSettings> settings)
{
    public DateTime ChurnCutoff => DateTime.UtcNow.AddDays(-settings.Value.ChurnRiskDays);

    public bool IsChurnRisk(DateTime? lastFollowUp, DateTime createdAt) => (lastFollowUp ?? createdAt) < ChurnCutoff;

    public async Task<CustomerDetail> DetailAsync(Customer c, CancellationToken ct)
    {
        var contacts = await db.Contacts.AsNoTracking().Where(x => x.CustomerId == c.Id)
            .OrderByDescending(x => x.IsPrimary).ThenBy(x => x.Id).ToListAsync(ct);
        var tags = (await TagsAsync([c.Id], ct))[c.Id].ToList();
        var owner = await users.FindAsync(c.OwnerId, ct);
        var departmentName = c.DepartmentId is { } d ? (await users.ListDepartmentsAsync(ct)).FirstOrDefault(x => x.Id == d)?.Name : null;
        var contactViews = new List<ContactView>();
        foreach (var contact in contacts) contactViews.Add(await ContactAsync(contact, ct));
        return new CustomerDetail
        {
            Id = c.Id,
            Code = c.Code,
            Name = c.Name,
            Kind = c.Kind,
            CreditCode = c.CreditCode,
            IdNumber = personal.Masked(c.IdNumberCipher, PiiField.IdNumber),
            Industry = await labels.OfAsync(DictionaryTypes.Industry, c.IndustryCode, ct),
            Region = await RegionAsync(c.RegionCode, ct),
            Size = await labels.OfAsync(DictionaryTypes.CompanySize, c.SizeCode, ct),
            FoundedOn = c.FoundedOn,
            Address = c.Address,
            Source = await labels.OfAsync(DictionaryTypes.CustomerSource, c.SourceCode, ct),
            Status = await labels.RequiredAsync(DictionaryTypes.CustomerStatus, c.StatusCode, ct),
            AnnualAmount = c.AnnualAmount,
            ValueTier = await labels.RequiredAsync(DictionaryTypes.ValueTier, c.ValueTierCode, ct),
            ValueTierManual = c.ValueTierManual,
            OwnerId = c.OwnerId,
            OwnerName = owner?.DisplayName,
            DepartmentId = c.DepartmentId,
            DepartmentName = departmentName,
            Remarks = c.Remarks,
            Competitors = c.Competitors,
            RelatedProjects = c.RelatedProjects,
            ContractDate = c.ContractDate,
            ContractAmount = c.ContractAmount,
            FirstPaymentDate = c.FirstPaymentDate,
            ServiceExpiryDate = c.ServiceExpiryDate,
            Satisfaction = c.Satisfaction,
            Abnormal = c.Abnormal,
            AbnormalProgress = c.AbnormalProgress,
            LastFollowUpAt = c.LastFollowUpAt,
            ReviewNote = c.ReviewNote,
            ChurnRisk = IsChurnRisk(c.LastFollowUpAt, c.CreatedAt),
            CreatedAt = c.CreatedAt,
            UpdatedAt = c.UpdatedAt,
            DeletedAt = c.DeletedAt,
            Version = c.Version,
            Contacts = contactViews,
            Tags = tags,
        };
    }

    public async Task<ContactView> ContactAsync(Contact x, CancellationToken ct) => new(
        x.Id, x.CustomerId, x.Name, x.Position,
        personal.Masked(x.MobileCipher, PiiField.Mobile),
        personal.Masked(x.OfficePhoneCipher, PiiField.OfficePhone),
        personal.Masked(x.EmailCipher, PiiField.Email),
        x.OtherId, x.IsPrimary,
        await labels.OfAsync(DictionaryTypes.DecisionRole, x.DecisionRoleCode, ct),
        x.Version);

    /// <summary>The list rows of a page of customers: one query each for primary contacts and tags, not one per row.</summary>
    public async Task<IReadOnlyList<CustomerListItem>> ListItemsAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
    {
        var ids = customers.Select(c => c.Id).ToList();
        var primaries = await db.Contacts.AsNoTracking().Where(x => ids.Contains(x.CustomerId) && x.IsPrimary)
            .Select(x => new { x.CustomerId, x.Name, x.MobileCipher }).ToDictionaryAsync(x => x.CustomerId, ct);
        var tags = await TagsAsync(ids, ct);
        var everyone = (await users.ListAsync(ct)).ToDictionary(u => u.Id);
        var items = new List<CustomerListItem>(customers.Count);
        foreach (var c in customers)
        {
            var owner = everyone.GetValueOrDefault(c.OwnerId);
            var primary = primaries.GetValueOrDefault(c.Id);
            items.Add(new CustomerListItem(
                c.Id, c.Code, c.Name, c.Kind,
                await labels.RequiredAsync(DictionaryTypes.CustomerStatus, c.StatusCode, ct),
                await labels.RequiredAsync(DictionaryTypes.ValueTier, c.ValueTierCode, ct),
                await labels.OfAsync(DictionaryTypes.Industry, c.IndustryCode, ct),
                await RegionAsync(c.RegionCode, ct),
                c.OwnerId, owner?.DisplayName, owner?.DepartmentName,
                primary?.Name, personal.Masked(primary?.MobileCipher, PiiField.Mobile),
                tags[c.Id].ToList(), c.LastFollowUpAt, IsChurnRisk(c.LastFollowUpAt, c.CreatedAt), c.CreatedAt, c.UpdatedAt));
        }
        return items;
    }

    public async Task<ILookup<long, TagView>> TagsAsync(IReadOnlyList<long> customerIds, CancellationToken ct) =>
        (await (from link in db.CustomerTags.AsNoTracking()
                join tag in db.Tags on link.TagId equals tag.Id
                where customerIds.Contains(link.CustomerId)
                orderby tag.Dimension!.Order, tag.Name
                select new { link.CustomerId, View = new TagView(tag.Id, tag.Name, tag.DimensionId, tag.Dimension!.Name, !tag.Dimension.IsSystem) })
            .ToListAsync(ct)).ToLookup(x => x.CustomerId, x => x.View);

    // A region shows as its full path (广东省 / 深圳市 / 南山区): district names repeat across the country.
    async Task<CodeName?> RegionAsync(string? code, CancellationToken ct) =>
        code is null ? null : new CodeName(code, await labels.PathAsync(DictionaryTypes.Region, code, ct) ?? code);
}
