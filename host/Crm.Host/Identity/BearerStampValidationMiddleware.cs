using System.Security.Claims;
using Crm.Host.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Crm.Host.Identity;

/// <summary>Bearer tokens are self-contained, so on their own they would outlive a disabled account or a changed
/// password for up to an hour. Like the cookie's stamp check, this compares the token's security stamp with the
/// user's current one and answers 401 when it no longer matches.</summary>
internal sealed class BearerStampValidationMiddleware(RequestDelegate next, UserStampCache stamps, IOptions<IdentityOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var principal = context.User;
        if (principal.Identity?.IsAuthenticated == true && Hosting.AuthSchemes.IsBearerRequest(context.Request)
            && !await IsCurrentAsync(principal, context.RequestServices.GetRequiredService<UserManager<CrmUser>>()))
        {
            await ApiProblems.WriteAsync(context, StatusCodes.Status401Unauthorized, "令牌已失效（账户已停用或密码已修改），请重新登录");
            return;
        }
        await next(context);
    }

    async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, UserManager<CrmUser> users)
    {
        var stamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) || stamp is null) return false;
        var current = await stamps.GetAsync(userId, users);
        return current is { Enabled: true } && current.Stamp == stamp;
    }
}

/// <summary>Each user's enabled flag and security stamp, cached briefly so that a bearer request costs no query.
/// <see cref="CrmUserManager"/> evicts a user on every update, so this instance sees changes at once; another host
/// instance sharing the database sees them within <see cref="CacheFor"/>.</summary>
internal sealed class UserStampCache(IMemoryCache cache)
{
    static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    public sealed record Entry(bool Enabled, string? Stamp);

    public Task<Entry?> GetAsync(Guid userId, UserManager<CrmUser> users) =>
        cache.GetOrCreateAsync(Key(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var user = await users.FindByIdAsync(userId.ToString());
            return user is null ? null : new Entry(user.Enabled, user.SecurityStamp);
        });

    public void Evict(Guid userId) => cache.Remove(Key(userId));

    static string Key(Guid userId) => $"crm:user-stamp:{userId}";
}
