using System.Net;
using System.Text;
using System.Text.Json;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Files;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Import;

/// <summary>What comes in besides a tidy file: nothing, a header alone, headers nobody recognises, repeated headers,
/// rows of the wrong length, Excel error values, dates written every way, a file too large; plus mapping templates and
/// a contacts file that adds contacts to customers imported before.</summary>
public sealed class ImportInputTests(ImportWorld world) : IClassFixture<ImportWorld>
{
    [Fact]
    public async Task Empty_files_and_files_without_data_are_refused_with_a_reason()
    {
        var empty = await world.Rep.Client.UploadAsync([], "空.csv", expected: HttpStatusCode.BadRequest);
        Assert.Equal(["文件是空的"], empty.FieldErrors("file"));

        var headerOnly = await world.Rep.Client.UploadAsync(Encoding.UTF8.GetBytes("客户名称,手机\r\n"), "标题.csv", expected: HttpStatusCode.BadRequest);
        Assert.Equal(["文件只有标题行，没有数据"], headerOnly.FieldErrors("file"));

        var wrongType = await world.Rep.Client.UploadAsync(Encoding.UTF8.GetBytes("x"), "客户.doc", expected: HttpStatusCode.BadRequest);
        Assert.Equal(["不支持的文件类型「.doc」，请使用 CSV 或 XLSX 文件"], wrongType.FieldErrors("file"));
    }

    [Fact]
    public async Task Headers_nobody_recognises_are_listed_with_the_names_that_would_be()
    {
        var upload = await world.Rep.Client.UploadAsync(ImportSheets.Csv(["甲列", "乙列"], [["a", "b"]]), "未知.csv");
        var warning = Assert.Single(upload.GetProperty("warnings").EnumerateArray()).GetString()!;
        Assert.StartsWith("没有识别出任何列。文件的列标题：甲列、乙列；可识别的列名如：客户编码、客户名称", warning);
        var problem = await world.Rep.Client.AnalyzeAsync(upload.BatchId(), new { }, HttpStatusCode.BadRequest);
        Assert.StartsWith("没有识别出任何列", Assert.Single(problem.FieldErrors("columns")));

        // Mapped by hand (by column index) it imports.
        var analysis = await world.Rep.Client.AnalyzeAsync(upload.BatchId(), new { columns = new[] { "name", null } });
        Assert.Equal(["name: 客户名称至少 2 个字（填写营业执照上的全称）"], analysis.Rows()[2].Errors());
    }

    [Fact]
    public async Task Repeated_headers_are_both_listed_and_only_one_may_be_mapped_to_a_field()
    {
        var upload = await world.Rep.Client.UploadAsync(ImportSheets.Csv(["客户名称", "手机", "备注", "手机"], [["重复标题甲有限公司", "13800001111", "", "13800002222"]]), "重复.csv");
        Assert.Equal(["name", "contact.mobile", "remarks", "-"], upload.Columns());
        Assert.Contains("列标题「手机」出现了 2 次（第 2、4 列），只能把其中一列映射到字段", upload.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));

        var problem = await world.Rep.Client.AnalyzeAsync(upload.BatchId(), new { columns = new[] { "name", "contact.mobile", null, "contact.mobile" } }, HttpStatusCode.BadRequest);
        Assert.Equal(["列「手机」（第 2 列）和列「手机」（第 4 列）不能映射到同一个字段「手机」，请只保留一列"], problem.FieldErrors("columns"));
    }

    [Fact]
    public async Task Rows_of_the_wrong_shape_and_Excel_error_values_fail_with_what_the_reader_found()
    {
        var csv = Encoding.UTF8.GetBytes("客户名称,地址\r\n形状好有限公司,深圳\r\n形状坏有限公司,深圳,多出来的\r\n");
        var rows = (await world.Rep.Client.AnalyzeAsync((await world.Rep.Client.UploadAsync(csv, "形状.csv")).BatchId(), new { })).Rows();
        Assert.Equal("New", rows[2].Str("outcome"));
        var shape = Assert.Single(rows[3].Errors());
        Assert.StartsWith(": ", shape);
        Assert.Contains("3", shape);

        var workbook = HandMadeWorkbook.Build(("客户", HandMadeWorkbook.TextRow(1, "客户名称", "成立日期") +
            "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>错误值有限公司</t></is></c><c r=\"B2\" t=\"e\"><v>#DIV/0!</v></c></row>"));
        var xlsx = (await world.Rep.Client.AnalyzeAsync((await world.Rep.Client.UploadAsync(workbook, "错误值.xlsx")).BatchId(), new { })).Rows();
        Assert.Contains(xlsx[2].Errors(), e => e.StartsWith("foundedOn: ") && e.Contains("#DIV/0!"));
    }

    [Fact]
    public async Task Dates_and_amounts_are_read_however_they_are_written()
    {
        string[] headers = ["客户名称", "成立日期", "年交易额"];
        var file = ImportSheets.Csv(headers,
        [
            ["日期一有限公司", "2024/3/5", "1,234.5"],
            ["日期二有限公司", "2024-03-05", "¥1234.5"],
            ["日期三有限公司", "2024年3月5日", "0.12345万"],
            ["日期四有限公司", "45356", "1234.5元"],
            ["日期五有限公司", "２０２４．３．５", "１２３４.５"],
            ["日期六有限公司", "5/3/2024", "一千"],
        ]);
        var batch = await world.DataAdmin.Client.ImportAsync(file, "日期.csv", new { });
        Assert.Equal((5, 1), (batch.GetProperty("created").GetInt32(), batch.GetProperty("failed").GetInt32()));
        foreach (var name in new[] { "日期一", "日期二", "日期三", "日期四", "日期五" })
        {
            var customer = await world.Admin.GetCustomerAsync(Assert.Single(await world.Admin.FindAsync(name)));
            Assert.Equal(("2024-03-05", 1234.5m), (customer.Str("foundedOn"), customer.GetProperty("annualAmount").GetDecimal()));
        }
        var errors = Encoding.UTF8.GetString(await (await world.DataAdmin.Client.GetAsync($"/api/customers/imports/{batch.Id()}/errors")).Content.ReadAsByteArrayAsync());
        Assert.Contains("成立日期：「5/3/2024」不是有效的日期（如 2024-03-05、2024/3/5、2024年3月5日）；年交易额：「一千」不是有效的金额（如 1,234.5、¥1234、12万）", errors);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        using var host = new CrmHostFactory();
        host.Settings["Customers:ImportMaxMegabytes"] = "1";
        var admin = await host.AdminClientAsync();
        var big = new byte[2 * 1024 * 1024 + 100_000];
        Array.Fill(big, (byte)'a');
        var problem = await admin.UploadAsync(big, "大文件.csv", expected: HttpStatusCode.BadRequest);
        Assert.Equal(["文件过大（2.1 MB），最大 1 MB，请拆分后分批导入"], problem.FieldErrors("file"));
    }

    [Fact]
    public async Task A_saved_template_maps_another_file_by_its_headers()
    {
        var upload = await world.Rep.Client.UploadAsync(ImportSheets.Csv(["公司", "老系统编号", "电话号码"], [["模板甲有限公司", "X1", "13800003333"]]), "旧系统.csv");
        Assert.All(upload.GetProperty("columns").EnumerateArray().Skip(1), c => Assert.Equal(JsonValueKind.Null, c.ValueKind));
        await world.Rep.Client.PutJsonAsync("/api/customers/import-mappings/旧系统", new
        {
            kind = "Customers",
            headers = new[] { "公司", "老系统编号", "电话号码" },
            columns = new[] { "name", "remarks", "contact.mobile" },
        });
        var again = await world.Rep.Client.UploadAsync(ImportSheets.Csv(["电话号码", "公司", "其他"], [["13800004444", "模板乙有限公司", ""]]), "旧系统2.csv", mapping: "旧系统");
        Assert.Equal(["contact.mobile", "name", "-"], again.Columns());
        Assert.Contains("旧系统", again.GetProperty("templates").EnumerateArray().Select(t => t.GetString()));

        var templates = await world.Rep.Client.GetJsonAsync("/api/customers/import-mappings");
        Assert.Contains(templates.EnumerateArray(), t => t.Str("name") == "旧系统");
        var wrong = await world.Rep.Client.PutJsonAsync("/api/customers/import-mappings/坏模板", new { kind = "Customers", headers = new[] { "a", "b" }, columns = new[] { "name", "name" } },
            HttpStatusCode.BadRequest);
        Assert.Contains("不能映射到同一个字段「客户名称」", Assert.Single(wrong.FieldErrors("columns")));
        Assert.Equal(HttpStatusCode.NoContent, (await world.Rep.Client.DeleteAsync("/api/customers/import-mappings/旧系统")).StatusCode);
        await world.Rep.Client.GetJsonAsync("/api/customers/import-mappings/旧系统", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_contacts_file_adds_contacts_to_customers_found_by_code_credit_code_or_name()
    {
        var credit = Identifiers.CreditCode(7_600_001);
        await world.Rep.Client.ImportAsync(ImportSheets.Csv(["客户名称", "统一社会信用代码"],
            [["联系人甲有限公司", credit], ["联系人乙有限公司", ""]]), "客户.csv", new { });
        var first = await world.Admin.GetCustomerAsync(Assert.Single(await world.Admin.FindAsync("联系人甲有限公司")));
        var second = await world.Admin.GetCustomerAsync(Assert.Single(await world.Admin.FindAsync("联系人乙有限公司")));
        var others = await world.World.RepB.Client.CreateCustomerAsync(new CustomerForm { Name = "联系人丙有限公司" });

        string[] headers = ["客户编码", "统一社会信用代码", "客户名称", "姓名", "手机", "职位", "主要联系人"];
        var file = ImportSheets.Csv(headers,
        [
            [first.Str("code"), "", "", "赵一", "13800005501", "总经理", ""],
            ["", credit, "", "钱二", "13800005502", "采购", "否"],
            ["", "", "联系人乙有限公司", "孙三", "13800005503", "", ""],
            ["", "", "联系人乙有限公司", "李四", "13800005504", "", "是"],
            ["", "", "联系人丙有限公司", "周五", "13800005505", "", ""],
            ["C999999", "", "", "吴六", "13800005506", "", ""],
            ["", "", "联系人乙有限公司", "孙三", "13800005503", "", ""],
        ]);
        var upload = await world.Rep.Client.UploadAsync(file, "联系人.csv", kind: "contacts");
        Assert.Equal(["customer.code", "customer.creditCode", "customer.name", "contact.name", "contact.mobile", "contact.position", "contact.isPrimary"],
            upload.Columns());
        var batch = await world.Rep.Client.RunAsync(upload.BatchId(), new { });
        Assert.Equal((3, 4), (batch.GetProperty("created").GetInt32(), batch.GetProperty("failed").GetInt32()));

        var contacts = (await world.Admin.GetCustomerAsync(first.Id())).GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal([("赵一", true), ("钱二", false)], contacts.Select(c => (c.Str("name"), c.GetProperty("isPrimary").GetBoolean())));
        Assert.Equal(["孙三"], (await world.Admin.GetCustomerAsync(second.Id())).GetProperty("contacts").EnumerateArray().Select(c => c.Str("name")));

        var errors = Encoding.UTF8.GetString(await (await world.Rep.Client.GetAsync($"/api/customers/imports/{batch.Id()}/errors")).Content.ReadAsByteArrayAsync());
        Assert.Contains("该客户已有主要联系人，每个客户只能有一个；请用“设为主要联系人”更换", errors);
        Assert.Contains("客户已存在，但不在您的数据权限范围内", errors);
        Assert.Contains("没有找到客户编码「C999999」对应的客户", errors);
        Assert.Contains("与第 4 行是同一联系人（文件内重复）", errors);
        Assert.Empty((await world.Admin.GetCustomerAsync(others.Id())).GetProperty("contacts").EnumerateArray());

        var undo = await world.Rep.Client.PostJsonAsync($"/api/customers/imports/{batch.Id()}/undo", new { });
        Assert.Equal(3, undo.GetProperty("restored").GetInt32());
        Assert.Empty((await world.Admin.GetCustomerAsync(first.Id())).GetProperty("contacts").EnumerateArray());
    }
}
