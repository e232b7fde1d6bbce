using System.Net;
using System.Net.Http.Json;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Api;

/// <summary>Creating, reading, updating, deleting and restoring a customer through the API.</summary>
public sealed class CustomerLifecycleTests(CustomerWorld world) : IClassFixture<CustomerWorld>
{
    [Fact]
    public async Task A_new_customer_gets_a_code_and_reads_back_as_entered_owned_by_its_creator()
    {
        var form = new CustomerForm { IndustryCode = "64", Remarks = "展会认识" };
        var created = await world.RepA.Client.CreateCustomerAsync(form);

        Assert.Matches("^C[0-9]{6}$", created.Str("code"));
        var read = await world.RepA.Client.GetCustomerAsync(created.Id());
        Assert.Equal(created.Str("code"), read.Str("code"));
        Assert.Equal(form.Name, read.Str("name"));
        Assert.Equal("64", read.GetProperty("industry").Str("code"));
        Assert.Equal("展会认识", read.Str("remarks"));
        Assert.Equal("001", read.GetProperty("status").Str("code"));
        Assert.Equal(world.RepA.Id, read.GetProperty("ownerId").GetGuid());
        Assert.Equal(world.SalesOne, read.GetProperty("departmentId").GetGuid());
    }

    [Fact]
    public async Task Twenty_customers_created_at_the_same_time_get_twenty_different_codes()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => world.RepA.Client.CreateCustomerAsync(new CustomerForm())));

        var codes = responses.Select(r => r.Str("code")).ToList();
        Assert.All(codes, code => Assert.Matches("^C[0-9]{6}$", code));
        Assert.Equal(20, codes.Distinct().Count());
    }

    [Fact]
    public async Task Of_five_customers_created_at_once_with_the_same_name_only_one_is_saved()
    {
        var name = CustomerNames.Next();
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => world.RepA.Client.PostAsJsonAsync("/api/customers", new CustomerForm { Name = name })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
            Assert.NotEmpty((await refused.JsonAsync(HttpStatusCode.BadRequest)).FieldErrors("name"));
        Assert.Single(await world.Admin.FindAsync(name));
    }

    [Fact]
    public async Task A_full_update_based_on_the_current_version_is_saved_and_gets_a_new_version()
    {
        var form = new CustomerForm { Remarks = "初次拜访" };
        var created = await world.RepA.Client.CreateCustomerAsync(form);
        var version = created.GetProperty("version").GetInt32();

        var updated = await world.RepA.Client.UpdateCustomerAsync(created.Id(), form with { Remarks = "已报价", IndustryCode = "64", Version = version });

        Assert.Equal(version + 1, updated.GetProperty("version").GetInt32());
        var read = await world.RepA.Client.GetCustomerAsync(created.Id());
        Assert.Equal("已报价", read.Str("remarks"));
        Assert.Equal("64", read.GetProperty("industry").Str("code"));
    }

    [Fact]
    public async Task A_deleted_customer_leaves_the_list_goes_to_the_recycle_bin_and_comes_back_when_restored()
    {
        var manager = world.Manager.Client;
        var created = await manager.CreateCustomerAsync(new CustomerForm());
        var id = created.Id();

        await (await manager.DeleteAsync($"/api/customers/{id}?reason=重复录入")).JsonAsync(HttpStatusCode.NoContent);
        await manager.GetCustomerAsync(id, HttpStatusCode.NotFound);
        Assert.Empty(await manager.FindAsync(created.Str("name")));
        var bin = await manager.GetJsonAsync("/api/customers?deleted=true&take=200");
        Assert.Contains(id, CustomerApi.Ids(bin));

        var restored = await manager.PostJsonAsync($"/api/customers/{id}/restore", new { });
        Assert.Equal(created.Str("code"), restored.Str("code"));
        Assert.Equal([id], await manager.FindAsync(created.Str("name")));
    }

    [Fact]
    public async Task A_rep_without_the_delete_permission_can_neither_delete_nor_open_the_recycle_bin()
    {
        var created = await world.RepA.Client.CreateCustomerAsync(new CustomerForm());

        await (await world.RepA.Client.DeleteAsync($"/api/customers/{created.Id()}")).JsonAsync(HttpStatusCode.Forbidden);
        var bin = await world.RepA.Client.GetJsonAsync("/api/customers?deleted=true", HttpStatusCode.BadRequest);
        Assert.NotEmpty(bin.FieldErrors("deleted"));
        // Not even how many customers are in it.
        var count = await world.RepA.Client.GetJsonAsync("/api/customers/count?deleted=true", HttpStatusCode.BadRequest);
        Assert.Equal(["没有查看回收站的权限"], count.FieldErrors("deleted"));
        await world.RepA.Client.GetCustomerAsync(created.Id());
    }

    [Fact]
    public async Task Restoring_is_refused_when_another_customer_took_the_name_in_the_meantime()
    {
        var admin = world.Admin;
        var name = CustomerNames.Next();
        var first = await admin.CreateCustomerAsync(new CustomerForm { Name = name });
        await (await admin.DeleteAsync($"/api/customers/{first.Id()}")).JsonAsync(HttpStatusCode.NoContent);
        var second = await admin.CreateCustomerAsync(new CustomerForm { Name = name });

        var refused = await admin.PostJsonAsync($"/api/customers/{first.Id()}/restore", new { }, HttpStatusCode.Conflict);

        Assert.Contains("不能恢复", refused.Str("detail"));
        Assert.Contains(name, refused.Str("detail"));
        Assert.Equal([second.Id()], await admin.FindAsync(name));
        await admin.GetJsonAsync($"/api/customers/{first.Id()}?deleted=true");
    }
}
