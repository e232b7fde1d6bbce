using System.Diagnostics;
using System.Globalization;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Customers.Data;
using Crm.Customers.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Customers.Demo;

/// <summary>Fills the database with realistic demo customers (演示数据) for trying the product and for benchmarks.
/// Rows are written through prepared ADO.NET commands, one transaction per batch, never through EF change tracking:
/// a million customers with their contacts, follow-ups and tags must take minutes, not hours. The name search
/// triggers stay on, so the full-text index is in sync when this returns. Not audited row by row: one audit record
/// says what was generated.</summary>
internal sealed class DemoData(CustomersDbContext db, IDataDictionary dictionary, PiiProtector protector, IAuditLog audit)
{
    public const int DefaultBatchSize = 10_000;

    // Up to 512 MB of page cache during the run: the list indexes on random timestamps are written all over the file.
    const int RunCacheSizeKib = 524_288;

    public async Task<DemoDataResult> GenerateAsync(int customers, TextWriter progress, CancellationToken ct, int batchSize = DefaultBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customers);
        var watch = Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var previousCache = await ScalarAsync<long>(connection, "PRAGMA cache_size", ct);
            await ExecuteAsync(connection, $"PRAGMA cache_size = -{RunCacheSizeKib}", ct);
            try
            {
                var world = await DemoWorld.LoadAsync(connection, dictionary, ct);
                var builder = new DemoCustomerBuilder(world, protector, DateTime.UtcNow, Random.Shared.NextInt64());
                var totals = new DemoDataResult.Counts();
                // The next batch is built (names, check characters, encryption) on the other cores while this one is
                // written: writing is one connection's work.
                var next = await BuildAsync(builder, Math.Min(batchSize, customers), ct);
                for (var done = 0; done < customers;)
                {
                    var batch = await next;
                    done += batch.Length;
                    if (done < customers) next = await BuildAsync(builder, Math.Min(batchSize, customers - done), ct);
                    await WriteBatchAsync(connection, batch, totals, ct);
                    await progress.WriteLineAsync(
                        $"已生成 {done:N0} / {customers:N0} 个客户（{done / watch.Elapsed.TotalSeconds:N0} 个/秒）");
                }

                await audit.WriteAsync(new AuditRecord("demo-data", nameof(Customer), null, Summary: $"生成演示客户 {customers} 条"), ct);
                await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE)", ct);
                var elapsed = watch.Elapsed;
                var bytes = new FileInfo(connection.DataSource).Length;
                return new DemoDataResult(customers, totals.Contacts, totals.FollowUps, totals.TagLinks, elapsed, bytes);
            }
            finally
            {
                await ExecuteAsync(connection, $"PRAGMA cache_size = {previousCache}", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Reserves the batch's code numbers and starts building it in the background.</summary>
    async Task<Task<DemoCustomer[]>> BuildAsync(DemoCustomerBuilder builder, int count, CancellationToken ct)
    {
        // A reservation of its own, ahead of the batch's transaction: a failed batch leaves a gap, which codes allow.
        long firstNumber;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            firstNumber = await CodeSequence.ReserveAsync(db, count, ct);
            await transaction.CommitAsync(ct);
        }
        return Task.Run(() =>
        {
            var batch = new DemoCustomer[count];
            Parallel.For(0, count, new ParallelOptions { CancellationToken = ct }, i => batch[i] = builder.Build(firstNumber + i));
            return batch;
        }, ct);
    }

    async Task WriteBatchAsync(SqliteConnection connection, DemoCustomer[] batch, DemoDataResult.Counts totals, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sqlite = (SqliteTransaction)transaction.GetDbTransaction();
        var id = CustomerBatchWriter.LastCustomerId(connection, sqlite);
        using var insert = new CustomerBatchWriter(connection, sqlite);
        foreach (var (customer, followUps, tagIds) in batch)
        {
            ct.ThrowIfCancellationRequested();
            customer.Id = ++id;
            insert.Customer(customer);
            foreach (var contact in customer.Contacts)
            {
                contact.CustomerId = id;
                insert.Contact(contact);
            }
            foreach (var followUp in followUps)
            {
                followUp.CustomerId = id;
                insert.FollowUp(followUp);
            }
            foreach (var tag in tagIds) insert.Tag(id, tag);
            totals.Contacts += customer.Contacts.Count;
            totals.FollowUps += followUps.Length;
            totals.TagLinks += tagIds.Length;
        }
        await transaction.CommitAsync(ct);
    }

    static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(ct))!, typeof(T), CultureInfo.InvariantCulture);
    }
}

/// <summary>What a demo-data run made, and how fast.</summary>
internal sealed record DemoDataResult(int Customers, long Contacts, long FollowUps, long TagLinks, TimeSpan Elapsed, long DatabaseBytes)
{
    public long Rows => Customers + Contacts + FollowUps + TagLinks;
    public double CustomersPerSecond => Customers / Elapsed.TotalSeconds;
    public double RowsPerSecond => Rows / Elapsed.TotalSeconds;

    public string Describe() =>
        $"完成：{Customers:N0} 个客户，{Contacts:N0} 个联系人，{FollowUps:N0} 条跟进记录，{TagLinks:N0} 个客户标签；" +
        $"用时 {Elapsed.TotalSeconds:N1} 秒，{CustomersPerSecond:N0} 个客户/秒（{RowsPerSecond:N0} 行/秒）；" +
        $"数据库文件 {DatabaseBytes / 1024.0 / 1024.0:N1} MB";

    internal sealed class Counts
    {
        public long Contacts;
        public long FollowUps;
        public long TagLinks;
    }
}
