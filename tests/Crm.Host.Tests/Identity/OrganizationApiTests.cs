using System.Net;
using System.Net.Http.Json;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Host.Tests.Identity;

public sealed class OrganizationApiTests(CrmHostFactory host) : IClassFixture<CrmHostFactory>
{
    [Fact]
    public async Task Departments_form_a_tree_and_sibling_names_are_unique()
    {
        var admin = await host.AdminClientAsync();
        var sales = await admin.PostJsonAsync("/api/system/departments", new { name = "销售部-" + Guid.NewGuid().ToString("N")[..6] });
        var east = await admin.PostJsonAsync("/api/system/departments", new { name = "华东组", parentId = sales.Str("id") });
        Assert.Equal(sales.Str("id"), east.Str("parentId"));

        var duplicate = await admin.PostJsonAsync("/api/system/departments", new { name = "华东组", parentId = sales.Str("id") }, HttpStatusCode.BadRequest);
        Assert.Contains(duplicate.FieldErrors("name"), m => m.Contains("已有名为“华东组”"));

        var cycle = await admin.PutJsonAsync($"/api/system/departments/{sales.Str("id")}", new { name = sales.Str("name"), parentId = east.Str("id") }, HttpStatusCode.BadRequest);
        Assert.Contains(cycle.FieldErrors("parentId"), m => m.Contains("下级部门"));

        var refused = await (await admin.DeleteAsync($"/api/system/departments/{sales.Str("id")}")).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("下级部门", refused.Str("detail"));
    }

    [Fact]
    public async Task A_department_without_a_name_is_a_400_naming_the_field()
    {
        var admin = await host.AdminClientAsync();
        var problem = await admin.PostJsonAsync("/api/system/departments", new { name = "  " }, HttpStatusCode.BadRequest);
        Assert.Equal(["部门名称不能为空"], problem.FieldErrors("name"));
    }

    [Fact]
    public async Task A_stale_department_edit_is_a_409()
    {
        var admin = await host.AdminClientAsync();
        var d = await admin.PostJsonAsync("/api/system/departments", new { name = "财务部-" + Guid.NewGuid().ToString("N")[..6] });
        await admin.PutJsonAsync($"/api/system/departments/{d.Str("id")}", new { name = d.Str("name") + "A", version = d.Str("version") });
        var stale = await admin.PutJsonAsync($"/api/system/departments/{d.Str("id")}", new { name = d.Str("name") + "B", version = d.Str("version") }, HttpStatusCode.Conflict);
        Assert.Contains("已被他人修改", stale.Str("detail"));
    }

    [Fact]
    public async Task Unknown_ids_are_404_problem_details()
    {
        var admin = await host.AdminClientAsync();
        var problem = await admin.PutJsonAsync($"/api/system/departments/{Guid.NewGuid()}", new { name = "x" }, HttpStatusCode.NotFound);
        Assert.Equal("未找到", problem.Str("title"));
        await admin.GetJsonAsync($"/api/system/users/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_user_gets_a_one_time_password_that_must_be_changed_before_using_the_api()
    {
        var admin = await host.AdminClientAsync();
        var name = "rep" + Guid.NewGuid().ToString("N")[..6];
        var created = await admin.PostJsonAsync("/api/system/users", new { userName = name, displayName = "张三" });
        var password = created.Str("oneTimePassword");
        Assert.True(created.GetProperty("user").GetProperty("mustChangePassword").GetBoolean());

        var user = await host.ClientForAsync(name, password);
        var blocked = await user.GetJsonAsync("/api/auth/me", HttpStatusCode.OK);
        Assert.True(blocked.GetProperty("mustChangePassword").GetBoolean());
        var forbidden = await user.GetJsonAsync("/api/system/modules", HttpStatusCode.Forbidden);
        Assert.Contains("修改初始密码", forbidden.Str("detail"));

        var weak = await user.PostJsonAsync("/api/auth/change-password", new { currentPassword = password, newPassword = "short" }, HttpStatusCode.BadRequest);
        Assert.Contains(weak.FieldErrors("newPassword"), m => m.Contains("至少需要 8 个字符"));
        await user.PostJsonAsync("/api/auth/change-password", new { currentPassword = password, newPassword = "Better-Passw0rd" }, HttpStatusCode.NoContent);

        var again = await host.ClientForAsync(name, "Better-Passw0rd");
        var me = await again.GetJsonAsync("/api/auth/me");
        Assert.False(me.GetProperty("mustChangePassword").GetBoolean());
    }

    [Fact]
    public async Task User_validation_names_each_field()
    {
        var admin = await host.AdminClientAsync();
        var problem = await admin.PostJsonAsync("/api/system/users",
            new { userName = "", displayName = "", email = "not-an-email", departmentId = Guid.NewGuid(), roles = new[] { "no-such-role" } },
            HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("userName"));
        Assert.NotEmpty(problem.FieldErrors("displayName"));
        Assert.Equal(["邮箱格式不正确"], problem.FieldErrors("email"));
        Assert.Equal(["部门不存在"], problem.FieldErrors("departmentId"));
        Assert.Contains(problem.FieldErrors("roles"), m => m.Contains("no-such-role"));
    }

    [Fact]
    public async Task A_disabled_user_cannot_get_a_token()
    {
        var admin = await host.AdminClientAsync();
        var (id, name, password) = await CreateActiveUserAsync(admin);
        var view = await admin.GetJsonAsync($"/api/system/users/{id}");
        await admin.PutJsonAsync($"/api/system/users/{id}", new { userName = name, displayName = view.Str("displayName"), enabled = false });

        var refused = await host.CreateClient().PostJsonAsync("/api/auth/token", new { userName = name, password }, HttpStatusCode.Unauthorized);
        Assert.Equal("账户已停用，请联系管理员", refused.Str("detail"));
    }

    [Fact]
    public async Task A_token_stops_working_once_its_user_is_disabled()
    {
        var admin = await host.AdminClientAsync();
        var (id, name, password) = await CreateActiveUserAsync(admin);
        var user = await host.ClientForAsync(name, password);
        await user.GetJsonAsync("/api/auth/me");

        await admin.PutJsonAsync($"/api/system/users/{id}", new { userName = name, displayName = "李四", enabled = false });
        var expired = await user.GetJsonAsync("/api/auth/me", HttpStatusCode.Unauthorized);
        Assert.Contains("令牌已失效", expired.Str("detail"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var admin = await host.AdminClientAsync();
        var (_, name, password) = await CreateActiveUserAsync(admin);
        var anonymous = host.CreateClient();
        for (var i = 0; i < 5; i++)
            await anonymous.PostJsonAsync("/api/auth/token", new { userName = name, password = "Wrong-Passw0rd" }, HttpStatusCode.Unauthorized);

        var locked = await anonymous.PostJsonAsync("/api/auth/token", new { userName = name, password }, HttpStatusCode.Unauthorized);
        Assert.Contains("锁定", locked.Str("detail"));

        var audit = await admin.GetJsonAsync($"/api/system/audit?user={name}&take=20");
        Assert.True(audit.GetProperty("items").EnumerateArray().Count(e => e.Str("action") == "login-failed") >= 5);
    }

    [Fact]
    public async Task A_role_grants_its_permissions_and_nothing_else()
    {
        var admin = await host.AdminClientAsync();
        var roleName = "hr" + Guid.NewGuid().ToString("N")[..6];
        var role = await admin.PostJsonAsync("/api/system/roles", new { name = roleName, displayName = "人事", dataScope = "Department", permissions = new[] { "system.departments.manage" } });
        Assert.Equal("Department", role.Str("dataScope"));

        var (_, name, password) = await CreateActiveUserAsync(admin, roleName);
        var user = await host.ClientForAsync(name, password);
        await user.GetJsonAsync("/api/system/departments");
        var denied = await user.GetJsonAsync("/api/system/users", HttpStatusCode.Forbidden);
        Assert.Equal("无权限", denied.Str("title"));

        var unknown = await admin.PutJsonAsync($"/api/system/roles/{role.Str("id")}", new { displayName = "人事", permissions = new[] { "no.such.permission" } }, HttpStatusCode.BadRequest);
        Assert.Contains(unknown.FieldErrors("permissions"), m => m.Contains("no.such.permission"));

        var inUse = await (await admin.DeleteAsync($"/api/system/roles/{role.Str("id")}")).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("仍分配给 1 名用户", inUse.Str("detail"));
    }

    [Fact]
    public async Task The_last_administrator_can_be_neither_disabled_nor_demoted_and_stays_unchanged()
    {
        var admin = await host.AdminClientAsync();
        var users = await admin.GetJsonAsync("/api/system/users");
        var me = users.EnumerateArray().Single(u => u.Str("userName") == CrmHostFactory.AdminName);
        // No test of this class makes a second administrator.
        Assert.Single(users.EnumerateArray(), u => u.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "administrator"));

        var demoted = await admin.PutJsonAsync($"/api/system/users/{me.Str("id")}",
            new { userName = CrmHostFactory.AdminName, displayName = "改名的管理员", roles = Array.Empty<string>() }, HttpStatusCode.Conflict);
        Assert.Contains("最后一个系统管理员", demoted.Str("detail"));
        var disabled = await admin.PutJsonAsync($"/api/system/users/{me.Str("id")}",
            new { userName = CrmHostFactory.AdminName, displayName = "改名的管理员", enabled = false }, HttpStatusCode.Conflict);
        Assert.Contains("最后一个启用的系统管理员", disabled.Str("detail"));

        var after = await admin.GetJsonAsync($"/api/system/users/{me.Str("id")}");
        Assert.Equal(me.Str("displayName"), after.Str("displayName"));
        Assert.Contains("administrator", after.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task The_administrator_role_cannot_be_deleted()
    {
        var admin = await host.AdminClientAsync();
        var roles = await admin.GetJsonAsync("/api/system/roles");
        var administrator = roles.EnumerateArray().Single(r => r.Str("name") == "administrator");
        var refused = await (await admin.DeleteAsync($"/api/system/roles/{administrator.Str("id")}")).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("不能删除", refused.Str("detail"));
    }

    [Fact]
    public async Task Department_user_and_permission_changes_are_in_the_audit_log_with_old_and_new_values()
    {
        var admin = await host.AdminClientAsync();
        var d = await admin.PostJsonAsync("/api/system/departments", new { name = "客服部-" + Guid.NewGuid().ToString("N")[..6] });
        await admin.PutJsonAsync($"/api/system/departments/{d.Str("id")}", new { name = d.Str("name") + "二组" });
        var roleName = "svc" + Guid.NewGuid().ToString("N")[..6];
        var role = await admin.PostJsonAsync("/api/system/roles", new { name = roleName, displayName = "客服", permissions = new[] { "system.audit.read" } });
        await admin.PutJsonAsync($"/api/system/roles/{role.Str("id")}", new { displayName = "客服", permissions = new[] { "system.audit.read", "system.modules.read" } });

        var departmentLog = await admin.GetJsonAsync($"/api/system/audit?entityType=Department&entityId={d.Str("id")}");
        var entries = departmentLog.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["update", "create"], entries.Select(e => e.Str("action")));
        var rename = entries[0].GetProperty("changes").EnumerateArray().Single(c => c.Str("field") == "Name");
        Assert.Equal(d.Str("name"), rename.Str("oldValue"));
        Assert.Equal(d.Str("name") + "二组", rename.Str("newValue"));
        Assert.Equal(CrmHostFactory.AdminName, entries[0].Str("userName"));

        var roleLog = await admin.GetJsonAsync($"/api/system/audit?entityType=CrmRole&entityId={role.Str("id")}");
        var permissionChange = roleLog.GetProperty("items").EnumerateArray().First(e => e.Str("action") == "set-permissions");
        var change = permissionChange.GetProperty("changes")[0];
        Assert.Equal("system.audit.read", change.Str("oldValue"));
        Assert.Equal("system.audit.read, system.modules.read", change.Str("newValue"));
    }

    async Task<(string Id, string Name, string Password)> CreateActiveUserAsync(HttpClient admin, params string[] roles)
    {
        var name = "u" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostJsonAsync("/api/system/users", new { userName = name, displayName = "李四", roles });
        var oneTime = created.Str("oneTimePassword");
        var client = await host.ClientForAsync(name, oneTime);
        await client.PostJsonAsync("/api/auth/change-password", new { currentPassword = oneTime, newPassword = "Active-Passw0rd" }, HttpStatusCode.NoContent);
        return (created.GetProperty("user").Str("id"), name, "Active-Passw0rd");
    }
}
