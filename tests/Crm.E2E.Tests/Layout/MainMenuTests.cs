using System.Text.RegularExpressions;
using Crm.E2E.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Crm.E2E.Tests.Layout;

[Collection(BrowserCollection.Name)]
public sealed class MainMenuTests(BrowserHost browser, ITestOutputHelper output)
    : BrowserTest(browser, output), IClassFixture<BrowserHost>
{
    [Fact]
    public Task Main_menu_folds_and_unfolds_once_the_page_is_interactive() => InBrowserAsync(async page =>
    {
        await SignInAsAdministratorAsync(page);

        await WaitUntilInteractiveAsync(page);
        var drawer = page.Locator(".mud-drawer");
        var menuButton = page.GetByRole(AriaRole.Button, new() { Name = "菜单" });
        await Expect(drawer).ToHaveClassAsync(new Regex("mud-drawer--open"));
        await menuButton.ClickAsync();
        await Expect(drawer).ToHaveClassAsync(new Regex("mud-drawer--closed"));
        await menuButton.ClickAsync();
        await Expect(drawer).ToHaveClassAsync(new Regex("mud-drawer--open"));
    });

    [Fact]
    public Task Menu_link_navigates_without_reloading_the_page() => InBrowserAsync(async page =>
    {
        await SignInAsAdministratorAsync(page);
        await page.GotoAsync("/no-such-page");
        await WaitUntilInteractiveAsync(page);

        // A marker on the window survives client-side navigation and is gone after a full page load.
        await page.EvaluateAsync("() => window.crmNoReload = true");
        await page.GetByTestId("main-menu").GetByRole(AriaRole.Link, new() { Name = "首页", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "欢迎，系统管理员" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.crmNoReload === true"), "The menu link reloaded the whole page.");
    });

    [Fact]
    public Task Unknown_address_shows_the_not_found_page_with_the_menu() => InBrowserAsync(async page =>
    {
        await SignInAsAdministratorAsync(page);

        var response = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByText("页面不存在")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("main-menu")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/no-such-page"));
    });

    async Task SignInAsAdministratorAsync(IPage page)
    {
        await Host.EnsureAdminAsync();
        await page.GotoAsync("/account/login");
        await SignInAsync(page, CrmHostFactory.AdminName, CrmHostFactory.AdminPassword);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
    }
}
