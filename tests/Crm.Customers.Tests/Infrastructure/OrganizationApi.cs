using System.Net;
using System.Text.Json;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Infrastructure;

/// <summary>Builders for the organisation the tests need — departments, roles, users who can sign in — made through
/// the host's API as an administrator would; plus a customer with a unique name.</summary>
public static class OrganizationApi
{
    public const string Password = "Active-Passw0rd";

    static string Unique() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A customer with a unique legal name; <paramref name="ownerId"/> null means the caller.</summary>
    public static async Task<JsonElement> CreateCustomerAsync(this HttpClient client, string? ownerId = null) =>
        await client.PostJsonAsync("/api/customers", new { name = $"测试{Unique()}科技有限公司", ownerId }, HttpStatusCode.Created);

    public static async Task<string> CreateDepartmentAsync(this HttpClient admin, string? name = null) =>
        (await admin.PostJsonAsync("/api/system/departments", new { name = name ?? "销售" + Unique() })).Str("id");

    public static async Task<string> CreateRoleAsync(this HttpClient admin, string dataScope, params string[] permissions)
    {
        var name = "role" + Unique();
        await admin.CreateNamedRoleAsync(name, "角色" + name, dataScope, permissions);
        return name;
    }

    public static Task CreateNamedRoleAsync(this HttpClient admin, string name, string displayName, string dataScope, params string[] permissions) =>
        admin.PostJsonAsync("/api/system/roles", new { name, displayName, dataScope, permissions });

    /// <summary>An enabled user who has changed the one-time password to <see cref="Password"/>, as a new employee does
    /// on the first day.</summary>
    public static Task<TestUser> CreateUserAsync(this CrmHostFactory host, HttpClient admin, string displayName,
        string? departmentId = null, string? email = null, params string[] roles) =>
        host.CreateUserAsync(admin, "u" + Unique(), displayName, departmentId, email, roles);

    public static async Task<TestUser> CreateUserAsync(this CrmHostFactory host, HttpClient admin, string userName, string displayName,
        string? departmentId, string? email, params string[] roles)
    {
        var created = await admin.PostJsonAsync("/api/system/users", new { userName, displayName, email, departmentId, roles });
        var oneTime = created.Str("oneTimePassword");
        var client = await host.ClientForAsync(userName, oneTime);
        await client.PostJsonAsync("/api/auth/change-password", new { currentPassword = oneTime, newPassword = Password }, HttpStatusCode.NoContent);
        return new TestUser(created.GetProperty("user").Str("id"), userName, displayName);
    }

    public static Task<HttpClient> ClientAsync(this CrmHostFactory host, TestUser user) => host.ClientForAsync(user.UserName, Password);
}

public sealed record TestUser(string Id, string UserName, string DisplayName);
