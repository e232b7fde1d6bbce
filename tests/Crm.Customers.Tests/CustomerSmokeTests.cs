using System.Net;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests;

/// <summary>The archive's main path through the API as an administrator: create with a primary contact, read it
/// back masked, find it by name and by full mobile number, reveal the mobile.</summary>
public sealed class CustomerSmokeTests(CrmHostFactory host) : IClassFixture<CrmHostFactory>
{
    [Fact]
    public async Task A_customer_with_a_contact_is_created_listed_found_and_revealed()
    {
        var admin = await host.AdminClientAsync();
        var created = await admin.PostJsonAsync("/api/customers", new
        {
            name = "深圳市腾讯计算机系统有限公司",
            creditCode = "91440300708461136T",
            industryCode = "64",
            regionCode = "440305",
            tagIds = new[] { 2, 29 },
            primaryContact = new { name = "张三", mobile = "+86 138 1234 5678", email = "zhangsan@example.com", officePhone = "0755-86013388" },
        }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        Assert.StartsWith("C", created.Str("code"));
        var contact = created.GetProperty("contacts")[0];
        Assert.Equal("138****5678", contact.Str("mobile"));
        Assert.Equal("z***@example.com", contact.Str("email"));

        var page = await admin.GetJsonAsync("/api/customers?text=腾讯计算机");
        Assert.Equal(id, page.GetProperty("items")[0].GetProperty("id").GetInt64());
        var byMobile = await admin.GetJsonAsync("/api/customers?text=13812345678");
        Assert.Equal(id, byMobile.GetProperty("items")[0].GetProperty("id").GetInt64());
        var partial = await admin.GetJsonAsync("/api/customers?text=1381234");
        Assert.Equal(0, partial.GetProperty("items").GetArrayLength());

        var revealed = await admin.PostJsonAsync($"/api/customers/{id}/contacts/{contact.GetProperty("id").GetInt64()}/reveal?field=Mobile", new { });
        Assert.Equal("13812345678", revealed.Str("value"));
    }
}
