using Crm.E2E.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Crm.E2E.Tests.Dictionaries;

[Collection(BrowserCollection.Name)]
public sealed class DictionaryAdminTests(BrowserHost browser, ITestOutputHelper output)
    : BrowserTest(browser, output), IClassFixture<BrowserHost>
{
    [Fact]
    public Task Administrator_maintains_a_custom_flat_dictionary() => InBrowserAsync(async page =>
    {
        // A code of its own per run: the host's database may outlive one test run.
        var type = $"e2e_{Guid.NewGuid():N}"[..16];
        await Host.EnsureAdminAsync();
        await page.GotoAsync("/account/login");
        await SignInAsync(page, CrmHostFactory.AdminName, CrmHostFactory.AdminPassword);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));

        // A link clicked while the circuit of the page before is still starting can be lost (Blazor's enhanced
        // navigation racing the circuit start); people click a moment later, the test waits for the circuit.
        await WaitUntilInteractiveAsync(page);
        await page.GetByTestId("main-menu").GetByRole(AriaRole.Link, new() { Name = "数据字典", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/dictionaries"));

        // A custom flat type (平面 is the default).
        await page.GetByTestId("dictionary-type-new").ClickAsync();
        var typeForm = page.GetByTestId("dictionary-type-form");
        await typeForm.GetByLabel("编码", new() { Exact = true }).FillAsync(type);
        await typeForm.GetByLabel("名称", new() { Exact = true }).FillAsync("回访方式");
        await typeForm.GetByLabel("说明", new() { Exact = true }).FillAsync("客户回访时使用的方式");
        await page.GetByTestId("type-save").ClickAsync();
        await Expect(typeForm).ToBeHiddenAsync();
        await Expect(page.GetByTestId($"dictionary-type-{type}")).ToContainTextAsync("自定义");
        var entries = page.GetByTestId("dictionary-entries");
        await Expect(entries).ToContainTextAsync($"（{type}，平面，共 0 项）");

        // Two entries.
        await AddEntryAsync(page, "phone", "电话");
        await AddEntryAsync(page, "visit", "上门");
        var table = page.GetByTestId("dictionary-entry-table");
        var bodyRows = table.Locator("tbody tr");
        await Expect(bodyRows).ToHaveCountAsync(2);
        await Expect(bodyRows.First).ToContainTextAsync("phone");

        // An alias for the first.
        await Row(page, "phone").GetByTestId("entry-edit").ClickAsync();
        var entryForm = page.GetByTestId("dictionary-entry-form");
        await entryForm.GetByLabel("新别名", new() { Exact = true }).FillAsync("打电话");
        await page.GetByTestId("alias-add").ClickAsync();
        await Expect(Row(page, "phone").GetByTestId("entry-alias")).ToHaveTextAsync("打电话");
        await entryForm.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();
        await Expect(entryForm).ToBeHiddenAsync();

        // The second moves up.
        await Row(page, "visit").GetByTestId("entry-up").ClickAsync();
        await Expect(bodyRows.First).ToContainTextAsync("visit");
        await Expect(bodyRows.Nth(1)).ToContainTextAsync("phone");

        // One is disabled.
        await Row(page, "phone").GetByTestId("entry-enabled").ClickAsync();
        await Expect(Row(page, "phone").GetByTestId("entry-status")).ToHaveTextAsync("已停用");
        await Expect(Row(page, "visit").GetByTestId("entry-status")).ToHaveTextAsync("启用");

        // A duplicate code is refused under the code field.
        await page.GetByTestId("dictionary-entry-new").ClickAsync();
        await entryForm.GetByLabel("编码", new() { Exact = true }).FillAsync("phone");
        await entryForm.GetByLabel("名称", new() { Exact = true }).FillAsync("电话回访");
        await page.GetByTestId("entry-save").ClickAsync();
        await Expect(entryForm).ToContainTextAsync("编码已存在");
        await Expect(bodyRows).ToHaveCountAsync(2);
        await entryForm.GetByRole(AriaRole.Button, new() { Name = "取消", Exact = true }).ClickAsync();

        // The usage of an entry nobody uses is 0; it can be deleted.
        await Row(page, "visit").GetByTestId("entry-usage-load").ClickAsync();
        await Expect(Row(page, "visit").GetByTestId("entry-usage")).ToHaveTextAsync("0");
        await Row(page, "visit").GetByTestId("entry-delete").ClickAsync();
        await Expect(Row(page, "visit")).ToHaveCountAsync(0);
        await Expect(bodyRows).ToHaveCountAsync(1);
        await Expect(entries).ToContainTextAsync($"（{type}，平面，共 1 项）");
    });

    [Fact]
    public Task System_types_cannot_be_deleted_and_show_system() => InBrowserAsync(async page =>
    {
        await Host.EnsureAdminAsync();
        await page.GotoAsync("/account/login");
        await SignInAsync(page, CrmHostFactory.AdminName, CrmHostFactory.AdminPassword);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
        await page.GotoAsync("/dictionaries");
        await WaitUntilInteractiveAsync(page);

        await page.GetByTestId("dictionary-type-region").ClickAsync();
        await Expect(page.GetByTestId("dictionary-type-region")).ToContainTextAsync("系统");
        await Expect(page.GetByTestId("dictionary-picker-region")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("dictionary-type-delete")).ToHaveCountAsync(0);

        // A province has cities below it: deleting it is refused with the service's message, which stays on the page.
        await Row(page, "440000").GetByTestId("entry-delete").ClickAsync();
        await Expect(page.GetByTestId("dictionary-error")).ToContainTextAsync("个下级，不能删除");
        await Expect(Row(page, "440000")).ToHaveCountAsync(1);
    });

    static ILocator Row(IPage page, string code) =>
        page.GetByTestId("dictionary-entry-table").Locator("tbody tr").Filter(new() { Has = page.GetByTestId($"entry-row-{code}") });

    static async Task AddEntryAsync(IPage page, string code, string name)
    {
        await page.GetByTestId("dictionary-entry-new").ClickAsync();
        var form = page.GetByTestId("dictionary-entry-form");
        await form.GetByLabel("编码", new() { Exact = true }).FillAsync(code);
        await form.GetByLabel("名称", new() { Exact = true }).FillAsync(name);
        await page.GetByTestId("entry-save").ClickAsync();
        await Expect(form).ToBeHiddenAsync();
        await Expect(Row(page, code)).ToContainTextAsync(name);
    }
}
