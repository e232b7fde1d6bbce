using System.Net;
using System.Text;
using System.Text.Json;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using MiniExcelLibs;

namespace Crm.Customers.Tests.Import;

/// <summary>Undo puts the archive back as it was before a batch — except where someone has worked on a customer since —
/// and the error file gives back the rows that failed, as they were, to fix and import again. Batches are private to
/// their importer and data administrators; every import and undo is in the audit log.</summary>
public sealed class ImportUndoTests(ImportWorld world) : IClassFixture<ImportWorld>
{
    static readonly string[] Headers = ["客户名称", "统一社会信用代码", "地址", "手机", "联系人"];

    [Fact]
    public async Task Undo_removes_created_customers_restores_updated_ones_and_leaves_those_edited_since()
    {
        var seed = ImportSheets.Csv(Headers,
        [
            ["撤销甲1号有限公司", Identifiers.CreditCode(7_300_001), "原地址1", "", ""],
            ["撤销甲2号有限公司", Identifiers.CreditCode(7_300_002), "原地址2", "", ""],
        ]);
        await world.DataAdmin.Client.ImportAsync(seed, "种子.csv", new { });
        var file = ImportSheets.Csv(Headers,
        [
            ["撤销甲1号有限公司", Identifiers.CreditCode(7_300_001), "导入地址1", "", ""],
            ["撤销甲2号有限公司", Identifiers.CreditCode(7_300_002), "导入地址2", "", ""],
            ["撤销甲新1号有限公司", Identifiers.CreditCode(7_300_003), "新地址", "13800007301", "新联系人"],
            ["撤销甲新2号有限公司", Identifiers.CreditCode(7_300_004), "新地址", "", ""],
            ["撤销甲新3号有限公司", Identifiers.CreditCode(7_300_005), "新地址", "", ""],
        ]);
        var batch = await world.DataAdmin.Client.ImportAsync(file, "撤销.csv", new { mode = "Upsert" });
        Assert.Equal((3, 2), (batch.GetProperty("created").GetInt32(), batch.GetProperty("updated").GetInt32()));
        Assert.True(batch.GetProperty("canUndo").GetBoolean());

        // Since the import: an updated customer and a created one edited, a follow-up added to another created one.
        var updated2 = await Find("撤销甲2号有限公司");
        await world.Admin.UpdateCustomerAsync(updated2.Id(), Edited(updated2));
        var created2 = await Find("撤销甲新2号有限公司");
        await world.Admin.UpdateCustomerAsync(created2.Id(), Edited(created2));
        var created3 = await Find("撤销甲新3号有限公司");
        await world.Admin.PostJsonAsync($"/api/customers/{created3.Id()}/followups", new { summary = "电话回访" }, HttpStatusCode.Created);
        var created1 = await Find("撤销甲新1号有限公司");

        // Another rep may not even see the batch; its importer may undo it.
        await world.Rep.Client.PostJsonAsync($"/api/customers/imports/{batch.Id()}/undo", new { }, HttpStatusCode.NotFound);
        var undo = await world.DataAdmin.Client.PostJsonAsync($"/api/customers/imports/{batch.Id()}/undo", new { });
        Assert.Equal((1, 1), (undo.GetProperty("removed").GetInt32(), undo.GetProperty("restored").GetInt32()));
        var refused = undo.GetProperty("refused").EnumerateArray().OrderBy(r => r.GetProperty("row").GetInt32()).ToList();
        Assert.Equal([3, 5, 6], refused.Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal([updated2.Str("code"), created2.Str("code"), created3.Str("code")], refused.Select(r => r.Str("code")));
        Assert.Equal("导入后被编辑过，未恢复", refused[0].Str("reason"));
        Assert.Equal("导入后被编辑过，未删除", refused[1].Str("reason"));
        Assert.StartsWith("导入后", refused[2].Str("reason"));

        await world.Admin.GetCustomerAsync(created1.Id(), HttpStatusCode.NotFound);
        Assert.Empty(await world.Admin.FindAsync("13800007301"));
        Assert.Equal("原地址1", (await Find("撤销甲1号有限公司")).Str("address"));
        Assert.Equal("人工修改", (await Find("撤销甲2号有限公司")).Str("remarks"));
        Assert.Single(await world.Admin.FindAsync("撤销甲新2号"));

        var undone = await world.DataAdmin.Client.GetJsonAsync($"/api/customers/imports/{batch.Id()}");
        Assert.Equal(("Undone", false), (undone.Str("status"), undone.GetProperty("canUndo").GetBoolean()));
        await world.DataAdmin.Client.PostJsonAsync($"/api/customers/imports/{batch.Id()}/undo", new { }, HttpStatusCode.Conflict);

        Assert.Equal(1, await world.ScalarAsync($"SELECT count(*) FROM host_audit_log WHERE \"Action\" = 'import' AND \"EntityId\" = '{batch.Id()}' AND \"Summary\" LIKE '%撤销.csv%{batch.Str("sha256")}%新增 3，更新 2%'"));
        Assert.Equal(1, await world.ScalarAsync($"SELECT count(*) FROM host_audit_log WHERE \"Action\" = 'undo-import' AND \"EntityId\" = '{batch.Id()}' AND \"UserName\" = 'importadmin'"));
    }

    [Theory]
    [InlineData("utf-8", "csv")]
    [InlineData("gb18030", "csv")]
    [InlineData("", "xlsx")]
    public async Task The_error_file_has_the_failed_rows_as_they_were_with_the_reason_and_imports_again_once_fixed(string encoding, string format)
    {
        var prefix = $"错误文件{format}{encoding.Replace("-", "")}";
        string[][] rows =
        [
            [$"{prefix}好有限公司", "", "好地址", "+86 138-0013-7401", "张三"],
            [$"{prefix}坏有限公司", "", "坏地址", "+86 138-0013-740", "李四"],
        ];
        var content = format == "xlsx" ? ImportSheets.Xlsx(Headers, rows) : ImportSheets.Csv(Headers, rows, encoding);
        var batch = await world.DataAdmin.Client.ImportAsync(content, $"{prefix}.{format}", new { });
        Assert.Equal((1, 1, true), (batch.GetProperty("created").GetInt32(), batch.GetProperty("failed").GetInt32(), batch.GetProperty("hasErrorFile").GetBoolean()));

        var response = await world.DataAdmin.Client.GetAsync($"/api/customers/imports/{batch.Id()}/errors");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{prefix}.errors.{format}", response.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var table = format == "xlsx" ? ReadXlsx(bytes) : ReadCsv(bytes, encoding);
        Assert.Equal([.. Headers, "错误原因"], table[0]);
        // The original value stays (a leading "+" is kept from being run as a formula by the writer's apostrophe).
        Assert.Equal([$"{prefix}坏有限公司", "", "坏地址"], table[1][..3]);
        Assert.EndsWith("+86 138-0013-740", table[1][3]);
        Assert.Equal("手机：手机号应为 11 位中国大陆手机号码", table[1][5]);
        Assert.Equal(2, table.Count);

        // Fixed in the error file itself (the reason column is left in: it maps to nothing) and imported again.
        var fixedRows = new[] { table[1].Select((c, i) => i == 3 ? "+86 138-0013-7402" : c).ToArray() };
        var again = format == "xlsx" ? ImportSheets.Xlsx(table[0], fixedRows) : ImportSheets.Csv(table[0], fixedRows, encoding);
        var second = await world.DataAdmin.Client.ImportAsync(again, $"{prefix}.errors.{format}", new { });
        Assert.Equal((1, 0), (second.GetProperty("created").GetInt32(), second.GetProperty("failed").GetInt32()));
        Assert.Single(await world.Admin.FindAsync($"{prefix}坏"));
    }

    static List<string[]> ReadCsv(byte[] bytes, string encoding)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = (encoding == "gb18030" ? Encoding.GetEncoding("gb18030") : Encoding.UTF8).GetString(bytes).TrimStart('\uFEFF');
        if (encoding == "gb18030") Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), "a GB18030 file has no UTF-8 BOM");
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();
    }

    static List<string[]> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => v?.ToString() ?? "").ToArray()).ToList();
    }

    [Fact]
    public async Task The_history_shows_own_batches_and_data_administrators_see_all()
    {
        var mine = await world.Rep.Client.UploadAsync(ImportSheets.Csv(Headers, [["历史乙有限公司", "", "", "", ""]]), "历史.csv");
        var theirs = await world.OtherRep.Client.UploadAsync(ImportSheets.Csv(Headers, [["历史丙有限公司", "", "", "", ""]]), "历史2.csv");

        var own = (await world.Rep.Client.GetJsonAsync("/api/customers/imports")).EnumerateArray().Select(b => b.Id()).ToList();
        Assert.Contains(mine.BatchId(), own);
        Assert.DoesNotContain(theirs.BatchId(), own);
        await world.Rep.Client.GetJsonAsync($"/api/customers/imports/{theirs.BatchId()}", HttpStatusCode.NotFound);
        await world.Rep.Client.AnalyzeAsync(theirs.BatchId(), new { }, HttpStatusCode.NotFound);
        await world.Rep.Client.PostJsonAsync($"/api/customers/imports/{theirs.BatchId()}/run", new { }, HttpStatusCode.NotFound);

        var all = (await world.DataAdmin.Client.GetJsonAsync("/api/customers/imports?take=200")).EnumerateArray().Select(b => b.Id()).ToList();
        Assert.Contains(mine.BatchId(), all);
        Assert.Contains(theirs.BatchId(), all);
        var page = (await world.DataAdmin.Client.GetJsonAsync($"/api/customers/imports?after={theirs.BatchId()}&take=200")).EnumerateArray().Select(b => b.Id()).ToList();
        Assert.DoesNotContain(theirs.BatchId(), page);
        Assert.Contains(mine.BatchId(), page);

        // Without the import permission: refused, whatever the batch.
        var response = await world.World.RepA.Client.GetAsync("/api/customers/imports");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    /// <summary>The customer as its form would send it back with a remark added by a person.</summary>
    static CustomerForm Edited(JsonElement customer) => new()
    {
        Name = customer.Str("name"), CreditCode = customer.Str("creditCode"), Version = customer.GetProperty("version").GetInt32(), Remarks = "人工修改",
    };

    async Task<JsonElement> Find(string name) => await world.Admin.GetCustomerAsync(Assert.Single(await world.Admin.FindAsync(name)));
}
