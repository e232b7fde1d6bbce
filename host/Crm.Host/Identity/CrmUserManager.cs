using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Crm.Host.Identity;

/// <summary>Identity's user manager, telling the <see cref="UserStampCache"/> whenever a user row changes
/// (disabled, password changed, roles changed), so tokens issued before stop working at once.</summary>
internal sealed class CrmUserManager(
    IUserStore<CrmUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<CrmUser> passwordHasher,
    IEnumerable<IUserValidator<CrmUser>> userValidators,
    IEnumerable<IPasswordValidator<CrmUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<CrmUser>> logger,
    UserStampCache stamps)
    : UserManager<CrmUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdateUserAsync(CrmUser user)
    {
        var result = await base.UpdateUserAsync(user);
        stamps.Evict(user.Id);
        return result;
    }
}
