using Crm.E2E.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Crm.E2E.Tests.Dictionaries;

[Collection(BrowserCollection.Name)]
public sealed class RegionPickerTests(BrowserHost browser, ITestOutputHelper output)
    : BrowserTest(browser, output), IClassFixture<BrowserHost>
{
    [Fact]
    public Task Administrator_picks_Guangdong_then_Shenzhen_then_Nanshan_in_the_cascading_region_picker() => InBrowserAsync(async page =>
    {
        await Host.EnsureAdminAsync();
        await page.GotoAsync("/account/login");
        await SignInAsync(page, CrmHostFactory.AdminName, CrmHostFactory.AdminPassword);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));

        // A link clicked while the circuit of the page before is still starting can be lost (Blazor's enhanced
        // navigation racing the circuit start); people click a moment later, the test waits for the circuit.
        await WaitUntilInteractiveAsync(page);
        await page.GetByTestId("main-menu").GetByRole(AriaRole.Link, new() { Name = "数据字典", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/dictionaries"));
        await page.GetByTestId("dictionary-type-region").ClickAsync();
        var picker = page.GetByTestId("dictionary-picker-region");
        await Expect(picker).ToBeVisibleAsync();

        await picker.ChooseAsync("省", "广东省");
        await picker.ChooseAsync("市", "深圳市");
        await Expect(page.GetByTestId("dictionary-entry-table")).ToContainTextAsync("南山区");
        await picker.ChooseAsync("区县", "南山区");

        await Expect(page.GetByTestId("dictionary-path")).ToHaveTextAsync("广东省 / 深圳市 / 南山区");
        await Expect(page.GetByTestId("dictionary-entry-table")).ToContainTextAsync("没有下级项");
    });
}
