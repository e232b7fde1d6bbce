using System.Net;
using Crm.E2E.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Crm.E2E.Tests.Customers;

/// <summary>客户查重 and 客户合并 as a data administrator does them: the duplicates page from the menu, the merge page
/// with its field-by-field choice and confirmation, and what the survivor and the merged record show afterwards.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerMergeTests(BrowserHost browser, ITestOutputHelper output)
    : BrowserTest(browser, output), IClassFixture<BrowserHost>
{
    const string Older = "深圳市腾讯科技有限公司", Newer = "腾讯科技（深圳）有限公司", Unrelated = "北京字节跳动科技有限公司";
    // A valid unified social credit code (GB 32100 check character).
    const string CreditCode = "91440300708461136T";

    [Fact]
    public Task Administrator_finds_two_records_of_one_company_and_merges_them_into_the_older() => InBrowserAsync(async page =>
    {
        var admin = await Host.AdminClientAsync();
        var (olderId, olderCode) = await CreateCustomerAsync(admin, new { name = Older, primaryContact = new { name = "张经理", mobile = "13800138001" } });
        var (newerId, _) = await CreateCustomerAsync(admin, new { name = Newer, creditCode = CreditCode, primaryContact = new { name = "李主任", mobile = "13900139002" } });
        await CreateCustomerAsync(admin, new { name = Unrelated });
        await admin.PostJsonAsync($"/api/customers/{olderId}/followups", new { summary = "电话回访", at = "2026-01-05T10:00:00+08:00" }, HttpStatusCode.Created);
        await admin.PostJsonAsync($"/api/customers/{newerId}/followups", new { summary = "上门拜访", at = "2026-03-01T09:30:00+08:00" }, HttpStatusCode.Created);

        await SignInAsAdminAsync(page);
        await WaitUntilInteractiveAsync(page);
        await MenuEntry(page, "客户查重").ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/customers/duplicates"));
        await Expect(page).ToHaveTitleAsync("客户查重 - CrmHost");

        // The name tab: one group, the two Tencent records, named by their common core; the unrelated customer is not in it.
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "名称相似" })).ToHaveAttributeAsync("aria-selected", "true");
        var group = page.GetByTestId("duplicate-group");
        await Expect(group).ToHaveCountAsync(1);
        await Expect(group.GetByTestId("duplicate-reason")).ToContainTextAsync("「腾讯科技」");
        var members = group.GetByTestId("duplicate-member");
        await Expect(members).ToHaveCountAsync(2);
        await Expect(members.Nth(0)).ToContainTextAsync(Older);
        await Expect(members.Nth(1)).ToContainTextAsync(Newer);
        await Expect(group).Not.ToContainTextAsync(Unrelated);

        await group.GetByTestId("duplicate-merge").ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf($"/customers/merge?ids={olderId},{newerId}"));
        var comparison = page.GetByTestId("merge-comparison");
        await comparison.GetByRole(AriaRole.Radio, new() { Name = $"保留 {olderCode}" }).CheckAsync();
        var creditCode = comparison.GetByTestId("merge-field-creditCode");
        var taken = creditCode.GetByRole(AriaRole.Radio, new() { Name = $"企业 · {CreditCode}" });
        var empty = creditCode.GetByRole(AriaRole.Radio, new() { Name = "（空）" });
        // The survivor has none, so the other record's is the default; the user may still choose either.
        await Expect(taken).ToBeCheckedAsync();
        await empty.CheckAsync();
        await Expect(taken).Not.ToBeCheckedAsync();
        await taken.CheckAsync();
        await Expect(empty).Not.ToBeCheckedAsync();

        // Without a reason the merge is not even offered for confirmation.
        var reason = page.GetByRole(AriaRole.Textbox, new() { Name = "合并原因" });
        await page.GetByTestId("merge-submit").ClickAsync();
        await Expect(page.GetByTestId("merge-reason-field")).ToContainTextAsync("请填写合并原因");
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await reason.FillAsync("同一家公司重复建档");
        await Expect(page.GetByTestId("merge-reason-field")).Not.ToContainTextAsync("请填写合并原因");
        await ConfirmMergeAsync(page);

        // The survivor: its own name, the credit code taken from the other record, both contacts.
        await Expect(page).ToHaveURLAsync(UrlOf($"/customers/{olderId}"));
        await Expect(page.GetByText($"已合并 1 个客户到 {olderCode}")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(Older);
        await Expect(page.GetByTestId("customer-credit-code")).ToHaveTextAsync(CreditCode);
        await page.GetByRole(AriaRole.Tab, new() { Name = "联系人" }).ClickAsync();
        var contacts = page.GetByTestId("contact-table").Locator("tbody tr");
        await Expect(contacts).ToHaveCountAsync(2);
        await Expect(contacts.Filter(new() { HasText = "张经理" }).GetByTestId("contact-primary")).ToBeVisibleAsync();
        await Expect(contacts.Filter(new() { HasText = "李主任" })).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Tab, new() { Name = "跟进记录" }).ClickAsync();
        await Expect(page.GetByText("上门拜访")).ToBeVisibleAsync();

        // The merged record, from the recycle bin: points at the survivor, cannot be restored.
        await page.GotoAsync($"/customers/{newerId}?deleted=true");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("customer-deleted")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("customer-merged-into")).ToHaveTextAsync($"已合并到 {olderCode}");
        await Expect(page.GetByTestId("customer-restore")).ToHaveCountAsync(0);
        await page.GetByTestId("customer-merged-into").ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf($"/customers/{olderId}"));
        await Expect(page.GetByTestId("customer-name")).ToHaveTextAsync(Older);

        // Nothing left to merge.
        await page.GotoAsync("/customers/duplicates");
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("duplicates-empty")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("duplicate-group")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_record_changed_meanwhile_stops_the_merge_and_the_page_shows_it_as_it_is_now_in_the_same_column() => InBrowserAsync(async page =>
    {
        // Two names of nothing in common, one mobile: a group on the mobile tab only (the name tab is the other test's).
        var admin = await Host.AdminClientAsync();
        const string first = "广州市云帆贸易有限公司", second = "佛山市海川物流有限公司";
        var (firstId, firstCode) = await CreateCustomerAsync(admin, new { name = first, remarks = "老客户", primaryContact = new { name = "王工", mobile = "13700137003" } });
        var (secondId, secondCode) = await CreateCustomerAsync(admin, new { name = second, remarks = "展会录入", primaryContact = new { name = "赵工", mobile = "13700137003" } });

        await SignInAsAdminAsync(page);
        await page.GotoAsync("/customers/duplicates");
        await WaitUntilInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "手机号相同" }).ClickAsync();
        var group = page.GetByTestId("duplicate-group").Filter(new() { HasText = "137****7003" });
        await Expect(group.GetByTestId("duplicate-reason")).ToHaveTextAsync("联系人手机号相同（137****7003）");
        await Expect(group.GetByTestId("duplicate-member")).ToHaveCountAsync(2);
        await group.GetByTestId("duplicate-merge").ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf($"/customers/merge?ids={firstId},{secondId}"));

        // The second record stays: the defaults follow it.
        var comparison = page.GetByTestId("merge-comparison");
        await comparison.GetByRole(AriaRole.Radio, new() { Name = $"保留 {secondCode}" }).CheckAsync();
        var remarks = comparison.GetByTestId("merge-field-remarks");
        await Expect(remarks.GetByRole(AriaRole.Radio, new() { Name = "展会录入" })).ToBeCheckedAsync();

        // Someone edits the other record before the merge is confirmed: nothing is merged, the page shows it as it is now.
        await admin.PutJsonAsync($"/api/customers/{firstId}", new { name = first, remarks = "别人改过" });
        await page.GetByRole(AriaRole.Textbox, new() { Name = "合并原因" }).FillAsync("同一联系人");
        await ConfirmMergeAsync(page);
        await Expect(page.GetByTestId("merge-error")).ToHaveTextAsync("数据已被其他人修改，请查看最新内容后重新保存");
        await Expect(page).ToHaveURLAsync(UrlOf($"/customers/merge?ids={firstId},{secondId}"));
        var headers = comparison.GetByRole(AriaRole.Columnheader);
        await Expect(headers.Nth(1)).ToContainTextAsync($"保留 {firstCode}");
        await Expect(headers.Nth(2)).ToContainTextAsync($"保留 {secondCode}");
        await Expect(comparison.GetByRole(AriaRole.Radio, new() { Name = $"保留 {secondCode}" })).ToBeCheckedAsync();
        await Expect(remarks.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync("别人改过");
        await Expect(remarks.GetByRole(AriaRole.Radio, new() { Name = "展会录入" })).ToBeCheckedAsync();

        // A second try merges.
        await ConfirmMergeAsync(page);
        await Expect(page).ToHaveURLAsync(UrlOf($"/customers/{secondId}"));
        await page.GetByRole(AriaRole.Tab, new() { Name = "联系人" }).ClickAsync();
        await Expect(page.GetByTestId("contact-table").Locator("tbody tr")).ToHaveCountAsync(2);
    });

    [Fact]
    public Task A_user_without_the_merge_permission_has_no_duplicates_menu_entry_nor_page() => InBrowserAsync(async page =>
    {
        var admin = await Host.AdminClientAsync();
        var (user, password) = await CreateUserAsync(admin, ["customers.read", "customers.edit", "customers.delete"]);

        await page.GotoAsync("/account/login");
        await SignInAsync(page, user, password);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
        await WaitUntilInteractiveAsync(page);
        await Expect(MenuEntry(page, "客户")).ToBeVisibleAsync();
        await Expect(MenuEntry(page, "客户查重")).ToHaveCountAsync(0);

        await page.GotoAsync("/customers/duplicates");
        await Expect(page.GetByText("当前用户没有访问此页面的权限。")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("duplicate-tabs")).ToHaveCountAsync(0);
        await page.GotoAsync("/customers/merge?ids=1,2");
        await Expect(page.GetByText("当前用户没有访问此页面的权限。")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("merge-comparison")).ToHaveCountAsync(0);
    });

    static async Task ConfirmMergeAsync(IPage page)
    {
        await page.GetByTestId("merge-submit").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("此操作不能撤销");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "合并", Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    static ILocator MenuEntry(IPage page, string entry) =>
        page.GetByTestId("main-menu").GetByRole(AriaRole.Link, new() { Name = entry, Exact = true });

    static async Task<(long Id, string Code)> CreateCustomerAsync(HttpClient admin, object form)
    {
        var customer = await admin.PostJsonAsync("/api/customers", form, HttpStatusCode.Created);
        return (customer.GetProperty("id").GetInt64(), customer.Str("code"));
    }

    /// <summary>Signs in as the administrator that <see cref="CrmHostFactory.AdminClientAsync"/> made (resetting it again
    /// would end that client's token).</summary>
    async Task SignInAsAdminAsync(IPage page)
    {
        await page.GotoAsync("/account/login");
        await SignInAsync(page, CrmHostFactory.AdminName, CrmHostFactory.AdminPassword);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
    }
}
