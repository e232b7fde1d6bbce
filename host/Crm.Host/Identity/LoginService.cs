using Crm.Abstractions.Auditing;
using Microsoft.AspNetCore.Identity;

namespace Crm.Host.Identity;

/// <summary>Outcome of a sign-in attempt, with the Chinese message to show.</summary>
public sealed record LoginOutcome(bool Succeeded, string? Error, bool MustChangePassword = false);

/// <summary>Sign-in and password change for the login page and the token endpoint alike, audited.</summary>
internal sealed class LoginService(SignInManager<CrmUser> signIn, UserManager<CrmUser> users, IAuditLog audit)
{
    public const string InvalidCredentials = "用户名或密码错误";

    /// <param name="scheme">The cookie scheme for the UI, the bearer scheme for <c>POST /api/auth/token</c>
    /// (which then writes the token response itself).</param>
    public async Task<LoginOutcome> SignInAsync(string? userName, string? password, bool persistent, string scheme, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
            return new LoginOutcome(false, "请输入用户名和密码");
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            await audit.WriteAsync(new AuditRecord("login-failed", nameof(CrmUser), null, Summary: "用户不存在", Actor: userName.Trim()), ct);
            return new LoginOutcome(false, InvalidCredentials);
        }

        signIn.AuthenticationScheme = scheme;
        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: true);
        var error = result switch
        {
            { Succeeded: true } => null,
            { IsLockedOut: true } => "密码错误次数过多，账户已锁定，请 15 分钟后再试或联系管理员",
            { IsNotAllowed: true } => "账户已停用，请联系管理员",
            _ => InvalidCredentials,
        };
        await audit.WriteAsync(new AuditRecord(error is null ? "login" : "login-failed", nameof(CrmUser), user.Id.ToString(),
            Summary: error ?? (scheme == IdentityConstants.BearerScheme ? "获取 API 令牌" : "登录"), Actor: user.UserName), ct);
        return new LoginOutcome(error is null, error, error is null && user.MustChangePassword);
    }

    public async Task<IdentityResult> ChangePasswordAsync(CrmUser user, string? current, string? next, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(next))
            return IdentityResult.Failed(new IdentityError { Code = "Required", Description = "请输入当前密码和新密码" });
        if (current == next)
            return IdentityResult.Failed(new IdentityError { Code = "PasswordSame", Description = "新密码不能与当前密码相同" });
        var result = await users.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded) return result;
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await audit.WriteAsync(new AuditRecord("change-password", nameof(CrmUser), user.Id.ToString(), Summary: "修改密码"), ct);
        return result;
    }
}
