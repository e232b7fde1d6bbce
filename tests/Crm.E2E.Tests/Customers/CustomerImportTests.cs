using System.Net;
using System.Text;
using Crm.E2E.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Crm.E2E.Tests.Customers;

/// <summary>The host with a small import size limit, so that "too large" is quick to reach.</summary>
public sealed class ImportBrowserHost : BrowserHost
{
    public const int MaxMegabytes = 1;

    protected override Task BeforeHostStartsAsync()
    {
        Host.Settings["Customers:ImportMaxMegabytes"] = MaxMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }
}

[Collection(BrowserCollection.Name)]
public sealed class CustomerImportTests(ImportBrowserHost browser, ITestOutputHelper output)
    : BrowserTest(browser, output), IClassFixture<ImportBrowserHost>
{
    static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding("GB18030")!;

    [Fact]
    public Task Administrator_imports_a_messy_GB18030_file_rejects_an_unknown_industry_downloads_the_errors_and_undoes_it() => InBrowserAsync(async page =>
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        const string good1 = "深圳市云帆智能装备有限公司", badMobile = "广州海川国际贸易有限公司", badCode = "东莞市金石五金实业有限公司",
            unknownIndustry = "佛山青松冷链物流有限公司", good2 = "珠海明月精密电子有限公司", likeGood1 = "深圳云帆智能装备有限公司";
        // A spreadsheet as people make them: marked and spaced headers, a blank line, GB18030 from an old Excel.
        var csv = string.Join("\r\n",
            "客户名称*, 统一社会信用代码 ,所属行业,联系人,手机号,备注",
            $"{good1},91440300MA5F1A2B37,制造业,张三,13800138000,老客户",
            $"{badMobile},91440300MA5F1A2B4A,制造业,李四,1380013,",
            $"{badCode},91440300MA5F1A2B38,制造业,王五,13900139000,",
            $"{unknownIndustry},91440300MA5F1A2B5D,火星采矿业,赵六,13700137000,展会认识",
            "",
            $"{good2},91440300MA5F1A2B6G,制造业,钱七,13600136000,",
            $"{likeGood1},91440300MA5F1A2B7K,制造业,孙八,13500135000,") + "\r\n";
        var fileName = $"客户名单{run}.csv";

        await SignInAsAdminAsync(page);
        await WaitUntilInteractiveAsync(page);
        await page.GetByTestId("main-menu").GetByRole(AriaRole.Link, new() { Name = "客户导入", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/customers/import"));
        await Expect(page.GetByTestId("import-max-size")).ToContainTextAsync($"最大 {ImportBrowserHost.MaxMegabytes} MB");

        // 上传文件: read as GB18030 without being told.
        await ChooseFileAsync(page, fileName, Gb18030.GetBytes(csv));
        await Expect(page.GetByTestId("import-file-summary")).ToContainTextAsync("GB18030");
        await Expect(page.GetByTestId("import-preview")).ToContainTextAsync(good1);

        // 字段对应: the suggested mapping.
        await page.GetByTestId("import-to-mapping").ClickAsync();
        await ExpectMappedAsync(page, "客户名称*", "客户名称");
        await ExpectMappedAsync(page, "统一社会信用代码", "统一社会信用代码");
        await ExpectMappedAsync(page, "所属行业", "行业");
        await ExpectMappedAsync(page, "手机号", "手机");
        await Expect(page.GetByTestId("import-mapping-error")).ToHaveCountAsync(0);

        // 导入设置 as they come, then 试运行.
        await page.GetByTestId("import-to-settings").ClickAsync();
        await page.GetByTestId("import-to-dryrun").ClickAsync();
        var dryRun = page.GetByTestId("import-dryrun");
        await Expect(dryRun.GetByTestId("import-dryrun-total")).ToContainTextAsync("共 6 行");
        await ExpectCountAsync(dryRun, "new", 3);
        await ExpectCountAsync(dryRun, "duplicates", 1);
        await Expect(dryRun.GetByTestId("import-duplicates")).ToContainTextAsync(likeGood1);
        await Expect(dryRun.GetByTestId("import-duplicates")).ToContainTextAsync("疑似重复");
        var errors = dryRun.GetByTestId("import-errors");
        await Expect(ErrorRow(errors, 3)).ToContainTextAsync("手机");
        await Expect(ErrorRow(errors, 3)).ToContainTextAsync(badMobile);
        await Expect(ErrorRow(errors, 4)).ToContainTextAsync("统一社会信用代码校验位不正确");
        await ExpectCountAsync(dryRun, "failed", 3);

        // The unknown industry (its rows fail until decided): reject them; the changed choice needs another dry run
        // before the import may start.
        var unknown = dryRun.GetByTestId("import-unknown-value").Filter(new() { HasText = "火星采矿业" });
        await Expect(unknown).ToContainTextAsync("行业");
        await Expect(unknown).ToContainTextAsync("未选择：这些行导入失败");
        await unknown.ChooseAsync("处理方式", "拒绝这些行");
        await Expect(page.GetByTestId("import-run")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("import-run-blocked")).ToContainTextAsync("重新试运行");
        await page.GetByTestId("import-analyze").ClickAsync();
        await ExpectCountAsync(dryRun, "failed", 3);
        await ExpectCountAsync(dryRun, "new", 3);
        await Expect(ErrorRow(errors, 5)).ToContainTextAsync("火星采矿业");
        await Expect(unknown).ToContainTextAsync("这 1 行不导入，进入错误文件");
        await Expect(page.GetByTestId("import-run")).ToBeEnabledAsync();

        // 导入: the progress runs to the end.
        await page.GetByTestId("import-run").ClickAsync();
        var batch = page.GetByTestId("import-batch");
        await Expect(batch).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(batch.GetByTestId("import-progress-bar")).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(batch.GetByTestId("import-progress-text")).ToContainTextAsync("已处理 6 / 6 行");
        await ExpectCountAsync(batch, "new", 3);
        await ExpectCountAsync(batch, "failed", 3);
        await ExpectCountAsync(batch, "flagged", 1);
        var importUrl = page.Url;
        Assert.Contains("/customers/import?batch=", importUrl, StringComparison.Ordinal);

        // The error file: the failed rows as they were, each with its reasons.
        var download = await page.RunAndWaitForDownloadAsync(() => batch.GetByTestId("import-error-file").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var errorFile = DecodeCsv(await File.ReadAllBytesAsync((await download.PathAsync())!));
        var lines = errorFile.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("错误原因", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Length);
        Assert.Contains(lines, l => l.Contains(badMobile, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(badCode, StringComparison.Ordinal) && l.Contains("校验位", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(unknownIndustry, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(good1, StringComparison.Ordinal));

        // The possible duplicate was imported marked 待修正: the list filtered to those shows it alone.
        await batch.GetByTestId("import-view-flagged").ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/customers?flagged=true"));
        await WaitUntilInteractiveAsync(page);
        await Expect(page.GetByLabel("只看待修正（如导入的疑似重复）")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("customer-table").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("customer-table").Locator("tbody tr")).ToContainTextAsync(likeGood1);
        await page.GetByTestId("customer-table").GetByTestId("customer-link").ClickAsync();
        await Expect(page.GetByTestId("customer-review-note")).ToContainTextAsync($"疑似重复：与第 2 行「{good1}」名称相近");
        await page.GotoAsync(importUrl);
        await WaitUntilInteractiveAsync(page);

        // The imported customers are in the list.
        await Expect(batch).ToHaveAttributeAsync("data-status", "Completed");
        await batch.GetByTestId("import-view-customers").ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/customers"));
        var table = page.GetByTestId("customer-table");
        await SearchCustomersAsync(page, "有限公司");
        await Expect(table.Locator("tbody tr").Filter(new() { HasText = good1 })).ToHaveCountAsync(1);
        await Expect(table.Locator("tbody tr").Filter(new() { HasText = good2 })).ToHaveCountAsync(1);
        await Expect(table.Locator("tbody tr").Filter(new() { HasText = likeGood1 })).ToHaveCountAsync(1);
        await Expect(table.Locator("tbody tr").Filter(new() { HasText = badMobile })).ToHaveCountAsync(0);

        // 导入记录: the batch, and undo takes the customers away again.
        await page.GetByTestId("main-menu").GetByRole(AriaRole.Link, new() { Name = "导入记录", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(UrlOf("/customers/imports"));
        var row = page.GetByTestId("import-history").Locator("tbody tr").Filter(new() { HasText = fileName });
        await Expect(row.GetByTestId("import-history-status")).ToHaveTextAsync("已完成");
        await Expect(row.GetByTestId("import-history-counts")).ToHaveTextAsync("新增 3 · 失败 3 · 待修正 1");
        await Expect(row.GetByTestId("import-history-errors")).ToBeVisibleAsync();
        await row.GetByTestId("import-history-undo").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("新增的 3 个客户将被删除");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "撤销", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("import-undo-result")).ToContainTextAsync("删除 3 个");
        await Expect(row.GetByTestId("import-history-status")).ToHaveTextAsync("已撤销");
        await Expect(row.GetByTestId("import-history-undo")).ToHaveCountAsync(0);

        await page.GotoAsync("/customers");
        await WaitUntilInteractiveAsync(page);
        await SearchCustomersAsync(page, "云帆智能");
        await Expect(page.GetByTestId("customer-table")).ToContainTextAsync("没有符合条件的客户");
    });

    [Fact]
    public Task Upload_problems_are_explained_and_nothing_goes_further() => InBrowserAsync(async page =>
    {
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/customers/import");
        await WaitUntilInteractiveAsync(page);
        var error = page.GetByTestId("import-upload-error");

        await ChooseFileAsync(page, "空文件.csv", []);
        await Expect(error).ToContainTextAsync("文件是空的");
        await Expect(page.GetByTestId("import-to-mapping")).ToHaveCountAsync(0);

        await ChooseFileAsync(page, "旧版表格.xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        await Expect(error).ToContainTextAsync("不支持的文件类型");

        await ChooseFileAsync(page, "太大.csv", new byte[ImportBrowserHost.MaxMegabytes * 1024 * 1024 + 1]);
        await Expect(error).ToContainTextAsync($"最大 {ImportBrowserHost.MaxMegabytes} MB");

        await ChooseFileAsync(page, "只有标题.csv", Encoding.UTF8.GetBytes("客户名称,手机号\r\n"));
        await Expect(error).ToContainTextAsync("没有数据");
        await Expect(page.GetByTestId("import-to-mapping")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Choosing_another_encoding_or_sheet_reads_the_file_again() => InBrowserAsync(async page =>
    {
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/customers/import");
        await WaitUntilInteractiveAsync(page);
        var upload = page.GetByTestId("import-upload");
        var summary = page.GetByTestId("import-file-summary");

        // A GB18030 file read as UTF-8 is refused with the reader's reason; automatic detection reads it again.
        await ChooseFileAsync(page, "客户.csv", Gb18030.GetBytes("客户名称,手机号\r\n深圳市南山区测试有限公司,13800138000\r\n"));
        await Expect(summary).ToContainTextAsync("GB18030");
        await upload.ChooseAsync("文件编码（CSV）", "UTF-8");
        await Expect(page.GetByTestId("import-upload-error")).ToContainTextAsync("UTF-8");
        await Expect(summary).ToHaveCountAsync(0);
        await upload.ChooseAsync("文件编码（CSV）", "自动检测");
        await Expect(summary).ToContainTextAsync("GB18030");
        await Expect(page.GetByTestId("import-upload-error")).ToHaveCountAsync(0);

        // A workbook with an instructions sheet first: the customers are on the second sheet.
        await ChooseFileAsync(page, "客户.xlsx", Workbook(
            ("填写说明", [["说明"], ["请在“客户”工作表填写"]]),
            ("客户", [["客户名称", "手机号"], ["深圳市福田区工作表测试有限公司", "13900139000"]])));
        await Expect(summary).ToContainTextAsync("工作表“填写说明”");
        await upload.ChooseAsync("工作表", "客户");
        await Expect(summary).ToContainTextAsync("工作表“客户”");
        await Expect(page.GetByTestId("import-preview")).ToContainTextAsync("深圳市福田区工作表测试有限公司");
        await page.GetByTestId("import-to-mapping").ClickAsync();
        await ExpectMappedAsync(page, "客户名称", "客户名称");
        await ExpectMappedAsync(page, "手机号", "手机");
    });

    [Fact]
    public Task A_mapping_made_by_hand_is_checked_and_saved_as_a_template_and_an_unknown_value_is_mapped_to_an_existing_option() => InBrowserAsync(async page =>
    {
        // Headers the import does not know: nothing is mapped at first.
        var csv = Encoding.UTF8.GetBytes("甲方,甲方负责人,甲方负责人电话,甲方简称\r\n深圳市模板测试有限公司,周九,13800138000,模板测试\r\n");
        await SignInAsAdminAsync(page);
        await page.GotoAsync("/customers/import");
        await WaitUntilInteractiveAsync(page);
        await ChooseFileAsync(page, "渠道名单.csv", csv);
        await Expect(page.GetByTestId("import-upload-warning")).ToContainTextAsync("没有识别出任何列");
        await page.GetByTestId("import-to-mapping").ClickAsync();
        var mapping = page.GetByTestId("import-mapping");
        await Expect(mapping.GetByTestId("import-mapping-missing")).ToContainTextAsync("客户名称");
        await Expect(page.GetByTestId("import-to-settings")).ToBeDisabledAsync();

        // Two columns on one field: the engine's objection, and no way on.
        await Row(page, "甲方").ChooseAsync("导入到", "客户名称");
        await Row(page, "甲方简称").ChooseAsync("导入到", "客户名称");
        await Expect(mapping.GetByTestId("import-mapping-error")).ToContainTextAsync("不能映射到同一个字段「客户名称」");
        await Expect(Row(page, "甲方简称")).ToContainTextAsync("与其他列对应了同一个字段");
        await Expect(page.GetByTestId("import-to-settings")).ToBeDisabledAsync();
        await Row(page, "甲方简称").ChooseAsync("导入到", "不导入");
        await Row(page, "甲方负责人").ChooseAsync("导入到", "联系人");
        await Row(page, "甲方负责人电话").ChooseAsync("导入到", "手机");
        await Expect(mapping.GetByTestId("import-mapping-error")).ToHaveCountAsync(0);
        await Expect(mapping.GetByTestId("import-mapping-missing")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("import-to-settings")).ToBeEnabledAsync();

        await mapping.GetByLabel("模板名称").FillAsync("渠道名单模板");
        await mapping.GetByTestId("import-mapping-save").ClickAsync();
        await Expect(page.GetByText("已保存导入模板“渠道名单模板”")).ToBeVisibleAsync();

        // The next file, read with the template: its known headers are mapped, a new column is mapped by hand.
        await page.GetByTestId("import-step-upload").ClickAsync();
        var upload = page.GetByTestId("import-upload");
        await upload.ChooseAsync("导入模板（字段对应）", "渠道名单模板");
        await ChooseFileAsync(page, "渠道名单2.csv",
            Encoding.UTF8.GetBytes("甲方,甲方负责人,甲方负责人电话,甲方简称,渠道\r\n深圳市模板测试有限公司,周九,13800138000,模板测试,朋友推荐\r\n"));
        await Expect(page.GetByTestId("import-file-summary")).ToContainTextAsync("渠道名单2.csv");
        await page.GetByTestId("import-to-mapping").ClickAsync();
        await ExpectMappedAsync(page, "甲方", "客户名称");
        await ExpectMappedAsync(page, "甲方负责人", "联系人");
        await ExpectMappedAsync(page, "甲方负责人电话", "手机");
        await ExpectMappedAsync(page, "甲方简称", "不导入");
        await ExpectMappedAsync(page, "渠道", "不导入");
        await Row(page, "渠道").ChooseAsync("导入到", "客户来源");

        // The source the dictionary does not know is mapped to an existing option; then the row imports.
        await page.GetByTestId("import-to-settings").ClickAsync();
        await page.GetByTestId("import-to-dryrun").ClickAsync();
        var dryRun = page.GetByTestId("import-dryrun");
        await ExpectCountAsync(dryRun, "failed", 1);
        var unknown = dryRun.GetByTestId("import-unknown-value").Filter(new() { HasText = "朋友推荐" });
        await unknown.ChooseAsync("处理方式", "映射到已有选项");
        await unknown.ChooseAsync("选项", "客户推荐");
        await page.GetByTestId("import-analyze").ClickAsync();
        await ExpectCountAsync(dryRun, "failed", 0);
        await ExpectCountAsync(dryRun, "new", 1);
        await Expect(unknown).ToContainTextAsync("客户推荐");
        await page.GetByTestId("import-run").ClickAsync();
        var batch = page.GetByTestId("import-batch");
        await Expect(batch).ToHaveAttributeAsync("data-status", "Completed");
        await ExpectCountAsync(batch, "new", 1);
        await Expect(batch.GetByTestId("import-error-file")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task A_contacts_file_adds_contacts_to_the_customers_it_names() => InBrowserAsync(async page =>
    {
        var admin = await Host.AdminClientAsync();
        const string customer = "杭州西湖联系人导入测试有限公司";
        var created = await admin.PostJsonAsync("/api/customers", new { name = customer }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        var csv = Encoding.UTF8.GetBytes($"客户名称,联系人,职位,手机\r\n{customer},吴十,财务总监,13912345678\r\n不存在的客户有限公司,郑十一,采购,13812345679\r\n");

        await SignInAsAdminAsync(page);
        await page.GotoAsync("/customers/import");
        await WaitUntilInteractiveAsync(page);
        await page.GetByTestId("import-upload").GetByRole(AriaRole.Radio, new() { Name = "联系人（添加到已有客户）" }).CheckAsync();
        await ChooseFileAsync(page, "联系人.csv", csv);
        await Expect(page.GetByTestId("import-file-summary")).ToContainTextAsync("联系人.csv");
        await page.GetByTestId("import-to-mapping").ClickAsync();
        await ExpectMappedAsync(page, "客户名称", "客户名称");
        await ExpectMappedAsync(page, "联系人", "联系人");
        await ExpectMappedAsync(page, "手机", "手机");

        // A contacts file has no mode of its own: the settings say how the customer is found.
        await page.GetByTestId("import-to-settings").ClickAsync();
        await Expect(page.GetByTestId("import-contacts-mode")).ToContainTextAsync("添加到文件中指定的已有客户");
        await Expect(page.GetByTestId("import-mode")).ToHaveCountAsync(0);
        await page.GetByTestId("import-to-dryrun").ClickAsync();
        var dryRun = page.GetByTestId("import-dryrun");
        await ExpectCountAsync(dryRun, "new", 1);
        await ExpectCountAsync(dryRun, "failed", 1);
        await Expect(ErrorRow(dryRun.GetByTestId("import-errors"), 3)).ToContainTextAsync("没有找到");

        await page.GetByTestId("import-run").ClickAsync();
        var batch = page.GetByTestId("import-batch");
        await Expect(batch).ToHaveAttributeAsync("data-status", "Completed");
        await Expect(batch).ToContainTextAsync("添加联系人");
        await ExpectCountAsync(batch, "new", 1);

        await page.GotoAsync($"/customers/{id}");
        await WaitUntilInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "联系人" }).ClickAsync();
        await Expect(page.GetByTestId("contact-table")).ToContainTextAsync("吴十");
    });

    [Fact]
    public Task A_user_without_the_import_permission_has_no_menu_item_and_is_refused_the_pages() => InBrowserAsync(async page =>
    {
        var admin = await Host.AdminClientAsync();
        var (reader, password) = await CreateUserAsync(admin, ["customers.read"]);

        await page.GotoAsync("/account/login");
        await SignInAsync(page, reader, password);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
        await WaitUntilInteractiveAsync(page);
        var menu = page.GetByTestId("main-menu");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "客户", Exact = true })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "客户导入", Exact = true })).ToHaveCountAsync(0);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "导入记录", Exact = true })).ToHaveCountAsync(0);

        foreach (var path in new[] { "/customers/import", "/customers/imports" })
        {
            await page.GotoAsync(path);
            await Expect(page.GetByText("当前用户没有访问此页面的权限。")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("import-upload")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("import-history")).ToHaveCountAsync(0);
        }
    });

    static async Task ChooseFileAsync(IPage page, string name, byte[] content)
    {
        // The file input listens once the circuit has set it up (the step says so); MudFileUpload keeps the input of the
        // previous choice, hidden, beside a fresh one.
        var upload = page.GetByTestId("import-upload");
        await Expect(upload).ToHaveAttributeAsync("data-ready", "true");
        var input = upload.Locator("input[type=file]:not(.d-none)");
        await input.SetInputFilesAsync(new FilePayload { Name = name, MimeType = "application/octet-stream", Buffer = content });
    }

    static ILocator Row(IPage page, string header) => page.Locator($"[data-testid=import-mapping-row][data-header='{header}']");

    static Task ExpectMappedAsync(IPage page, string header, string field) =>
        Expect(Row(page, header).GetByRole(AriaRole.Combobox, new() { Name = "导入到" })).ToHaveTextAsync(field);

    static Task ExpectCountAsync(ILocator scope, string key, int value) =>
        Expect(scope.GetByTestId($"import-count-{key}").GetByTestId("import-count-value")).ToHaveTextAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    static ILocator ErrorRow(ILocator errors, int row) =>
        errors.Locator("tbody tr").Filter(new() { Has = errors.Page.GetByTestId("import-row-number").GetByText(row.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Exact = true }) });

    static async Task SearchCustomersAsync(IPage page, string text)
    {
        await WaitUntilInteractiveAsync(page);
        await page.GetByLabel("搜索").FillAsync(text);
        await page.GetByTestId("filter-apply").ClickAsync();
    }

    /// <summary>A minimal .xlsx workbook (inline strings) with the given sheets, as a spreadsheet program saves it.</summary>
    static byte[] Workbook(params (string Name, string[][] Rows)[] sheets)
    {
        const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create))
        {
            void Part(string path, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                writer.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml);
            }
            var numbers = Enumerable.Range(1, sheets.Length).ToList();
            Part("[Content_Types].xml",
                "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                string.Concat(numbers.Select(n => $"<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>")) +
                "</Types>");
            Part("_rels/.rels",
                $"<Relationships xmlns=\"{PackageRelationships}\"><Relationship Id=\"rId1\" Type=\"{Relationships}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Part("xl/workbook.xml",
                $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheets>" +
                string.Concat(numbers.Select(n => $"<sheet name=\"{sheets[n - 1].Name}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>")) + "</sheets></workbook>");
            Part("xl/_rels/workbook.xml.rels",
                $"<Relationships xmlns=\"{PackageRelationships}\">" +
                string.Concat(numbers.Select(n => $"<Relationship Id=\"rId{n}\" Type=\"{Relationships}/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>")) + "</Relationships>");
            foreach (var n in numbers)
            {
                var rows = sheets[n - 1].Rows.Select((cells, r) => $"<row r=\"{r + 1}\">" +
                    string.Concat(cells.Select((cell, c) => $"<c r=\"{(char)('A' + c)}{r + 1}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(cell)}</t></is></c>")) + "</row>");
                Part($"xl/worksheets/sheet{n}.xml", $"<worksheet xmlns=\"{Main}\"><sheetData>{string.Concat(rows)}</sheetData></worksheet>");
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The error file as text, whether it came as UTF-8 (with or without BOM) or in the upload's GB18030.</summary>
    static string DecodeCsv(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return Gb18030.GetString(bytes);
        }
    }

    async Task SignInAsAdminAsync(IPage page)
    {
        await Host.EnsureAdminAsync();
        await page.GotoAsync("/account/login");
        await SignInAsync(page, CrmHostFactory.AdminName, CrmHostFactory.AdminPassword);
        await Expect(page).ToHaveURLAsync(UrlOf("/"));
    }
}
