using System.Text.RegularExpressions;
using Crm.E2E.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Crm.E2E.Tests.Acceptance;

/// <summary>The platform's acceptance flow, as a new administrator does it in the browser: first sign-in, organisation
/// set-up, the audit log, a test email, and the first sign-in of the user the administrator created.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PlatformAcceptanceTests(MailingBrowserHost browser, ITestOutputHelper output)
    : BrowserTest(browser, output), IClassFixture<MailingBrowserHost>
{
    const string AdminOneTimePassword = "OneTime-Pass7";
    const string AdminPassword = "Chosen-Pass2025";
    const string SalesManagerPassword = "Sales-Pass2025";
    const string SalesManager = "li.si";

    readonly SmtpSink sink = browser.Sink;

    [Fact]
    public Task New_administrator_sets_up_departments_a_role_and_a_user_sees_it_audited_and_the_user_sees_only_what_the_role_allows() => InBrowserAsync(async page =>
    {
        await Host.ResetAdminAsync(AdminOneTimePassword, mustChangePassword: true);
        await page.GotoAsync("/");
        await SignInAsync(page, CrmHostFactory.AdminName, AdminOneTimePassword);
        await MustChangePasswordAsync(page, AdminOneTimePassword, AdminPassword);
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync("系统管理员");

        await CreateDepartmentsAsync(page);
        await CreateRoleAsync(page);
        var oneTimePassword = await CreateUserAsync(page);
        await AuditLogShowsTheSetUpAsync(page);

        await SignOutAsync(page);
        await SignInAsync(page, SalesManager, oneTimePassword);
        await MustChangePasswordAsync(page, oneTimePassword, SalesManagerPassword);
        await Expect(page.GetByTestId("current-user")).ToHaveTextAsync("李四");
        var menu = page.GetByTestId("main-menu");
        await Expect(MenuEntry(menu, "部门")).ToBeVisibleAsync();
        await Expect(MenuEntry(menu, "操作日志")).ToBeVisibleAsync();
        foreach (var hidden in new[] { "用户", "角色与权限", "邮件发件箱", "定时任务", "模块" })
            await Expect(MenuEntry(menu, hidden)).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Test_email_sent_from_the_outbox_page_reaches_the_smtp_server_and_shows_as_sent() => InBrowserAsync(async page =>
    {
        const string to = "boss@example.com";
        await Host.EnsureAdminAsync();
        await page.GotoAsync("/");
        await SignInAsync(page, CrmHostFactory.AdminName, CrmHostFactory.AdminPassword);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));

        await OpenFromMenuAsync(page, "邮件发件箱");
        await page.GetByTestId("test-to").FillAsync(to);
        await page.GetByTestId("send-test").ClickAsync();
        await Expect(page.GetByText($"测试邮件已放入发件箱，将发送至 {to}")).ToBeVisibleAsync();

        var mail = await sink.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == to));
        Assert.Equal("CrmHost 测试邮件", mail.Subject);

        var row = page.GetByTestId("outbox-table").GetByRole(AriaRole.Row).Filter(new() { HasText = to });
        await RefreshUntilAsync(page, row, "已发送");
        await Expect(row).ToContainTextAsync("CrmHost 测试邮件");
    });

    static async Task CreateDepartmentsAsync(IPage page)
    {
        await OpenFromMenuAsync(page, "部门");
        var form = page.GetByTestId("department-form");
        var table = page.GetByTestId("department-table");

        await page.GetByRole(AriaRole.Button, new() { Name = "新建部门" }).ClickAsync();
        await form.GetByTestId("department-name").FillAsync("销售部");
        await form.GetByTestId("department-save").ClickAsync();
        await Expect(page.GetByText("已保存部门“销售部”")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "新建部门" }).ClickAsync();
        await form.GetByTestId("department-name").FillAsync("华东组");
        await form.ChooseAsync("上级部门", "销售部");
        await form.GetByTestId("department-save").ClickAsync();
        await Expect(page.GetByText("已保存部门“华东组”")).ToBeVisibleAsync();

        // The child follows its parent, indented one level.
        var names = table.Locator("td[data-label='名称'] span");
        await Expect(names).ToHaveTextAsync(["销售部", "华东组"]);
        await Expect(names.Nth(0)).ToHaveCSSAsync("padding-left", "0px");
        await Expect(names.Nth(1)).ToHaveCSSAsync("padding-left", "20px");

        await page.GetByRole(AriaRole.Button, new() { Name = "新建部门" }).ClickAsync();
        await form.GetByTestId("department-name").FillAsync("华东组");
        await form.ChooseAsync("上级部门", "销售部");
        await form.GetByTestId("department-save").ClickAsync();
        var name = form.GetByTestId("department-name");
        await Expect(name).ToHaveAttributeAsync("aria-invalid", "true");
        var nameField = form.Locator(".mud-input-control", new() { Has = page.GetByTestId("department-name") });
        await Expect(nameField.GetByText("同一上级部门下已有名为“华东组”的部门")).ToBeVisibleAsync();
        // Said once, under the field; the form's summary only points at it.
        await Expect(form.GetByText("同一上级部门下已有名为“华东组”的部门")).ToHaveCountAsync(1);
        await Expect(form.GetByText("保存失败，请修正标红的字段")).ToBeVisibleAsync();
        await Expect(names).ToHaveCountAsync(2);
        await form.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await Expect(form).ToBeHiddenAsync();
    }

    static async Task CreateRoleAsync(IPage page)
    {
        await OpenFromMenuAsync(page, "角色与权限");
        var form = page.GetByTestId("role-form");

        await page.GetByRole(AriaRole.Button, new() { Name = "新建角色" }).ClickAsync();
        await form.GetByTestId("role-name").FillAsync("sales-manager");
        await form.GetByTestId("role-displayname").FillAsync("销售经理");
        await form.ChooseAsync("数据范围", "本部门及下级部门");
        await form.GetByTestId("perm-system.departments.manage").CheckAsync();
        await form.GetByTestId("perm-system.audit.read").CheckAsync();
        await form.GetByTestId("role-save").ClickAsync();
        await Expect(page.GetByText("已保存角色“销售经理”")).ToBeVisibleAsync();

        var row = page.GetByTestId("role-table").GetByRole(AriaRole.Row).Filter(new() { HasText = "sales-manager" });
        await Expect(row.Locator("td[data-label='角色']")).ToHaveTextAsync("销售经理");
        await Expect(row.Locator("td[data-label='数据范围']")).ToHaveTextAsync("本部门及下级部门");
        await Expect(row.Locator("td[data-label='权限数']")).ToHaveTextAsync("2");
    }

    /// <summary>Creates 李四 in 华东组 as 销售经理 and returns the one-time password the page shows.</summary>
    static async Task<string> CreateUserAsync(IPage page)
    {
        await OpenFromMenuAsync(page, "用户");
        var form = page.GetByTestId("user-form");

        await page.GetByRole(AriaRole.Button, new() { Name = "新建用户" }).ClickAsync();
        await form.GetByTestId("user-username").FillAsync(SalesManager);
        await form.GetByTestId("user-displayname").FillAsync("李四");
        await form.ChooseAsync("部门", "华东组");
        await form.GetByTestId("user-role-sales-manager").CheckAsync();
        await form.GetByTestId("user-save").ClickAsync();

        var alert = page.GetByTestId("one-time-password");
        await Expect(alert).ToContainTextAsync($"用户 {SalesManager} 的初始密码");
        var password = await alert.Locator("code").InnerTextAsync();
        Assert.False(string.IsNullOrWhiteSpace(password));

        var row = page.GetByTestId("user-table").GetByRole(AriaRole.Row).Filter(new() { HasText = SalesManager });
        await Expect(row.Locator("td[data-label='姓名']")).ToHaveTextAsync("李四");
        await Expect(row.Locator("td[data-label='部门']")).ToHaveTextAsync("华东组");
        await Expect(row.Locator("td[data-label='角色']")).ToHaveTextAsync("销售经理");
        await Expect(row.Locator("td[data-label='状态']")).ToContainTextAsync("待改密");
        return password.Trim();
    }

    static async Task AuditLogShowsTheSetUpAsync(IPage page)
    {
        await OpenFromMenuAsync(page, "操作日志");
        var table = page.GetByTestId("audit-table");

        await ExpectAuditedByAdminAsync(table, "login", "CrmUser", "登录");
        await ExpectAuditedByAdminAsync(table, "create", "Department", "销售部");
        await ExpectAuditedByAdminAsync(table, "create", "Department", "华东组");
        await ExpectAuditedByAdminAsync(table, "create", "CrmRole", "创建角色 销售经理");
        await ExpectAuditedByAdminAsync(table, "set-permissions", "CrmRole", "system.audit.read, system.departments.manage");
        await ExpectAuditedByAdminAsync(table, "create", "CrmUser", SalesManager);
        await ExpectAuditedByAdminAsync(table, "set-roles", "CrmUser", $"修改用户 {SalesManager} 的角色");

        // Only role changes once the object type is chosen.
        var filters = page.GetByTestId("audit-filters");
        await filters.ChooseAsync("对象类型", "CrmRole");
        await page.GetByTestId("audit-search").ClickAsync();
        var objects = table.Locator("td[data-label='对象']");
        await Expect(objects.Filter(new() { HasNotText = "CrmRole" })).ToHaveCountAsync(0);
        await Expect(objects).ToHaveCountAsync(2);
        await ExpectAuditedByAdminAsync(table, "create", "CrmRole", "创建角色 销售经理");

        // Only the administrator's actions on users once the user name is given too.
        await filters.ChooseAsync("对象类型", "CrmUser");
        await filters.GetByLabel("用户名").FillAsync(CrmHostFactory.AdminName);
        await page.GetByTestId("audit-search").ClickAsync();
        await Expect(objects.Filter(new() { HasNotText = "CrmUser" })).ToHaveCountAsync(0);
        await ExpectAuditedByAdminAsync(table, "login", "CrmUser", "登录");
        await ExpectAuditedByAdminAsync(table, "create", "CrmUser", SalesManager);
        await Expect(table.Locator("td[data-label='用户']").Filter(new() { HasNotText = CrmHostFactory.AdminName })).ToHaveCountAsync(0);
    }

    static async Task ExpectAuditedByAdminAsync(ILocator table, string action, string entityType, string detail)
    {
        var row = table.GetByRole(AriaRole.Row)
            .Filter(new() { Has = table.Page.Locator("td[data-label='操作']", new() { HasTextRegex = new Regex($"^{action}$") }) })
            .Filter(new() { Has = table.Page.Locator("td[data-label='对象']", new() { HasText = entityType }) })
            .Filter(new() { HasText = detail });
        await Expect(row.First.Locator("td[data-label='用户']")).ToHaveTextAsync(CrmHostFactory.AdminName);
    }

    async Task MustChangePasswordAsync(IPage page, string current, string next)
    {
        await Expect(page).ToHaveURLAsync(UrlOf("/account/change-password"));
        await Expect(page.GetByTestId("must-change")).ToContainTextAsync("请设置新密码");
        await page.GetByLabel("当前密码", new() { Exact = true }).FillAsync(current);
        await page.GetByLabel("新密码", new() { Exact = true }).FillAsync(next);
        await page.GetByLabel("确认新密码", new() { Exact = true }).FillAsync(next);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存新密码" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
    }

    static async Task SignOutAsync(IPage page)
    {
        await WaitUntilInteractiveAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "退出" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "登录" })).ToBeVisibleAsync();
    }

    /// <summary>Opens a 系统管理 page from the main menu, as a user would, and waits until its buttons work.</summary>
    static async Task OpenFromMenuAsync(IPage page, string entry)
    {
        await WaitUntilInteractiveAsync(page);
        await MenuEntry(page.GetByTestId("main-menu"), entry).ClickAsync();
        await Expect(page).ToHaveTitleAsync($"{entry} - CrmHost");
        await WaitUntilInteractiveAsync(page);
    }

    static ILocator MenuEntry(ILocator menu, string entry) => menu.GetByRole(AriaRole.Link, new() { Name = entry, Exact = true });

    /// <summary>Clicks 刷新 until <paramref name="row"/> shows <paramref name="text"/>: the page does not update by itself.</summary>
    static async Task RefreshUntilAsync(IPage page, ILocator row, string text)
    {
        var refresh = page.GetByRole(AriaRole.Button, new() { Name = "刷新" });
        var deadline = DateTime.UtcNow + BrowserHost.Timeout;
        while (true)
        {
            await refresh.ClickAsync();
            try
            {
                await Expect(row).ToContainTextAsync(text, new() { Timeout = 2000 });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
