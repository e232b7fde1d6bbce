using System.Security.Claims;
using Crm.Abstractions.Security;
using Crm.Host.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Host.Identity;

/// <summary><see cref="ICurrentUser"/> for a request (from the HTTP context) or a Blazor circuit (set by
/// <see cref="CircuitUserHandler"/>, because the HTTP context of a circuit is not the current request).</summary>
// The database is resolved only when a scope is computed: the audit interceptor of every DbContext depends on this class.
internal sealed class CurrentUser(IHttpContextAccessor http, PermissionCatalog permissions, IServiceProvider services) : ICurrentUser
{
    ClaimsPrincipal? circuitUser;
    string? circuitIp;
    DataScope? scope;

    internal void SetCircuitUser(ClaimsPrincipal user, string? clientIp)
    {
        circuitUser = user;
        circuitIp = clientIp ?? circuitIp;
        scope = null;
    }

    ClaimsPrincipal Principal => circuitUser ?? http.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid? UserId => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? UserName => Principal.FindFirstValue(ClaimTypes.Name);

    public string? DisplayName => Principal.FindFirstValue(CrmClaims.DisplayName) ?? UserName;

    public Guid? DepartmentId => Guid.TryParse(Principal.FindFirstValue(CrmClaims.DepartmentId), out var id) ? id : null;

    public bool IsAdministrator => Principal.IsInRole(CrmClaims.AdministratorRole);

    public string? ClientIp => circuitUser is null ? http.HttpContext?.Connection.RemoteIpAddress?.ToString() : circuitIp;

    public bool HasPermission(string permission) => PermissionCheck.Has(Principal, permissions, permission);

    public async Task<DataScope> GetDataScopeAsync(CancellationToken cancellationToken = default)
    {
        if (scope is not null) return scope;
        if (UserId is not { } userId) return scope = DataScope.None;
        if (IsAdministrator) return scope = new DataScope(DataScopeKind.All, userId, []);
        var db = services.GetRequiredService<HostDbContext>();

        var kinds = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.DataScope).ToListAsync(cancellationToken);
        var kind = kinds.Count == 0 ? DataScopeKind.Own : kinds.Max();
        var department = await db.Users.Where(u => u.Id == userId).Select(u => u.DepartmentId).FirstOrDefaultAsync(cancellationToken);
        IReadOnlyCollection<Guid> departments = (kind, department) switch
        {
            (DataScopeKind.Department, { } d) => [d],
            (DataScopeKind.DepartmentTree, { } d) => DepartmentTree.Descendants(await db.Departments.Select(x => new DepartmentNode(x.Id, x.ParentId)).ToListAsync(cancellationToken), d),
            _ => [],
        };
        return scope = new DataScope(kind, userId, departments);
    }
}

/// <summary>One permission rule for both policies and <see cref="ICurrentUser.HasPermission"/>: administrators hold
/// every permission, "everyone" permissions go to every signed-in user, others come from role claims.</summary>
internal static class PermissionCheck
{
    public static bool Has(ClaimsPrincipal principal, PermissionCatalog catalog, string permission) =>
        principal.Identity?.IsAuthenticated == true
        && (principal.IsInRole(CrmClaims.AdministratorRole)
            || catalog.IsEveryone(permission)
            || principal.HasClaim(CrmClaims.Permission, permission));
}

internal sealed record DepartmentNode(Guid Id, Guid? ParentId);

internal static class DepartmentTree
{
    /// <summary>The department and all below it. Departments are few (hundreds), so the tree is walked in memory.</summary>
    public static IReadOnlyCollection<Guid> Descendants(IReadOnlyList<DepartmentNode> all, Guid root)
    {
        var children = all.Where(d => d.ParentId is not null).ToLookup(d => d.ParentId!.Value, d => d.Id);
        var result = new HashSet<Guid> { root };
        var queue = new Queue<Guid>([root]);
        while (queue.TryDequeue(out var id))
            foreach (var child in children[id])
                if (result.Add(child)) queue.Enqueue(child);
        return result;
    }
}
