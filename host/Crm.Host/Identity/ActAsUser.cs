using Crm.Abstractions.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crm.Host.Identity;

/// <summary><see cref="IActAsUser"/>: the principal a sign-in would give (roles, permissions, department), set on the
/// scope's <see cref="CurrentUser"/> the way a Blazor circuit's user is.</summary>
internal sealed class ActAsUser(UserManager<CrmUser> users, IUserClaimsPrincipalFactory<CrmUser> principals, ICurrentUser currentUser) : IActAsUser
{
    public async Task<string?> ActAsAsync(string? userIdOrName, CancellationToken cancellationToken = default)
    {
        var user = userIdOrName is null
            ? (await users.GetUsersInRoleAsync(CrmClaims.AdministratorRole)).Where(u => u.Enabled).OrderBy(u => u.CreatedAt).FirstOrDefault()
            : Guid.TryParse(userIdOrName, out var id)
                ? await users.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
                : await users.FindByNameAsync(userIdOrName);
        if (user is not { Enabled: true }) return null;
        ((CurrentUser)currentUser).SetCircuitUser(await principals.CreateAsync(user), clientIp: null);
        return user.DisplayName;
    }
}
