using System.Net;
using System.Text.Json;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Import;

/// <summary>A file as it comes from a legacy system: full-width digits, +86 mobiles with dashes, half-width brackets,
/// a bad credit code, a bad mobile, a row with two problems, an unknown dictionary value, an owner by name, tags by
/// synonym and over the limit. Each row's outcome is exactly what the archive's rules say.</summary>
public sealed class MessyFileTests(ImportWorld world) : IClassFixture<ImportWorld>
{
    static readonly string[] Headers =
        ["客户名称*", "统一社会信用代码", "联系人", "手机（必填）", "行业", "客户状态", "负责人", "标签", "年交易额", "成立日期", "客户来源"];

    static string[] Row(string name, string credit, string mobile = "13800138000", string tags = "", string amount = "", string founded = "",
        string source = "展会", string owner = "销售甲", string status = "潜在客户", string industry = "制造业") =>
        [name, credit, "张三", mobile, industry, status, owner, tags, amount, founded, source];

    static List<string[]> MessyRows(string prefix) =>
    [
        Row($"{prefix}星海１号贸易有限公司", Identifiers.CreditCode(Seed(prefix, 1)), mobile: "+86 138-0013-8001", tags: "重点客户、工业", amount: "1,234.5", founded: "2024/3/5"),
        Row($"{prefix}星海(2号)贸易有限公司", Identifiers.CreditCode(Seed(prefix, 2)), mobile: "139 0013 8002", amount: "¥12万", founded: "2024年3月5日"),
        Row($"{prefix}坏代码贸易有限公司", "91440300MA5EXAMPL1"),
        Row($"{prefix}坏手机贸易有限公司", Identifiers.CreditCode(Seed(prefix, 4)), mobile: "1380013800"),
        Row($"{prefix}两个问题贸易有限公司", "12345", mobile: "12345"),
        Row($"{prefix}地推来源贸易有限公司", Identifiers.CreditCode(Seed(prefix, 6)), source: "地推活动"),
        Row($"{prefix}标签过多贸易有限公司", Identifiers.CreditCode(Seed(prefix, 7)), tags: "重点客户,战略合作伙伴;决策周期长|自定义标签4，自定义标签5；自定义标签6"),
        Row($"{prefix}星海1号贸易有限公司", Identifiers.CreditCode(Seed(prefix, 8))),
        Row($"{prefix}老字号贸易有限公司", Identifiers.CreditCode(Seed(prefix, 9)), founded: "1949-10-01"),
        Row($"{prefix}无主贸易有限公司", Identifiers.CreditCode(Seed(prefix, 10)), owner: "不存在的人"),
    ];

    static long Seed(string prefix, int row) => Math.Abs(prefix.GetHashCode()) % 1_000_000 * 100 + row;

    [Fact]
    public async Task Each_row_of_a_messy_file_gets_exactly_its_outcome_and_every_reason()
    {
        await CustomTags.EnsureAsync(world.World, 6);
        var upload = await world.DataAdmin.Client.UploadAsync(ImportSheets.Csv(Headers, MessyRows("甲")), "客户.csv");
        var columns = upload.Columns();
        Assert.Equal(["name", "creditCode", "contact.name", "contact.mobile", "industryCode", "statusCode", "owner", "tags", "annualAmount", "foundedOn", "sourceCode"], columns);

        var analysis = await world.DataAdmin.Client.AnalyzeAsync(upload.BatchId(), new { });
        var rows = analysis.Rows();
        Assert.Equal(10, analysis.GetProperty("totalRows").GetInt32());
        Assert.Equal(3, analysis.GetProperty("new").GetInt32());
        Assert.Equal(7, analysis.GetProperty("failed").GetInt32());
        Assert.Equal(1, analysis.GetProperty("flagged").GetInt32());

        Assert.Equal("New", rows[2].Str("outcome"));
        Assert.Equal(["creditCode: 统一社会信用代码校验位不正确"], rows[4].Errors());
        Assert.Equal(["contact.mobile: 手机号应为 11 位中国大陆手机号码"], rows[5].Errors());
        Assert.Equal(["creditCode: 统一社会信用代码应为 18 位", "contact.mobile: 手机号应为 11 位中国大陆手机号码"], rows[6].Errors());
        Assert.Equal(["sourceCode: 客户来源「地推活动」不在数据字典中"], rows[7].Errors());
        Assert.Equal(["tags: 每个客户最多 5 个自定义标签（现在选了 6 个）"], rows[8].Errors());
        Assert.Equal(["name: 与第 2 行的客户名称相同（文件内重复）"], rows[9].Errors());
        Assert.Equal(["owner: 负责人「不存在的人」不存在（请填写用户的姓名或用户名）"], rows[11].Errors());
        Assert.Equal(["foundedOn: 成立日期 1949-10-01 早于 1950 年，请核实"], rows[10].Remarks());

        var unknown = Assert.Single(analysis.GetProperty("unknownValues").EnumerateArray());
        Assert.Equal(("sourceCode", "地推活动", 1), (unknown.Str("field"), unknown.Str("value"), unknown.GetProperty("rows").GetInt32()));
    }

    [Fact]
    public async Task Running_a_messy_file_imports_the_good_rows_cleaned_and_reports_the_rest()
    {
        await CustomTags.EnsureAsync(world.World, 6);
        var batch = await world.DataAdmin.Client.ImportAsync(ImportSheets.Csv(Headers, MessyRows("乙")), "客户.csv", new { });
        Assert.Equal("Completed", batch.Str("status"));
        Assert.Equal((3, 7, 1), (batch.GetProperty("created").GetInt32(), batch.GetProperty("failed").GetInt32(), batch.GetProperty("flagged").GetInt32()));
        Assert.True(batch.GetProperty("hasErrorFile").GetBoolean());

        // Full-width digits folded, "+86 138-0013-8001" stored as the 11 digits, the owner found by display name, tags
        // by name and by synonym (工业 → 制造业), the amount with a thousands separator, the date with slashes.
        var first = await Customer(world.Admin, "乙星海1号贸易有限公司");
        Assert.Equal("乙星海1号贸易有限公司", first.Str("name"));
        Assert.Equal(world.World.RepA.Id, first.GetProperty("ownerId").GetGuid());
        Assert.Equal(1234.5m, first.GetProperty("annualAmount").GetDecimal());
        Assert.Equal("2024-03-05", first.Str("foundedOn"));
        Assert.Equal("001", first.GetProperty("status").Str("code"));
        Assert.Equal(["制造业", "重点客户"], first.GetProperty("tags").EnumerateArray().Select(t => t.Str("name")).Order().ToArray());
        var contact = first.GetProperty("contacts")[0];
        Assert.Equal("138****8001", contact.Str("mobile"));
        var revealed = await world.Admin.PostJsonAsync($"/api/customers/{first.Id()}/contacts/{contact.Id()}/reveal?field=Mobile", new { });
        Assert.Equal("13800138001", revealed.Str("value"));

        // Half-width brackets become the licence's full-width ones; 12万 is 120,000 yuan, a mid-value customer.
        var second = await Customer(world.Admin, "乙星海（2号）贸易有限公司");
        Assert.Equal(120_000m, second.GetProperty("annualAmount").GetDecimal());
        Assert.Equal("002", second.GetProperty("valueTier").Str("code"));

        // Founded before 1950: imported, and waiting in the 待修正 list.
        var old = await Customer(world.Admin, "乙老字号贸易有限公司");
        Assert.Contains("成立日期 1949-10-01 早于 1950 年", old.Str("reviewNote"));
        var flagged = CustomerApi.Ids(await world.Admin.GetJsonAsync("/api/customers?flagged=true&take=200"));
        Assert.Contains(old.Id(), flagged);
        Assert.DoesNotContain(first.Id(), flagged);
    }

    static async Task<JsonElement> Customer(HttpClient client, string name)
    {
        var id = Assert.Single(await client.FindAsync(name));
        return await client.GetCustomerAsync(id);
    }
}
