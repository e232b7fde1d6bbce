namespace Crm.Abstractions.Contracts;

/// <summary>Read access to customers for other modules (sales, tickets, reports), always within the current user's
/// data scope: a customer outside it is null, exactly as if it did not exist.</summary>
public interface ICustomerDirectory
{
    Task<CustomerSummary?> FindAsync(Guid customerId, CancellationToken cancellationToken = default);

    /// <summary>Customers whose name or code matches <paramref name="text"/>, best matches first.</summary>
    Task<IReadOnlyList<CustomerSummary>> SearchAsync(string text, int limit = 20, CancellationToken cancellationToken = default);
}

/// <summary>A customer as other modules see it; no personal data.</summary>
public sealed record CustomerSummary(Guid Id, string Code, string Name, string StatusCode, Guid OwnerId, Guid? DepartmentId);
