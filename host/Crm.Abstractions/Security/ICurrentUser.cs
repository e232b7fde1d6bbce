namespace Crm.Abstractions.Security;

/// <summary>The user on whose behalf the current request, Blazor circuit or job runs.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid? UserId { get; }
    string? UserName { get; }
    string? DisplayName { get; }
    Guid? DepartmentId { get; }
    bool IsAdministrator { get; }
    /// <summary>Address of the client, for the audit log; null in jobs and the CLI.</summary>
    string? ClientIp { get; }
    bool HasPermission(string permission);

    /// <summary>The widest data scope among the user's roles; apply it with
    /// <see cref="DataScopeQueryExtensions.WithinScope{T}"/> to every list and read.</summary>
    Task<DataScope> GetDataScopeAsync(CancellationToken cancellationToken = default);
}
