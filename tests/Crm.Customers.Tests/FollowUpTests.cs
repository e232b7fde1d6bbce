using System.Net;
using System.Text.Json;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests;

public sealed class FollowUpTests(CrmHostFactory host) : IClassFixture<CrmHostFactory>
{
    static DateTime At(JsonElement e, string property) => e.GetProperty(property).GetDateTime().ToUniversalTime();

    [Fact]
    public async Task The_timeline_is_newest_first_and_the_customer_remembers_the_newest_follow_up()
    {
        var admin = await host.AdminClientAsync();
        var customer = (await admin.CreateCustomerAsync()).Id();
        var url = $"/api/customers/{customer}/followups";

        await admin.PostJsonAsync(url, new { at = "2026-01-05T10:00:00+08:00", methodCode = "002", summary = "电话沟通需求" }, HttpStatusCode.Created);
        var newest = await admin.PostJsonAsync(url, new { at = "2026-01-20T15:30:00+08:00", methodCode = "001", summary = "上门拜访" }, HttpStatusCode.Created);
        await admin.PostJsonAsync(url, new { at = "2026-01-10T09:00:00+08:00", summary = "发送方案" }, HttpStatusCode.Created);

        var timeline = await admin.GetJsonAsync(url);
        Assert.Equal(["上门拜访", "发送方案", "电话沟通需求"], timeline.EnumerateArray().Select(f => f.Str("summary")));
        var detail = await admin.GetJsonAsync($"/api/customers/{customer}");
        Assert.Equal(new DateTime(2026, 1, 20, 7, 30, 0, DateTimeKind.Utc), At(detail, "lastFollowUpAt"));

        await (await admin.DeleteAsync($"{url}/{newest.Id()}")).JsonAsync(HttpStatusCode.NoContent);
        detail = await admin.GetJsonAsync($"/api/customers/{customer}");
        Assert.Equal(new DateTime(2026, 1, 10, 1, 0, 0, DateTimeKind.Utc), At(detail, "lastFollowUpAt"));
    }

    [Fact]
    public async Task A_time_without_offset_is_china_time_kept_to_the_minute()
    {
        var admin = await host.AdminClientAsync();
        var customer = (await admin.CreateCustomerAsync()).Id();

        var followUp = await admin.PostJsonAsync($"/api/customers/{customer}/followups", new { at = "2026-02-03T10:30:45", summary = "视频会议" }, HttpStatusCode.Created);

        Assert.Equal(new DateTime(2026, 2, 3, 2, 30, 0, DateTimeKind.Utc), At(followUp, "at"));
    }

    [Fact]
    public async Task A_follow_up_in_the_future_or_without_summary_is_refused()
    {
        var admin = await host.AdminClientAsync();
        var customer = (await admin.CreateCustomerAsync()).Id();

        var problem = await admin.PostJsonAsync($"/api/customers/{customer}/followups",
            new { at = DateTimeOffset.UtcNow.AddHours(1), summary = "", methodCode = "999", nextAction = "报价" }, HttpStatusCode.BadRequest);

        Assert.Equal(["跟进时间不能晚于当前时间"], problem.FieldErrors("at"));
        Assert.Equal(["跟进内容不能为空"], problem.FieldErrors("summary"));
        Assert.Contains(problem.FieldErrors("methodCode"), m => m.Contains("跟进方式"));
        Assert.Equal(["填写下一步行动时必须填写截止时间"], problem.FieldErrors("nextActionDue"));
    }

    [Fact]
    public async Task A_next_action_goes_to_the_customer_owner_and_leaves_my_list_when_done()
    {
        var admin = await host.AdminClientAsync();
        var customer = (await admin.CreateCustomerAsync()).Id();
        var followUp = await admin.PostJsonAsync($"/api/customers/{customer}/followups",
            new { summary = "确认需求", nextAction = "发送报价单", nextActionDue = "2026-12-01T09:00" }, HttpStatusCode.Created);
        var me = (await admin.GetJsonAsync("/api/auth/me")).Str("id");
        Assert.Equal(me, followUp.Str("nextActionOwnerId"));

        var mine = await admin.GetJsonAsync("/api/customers/next-actions?mine=true&take=500");
        var item = Assert.Single(mine.EnumerateArray(), a => a.GetProperty("followUpId").GetInt64() == followUp.Id());
        Assert.Equal("发送报价单", item.Str("nextAction"));
        Assert.Equal(new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc), At(item, "due"));

        var done = await admin.PostJsonAsync($"/api/customers/{customer}/followups/{followUp.Id()}/done", new { });
        Assert.True(done.GetProperty("nextActionDone").GetBoolean());
        mine = await admin.GetJsonAsync("/api/customers/next-actions?mine=true&take=500");
        Assert.DoesNotContain(mine.EnumerateArray(), a => a.GetProperty("followUpId").GetInt64() == followUp.Id());
    }

    [Fact]
    public async Task Only_the_author_or_an_editor_may_change_a_follow_up()
    {
        var admin = await host.AdminClientAsync();
        var department = await admin.CreateDepartmentAsync();
        var reader = await admin.CreateRoleAsync("Department", "customers.read");
        var author = await host.CreateUserAsync(admin, "记录人", department, roles: reader);
        var colleague = await host.CreateUserAsync(admin, "同事", department, roles: reader);
        var customer = (await admin.CreateCustomerAsync(author.Id)).Id();
        var authorClient = await host.ClientAsync(author);
        var followUp = await authorClient.PostJsonAsync($"/api/customers/{customer}/followups", new { summary = "初次电话" }, HttpStatusCode.Created);

        var colleagueClient = await host.ClientAsync(colleague);
        var refused = await (await colleagueClient.DeleteAsync($"/api/customers/{customer}/followups/{followUp.Id()}")).JsonAsync(HttpStatusCode.Forbidden);
        Assert.Contains("只有记录人", refused.Str("detail"));

        var changed = await authorClient.PutJsonAsync($"/api/customers/{customer}/followups/{followUp.Id()}", new { summary = "初次电话，约了下周拜访" });
        Assert.Equal("初次电话，约了下周拜访", changed.Str("summary"));
    }
}
