using System.Text;
using Crm.Abstractions.Cli;
using Crm.Abstractions.Data;
using Crm.Customers.Domain;
using Crm.Host.Modules;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Tests;

/// <summary>The <c>demo-data</c> verb of the loaded module, run on the real host's fresh database: what an operator
/// gets is consistent, valid and protected.</summary>
public sealed class DemoDataTests(CrmHostFactory host) : IClassFixture<CrmHostFactory>
{
    const int Customers = 200;

    [Fact]
    public async Task Demo_customers_are_valid_searchable_and_their_personal_data_is_encrypted()
    {
        await host.EnsureAdminAsync();
        var output = new StringWriter();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var verb = host.Services.GetRequiredService<ModuleCatalog>().Modules.SelectMany(m => m.Verbs).Single(v => v.Name == "demo-data");
            var values = new Dictionary<string, string?> { ["customers"] = Customers.ToString() };
            Assert.Equal(0, await verb.RunAsync(new CliInvocation(values, scope.ServiceProvider, output, output, CancellationToken.None)));
        }
        Assert.Contains($"完成：{Customers} 个客户", output.ToString());

        await using var db = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False");
        await db.OpenAsync();
        Assert.Equal(Customers, await ScalarAsync(db, "SELECT count(*) FROM cust_customers"));
        Assert.Equal(Customers, await ScalarAsync(db, "SELECT count(DISTINCT \"Code\") FROM cust_customers"));
        Assert.Equal(1, await ScalarAsync(db, "SELECT count(*) FROM host_audit_log WHERE \"Action\" = 'demo-data'"));

        var creditCodes = await ListAsync(db, "SELECT \"CreditCode\" FROM cust_customers WHERE \"Kind\" = 1");
        Assert.NotEmpty(creditCodes);
        Assert.All(creditCodes, code => Assert.True(CreditCode.IsValid(code), code));
        Assert.Equal(0, await ScalarAsync(db, "SELECT count(*) FROM cust_customers WHERE \"Kind\" = 1 AND \"CreditCode\" IS NULL"));

        Assert.Equal(0, await ScalarAsync(db, """
            SELECT count(*) FROM cust_customers c
            WHERE (SELECT count(*) FROM cust_contacts x WHERE x."CustomerId" = c."Id" AND x."IsPrimary" = 1) <> 1
            """));
        Assert.Equal(0, await ScalarAsync(db, """
            SELECT count(*) FROM cust_customers c
            WHERE (SELECT count(*) FROM cust_customer_tags t WHERE t."CustomerId" = c."Id") NOT BETWEEN 1 AND 5
            """));
        // Invented actions already overdue count as reminded, so the first reminder run mails nobody about them.
        Assert.Equal(0, await ScalarAsync(db, """
            SELECT count(*) FROM cust_followups
            WHERE "NextActionDue" < strftime('%Y-%m-%d %H:%M:%S', 'now') AND NOT "NextActionDone" AND "ReminderSentAt" IS NULL
            """));

        // A name is found by three of its characters through the full-text index the triggers keep.
        var (id, nameKey) = await FirstAsync(db, "SELECT \"Id\", \"NameKey\" FROM cust_customers WHERE \"Kind\" = 1 ORDER BY \"Id\" LIMIT 1");
        var part = nameKey.Substring(nameKey.IndexOf('市') + 1, 3);
        var found = await ListAsync(db, $"SELECT rowid FROM cust_customer_fts WHERE cust_customer_fts MATCH '\"{part}\"'");
        Assert.Contains(id, found);

        // Mobiles are stored encrypted: none of them appears in the database file (WAL checkpointed into it).
        await using (var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", db)) await checkpoint.ExecuteNonQueryAsync();
        var protector = new PiiProtector(PiiKeyRing.LoadOrCreate(host.Services.GetRequiredService<ICrmDatabase>().DataFolder));
        var mobiles = (await ListAsync(db, "SELECT \"MobileCipher\" FROM cust_contacts")).Select(protector.Unprotect).ToList();
        Assert.All(mobiles, m => Assert.Matches("^1[3-9][0-9]{9}$", m));
        var file = await File.ReadAllBytesAsync(host.DatabasePath);
        Assert.DoesNotContain(mobiles, m => file.AsSpan().IndexOf(Encoding.UTF8.GetBytes(m)) >= 0);
    }

    static async Task<long> ScalarAsync(SqliteConnection db, string sql)
    {
        await using var command = new SqliteCommand(sql, db);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    static async Task<List<string>> ListAsync(SqliteConnection db, string sql)
    {
        await using var command = new SqliteCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        return values;
    }

    static async Task<(string Id, string Value)> FirstAsync(SqliteConnection db, string sql)
    {
        await using var command = new SqliteCommand(sql, db);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, reader.GetString(1));
    }
}
