using Crm.Abstractions.Contracts;
using Crm.Host.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Host.Identity;

/// <summary>The host's users and departments for modules. Companies have hundreds of users, not millions, so a
/// list is one small query.</summary>
internal sealed class UserDirectory(HostDbContext db) : IUserDirectory
{
    public async Task<UserInfo?> FindAsync(Guid userId, CancellationToken cancellationToken = default) =>
        (await QueryAsync(userId, cancellationToken)).FirstOrDefault();

    public Task<IReadOnlyList<UserInfo>> ListAsync(CancellationToken cancellationToken = default) => QueryAsync(null, cancellationToken);

    public async Task<IReadOnlyList<DepartmentInfo>> ListDepartmentsAsync(CancellationToken cancellationToken = default) =>
        await db.Departments.AsNoTracking().OrderBy(d => d.Order).ThenBy(d => d.Name)
            .Select(d => new DepartmentInfo(d.Id, d.Name, d.ParentId, d.LeaderId)).ToListAsync(cancellationToken);

    async Task<IReadOnlyList<UserInfo>> QueryAsync(Guid? userId, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (userId is { } id) users = users.Where(u => u.Id == id);
        return await (from u in users
                      join d in db.Departments on u.DepartmentId equals d.Id into dept
                      from d in dept.DefaultIfEmpty()
                      orderby u.UserName
                      select new UserInfo(u.Id, u.UserName!, u.DisplayName, u.Email, u.DepartmentId, d == null ? null : d.Name, u.Enabled))
            .ToListAsync(ct);
    }
}
