using Crm.Customers.Tests.Api;
using Crm.Host.Tests.Infrastructure;
using System.Net;

namespace Crm.Customers.Tests;

public sealed class ChurnRiskTests(CrmHostFactory host) : IClassFixture<CrmHostFactory>
{
    [Fact]
    public async Task A_customer_whose_last_follow_up_is_older_than_30_days_counts_as_churn_risk_until_followed_up_again()
    {
        var admin = await host.AdminClientAsync();
        var before = (await admin.GetJsonAsync("/api/customers/churn-risk/count")).GetInt32();
        var customer = (await admin.CreateCustomerAsync()).Id();
        Assert.Equal(before, (await admin.GetJsonAsync("/api/customers/churn-risk/count")).GetInt32());

        await admin.PostJsonAsync($"/api/customers/{customer}/followups", new { at = DateTimeOffset.UtcNow.AddDays(-40), summary = "上次拜访" }, HttpStatusCode.Created);
        Assert.Equal(before + 1, (await admin.GetJsonAsync("/api/customers/churn-risk/count")).GetInt32());
        var list = await admin.GetJsonAsync("/api/customers?churnRisk=true&take=200");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => c.Id() == customer);

        await admin.PostJsonAsync($"/api/customers/{customer}/followups", new { summary = "电话回访" }, HttpStatusCode.Created);
        Assert.Equal(before, (await admin.GetJsonAsync("/api/customers/churn-risk/count")).GetInt32());
    }

    [Fact]
    public async Task The_count_covers_only_customers_in_the_callers_scope()
    {
        var admin = await host.AdminClientAsync();
        var role = await admin.CreateRoleAsync("Own", "customers.read");
        var rep = await host.CreateUserAsync(admin, "销售代表", roles: role);
        var theirs = (await admin.CreateCustomerAsync(rep.Id)).Id();
        var notTheirs = (await admin.CreateCustomerAsync()).Id();
        foreach (var customer in new[] { theirs, notTheirs })
            await admin.PostJsonAsync($"/api/customers/{customer}/followups", new { at = DateTimeOffset.UtcNow.AddDays(-60), summary = "很久以前" }, HttpStatusCode.Created);

        var count = await (await host.ClientAsync(rep)).GetJsonAsync("/api/customers/churn-risk/count");

        Assert.Equal(1, count.GetInt32());
    }
}
