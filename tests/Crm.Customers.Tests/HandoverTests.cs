using System.Net;
using System.Net.Http.Json;
using Crm.Customers.Tests.Api;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests;

public sealed class HandoverTests(CrmHostFactory host) : IClassFixture<CrmHostFactory>
{
    [Fact]
    public async Task Handover_moves_every_customer_and_open_action_of_the_leaver_and_writes_one_audit_entry()
    {
        var admin = await host.AdminClientAsync();
        var role = await admin.CreateRoleAsync("Own", "customers.read", "customers.edit");
        var leaver = await host.CreateUserAsync(admin, "离职销售", await admin.CreateDepartmentAsync(), roles: role);
        var newDepartment = await admin.CreateDepartmentAsync();
        var successor = await host.CreateUserAsync(admin, "接手销售", newDepartment, roles: role);
        var customers = new List<long>();
        for (var i = 0; i < 3; i++) customers.Add((await admin.CreateCustomerAsync(leaver.Id)).Id());
        var open = await admin.PostJsonAsync($"/api/customers/{customers[0]}/followups",
            new { summary = "需求确认", nextAction = "发送合同", nextActionDue = "2026-12-01T10:00" }, HttpStatusCode.Created);
        var finished = await admin.PostJsonAsync($"/api/customers/{customers[1]}/followups",
            new { summary = "方案讲解", nextAction = "演示系统", nextActionDue = "2026-11-01T10:00" }, HttpStatusCode.Created);
        await admin.PostJsonAsync($"/api/customers/{customers[1]}/followups/{finished.Id()}/done", new { });

        var preview = await admin.GetJsonAsync($"/api/customers/handover/preview?fromUserId={leaver.Id}");
        Assert.Equal(3, preview.GetProperty("customers").GetInt32());
        Assert.Equal(1, preview.GetProperty("nextActions").GetInt32());

        var result = await admin.PostJsonAsync("/api/customers/handover", new { fromUserId = leaver.Id, toUserId = successor.Id, reason = "员工离职" });

        Assert.Equal(3, result.GetProperty("customers").GetInt32());
        Assert.Equal(1, result.GetProperty("nextActions").GetInt32());
        foreach (var id in customers)
        {
            var detail = await admin.GetJsonAsync($"/api/customers/{id}");
            Assert.Equal(successor.Id, detail.Str("ownerId"));
            Assert.Equal(newDepartment, detail.Str("departmentId"));
        }
        var successorActions = await (await host.ClientAsync(successor)).GetJsonAsync("/api/customers/next-actions?mine=true");
        Assert.Equal([open.Id()], successorActions.EnumerateArray().Select(a => a.GetProperty("followUpId").GetInt64()));
        var timeline = await admin.GetJsonAsync($"/api/customers/{customers[1]}/followups");
        Assert.Equal(leaver.Id, timeline[0].Str("nextActionOwnerId"));

        var audit = await admin.GetJsonAsync("/api/system/audit?entityType=Customer&take=500");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray(), e => e.Str("action") == "handover");
        Assert.Equal("员工离职", entry.Str("reason"));
        Assert.Contains("离职销售 → 接手销售，客户 3 个，未完成的下一步行动 1 条", entry.Str("summary"));
        Assert.Equal(0, (await admin.GetJsonAsync($"/api/customers/count?owner={leaver.Id}")).GetInt32());
    }

    [Fact]
    public async Task Handover_needs_a_reason_and_an_enabled_receiver()
    {
        var admin = await host.AdminClientAsync();
        var from = await host.CreateUserAsync(admin, "甲");
        var to = await host.CreateUserAsync(admin, "乙");
        var view = await admin.GetJsonAsync($"/api/system/users/{to.Id}");
        await admin.PutJsonAsync($"/api/system/users/{to.Id}", new { userName = to.UserName, displayName = view.Str("displayName"), enabled = false });

        var problem = await admin.PostJsonAsync("/api/customers/handover", new { fromUserId = from.Id, toUserId = to.Id, reason = " " }, HttpStatusCode.BadRequest);

        Assert.Equal(["移交原因不能为空"], problem.FieldErrors("reason"));
        Assert.Contains("已停用", Assert.Single(problem.FieldErrors("toUserId")));
    }

    [Fact]
    public async Task Handover_needs_the_handover_permission()
    {
        var admin = await host.AdminClientAsync();
        var role = await admin.CreateRoleAsync("All", "customers.read", "customers.edit");
        var rep = await host.CreateUserAsync(admin, "普通销售", roles: role);

        var response = await (await host.ClientAsync(rep)).PostAsJsonAsync("/api/customers/handover", new { fromUserId = rep.Id, toUserId = rep.Id, reason = "x" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
