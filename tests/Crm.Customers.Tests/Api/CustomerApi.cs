using System.Net;
using System.Text.Json;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Api;

/// <summary>Small builders for the data the API tests need: customers, departments, roles and users that can sign in.</summary>
internal static class CustomerApi
{
    public const string Password = "Active-Passw0rd";

    static string Unique() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A customer with a unique legal name; <paramref name="ownerId"/> null means the caller.</summary>
    public static async Task<JsonElement> CreateCustomerAsync(this HttpClient client, string? ownerId = null) =>
        await client.PostJsonAsync("/api/customers", new { name = $"测试{Unique()}科技有限公司", ownerId }, HttpStatusCode.Created);

    public static long Id(this JsonElement element) => element.GetProperty("id").GetInt64();

    public static async Task<string> CreateDepartmentAsync(this HttpClient admin) =>
        (await admin.PostJsonAsync("/api/system/departments", new { name = "销售" + Unique() })).Str("id");

    public static async Task<string> CreateRoleAsync(this HttpClient admin, string dataScope, params string[] permissions)
    {
        var name = "role" + Unique();
        await admin.PostJsonAsync("/api/system/roles", new { name, displayName = "角色" + name, dataScope, permissions });
        return name;
    }

    /// <summary>An enabled user who has changed the one-time password to <see cref="Password"/>.</summary>
    public static async Task<TestUser> CreateUserAsync(this CrmHostFactory host, HttpClient admin, string displayName,
        string? departmentId = null, string? email = null, params string[] roles)
    {
        var userName = "u" + Unique();
        var created = await admin.PostJsonAsync("/api/system/users", new { userName, displayName, email, departmentId, roles });
        var oneTime = created.Str("oneTimePassword");
        var client = await host.ClientForAsync(userName, oneTime);
        await client.PostJsonAsync("/api/auth/change-password", new { currentPassword = oneTime, newPassword = Password }, HttpStatusCode.NoContent);
        return new TestUser(created.GetProperty("user").Str("id"), userName, displayName);
    }

    public static Task<HttpClient> ClientAsync(this CrmHostFactory host, TestUser user) => host.ClientForAsync(user.UserName, Password);
}

internal sealed record TestUser(string Id, string UserName, string DisplayName);
