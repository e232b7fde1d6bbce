using System.Text;
using System.Text.Json;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Crm.Customers.Tests.Import;

/// <summary>Create only, update only, create or update — matched by credit code, customer code or name; updates change
/// only the mapped, non-empty cells unless asked to clear, rows that change nothing count as unchanged, and a customer
/// outside the importer's scope is not updated. A dry run writes nothing; all-or-nothing writes nothing when a row fails.</summary>
public sealed class ImportModeTests(ImportWorld world) : IClassFixture<ImportWorld>
{
    static readonly string[] Headers = ["客户名称", "统一社会信用代码", "地址", "备注", "客户状态"];

    /// <summary>Customers created by an import of the data administrator, by name → (id, code).</summary>
    async Task<Dictionary<string, (long Id, string Code)>> SeedAsync(string prefix, int count, long creditBase)
    {
        var rows = Enumerable.Range(1, count).Select(i => new[] { $"{prefix}{i}号有限公司", Identifiers.CreditCode(creditBase + i), $"旧地址{i}", $"旧备注{i}", "潜在" }).ToList();
        var batch = await world.DataAdmin.Client.ImportAsync(ImportSheets.Csv(Headers, rows), "种子.csv", new { });
        Assert.Equal(count, batch.GetProperty("created").GetInt32());
        var result = new Dictionary<string, (long, string)>();
        foreach (var row in rows)
        {
            var customer = await world.Admin.GetCustomerAsync(Assert.Single(await world.Admin.FindAsync(row[0])));
            result[row[0]] = (customer.Id(), customer.Str("code"));
        }
        return result;
    }

    [Fact]
    public async Task Update_by_credit_code_changes_only_the_mapped_non_empty_cells_and_counts_the_unchanged()
    {
        var seeded = await SeedAsync("更新甲", 3, 7_200_000);
        var file = ImportSheets.Csv(Headers,
        [
            ["更新甲1号有限公司", Identifiers.CreditCode(7_200_001), "新地址1", "", ""],
            ["更新甲2号有限公司", Identifiers.CreditCode(7_200_002), "旧地址2", "旧备注2", "潜在客户"],
            ["没这个客户有限公司", Identifiers.CreditCode(7_200_099), "x", "", ""],
        ]);
        var batch = await world.DataAdmin.Client.ImportAsync(file, "更新.csv", new { mode = "Update", matchKey = "CreditCode" });
        Assert.Equal((0, 1, 1, 1), (batch.GetProperty("created").GetInt32(), batch.GetProperty("updated").GetInt32(),
            batch.GetProperty("unchanged").GetInt32(), batch.GetProperty("failed").GetInt32()));

        var first = await world.Admin.GetCustomerAsync(seeded["更新甲1号有限公司"].Id);
        Assert.Equal(("新地址1", "旧备注1"), (first.Str("address"), first.Str("remarks")));
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal(0, (await world.Admin.GetCustomerAsync(seeded["更新甲2号有限公司"].Id)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Clearing_empty_cells_is_asked_for_explicitly()
    {
        var seeded = await SeedAsync("清空乙", 1, 7_210_000);
        var file = ImportSheets.Csv(Headers, [["清空乙1号有限公司", Identifiers.CreditCode(7_210_001), "", "", ""]]);
        await world.DataAdmin.Client.ImportAsync(file, "清空.csv", new { mode = "Update", clearEmpty = true });
        var customer = await world.Admin.GetCustomerAsync(seeded["清空乙1号有限公司"].Id);
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("address").ValueKind);
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("remarks").ValueKind);
        // The status can't be empty: a cleared status cell leaves the customer as it was rather than without one.
        Assert.Equal("001", customer.GetProperty("status").Str("code"));
    }

    [Fact]
    public async Task Update_by_customer_code_and_by_name_and_upsert_by_credit_code()
    {
        var seeded = await SeedAsync("匹配丙", 3, 7_220_000);
        string[] codeHeaders = ["客户编码", "客户名称", "地址"];
        var byCode = await world.DataAdmin.Client.ImportAsync(ImportSheets.Csv(codeHeaders, [[seeded["匹配丙1号有限公司"].Code, "匹配丙1号（改名）有限公司", "编码地址"]]),
            "按编码.csv", new { mode = "Update", matchKey = "Code" });
        Assert.Equal(1, byCode.GetProperty("updated").GetInt32());
        var renamed = await world.Admin.GetCustomerAsync(seeded["匹配丙1号有限公司"].Id);
        Assert.Equal(("匹配丙1号（改名）有限公司", "编码地址"), (renamed.Str("name"), renamed.Str("address")));

        var byName = await world.DataAdmin.Client.ImportAsync(ImportSheets.Csv(["客户名称", "地址"], [["匹配丙2号 有限公司", "名称地址"]]),
            "按名称.csv", new { mode = "Update", matchKey = "Name" });
        Assert.Equal(1, byName.GetProperty("updated").GetInt32());
        Assert.Equal("名称地址", (await world.Admin.GetCustomerAsync(seeded["匹配丙2号有限公司"].Id)).Str("address"));

        var upsert = await world.DataAdmin.Client.ImportAsync(ImportSheets.Csv(Headers,
        [
            ["匹配丙3号有限公司", Identifiers.CreditCode(7_220_003), "合并地址", "", ""],
            ["匹配丙新客户有限公司", Identifiers.CreditCode(7_220_004), "新客户地址", "", ""],
        ]), "新增或更新.csv", new { mode = "Upsert", matchKey = "CreditCode" });
        Assert.Equal((1, 1), (upsert.GetProperty("created").GetInt32(), upsert.GetProperty("updated").GetInt32()));
        Assert.Equal("合并地址", (await world.Admin.GetCustomerAsync(seeded["匹配丙3号有限公司"].Id)).Str("address"));
        Assert.Single(await world.Admin.FindAsync("匹配丙新客户"));

        // Create only: an existing name is a duplicate, not an update.
        var create = await world.DataAdmin.Client.UploadAsync(ImportSheets.Csv(Headers, [["匹配丙3号有限公司", "", "", "", ""]]), "新增.csv");
        var analysis = await world.DataAdmin.Client.AnalyzeAsync(create.BatchId(), new { mode = "Create" });
        Assert.Equal(["name: 客户名称「匹配丙3号有限公司」已存在（全称相同的客户不能重复建档）"], analysis.Rows()[2].Errors());
    }

    [Fact]
    public async Task A_rep_cannot_update_customers_outside_their_scope()
    {
        var mine = await world.Rep.Client.CreateCustomerAsync(new CustomerForm { Name = "我的客户丁有限公司", CreditCode = Identifiers.CreditCode(7_230_001) });
        await world.World.RepB.Client.CreateCustomerAsync(new CustomerForm { Name = "别人的客户丁有限公司", CreditCode = Identifiers.CreditCode(7_230_002) });
        var file = ImportSheets.Csv(Headers,
        [
            ["我的客户丁有限公司", Identifiers.CreditCode(7_230_001), "我改的地址", "", ""],
            ["别人的客户丁有限公司", Identifiers.CreditCode(7_230_002), "我改的地址", "", ""],
        ]);
        var batch = await world.Rep.Client.ImportAsync(file, "范围.csv", new { mode = "Update" });
        Assert.Equal((1, 1), (batch.GetProperty("updated").GetInt32(), batch.GetProperty("failed").GetInt32()));
        Assert.Equal("我改的地址", (await world.Admin.GetCustomerAsync(mine.Id())).Str("address"));
        var other = await world.Admin.GetCustomerAsync(Assert.Single(await world.Admin.FindAsync("别人的客户丁")));
        Assert.Equal(JsonValueKind.Null, other.GetProperty("address").ValueKind);

        var errors = await world.Rep.Client.GetAsync($"/api/customers/imports/{batch.Id()}/errors");
        var text = Encoding.UTF8.GetString(await errors.Content.ReadAsByteArrayAsync());
        Assert.Contains("客户已存在，但不在您的数据权限范围内", text);
        Assert.DoesNotContain("我的客户丁", text);
    }

    [Fact]
    public async Task A_dry_run_writes_nothing()
    {
        await SeedAsync("试运行戊", 2, 7_240_000);
        var file = ImportSheets.Csv(Headers,
        [
            ["试运行戊1号有限公司", Identifiers.CreditCode(7_240_001), "改地址", "", ""],
            ["试运行戊新有限公司", Identifiers.CreditCode(7_240_003), "新地址", "", "地推"],
        ]);
        var upload = await world.DataAdmin.Client.UploadAsync(file, "试运行.csv");
        var before = await SnapshotAsync();
        var analysis = await world.DataAdmin.Client.AnalyzeAsync(upload.BatchId(), new { mode = "Upsert" });
        Assert.Equal((1, 0, 1), (analysis.GetProperty("updated").GetInt32(), analysis.GetProperty("new").GetInt32(), analysis.GetProperty("failed").GetInt32()));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task All_or_nothing_writes_nothing_when_a_row_fails_and_everything_when_none_does()
    {
        var bad = ImportSheets.Csv(Headers,
        [
            ["全有己1号有限公司", Identifiers.CreditCode(7_250_001), "", "", ""],
            ["全有己2号有限公司", "91440300BADCODE000", "", "", ""],
        ]);
        var before = await world.Admin.CountAsync();
        var refused = await world.DataAdmin.Client.ImportAsync(bad, "全部.csv", new { allOrNothing = true });
        Assert.Equal("Failed", refused.Str("status"));
        Assert.Equal("已选择“全部导入或全部不导入”：有 1 行未通过检查，没有写入任何数据。请下载错误文件，修正后重新导入", refused.Str("message"));
        Assert.True(refused.GetProperty("hasErrorFile").GetBoolean());
        Assert.Equal(before, await world.Admin.CountAsync());
        Assert.False(refused.GetProperty("canUndo").GetBoolean());

        var good = ImportSheets.Csv(Headers,
        [
            ["全有己1号有限公司", Identifiers.CreditCode(7_250_001), "", "", ""],
            ["全有己2号有限公司", Identifiers.CreditCode(7_250_002), "", "", ""],
        ]);
        var done = await world.DataAdmin.Client.ImportAsync(good, "全部.csv", new { allOrNothing = true });
        Assert.Equal(("Completed", 2), (done.Str("status"), done.GetProperty("created").GetInt32()));
        Assert.Equal(before + 2, await world.Admin.CountAsync());
    }

    /// <summary>Every row of the customer tables (and the import's own bookkeeping except the batches themselves).</summary>
    async Task<string> SnapshotAsync()
    {
        await using var db = await world.OpenDatabaseAsync();
        var text = new StringBuilder();
        foreach (var table in new[] { "cust_customers", "cust_contacts", "cust_customer_tags", "cust_import_changes", "cust_import_failures", "cust_sequences", "host_audit_log" })
        {
            await using var command = new SqliteCommand($"SELECT * FROM {table} ORDER BY 1", db);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++) text.Append(reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : reader.GetValue(i)).Append('|');
            text.AppendLine(table);
        }
        return text.ToString();
    }
}
