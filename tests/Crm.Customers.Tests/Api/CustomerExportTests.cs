using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Crm.Abstractions;
using Crm.Customers.Domain;
using Crm.Customers.Endpoints;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Api;

/// <summary>客户导出 through the API: what each user's file holds (scope, filter, columns, masking), the formats as
/// spreadsheets open them, and who may export at all. Each test works on customers of its own, found by a marker
/// in their names.</summary>
public sealed class CustomerExportTests(ExportWorld exports) : IClassFixture<ExportWorld>
{
    static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    CustomerWorld World => exports.World;

    static string Marker() => "导出" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);

    async Task<JsonElement> LastExportAuditAsync(Member user)
    {
        var log = await World.Admin.GetJsonAsync($"/api/system/audit?entityType=Customer&user={user.UserName}");
        return log.GetProperty("items").EnumerateArray().First(e => e.Str("action") == "export");
    }

    [Fact]
    public async Task Personal_data_is_masked_unless_the_exporter_may_also_reveal_it_and_each_export_is_audited()
    {
        var marker = Marker();
        await exports.Rep.Client.CreateCustomerAsync(new CustomerForm
        {
            Name = $"{marker}贸易有限公司",
            PrimaryContact = new ContactForm { Name = "张三", Mobile = "13812345678", OfficePhone = "0755-86013388", Email = "zhangsan@example.com" },
        });
        await exports.Rep.Client.CreateCustomerAsync(CustomerForm.Individual("510104198812310037") with { Name = $"{marker}王五" });
        var query = $"?text={marker}&format=csv&columns=name,idNumber,contact,mobile,officePhone,email";

        var masked = await exports.Manager.Client.ExportAsync(exports.Tables, query);
        var full = await exports.DataAdmin.Client.ExportAsync(exports.Tables, query);

        Assert.Equal(["客户名称", "身份证号", "主要联系人", "手机", "办公电话", "邮箱"], masked.Table.Headers);
        Assert.Equal([[$"{marker}贸易有限公司", "", "张三", "138****5678", "0755-****3388", "z***@example.com"], [$"{marker}王五", "510104********0037", "", "", "", ""]],
            masked.Rows);
        Assert.Equal([[$"{marker}贸易有限公司", "", "张三", "13812345678", "0755-86013388", "zhangsan@example.com"], [$"{marker}王五", "510104198812310037", "", "", "", ""]],
            full.Rows);
        var maskedText = Encoding.UTF8.GetString(masked.Bytes);
        foreach (var secret in new[] { "13812345678", "86013388", "zhangsan@", "198812310037" }) Assert.DoesNotContain(secret, maskedText);

        var maskedAudit = (await LastExportAuditAsync(exports.Manager)).Str("summary");
        Assert.StartsWith("导出客户 2 条（CSV UTF-8）；列：客户名称、身份证号、主要联系人、手机、办公电话、邮箱；", maskedAudit);
        Assert.Contains(marker, maskedAudit);
        Assert.EndsWith("个人信息已打码", maskedAudit);
        Assert.EndsWith("个人信息完整导出（未打码）", (await LastExportAuditAsync(exports.DataAdmin)).Str("summary"));
    }

    [Fact]
    public async Task A_search_for_a_mobile_number_is_masked_in_the_audit_entry()
    {
        var mobile = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        await exports.Rep.Client.CreateCustomerAsync(new CustomerForm { PrimaryContact = new ContactForm { Mobile = mobile } });

        var file = await exports.Rep.Client.ExportAsync(exports.Tables, $"?text={mobile}&format=csv&columns=mobile");

        Assert.Equal([mobile[..3] + "****" + mobile[^4..]], file.Column("手机"));
        var summary = (await LastExportAuditAsync(exports.Rep)).Str("summary");
        Assert.Contains(mobile[..3] + "****" + mobile[^4..], summary);
        Assert.DoesNotContain(mobile, summary);
    }

    [Fact]
    public async Task A_rep_exports_only_own_customers_and_a_manager_the_department()
    {
        var marker = Marker();
        await exports.Rep.Client.CreateCustomerAsync(new CustomerForm { Name = $"{marker}甲贸易有限公司" });
        await World.RepA.Client.CreateCustomerAsync(new CustomerForm { Name = $"{marker}乙贸易有限公司" });
        await World.RepC.Client.CreateCustomerAsync(new CustomerForm { Name = $"{marker}丙贸易有限公司" });
        var query = $"?text={marker}&format=xlsx&columns=name,owner,department";

        var own = await exports.Rep.Client.ExportAsync(exports.Tables, query);
        var department = await exports.Manager.Client.ExportAsync(exports.Tables, query);
        var everyone = await exports.Analyst.Client.ExportAsync(exports.Tables, query);

        Assert.Equal([[$"{marker}甲贸易有限公司", "导出销售", "销售一部"]], own.Rows);
        Assert.Equal([$"{marker}甲贸易有限公司", $"{marker}乙贸易有限公司"], department.Column("客户名称"));
        Assert.Equal([[$"{marker}甲贸易有限公司", "导出销售", "销售一部"], [$"{marker}乙贸易有限公司", "销售甲", "销售一部"], [$"{marker}丙贸易有限公司", "销售丙", "销售二部"]],
            everyone.Rows);
    }

    [Fact]
    public async Task The_lists_filter_chooses_the_rows_as_it_does_on_the_list()
    {
        var marker = Marker();
        var tag = (await CustomTags.EnsureAsync(World, 1))[0];
        await World.Admin.CreateCustomerAsync(new CustomerForm { Name = $"{marker}甲贸易有限公司", StatusCode = CustomerStatus.Intent, TagIds = [tag] });
        await World.Admin.CreateCustomerAsync(new CustomerForm { Name = $"{marker}乙贸易有限公司", StatusCode = CustomerStatus.Intent });
        await World.Admin.CreateCustomerAsync(new CustomerForm { Name = $"{marker}丙贸易有限公司", StatusCode = CustomerStatus.Potential, TagIds = [tag] });
        await World.Admin.CreateCustomerAsync(new CustomerForm { Name = $"{marker}丁贸易有限公司", StatusCode = CustomerStatus.Intent, TagIds = [tag], RegionCode = "440305" });
        // As the list page writes its filter into the download link.
        var query = CustomerFilterQuery.Of(new CustomerFilter
        {
            Text = marker, Status = [CustomerStatus.Intent], TagsAny = [tag], CreatedFrom = DateTime.UtcNow.AddHours(-1),
        });

        var file = await exports.Analyst.Client.ExportAsync(exports.Tables, query + "&format=xlsx&columns=code,name,status,region");
        var list = (await exports.Analyst.Client.GetJsonAsync($"/api/customers{query}&sort=CreatedAsc&take=200")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([$"{marker}甲贸易有限公司", $"{marker}丁贸易有限公司"], file.Column("客户名称"));
        Assert.Equal(list.Select(i => i.Str("code")), file.Column("客户编号"));
        Assert.Equal(list.Select(i => i.GetProperty("status").Str("name")), file.Column("客户状态"));
        Assert.Equal(["", list[1].GetProperty("region").Str("name")], file.Column("地区"));
        Assert.Contains("深圳", file.Column("地区")[1]);
        Assert.Empty((await exports.Analyst.Client.ExportAsync(exports.Tables, query.Replace("createdFrom=", "createdTo=") + "&format=csv")).Rows);
    }

    [Fact]
    public async Task Without_a_choice_the_lists_default_columns_are_exported_with_the_labels_the_list_shows()
    {
        var marker = Marker();
        var tags = await CustomTags.EnsureAsync(World, 2);
        var created = await exports.Rep.Client.CreateCustomerAsync(new CustomerForm
        {
            Name = $"{marker}贸易有限公司", IndustryCode = "64", StatusCode = CustomerStatus.Deal, TagIds = tags,
            PrimaryContact = new ContactForm { Name = "李四", Mobile = "13912345678" },
        });

        var file = await exports.Rep.Client.ExportAsync(exports.Tables, $"?text={marker}");
        var item = (await exports.Rep.Client.GetJsonAsync($"/api/customers?text={marker}")).GetProperty("items").EnumerateArray().Single();

        Assert.EndsWith(".xlsx", file.Response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(["客户编号", "客户名称", "客户状态", "价值等级", "行业", "负责人", "主要联系人", "手机", "标签", "更新时间"], file.Table.Headers);
        Assert.Equal([[
            created.Str("code"), item.Str("name"), item.GetProperty("status").Str("name"), item.GetProperty("valueTier").Str("name"),
            item.GetProperty("industry").Str("name"), item.Str("ownerName"), "李四", "139****5678",
            string.Join("；", item.GetProperty("tags").EnumerateArray().Select(t => t.Str("name"))),
            ChinaTime.FromUtc(item.GetProperty("updatedAt").GetDateTime()).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        ]], file.Rows);
        Assert.Equal(2, file.Rows[0][8].Split('；').Length);
    }

    [Fact]
    public async Task Columns_come_in_the_order_asked_for_once_each()
    {
        var marker = Marker();
        await exports.Rep.Client.CreateCustomerAsync(new CustomerForm { Name = $"{marker}贸易有限公司" });

        var file = await exports.Rep.Client.ExportAsync(exports.Tables, $"?text={marker}&format=csv&columns=tags, name,code,NAME,churnRisk");

        Assert.Equal(["标签", "客户名称", "客户编号", "流失风险"], file.Table.Headers);
        Assert.Equal("否", file.Rows.Single()[3]);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task A_customer_whose_text_a_spreadsheet_would_run_is_neutralised(string format)
    {
        var marker = Marker();
        var name = $"=HYPERLINK(\"http://evil.example\",\"{marker}\")";
        await World.Admin.CreateCustomerAsync(new CustomerForm { Name = name, Remarks = "+1 2" });

        var file = await exports.Analyst.Client.ExportAsync(exports.Tables, $"?text={marker}&format={format}&columns=name,remarks");

        Assert.Equal([["'" + name, "'+1 2"]], file.Rows);
    }

    [Fact]
    public async Task A_gb18030_csv_decodes_with_gb18030_for_old_excel()
    {
        var marker = Marker();
        await exports.Rep.Client.CreateCustomerAsync(new CustomerForm { Name = $"{marker}深圳市龙华区贸易有限公司" });

        var response = await exports.Rep.Client.GetAsync($"{CustomerExports.Url}?text={marker}&format=csv&encoding=gb18030&columns=code,name");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("text/csv; charset=gb18030", response.Content.Headers.ContentType!.ToString());
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes));
        var text = Gb18030.GetString(bytes);
        Assert.StartsWith("客户编号,客户名称\r\n", text);
        Assert.Contains($",{marker}深圳市龙华区贸易有限公司\r\n", text);
    }

    [Fact]
    public async Task The_download_is_named_with_the_time_of_the_export()
    {
        var response = await exports.Rep.Client.GetAsync($"{CustomerExports.Url}?format=csv&columns=code");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^客户导出-\d{8}-\d{4}\.csv$", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Users_without_the_export_permission_are_refused()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await World.RepA.Client.GetAsync($"{CustomerExports.Url}?format=csv")).StatusCode);
        // Revealing personal data on screen is not exporting it.
        Assert.Equal(HttpStatusCode.Forbidden, (await World.RepC.Client.GetAsync($"{CustomerExports.Url}?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await World.Host.CreateClient().GetAsync($"{CustomerExports.Url}?format=csv")).StatusCode);
        var log = await World.Admin.GetJsonAsync("/api/system/audit?entityType=Customer&take=500");
        Assert.DoesNotContain(log.GetProperty("items").EnumerateArray(),
            e => e.Str("action") == "export" && e.Str("userName") is "repa" or "repc");
    }

    [Fact]
    public async Task A_request_the_export_cannot_serve_is_refused_naming_what_is_wrong()
    {
        var problem = await exports.Analyst.Client.GetJsonAsync(
            $"{CustomerExports.Url}?format=pdf&encoding=big5&columns=name,fax,code,wechat&deleted=true", HttpStatusCode.BadRequest);

        Assert.Equal(["没有这些导出列：fax、wechat（可用：" + string.Join("、", CustomerExportColumn.All.Select(c => c.Key)) + "）"], problem.FieldErrors("columns"));
        Assert.Equal(["导出格式只能是 csv 或 xlsx"], problem.FieldErrors("format"));
        Assert.Equal(["编码只能是 utf8 或 gb18030"], problem.FieldErrors("encoding"));
        Assert.Equal(["没有查看回收站的权限"], problem.FieldErrors("deleted"));
    }
}
