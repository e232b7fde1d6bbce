using System.Net;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Import;

/// <summary>Duplicates are refused within the file and against every customer in the database (whoever's it is);
/// possible duplicates — the same name core, a similar name in the file, a shared mobile — are imported and flagged,
/// or skipped when the user says so. Unknown dictionary values are mapped, rejected or created as the user chooses.</summary>
public sealed class ImportDuplicatesTests(ImportWorld world) : IClassFixture<ImportWorld>
{
    static readonly string[] Headers = ["客户名称", "统一社会信用代码", "身份证号", "联系人", "手机", "客户来源"];

    static string[] Row(string name, string credit = "", string id = "", string mobile = "", string source = "展会") =>
        [name, credit, id, mobile.Length > 0 ? "联系人" : "", mobile, source];

    [Fact]
    public async Task Duplicates_within_the_file_and_against_any_customer_in_the_database_are_refused()
    {
        // A customer of rep B, outside the importing rep's scope, and an individual of the administrator's.
        var credit = Identifiers.CreditCode(7_100_001);
        await world.World.RepB.Client.CreateCustomerAsync(new CustomerForm { Name = "深圳市重名（科技）有限公司", CreditCode = credit });
        var id = Identifiers.IdNumber(711);
        await world.Admin.CreateCustomerAsync(CustomerForm.Individual(id));

        var file = ImportSheets.Csv(Headers,
        [
            Row("深圳市重名(科技)有限公司"),
            Row("另一个名字有限公司", credit: credit),
            Row("个人甲", id: id),
            Row("文件内甲有限公司", credit: Identifiers.CreditCode(7_100_002)),
            Row("文件内乙有限公司", credit: Identifiers.CreditCode(7_100_002)),
            Row("文件内甲有限公司"),
        ]);
        var upload = await world.Rep.Client.UploadAsync(file, "重复.csv");
        var rows = (await world.Rep.Client.AnalyzeAsync(upload.BatchId(), new { })).Rows();

        // The message says only that it exists: the rep may not learn whose customer it is.
        Assert.Equal(["name: 客户名称「深圳市重名（科技）有限公司」已存在（全称相同的客户不能重复建档）"], rows[2].Errors());
        Assert.Equal([$"creditCode: 统一社会信用代码 {credit} 已被其他客户使用"], rows[3].Errors());
        Assert.Equal(["idNumber: 该身份证号已被其他客户使用"], rows[4].Errors());
        Assert.Equal("New", rows[5].Str("outcome"));
        Assert.Equal(["creditCode: 与第 5 行的统一社会信用代码相同（文件内重复）"], rows[6].Errors());
        Assert.Equal(["name: 与第 5 行的客户名称相同（文件内重复）"], rows[7].Errors());
    }

    [Fact]
    public async Task Possible_duplicates_are_imported_flagged_or_skipped_as_chosen()
    {
        var existing = await world.Admin.CreateCustomerAsync(new CustomerForm
        {
            Name = "深圳市蓝鲸跃迁科技有限公司",
            PrimaryContact = new ContactForm { Name = "老联系人", Mobile = "13912340001" },
        });
        string[][] rows =
        [
            Row("蓝鲸跃迁科技（北京）有限公司"),
            Row("华星璀璨光电有限公司"),
            Row("华星璀璨光电股份有限公司"),
            Row("蓝天白云绿水青山智能科技研究有限公司"),
            Row("蓝天白云绿水青山智能科技研究所有限公司"),
            Row("共用号码贸易有限公司", mobile: "139-1234-0001"),
            Row("毫无关系贸易有限公司"),
        ];
        var upload = await world.DataAdmin.Client.UploadAsync(ImportSheets.Csv(Headers, rows), "疑似重复.csv");
        var analysis = await world.DataAdmin.Client.AnalyzeAsync(upload.BatchId(), new { });
        var report = analysis.Rows();

        Assert.Equal($"name: 疑似重复：与已有客户 {existing.Str("code")}「深圳市蓝鲸跃迁科技有限公司」名称相近", Assert.Single(report[2].Remarks()));
        Assert.Equal("name: 疑似重复：与第 3 行「华星璀璨光电有限公司」名称相近", Assert.Single(report[4].Remarks()));
        Assert.Equal("name: 疑似重复：与第 5 行「蓝天白云绿水青山智能科技研究有限公司」名称相近", Assert.Single(report[6].Remarks()));
        Assert.Equal("contact.mobile: 疑似重复：手机号与已有客户的联系人相同（允许共用号码，请核实是否同一客户）", Assert.Single(report[7].Remarks()));
        Assert.Equal((7, 4, 4, 0), (analysis.GetProperty("new").GetInt32(), analysis.GetProperty("possibleDuplicates").GetInt32(),
            analysis.GetProperty("flagged").GetInt32(), analysis.GetProperty("failed").GetInt32()));

        // Skipping them: the three others go in, the four wait in the error file.
        var skipped = await world.DataAdmin.Client.RunAsync(upload.BatchId(), new { flagAnomalies = false });
        Assert.Equal((3, 4), (skipped.GetProperty("created").GetInt32(), skipped.GetProperty("skipped").GetInt32()));
        Assert.Empty(await world.Admin.FindAsync("蓝鲸跃迁科技（北京）"));
        Assert.Single(await world.Admin.FindAsync("毫无关系贸易"));

        // Importing them flags them 待修正; a person saving the customer clears it.
        var flagged = await world.DataAdmin.Client.ImportAsync(ImportSheets.Csv(Headers, rows.Where((_, i) => i is 0 or 5).ToList()), "再导入.csv", new { });
        Assert.Equal((2, 2), (flagged.GetProperty("created").GetInt32(), flagged.GetProperty("flagged").GetInt32()));
        var id = Assert.Single(await world.Admin.FindAsync("共用号码贸易"));
        var customer = await world.Admin.GetCustomerAsync(id);
        Assert.StartsWith("导入待修正：疑似重复：手机号与已有客户的联系人相同", customer.Str("reviewNote"));
        Assert.Contains(id, CustomerApi.Ids(await world.Admin.GetJsonAsync("/api/customers?flagged=true&take=200")));
        await world.Admin.UpdateCustomerAsync(id, new CustomerForm { Name = customer.Str("name"), Version = customer.GetProperty("version").GetInt32() });
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await world.Admin.GetCustomerAsync(id)).GetProperty("reviewNote").ValueKind);
        Assert.DoesNotContain(id, CustomerApi.Ids(await world.Admin.GetJsonAsync("/api/customers?flagged=true&take=200")));
    }

    [Fact]
    public async Task An_unknown_dictionary_value_is_listed_once_and_mapped_rejected_or_created()
    {
        var file = ImportSheets.Csv(Headers, [Row("地推一号有限公司", source: "地推活动"), Row("地推二号有限公司", source: "地推活动"), Row("展会来的有限公司")]);
        var upload = await world.DataAdmin.Client.UploadAsync(file, "来源.csv");
        var id = upload.BatchId();

        var unknown = await world.DataAdmin.Client.AnalyzeAsync(id, new { });
        var value = Assert.Single(unknown.GetProperty("unknownValues").EnumerateArray());
        Assert.Equal(("sourceCode", "客户来源", "地推活动", 2), (value.Str("field"), value.Str("label"), value.Str("value"), value.GetProperty("rows").GetInt32()));
        Assert.Equal(2, unknown.GetProperty("failed").GetInt32());
        Assert.False(unknown.GetProperty("canCreateDictionaryEntries").GetBoolean());

        var mapped = await world.DataAdmin.Client.AnalyzeAsync(id, new { valueChoices = new[] { new { field = "sourceCode", value = "地推活动", action = "Map", code = "004" } } });
        Assert.Equal((3, 0), (mapped.GetProperty("new").GetInt32(), mapped.GetProperty("failed").GetInt32()));

        var rejected = await world.DataAdmin.Client.AnalyzeAsync(id, new { valueChoices = new[] { new { field = "sourceCode", value = "地推活动", action = "Reject", code = (string?)null } } });
        Assert.Equal(["sourceCode: 客户来源「地推活动」不在数据字典中，已选择不导入这些行"], rejected.Rows()[2].Errors());

        // Creating needs the dictionaries' maintenance permission, which the data administrator of this world lacks.
        var create = new { valueChoices = new[] { new { field = "sourceCode", value = "地推活动", action = "Create", code = (string?)null } } };
        var refused = await world.DataAdmin.Client.AnalyzeAsync(id, create, HttpStatusCode.BadRequest);
        Assert.Equal(["客户来源「地推活动」不能新建为字典选项：需要数据字典维护权限"], refused.FieldErrors("valueChoices"));

        var adminUpload = await world.Admin.UploadAsync(file, "来源.csv");
        var batch = await world.Admin.RunAsync(adminUpload.BatchId(), create);
        Assert.Equal(3, batch.GetProperty("created").GetInt32());
        var entries = await world.Admin.GetJsonAsync("/api/dictionaries/types/customer_source/entries");
        var entry = Assert.Single(entries.EnumerateArray(), e => e.Str("name") == "地推活动");
        var customer = await world.Admin.GetCustomerAsync(Assert.Single(await world.Admin.FindAsync("地推一号")));
        Assert.Equal(entry.Str("code"), customer.GetProperty("source").Str("code"));
    }
}
