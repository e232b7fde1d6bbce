using System.Net;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Events;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Tests.Api;

/// <summary>What other modules get from the customers module and give to it: the contract-signed event, the
/// customer directory, and the dictionary usage that keeps entries in use from being deleted.</summary>
public sealed class CustomerContractTests(CustomerWorld world) : IClassFixture<CustomerWorld>
{
    [Fact]
    public async Task A_signed_contract_makes_the_customer_a_deal_and_records_the_milestones()
    {
        var customer = await world.RepA.Client.CreateCustomerAsync(new CustomerForm());
        var signed = new ContractSigned(customer.Id(), "HT-2026-001", 128_000m, new DateOnly(2026, 3, 2),
            FirstPaymentOn: new DateOnly(2026, 3, 20), ServiceExpiresOn: new DateOnly(2027, 3, 1));

        await using (var scope = world.Host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ICrmEventBus>().PublishAsync(signed);

        var read = await world.RepA.Client.GetCustomerAsync(customer.Id());
        Assert.Equal("003", read.GetProperty("status").Str("code"));
        Assert.Equal("2026-03-02", read.Str("contractDate"));
        Assert.Equal(128_000m, read.GetProperty("contractAmount").GetDecimal());
        Assert.Equal("2026-03-20", read.Str("firstPaymentDate"));
        Assert.Equal("2027-03-01", read.Str("serviceExpiryDate"));
        Assert.True(read.GetProperty("version").GetInt32() > customer.GetProperty("version").GetInt32());
        var log = await world.Admin.GetJsonAsync($"/api/system/audit?entityType=Customer&entityId={customer.Id()}");
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.Str("action") == "update" && e.Str("reason") == "合同 HT-2026-001 已签订");
    }

    [Fact]
    public async Task A_signed_contract_of_a_deleted_customer_changes_nothing()
    {
        var customer = await world.Manager.Client.CreateCustomerAsync(new CustomerForm());
        await (await world.Manager.Client.DeleteAsync($"/api/customers/{customer.Id()}")).JsonAsync(HttpStatusCode.NoContent);

        await using (var scope = world.Host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ICrmEventBus>()
                .PublishAsync(new ContractSigned(customer.Id(), "HT-2026-002", 5_000m, new DateOnly(2026, 3, 2)));

        var read = await world.Manager.Client.GetJsonAsync($"/api/customers/{customer.Id()}?deleted=true");
        Assert.Equal("001", read.GetProperty("status").Str("code"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, read.GetProperty("contractDate").ValueKind);
    }

    [Fact]
    public async Task The_customer_directory_finds_only_customers_within_the_callers_scope()
    {
        var ofA = await world.RepA.Client.CreateCustomerAsync(new CustomerForm { IndustryCode = "64" });
        var ofB = await world.RepB.Client.CreateCustomerAsync(new CustomerForm());
        var ofC = await world.RepC.Client.CreateCustomerAsync(new CustomerForm());

        async Task<long[]> FoundBy(Member user) => await world.AsUserAsync(user, async services =>
        {
            var directory = services.GetRequiredService<ICustomerDirectory>();
            var found = new List<long>();
            foreach (var id in new[] { ofA.Id(), ofB.Id(), ofC.Id() })
                if (await directory.FindAsync(id) is { } summary) found.Add(summary.Id);
            return found.ToArray();
        });

        Assert.Equal([ofA.Id()], await FoundBy(world.RepA));
        Assert.Equal([ofA.Id(), ofB.Id()], await FoundBy(world.Manager));
        var summary = await world.AsUserAsync(world.RepA, services => services.GetRequiredService<ICustomerDirectory>().FindAsync(ofA.Id()));
        Assert.Equal(ofA.Str("code"), summary!.Code);
        Assert.Equal("潜在", summary.StatusName);
        Assert.Equal("64", summary.IndustryCode);
        Assert.Equal(world.RepA.Id, summary.OwnerId);

        var searched = await world.AsUserAsync(world.RepA, services => services.GetRequiredService<ICustomerDirectory>().SearchAsync(ofB.Str("name")));
        Assert.Empty(searched);
        Assert.False(await world.AsUserAsync(world.RepA, services => services.GetRequiredService<ICustomerDirectory>().ExistsAsync(ofC.Id())));
    }

    [Fact]
    public async Task An_industry_used_by_a_customer_cannot_be_deleted_from_the_dictionary()
    {
        await world.RepA.Client.CreateCustomerAsync(new CustomerForm { IndustryCode = "64" });

        var refused = await (await world.Admin.DeleteAsync("/api/dictionaries/types/industry/entries/64")).JsonAsync(HttpStatusCode.Conflict);

        Assert.Contains("正在使用", refused.Str("detail"));
        Assert.Contains("客户档案 · 行业", refused.Str("detail"));
        await world.Admin.GetJsonAsync("/api/dictionaries/types/industry/entries/64");
        await (await world.Admin.DeleteAsync("/api/dictionaries/types/industry/entries/65")).JsonAsync(HttpStatusCode.NoContent);
    }
}
