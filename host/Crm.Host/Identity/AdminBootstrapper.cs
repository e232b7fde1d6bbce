using System.Security.Cryptography;
using Crm.Abstractions.Auditing;
using Crm.Host.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Crm.Host.Identity;

/// <summary>Creates the administrator role and, on first run, the first administrator with a one-time password.</summary>
internal sealed class AdminBootstrapper(UserManager<CrmUser> users, RoleManager<CrmRole> roles, HostDbContext db, IAuditLog audit)
{
    public const string DefaultAdminName = "admin";

    public async Task EnsureAdministratorRoleAsync(CancellationToken cancellationToken)
    {
        if (await roles.RoleExistsAsync(CrmClaims.AdministratorRole)) return;
        var result = await roles.CreateAsync(new CrmRole
        {
            Name = CrmClaims.AdministratorRole,
            DisplayName = "系统管理员",
            Description = "拥有全部权限和全部数据范围",
            DataScope = Abstractions.Security.DataScopeKind.All,
            IsSystem = true,
        });
        ThrowOnError(result);
    }

    /// <summary>On an empty user table, creates <c>admin</c> and returns its one-time password (shown once, never stored in clear).</summary>
    public async Task<string?> CreateFirstAdministratorAsync(CancellationToken cancellationToken)
    {
        await EnsureAdministratorRoleAsync(cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken)) return null;
        var password = GeneratePassword();
        await CreateOrResetAsync(DefaultAdminName, password, mustChangePassword: true, cancellationToken);
        return password;
    }

    /// <summary>Creates the administrator or resets its password, enables and unlocks it.</summary>
    public async Task<IdentityResult> CreateOrResetAsync(string userName, string password, bool mustChangePassword, CancellationToken cancellationToken)
    {
        await EnsureAdministratorRoleAsync(cancellationToken);
        var user = await users.FindByNameAsync(userName);
        IdentityResult result;
        if (user is null)
        {
            user = new CrmUser { UserName = userName, DisplayName = "系统管理员", MustChangePassword = mustChangePassword, Enabled = true };
            result = await users.CreateAsync(user, password);
            if (!result.Succeeded) return result;
            await audit.WriteAsync(new AuditRecord("create-admin", nameof(CrmUser), user.Id.ToString(), Summary: $"创建管理员 {userName}"), cancellationToken);
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                result = await validator.ValidateAsync(users, user, password);
                if (!result.Succeeded) return result;
            }
            await users.RemovePasswordAsync(user);
            result = await users.AddPasswordAsync(user, password);
            if (!result.Succeeded) return result;
            user.Enabled = true;
            user.MustChangePassword = mustChangePassword;
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await users.UpdateAsync(user);
            await audit.WriteAsync(new AuditRecord("reset-admin", nameof(CrmUser), user.Id.ToString(), Summary: $"重置管理员 {userName} 的密码"), cancellationToken);
        }
        if (!await users.IsInRoleAsync(user, CrmClaims.AdministratorRole))
            return await users.AddToRoleAsync(user, CrmClaims.AdministratorRole);
        return IdentityResult.Success;
    }

    /// <summary>A 16-character password that meets the complexity rules (upper, lower, digit).</summary>
    internal static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnpqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    static void ThrowOnError(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
