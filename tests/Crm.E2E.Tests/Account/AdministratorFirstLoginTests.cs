using System.Text.RegularExpressions;
using Crm.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Crm.E2E.Tests.Account;

[Collection(BrowserCollection.Name)]
public sealed class AdministratorFirstLoginTests(BrowserHost browser, ITestOutputHelper output)
    : BrowserTest(browser, output), IClassFixture<BrowserHost>
{
    const string OneTimePassword = "OneTime-Pass7";
    const string NewPassword = "Chosen-Pass2025";

    static readonly string[] SystemMenu = ["部门", "用户", "角色与权限", "操作日志", "邮件发件箱", "定时任务", "模块"];

    [Fact]
    public Task Administrator_with_a_one_time_password_must_choose_a_valid_new_one_and_then_sees_the_system_menu() => InBrowserAsync(async page =>
    {
        await Host.ResetAdminAsync(OneTimePassword, mustChangePassword: true);

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex(@"/account/login\?returnUrl=", RegexOptions.IgnoreCase));
        await SignInAsync(page, "admin", OneTimePassword);

        await Expect(page).ToHaveURLAsync(UrlOf("/account/change-password"));
        await Expect(page.GetByTestId("must-change")).ToContainTextAsync("请设置新密码");

        await ChangePasswordAsync(page, OneTimePassword, "weakpassword");
        await Expect(page.GetByTestId("change-error")).ToContainTextAsync("密码必须包含至少一个大写字母");
        await Expect(page).ToHaveURLAsync(UrlOf("/account/change-password"));

        await ChangePasswordAsync(page, OneTimePassword, NewPassword);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
        var menu = page.GetByTestId("main-menu");
        await Expect(menu.GetByText("系统管理")).ToBeVisibleAsync();
        foreach (var entry in SystemMenu)
            await Expect(menu.GetByRole(AriaRole.Link, new() { Name = entry, Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync("系统管理员");
    });

    static async Task ChangePasswordAsync(IPage page, string current, string next)
    {
        await page.GetByLabel("当前密码", new() { Exact = true }).FillAsync(current);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(next);
        await page.GetByLabel("确认新密码", new() { Exact = true }).FillAsync(next);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存新密码" }).ClickAsync();
    }
}
