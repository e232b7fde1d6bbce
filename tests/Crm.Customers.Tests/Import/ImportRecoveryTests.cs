using System.Net;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Customers.Tests.Import;

/// <summary>A host that stops or crashes in the middle of an import: the chunks committed stay, each with the batch's
/// progress; the next start marks the batch interrupted, and resuming continues after the last committed row.</summary>
public sealed class ImportRecoveryTests(ImportWorld world) : IClassFixture<ImportWorld>
{
    static readonly string[] Headers = ["客户名称", "统一社会信用代码", "联系人", "手机", "标签", "成立日期"];

    static byte[] File(string prefix, int rows, long creditBase) => ImportSheets.Csv(Headers, Enumerable.Range(1, rows).Select(i => (IReadOnlyList<string>)
        [$"{prefix}{i}号贸易有限公司", Identifiers.CreditCode(creditBase + i), "王经理", $"139{creditBase / 100_000 % 100:D2}{i:D6}", i % 3 == 0 ? "重点客户、工业" : "", $"{2000 + i % 20}/{1 + i % 12}/{1 + i % 28}"]));

    /// <summary>A second host on the same database, as after a restart.</summary>
    CrmHostFactory Restarted()
    {
        var host = new CrmHostFactory();
        host.Settings["Database:Path"] = world.World.Host.DatabasePath;
        return host;
    }

    [Fact]
    public async Task A_crash_after_the_first_chunk_leaves_that_chunk_and_a_restart_resumes_after_it()
    {
        var batch = await world.DataAdmin.Client.ImportAsync(File("恢复甲", 5_000, 7_400_000), "恢复.csv", new { });
        Assert.Equal(5_000, batch.GetProperty("created").GetInt32());
        var id = batch.Id();

        // The state a crash in the second chunk leaves: the first chunk (rows 2–2001) committed with its progress, the
        // rest rolled back, the batch still marked running.
        await using (var db = await world.OpenDatabaseAsync())
        {
            await using var command = db.CreateCommand();
            command.CommandText = $"""
                DELETE FROM cust_customers WHERE "Id" IN (SELECT "CustomerId" FROM cust_import_changes WHERE "BatchId" = {id} AND "Row" > 2001);
                DELETE FROM cust_import_changes WHERE "BatchId" = {id} AND "Row" > 2001;
                UPDATE cust_import_batches SET "Status" = 'Running', "RowsDone" = 2000, "LastRow" = 2001, "Created" = 2000, "TotalRows" = 0,
                    "HasErrorFile" = 0, "FinishedAt" = NULL, "Message" = NULL WHERE "Id" = {id};
                """;
            await command.ExecuteNonQueryAsync();
        }
        Assert.Equal(2_000, await world.ScalarAsync($"SELECT count(*) FROM cust_customers WHERE \"ImportBatchId\" = {id}"));

        using var restarted = Restarted();
        var client = await restarted.ClientForAsync(world.DataAdmin.UserName, OrganizationApi.Password);
        var interrupted = await client.GetJsonAsync($"/api/customers/imports/{id}");
        Assert.Equal(("Interrupted", true, 2_000), (interrupted.Str("status"), interrupted.GetProperty("canResume").GetBoolean(), interrupted.GetProperty("rowsDone").GetInt32()));
        Assert.Contains("第 2001 行后中断", interrupted.Str("message"));

        await client.PostJsonAsync($"/api/customers/imports/{id}/resume", new { }, HttpStatusCode.Accepted);
        var resumed = await client.WaitAsync(id);
        Assert.Equal(("Completed", 5_000, 5_000, 0), (resumed.Str("status"), resumed.GetProperty("created").GetInt32(), resumed.GetProperty("rowsDone").GetInt32(),
            resumed.GetProperty("failed").GetInt32()));
        Assert.Equal(5_000, await world.ScalarAsync($"SELECT count(DISTINCT \"Code\") FROM cust_customers WHERE \"ImportBatchId\" = {id}"));
        Assert.Equal(5_000, await world.ScalarAsync($"SELECT count(*) FROM cust_import_changes WHERE \"BatchId\" = {id}"));
        Assert.Equal(1, await world.ScalarAsync("SELECT count(*) FROM cust_customer_fts WHERE cust_customer_fts MATCH '\"恢复甲4999号\"'"));
    }

    [Fact]
    public async Task Twenty_thousand_rows_stopped_mid_run_resume_to_all_of_them_once()
    {
        var content = File("恢复乙", 20_000, 7_500_000);
        long id;
        using (var host = Restarted())
        {
            var client = await host.ClientForAsync(world.DataAdmin.UserName, OrganizationApi.Password);
            id = (await client.UploadAsync(content, "两万行.csv")).BatchId();
            await client.PostJsonAsync($"/api/customers/imports/{id}/run", new { }, HttpStatusCode.Accepted);
            var until = DateTime.UtcNow.AddMinutes(2);
            while ((await client.GetJsonAsync($"/api/customers/imports/{id}")).GetProperty("rowsDone").GetInt32() == 0)
            {
                Assert.True(DateTime.UtcNow < until, "no chunk committed in two minutes");
                await Task.Delay(20);
            }
        }

        // Stopped: what is in the database is exactly what the batch says it committed.
        var stopped = await world.DataAdmin.Client.GetJsonAsync($"/api/customers/imports/{id}");
        Assert.Equal("Interrupted", stopped.Str("status"));
        var done = stopped.GetProperty("rowsDone").GetInt32();
        Assert.InRange(done, 2_000, 19_999);
        Assert.Equal(done, await world.ScalarAsync($"SELECT count(*) FROM cust_customers WHERE \"ImportBatchId\" = {id}"));
        Assert.Equal(done + 1, await world.ScalarAsync($"SELECT \"LastRow\" FROM cust_import_batches WHERE \"Id\" = {id}"));

        await world.DataAdmin.Client.PostJsonAsync($"/api/customers/imports/{id}/resume", new { }, HttpStatusCode.Accepted);
        var finished = await world.DataAdmin.Client.WaitAsync(id, seconds: 600);
        Assert.Equal(("Completed", 20_000, 0), (finished.Str("status"), finished.GetProperty("created").GetInt32(), finished.GetProperty("failed").GetInt32()));
        Assert.True(finished.GetProperty("rowsPerSecond").GetDouble() > 0);
        Assert.Equal(20_000, await world.ScalarAsync($"SELECT count(DISTINCT \"NameKey\") FROM cust_customers WHERE \"ImportBatchId\" = {id}"));
        Assert.Equal(6_666, await world.ScalarAsync($"SELECT count(*) FROM cust_customer_tags t JOIN cust_customers c ON c.\"Id\" = t.\"CustomerId\" WHERE c.\"ImportBatchId\" = {id} AND t.\"TagId\" = 1"));
        Assert.Equal(20_000, await world.ScalarAsync($"SELECT count(*) FROM cust_contacts x JOIN cust_customers c ON c.\"Id\" = x.\"CustomerId\" WHERE c.\"ImportBatchId\" = {id} AND x.\"IsPrimary\""));
    }
}
