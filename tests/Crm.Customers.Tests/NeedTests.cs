using System.Net;
using Crm.Customers.Tests.Api;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests;

public sealed class NeedTests(CrmHostFactory host) : IClassFixture<CrmHostFactory>
{
    [Fact]
    public async Task A_need_is_created_listed_changed_and_deleted()
    {
        var admin = await host.AdminClientAsync();
        var customer = (await admin.CreateCustomerAsync()).Id();

        var created = await admin.PostJsonAsync($"/api/customers/{customer}/needs", new
        {
            typeCode = "001", description = "  采购 200 台服务器  ", budgetMin = 50.5m, budgetMax = 80m, expectedMonth = "2026-03",
            painPoints = "现有机房容量不足", priority = "High",
        }, HttpStatusCode.Created);
        Assert.Equal("采购 200 台服务器", created.Str("description"));
        Assert.Equal("2026-03", created.Str("expectedMonth"));
        Assert.Equal("High", created.Str("priority"));
        Assert.Equal("产品采购", created.GetProperty("type").Str("name"));
        Assert.Equal(50.5m, created.GetProperty("budgetMin").GetDecimal());

        var updated = await admin.PutJsonAsync($"/api/customers/{customer}/needs/{created.Id()}", new
        {
            description = "采购 300 台服务器", budgetMin = 50.5m, budgetMax = 120m, priority = "Low", version = created.GetProperty("version").GetInt32(),
        });
        Assert.Equal("采购 300 台服务器", updated.Str("description"));
        Assert.Equal(created.GetProperty("version").GetInt32() + 1, updated.GetProperty("version").GetInt32());

        var list = await admin.GetJsonAsync($"/api/customers/{customer}/needs");
        Assert.Equal(created.Id(), Assert.Single(list.EnumerateArray()).Id());

        await (await admin.DeleteAsync($"/api/customers/{customer}/needs/{created.Id()}")).JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(0, (await admin.GetJsonAsync($"/api/customers/{customer}/needs")).GetArrayLength());
    }

    [Fact]
    public async Task An_invalid_need_is_a_400_naming_each_field()
    {
        var admin = await host.AdminClientAsync();
        var customer = (await admin.CreateCustomerAsync()).Id();

        var problem = await admin.PostJsonAsync($"/api/customers/{customer}/needs", new
        {
            typeCode = "999", description = " ", budgetMin = 100m, budgetMax = 20m, expectedMonth = "2026/3",
        }, HttpStatusCode.BadRequest);

        Assert.Equal(["需求描述不能为空"], problem.FieldErrors("description"));
        Assert.Equal(["预算上限不能低于预算下限"], problem.FieldErrors("budgetMax"));
        Assert.Contains(problem.FieldErrors("expectedMonth"), m => m.Contains("yyyy-MM"));
        Assert.Contains(problem.FieldErrors("typeCode"), m => m.Contains("需求类型「999」"));
        var negative = await admin.PostJsonAsync($"/api/customers/{customer}/needs", new { description = "x", budgetMin = -1m }, HttpStatusCode.BadRequest);
        Assert.Equal(["预算下限不能为负数"], negative.FieldErrors("budgetMin"));
    }

    [Fact]
    public async Task An_edit_based_on_an_old_version_is_a_409_with_the_current_need()
    {
        var admin = await host.AdminClientAsync();
        var customer = (await admin.CreateCustomerAsync()).Id();
        var need = await admin.PostJsonAsync($"/api/customers/{customer}/needs", new { description = "第一版" }, HttpStatusCode.Created);
        var version = need.GetProperty("version").GetInt32();
        await admin.PutJsonAsync($"/api/customers/{customer}/needs/{need.Id()}", new { description = "第二版", version });

        var stale = await admin.PutJsonAsync($"/api/customers/{customer}/needs/{need.Id()}", new { description = "第三版", version }, HttpStatusCode.Conflict);

        Assert.Contains("已被其他人修改", stale.Str("detail"));
        Assert.Equal("第二版", stale.GetProperty("current").Str("description"));
    }

    [Fact]
    public async Task Needs_of_an_unknown_customer_are_404()
    {
        var admin = await host.AdminClientAsync();
        await admin.GetJsonAsync("/api/customers/999999/needs", HttpStatusCode.NotFound);
        await admin.PostJsonAsync("/api/customers/999999/needs", new { description = "x" }, HttpStatusCode.NotFound);
    }
}
