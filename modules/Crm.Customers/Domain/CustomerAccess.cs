using Crm.Abstractions.Contracts;
using Crm.Abstractions.Security;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>The customers the current user may see: the role's data scope applied in the query, so that an id from
/// outside it is not found (404), exactly like an id that does not exist. Every read and write starts here.</summary>
internal sealed class CustomerAccess(CustomersDbContext db, ICurrentUser user, IUserDirectory users)
{
    DataScope? scope;

    public ICurrentUser User => user;

    public async Task<DataScope> ScopeAsync(CancellationToken ct) => scope ??= await user.GetDataScopeAsync(ct);

    /// <summary>Customers in scope; deleted ones only when asked (the recycle bin).</summary>
    public async Task<IQueryable<Customer>> VisibleAsync(bool deleted, CancellationToken ct)
    {
        var query = db.Customers.WithinScope(await ScopeAsync(ct));
        return deleted ? query.Where(c => c.DeletedAt != null) : query.Where(c => c.DeletedAt == null);
    }

    /// <summary>A customer in scope and not deleted, tracked for changes; null when missing or out of scope. Every
    /// operation on one customer starts here, so it starts from what the database holds now: in a Blazor circuit the
    /// DbContext lives as long as the page, and an entity tracked by an earlier operation would be returned stale.</summary>
    public async Task<Customer?> FindAsync(long id, CancellationToken ct, bool deleted = false)
    {
        db.ChangeTracker.Clear();
        return await (await VisibleAsync(deleted, ct)).FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    /// <summary>Whether records may be given to <paramref name="owner"/> by the current user: only to someone whose
    /// records the user could then still see (a rep keeps own customers; a manager assigns within the department).
    /// <paramref name="what"/> names the records in the message (客户, 跟进行动).</summary>
    public async Task<string?> CheckOwnerAsync(UserInfo? owner, CancellationToken ct, string what = "客户") =>
        CheckOwner(owner, await ScopeAsync(ct), what);

    /// <summary>As <see cref="CheckOwnerAsync"/>, with the scope already known (the import checks many rows against it).</summary>
    public static string? CheckOwner(UserInfo? owner, DataScope current, string what = "客户")
    {
        if (owner is null) return "负责人不存在";
        if (!owner.Enabled) return $"负责人「{owner.DisplayName}」已停用，不能再分配{what}";
        var allowed = current.Kind switch
        {
            DataScopeKind.All => true,
            DataScopeKind.Own => owner.Id == current.UserId,
            _ => owner.Id == current.UserId || owner.DepartmentId is { } d && current.DepartmentIds.Contains(d),
        };
        return allowed ? null : $"不能把{what}分配给数据权限范围以外的用户「{owner.DisplayName}」";
    }

    public Task<UserInfo?> FindUserAsync(Guid id, CancellationToken ct) => users.FindAsync(id, ct);
}
