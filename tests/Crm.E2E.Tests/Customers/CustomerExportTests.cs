using System.Net;
using Crm.E2E.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Crm.E2E.Tests.Customers;

/// <summary>The customer list's export as a user does it: the button, the dialog, and the file the browser saves.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerExportTests(BrowserHost browser, ITestOutputHelper output)
    : BrowserTest(browser, output), IClassFixture<BrowserHost>
{
    [Fact]
    public Task The_export_saves_what_the_filtered_list_shows_with_the_mobile_masked() => InBrowserAsync(async page =>
    {
        var admin = await Host.AdminClientAsync();
        var shown = $"深圳市导出{Guid.NewGuid():N}"[..13] + "科技有限公司";
        var filteredOut = $"广州市导出{Guid.NewGuid():N}"[..13] + "科技有限公司";
        await admin.PostJsonAsync("/api/customers", new { name = shown, primaryContact = new { name = "李四", mobile = "13812345678" } }, HttpStatusCode.Created);
        await admin.PostJsonAsync("/api/customers", new { name = filteredOut }, HttpStatusCode.Created);
        var (user, password) = await CreateUserAsync(admin, ["customers.read", "customers.export"]);

        await OpenCustomerListAsync(page, user, password);
        await page.GetByLabel("搜索").FillAsync(shown);
        await page.GetByTestId("filter-apply").ClickAsync();
        await Expect(page.GetByTestId("customer-table").Locator("tbody tr").Filter(new() { HasText = shown })).ToHaveCountAsync(1);

        await page.GetByTestId("customer-export").ClickAsync();
        var dialog = page.GetByTestId("customer-export-dialog");
        await Expect(dialog.GetByTestId("export-masked")).ToHaveTextAsync("手机、邮箱等个人信息将打码导出");
        await dialog.GetByText("CSV UTF-8", new() { Exact = true }).ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-download").ClickAsync());

        Assert.Matches(@"^客户导出-\d{8}-\d{4}\.csv$", download.SuggestedFilename);
        var lines = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.Equal("客户编号,客户名称,客户状态,价值等级,行业,负责人,主要联系人,手机,标签,更新时间", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.Contains($",{shown},", row);
        Assert.Contains(",李四,138****5678,", row);
    });

    [Fact]
    public Task A_user_without_the_export_permission_has_no_export_button() => InBrowserAsync(async page =>
    {
        var admin = await Host.AdminClientAsync();
        var (user, password) = await CreateUserAsync(admin, ["customers.read"]);

        await OpenCustomerListAsync(page, user, password);

        await Expect(page.GetByTestId("customer-table")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("customer-export")).ToHaveCountAsync(0);
    });

    async Task OpenCustomerListAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/account/login");
        await SignInAsync(page, user, password);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
        await page.GotoAsync("/customers");
        await WaitUntilInteractiveAsync(page);
    }
}
