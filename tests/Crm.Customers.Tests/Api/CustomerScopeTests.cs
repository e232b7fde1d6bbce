using System.Net;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Api;

/// <summary>数据权限: a rep works on their own customers only, a manager on their department's, the administrator on
/// all. A customer outside the scope is 404, exactly like one that does not exist.</summary>
public sealed class CustomerScopeTests(CustomerWorld world) : IClassFixture<CustomerWorld>
{
    [Fact]
    public async Task A_rep_cannot_read_edit_tag_or_add_a_contact_to_another_reps_customer()
    {
        var (customer, _) = await CustomerOfRepBAsync("13700000001");
        var id = customer.Id();
        var repA = world.RepA.Client;

        await repA.GetCustomerAsync(id, HttpStatusCode.NotFound);
        var edit = await repA.UpdateCustomerAsync(id, new CustomerForm { Name = "改名有限公司", Version = 0 }, HttpStatusCode.NotFound);
        Assert.Equal("客户不存在或无权访问", edit.Str("detail"));
        await repA.PutJsonAsync($"/api/customers/{id}/tags", new { tagIds = new[] { 29 } }, HttpStatusCode.NotFound);
        await repA.GetJsonAsync($"/api/customers/{id}/contacts", HttpStatusCode.NotFound);
        await repA.AddContactAsync(id, new ContactForm { Name = "李四" }, HttpStatusCode.NotFound);

        var unchanged = await world.RepB.Client.GetCustomerAsync(id);
        Assert.Equal(customer.Str("name"), unchanged.Str("name"));
        Assert.Single(unchanged.GetProperty("contacts").EnumerateArray());
        Assert.Empty(unchanged.GetProperty("tags").EnumerateArray());
    }

    [Fact]
    public async Task Revealing_another_reps_contact_is_403_without_the_permission_and_404_with_it()
    {
        var (customer, contactId) = await CustomerOfRepBAsync("13700000002");
        var url = $"/api/customers/{customer.Id()}/contacts/{contactId}/reveal?field=Mobile";

        var forbidden = await world.RepA.Client.PostJsonAsync(url, new { }, HttpStatusCode.Forbidden);
        Assert.Equal("无权限", forbidden.Str("title"));
        var missing = await world.RepC.Client.PostJsonAsync(url, new { }, HttpStatusCode.NotFound);
        Assert.DoesNotContain("13700000002", missing.GetRawText());
    }

    [Fact]
    public async Task A_rep_does_not_find_another_reps_customer_by_name_code_or_full_mobile()
    {
        var (customer, _) = await CustomerOfRepBAsync("13700000003");

        foreach (var text in new[] { customer.Str("name"), customer.Str("code"), "13700000003" })
        {
            Assert.Equal([customer.Id()], await world.RepB.Client.FindAsync(text));
            Assert.Empty(await world.RepA.Client.FindAsync(text));
            Assert.Equal(0, await world.RepA.Client.CountAsync("text=" + Uri.EscapeDataString(text)));
        }
        Assert.DoesNotContain(customer.Id(), CustomerApi.Ids(await world.RepA.Client.GetJsonAsync("/api/customers?take=200")));
    }

    [Fact]
    public async Task A_manager_sees_the_customers_of_their_department_but_not_of_another()
    {
        var ofA = await world.RepA.Client.CreateCustomerAsync(new CustomerForm());
        var ofB = await world.RepB.Client.CreateCustomerAsync(new CustomerForm());
        var ofC = await world.RepC.Client.CreateCustomerAsync(new CustomerForm());

        var listed = CustomerApi.Ids(await world.Manager.Client.GetJsonAsync("/api/customers?take=200"));
        Assert.Contains(ofA.Id(), listed);
        Assert.Contains(ofB.Id(), listed);
        Assert.DoesNotContain(ofC.Id(), listed);
        await world.Manager.Client.GetCustomerAsync(ofB.Id());
        await world.Manager.Client.GetCustomerAsync(ofC.Id(), HttpStatusCode.NotFound);
        Assert.Empty(await world.Manager.Client.FindAsync(ofC.Str("name")));
    }

    [Fact]
    public async Task The_administrator_sees_every_customer()
    {
        var ofA = await world.RepA.Client.CreateCustomerAsync(new CustomerForm());
        var ofC = await world.RepC.Client.CreateCustomerAsync(new CustomerForm());

        var listed = CustomerApi.Ids(await world.Admin.GetJsonAsync("/api/customers?take=200"));
        Assert.Contains(ofA.Id(), listed);
        Assert.Contains(ofC.Id(), listed);
        await world.Admin.GetCustomerAsync(ofC.Id());
    }

    [Fact]
    public async Task A_rep_cannot_give_a_customer_to_someone_outside_their_scope()
    {
        var name = CustomerNames.Next();
        var refused = await world.RepA.Client.CreateCustomerAsync(new CustomerForm { Name = name, OwnerId = world.RepB.Id }, HttpStatusCode.BadRequest);
        Assert.Contains(refused.FieldErrors("ownerId"), m => m.Contains("数据权限范围以外") && m.Contains("销售乙"));
        Assert.Empty(await world.Admin.FindAsync(name));

        var form = new CustomerForm();
        var own = await world.RepA.Client.CreateCustomerAsync(form);
        var handOver = await world.RepA.Client.UpdateCustomerAsync(own.Id(),
            form with { OwnerId = world.RepB.Id, Reason = "转给同事", Version = own.GetProperty("version").GetInt32() }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(handOver.FieldErrors("ownerId"));
        Assert.Equal(world.RepA.Id, (await world.RepA.Client.GetCustomerAsync(own.Id())).GetProperty("ownerId").GetGuid());
    }

    [Fact]
    public async Task A_manager_assigns_customers_within_the_department_only()
    {
        var toB = await world.Manager.Client.CreateCustomerAsync(new CustomerForm { OwnerId = world.RepB.Id });
        Assert.Equal(world.RepB.Id, toB.GetProperty("ownerId").GetGuid());
        await world.RepB.Client.GetCustomerAsync(toB.Id());

        var toC = await world.Manager.Client.CreateCustomerAsync(new CustomerForm { OwnerId = world.RepC.Id }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(toC.FieldErrors("ownerId"));
    }

    async Task<(System.Text.Json.JsonElement Customer, long ContactId)> CustomerOfRepBAsync(string mobile)
    {
        var customer = await world.RepB.Client.CreateCustomerAsync(new CustomerForm { PrimaryContact = new ContactForm { Name = "赵六", Mobile = mobile } });
        return (customer, customer.GetProperty("contacts")[0].Id());
    }
}
