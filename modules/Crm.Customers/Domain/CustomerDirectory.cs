using Crm.Abstractions.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary><see cref="ICustomerDirectory"/> for other modules: customers within the current user's scope, no
/// personal data.</summary>
internal sealed class CustomerDirectory(CustomerAccess access, CustomerQuery query, DictionaryLabels labels) : ICustomerDirectory
{
    public async Task<CustomerSummary?> FindAsync(long customerId, CancellationToken cancellationToken = default) =>
        await (await access.VisibleAsync(false, cancellationToken)).AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken) is { } customer
            ? await SummaryAsync(customer, cancellationToken)
            : null;

    public async Task<bool> ExistsAsync(long customerId, CancellationToken cancellationToken = default) =>
        await (await access.VisibleAsync(false, cancellationToken)).AnyAsync(c => c.Id == customerId, cancellationToken);

    public async Task<IReadOnlyList<CustomerSummary>> SearchAsync(string text, int limit = 20, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var matches = await (await query.FilterAsync(new CustomerFilter { Text = text }, cancellationToken))
            .OrderByDescending(c => c.Id).Take(Math.Clamp(limit, 1, 100)).AsNoTracking().ToListAsync(cancellationToken);
        var result = new List<CustomerSummary>(matches.Count);
        foreach (var customer in matches) result.Add(await SummaryAsync(customer, cancellationToken));
        return result;
    }

    async Task<CustomerSummary> SummaryAsync(Customer c, CancellationToken ct) => new(
        c.Id, c.Code, c.Name, c.StatusCode,
        (await labels.RequiredAsync(DictionaryTypes.CustomerStatus, c.StatusCode, ct)).Name,
        c.ValueTierCode, c.IndustryCode, c.RegionCode, c.OwnerId, c.DepartmentId);
}
