namespace Crm.Abstractions.Contracts;

/// <summary>Read access to customers for other modules (sales, tickets, reports), always within the current user's
/// data scope: a customer outside it is null, exactly as if it did not exist.</summary>
public interface ICustomerDirectory
{
    Task<CustomerSummary?> FindAsync(long customerId, CancellationToken cancellationToken = default);

    /// <summary>Whether the customer exists (not deleted) and is visible to the current user.</summary>
    Task<bool> ExistsAsync(long customerId, CancellationToken cancellationToken = default);

    /// <summary>Customers whose name or code matches <paramref name="text"/>, newest first.</summary>
    Task<IReadOnlyList<CustomerSummary>> SearchAsync(string text, int limit = 20, CancellationToken cancellationToken = default);
}

/// <summary>A customer as other modules see it: display data, dictionary codes and ownership; no personal data.</summary>
public sealed record CustomerSummary(
    long Id,
    string Code,
    string Name,
    string StatusCode,
    string StatusName,
    string ValueTierCode,
    string? IndustryCode,
    string? RegionCode,
    Guid OwnerId,
    Guid? DepartmentId);
