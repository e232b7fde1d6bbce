using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.E2E.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Crm.E2E.Tests.Account;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserHost browser, ITestOutputHelper output)
    : BrowserTest(browser, output), IClassFixture<BrowserHost>
{
    const string Admin = CrmHostFactory.AdminName;
    const string Password = CrmHostFactory.AdminPassword;
    static readonly Regex LoginPage = new(@"/account/login(\?|$)", RegexOptions.IgnoreCase);

    [Fact]
    public Task Wrong_password_shows_the_error_and_stays_on_the_login_page() => InBrowserAsync(async page =>
    {
        await Host.EnsureAdminAsync();
        await page.GotoAsync("/account/login");

        await SignInAsync(page, Admin, "Wrong-Passw0rd");

        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("用户名或密码错误");
        await Expect(page).ToHaveURLAsync(LoginPage);
        await Expect(page.GetByLabel("用户名")).ToHaveValueAsync(Admin);
    });

    [Fact]
    public Task Five_wrong_passwords_lock_the_account_and_then_even_the_right_password_is_refused() => InBrowserAsync(async page =>
    {
        await Host.EnsureAdminAsync();
        await page.GotoAsync("/account/login");
        var error = page.GetByTestId("login-error");

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await SignInAsync(page, Admin, $"Wrong-Passw0rd{attempt}");
            await Expect(error).ToHaveTextAsync("用户名或密码错误");
        }
        await SignInAsync(page, Admin, "Wrong-Passw0rd5");
        await Expect(error).ToContainTextAsync("锁定");

        await SignInAsync(page, Admin, Password);
        await Expect(error).ToContainTextAsync("锁定");
        await Expect(page).ToHaveURLAsync(LoginPage);
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(LoginPage);
    });

    [Fact]
    public Task Logout_returns_to_the_login_page_and_the_home_page_then_asks_to_sign_in_again() => InBrowserAsync(async page =>
    {
        await Host.EnsureAdminAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(LoginPage);
        await SignInAsync(page, Admin, Password);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync("系统管理员");
        await WaitUntilInteractiveAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(LoginPage);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登录" })).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(LoginPage);
        await Expect(page.GetByText("请先登录")).ToBeVisibleAsync();
    });

    [Fact]
    public Task Disabled_user_cannot_sign_in() => InBrowserAsync(async page =>
    {
        using var api = await Host.AdminClientAsync();
        var created = await api.PostAsJsonAsync("/api/system/users", new { userName = "zhang.san", displayName = "张三", enabled = true });
        created.EnsureSuccessStatusCode();
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("user").GetProperty("id").GetGuid();
        var oneTimePassword = body.GetProperty("oneTimePassword").GetString()!;
        var disabled = await api.PutAsJsonAsync($"/api/system/users/{id}", new { userName = "zhang.san", displayName = "张三", enabled = false });
        disabled.EnsureSuccessStatusCode();

        await page.GotoAsync("/account/login");
        await SignInAsync(page, "zhang.san", oneTimePassword);

        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("账户已停用");
        await Expect(page).ToHaveURLAsync(LoginPage);
    });
}
