using System.Net;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests;

public sealed class HistoryTests(CrmHostFactory host) : IClassFixture<CrmHostFactory>
{
    [Fact]
    public async Task History_shows_the_reason_of_a_status_change_and_the_customers_follow_ups_newest_first()
    {
        var admin = await host.AdminClientAsync();
        var customer = await admin.CreateCustomerAsync();
        var id = customer.Id();
        await admin.PutJsonAsync($"/api/customers/{id}", new
        {
            name = customer.Str("name"), statusCode = "002", reason = "客户确认采购意向", version = customer.GetProperty("version").GetInt32(),
        });
        var followUp = await admin.PostJsonAsync($"/api/customers/{id}/followups", new { summary = "意向确认会" }, HttpStatusCode.Created);

        var history = (await admin.GetJsonAsync($"/api/customers/{id}/history")).EnumerateArray().ToList();

        var statusChange = Assert.Single(history, e => e.Str("entityType") == "Customer" && e.Str("action") == "update" && e.GetProperty("changes").EnumerateArray().Any(c => c.Str("field") == "StatusCode"));
        Assert.Equal("客户确认采购意向", statusChange.Str("reason"));
        var change = statusChange.GetProperty("changes").EnumerateArray().Single(c => c.Str("field") == "StatusCode");
        Assert.Equal(("潜在", "意向"), (change.Str("oldValue"), change.Str("newValue")));
        var created = Assert.Single(history, e => e.Str("entityType") == "FollowUp" && e.Str("entityId") == followUp.Id().ToString());
        Assert.True(history.IndexOf(created) < history.IndexOf(statusChange));
        Assert.Equal(history.Select(e => e.GetProperty("id").GetInt64()).OrderDescending(), history.Select(e => e.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task History_of_a_customer_out_of_scope_is_404()
    {
        var admin = await host.AdminClientAsync();
        var role = await admin.CreateRoleAsync("Own", "customers.read");
        var rep = await host.CreateUserAsync(admin, "别人的销售", roles: role);
        var customer = (await admin.CreateCustomerAsync()).Id();

        await (await host.ClientAsync(rep)).GetJsonAsync($"/api/customers/{customer}/history", HttpStatusCode.NotFound);
    }
}
