using System.Net;
using Crm.E2E.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Crm.E2E.Tests.Customers;

[Collection(BrowserCollection.Name)]
public sealed class CustomerArchiveTests(BrowserHost browser, ITestOutputHelper output)
    : BrowserTest(browser, output), IClassFixture<BrowserHost>
{
    const string Mobile = "13812345678", MaskedMobile = "138****5678";

    [Fact]
    public Task Administrator_creates_a_customer_with_a_primary_contact_and_reveals_the_mobile() => InBrowserAsync(async page =>
    {
        var name = UniqueName();
        await SignInAsAdminAsync(page);
        await WaitUntilInteractiveAsync(page);
        await page.GetByTestId("main-menu").GetByRole(AriaRole.Link, new() { Name = "客户", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/customers"));

        await page.GetByTestId("customer-new").ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/customers/new"));
        var form = page.GetByTestId("customer-form");
        await form.GetByLabel("客户名称").FillAsync(name);
        var contact = page.GetByTestId("customer-primary-contact");
        await contact.GetByLabel("联系人姓名").FillAsync("张三");
        await contact.GetByLabel("职位").FillAsync("采购经理");
        await contact.GetByLabel("手机号").FillAsync(Mobile);
        await page.GetByTestId("customer-save").ClickAsync();

        // Saved: the detail page, its contact masked until revealed.
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(name);
        var detailUrl = page.Url;
        await page.GetByRole(AriaRole.Tab, new() { Name = "联系人" }).ClickAsync();
        var mobile = page.GetByTestId("contact-table").GetByTestId("contact-mobile");
        await Expect(mobile.GetByTestId("contact-mobile-value")).ToHaveTextAsync(MaskedMobile);
        await mobile.GetByTestId("contact-mobile-reveal").ClickAsync();
        await Expect(mobile.GetByTestId("contact-mobile-value")).ToHaveTextAsync(Mobile);
        await Expect(mobile.GetByTestId("contact-mobile-reveal")).ToHaveCountAsync(0);

        // In the list, found by name, with the masked mobile; a click opens it again.
        await page.GotoAsync("/customers");
        await WaitUntilInteractiveAsync(page);
        await page.GetByLabel("搜索").FillAsync(name);
        await page.GetByTestId("filter-apply").ClickAsync();
        var row = page.GetByTestId("customer-table").Locator("tbody tr").Filter(new() { HasText = name });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("customer-mobile")).ToHaveTextAsync(MaskedMobile);
        await row.GetByTestId("customer-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(detailUrl);
    });

    [Fact]
    public Task A_reader_without_the_reveal_permission_sees_the_mobile_masked_and_no_reveal_button() => InBrowserAsync(async page =>
    {
        var admin = await Host.AdminClientAsync();
        var name = UniqueName();
        var customer = await admin.PostJsonAsync("/api/customers", new { name, primaryContact = new { name = "李四", mobile = Mobile } }, HttpStatusCode.Created);
        var id = customer.GetProperty("id").GetInt64();
        var (reader, password) = await CreateUserAsync(admin, ["customers.read"]);

        await page.GotoAsync("/account/login");
        await SignInAsync(page, reader, password);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
        await page.GotoAsync($"/customers/{id}");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("customer-edit")).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Tab, new() { Name = "联系人" }).ClickAsync();
        var mobile = page.GetByTestId("contact-table").GetByTestId("contact-mobile");
        await Expect(mobile.GetByTestId("contact-mobile-value")).ToHaveTextAsync(MaskedMobile);
        await Expect(page.GetByTestId("contact-mobile-reveal")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("contact-edit")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task The_form_shows_the_credit_code_error_under_its_field() => InBrowserAsync(async page =>
    {
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/customers/new");
        await WaitUntilInteractiveAsync(page);
        var form = page.GetByTestId("customer-form");
        await form.GetByLabel("客户名称").FillAsync(UniqueName());
        await form.GetByLabel("统一社会信用代码").FillAsync("91440300708461136X");
        await page.GetByTestId("customer-save").ClickAsync();

        var field = form.Locator(".mud-input-control", new() { Has = page.GetByLabel("统一社会信用代码") });
        await Expect(field).ToContainTextAsync("统一社会信用代码校验位不正确");
        await Expect(page.GetByTestId("customer-form-error")).ToContainTextAsync("请修正标红的字段");
        await Expect(page).ToHaveURLAsync(UrlOf("/customers/new"));
    });

    static string UniqueName() => $"深圳市测试{Guid.NewGuid():N}"[..16] + "科技有限公司";

    async Task SignInAsAdminAsync(IPage page)
    {
        await Host.EnsureAdminAsync();
        await page.GotoAsync("/account/login");
        await SignInAsync(page, CrmHostFactory.AdminName, CrmHostFactory.AdminPassword);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
    }
}
