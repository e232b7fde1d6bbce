using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Files;
using Crm.Customers.Data;
using Crm.Customers.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Import;

/// <summary>Runs a batch: checks the file chunk by chunk and writes each checked chunk through prepared commands while
/// the next one is being checked. "Import valid rows" commits every chunk in its own transaction together with the
/// batch's progress and the chunk's changes and failures, so a crash loses at most the chunk in flight and a resume
/// continues after <see cref="ImportBatch.LastRow"/>. "All or nothing" checks the whole file first and refuses when a
/// row fails; otherwise it writes the file in one transaction, so a crash leaves nothing.</summary>
internal sealed class ImportRunner(
    CustomersDbContext db,
    IServiceScopeFactory scopes,
    ImportFiles files,
    ImportPlanner planner,
    ImportEntries entries,
    ImportProgress progress,
    ITableFiles tables,
    IAuditLog audit)
{
    const int RunCacheSizeKib = 65_536;

    public async Task RunAsync(long batchId, CancellationToken ct)
    {
        var batch = await db.ImportBatches.FirstAsync(b => b.Id == batchId, ct);
        var options = JsonSerializer.Deserialize<ImportOptions>(batch.OptionsJson ?? "{}", ImportJson.Options) ?? new ImportOptions();
        var watch = Stopwatch.StartNew();
        var live = progress.Start(batch);
        try
        {
            await using var source = await files.OpenAsync(batch, options.Encoding, options.Sheet, ct);
            var planned = await planner.PlanAsync(batch.Kind, options, source.Reader.Headers, ct);
            if (!planned.Succeeded)
            {
                await FinishAsync(batch, ImportStatus.Failed, "导入设置无效：" + planned.ErrorText, CancellationToken.None);
                return;
            }
            var plan = planned.Value!;
            var created = await entries.CreateAsync(plan, ct);
            if (!created.Succeeded)
            {
                await FinishAsync(batch, ImportStatus.Failed, created.ErrorText, CancellationToken.None);
                return;
            }
            // One connection for the whole run, with a page cache large enough for the indexes the rows go into
            // (they are written all over the file); put back as it was for the next user of the pooled connection.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync($"PRAGMA cache_size = -{RunCacheSizeKib}", ct);
                if (options.AllOrNothing) await AllOrNothingAsync(batch, plan, source, live, watch, ct);
                else await ValidRowsAsync(batch, plan, source, live, watch, ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000", CancellationToken.None);
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The host is stopping: committed chunks stay, the batch can be resumed or undone.
            batch = await CommittedAsync(batch);
            await FinishAsync(batch, ImportStatus.Interrupted, $"导入在第 {batch.LastRow} 行后中断（主机停止），可以继续导入或撤销", CancellationToken.None);
        }
        catch (Exception e) when (e is TableFileException or SqliteException or IOException or DbUpdateException or InvalidOperationException)
        {
            batch = await CommittedAsync(batch);
            await FinishAsync(batch, ImportStatus.Failed, $"导入失败：{e.Message}（已提交的 {batch.LastRow} 行之前的数据保留，可撤销）", CancellationToken.None);
        }
        finally
        {
            progress.Stop(batch.Id);
        }
    }

    async Task ValidRowsAsync(ImportBatch batch, ImportPlan plan, ImportSource source, ImportProgress.Live live, Stopwatch watch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var analyzer = new ImportAnalyzer(plan, planner.Checks(plan), scope.ServiceProvider.GetRequiredService<CustomersDbContext>());
        await using var rows = source.Reader.ReadRowsAsync(ct).GetAsyncEnumerator(ct);
        var counts = Counts(batch);
        var doneBefore = batch.RowsDone;
        var next = CheckNextAsync(analyzer, rows, batch.LastRow, ct);
        try
        {
            while (await next is { Count: > 0 } chunk)
            {
                // The next chunk is read and checked (parsing, rules, encryption) on the other core while this one is written.
                next = CheckNextAsync(analyzer, rows, chunk[^1].Number, ct);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await WriteAsync(batch, plan, chunk, counts, transaction, ct);
                batch.RowsDone += chunk.Count;
                batch.LastRow = chunk[^1].Number;
                batch.RowsPerSecond = Math.Round((batch.RowsDone - doneBefore) / Math.Max(watch.Elapsed.TotalSeconds, 0.001), 1);
                await SaveProgressAsync(batch, counts, ct);
                await transaction.CommitAsync(ct);
                live.Update(batch.RowsDone, batch.RowsPerSecond, counts);
            }
        }
        finally
        {
            await SettleAsync(next);
        }
        await CompleteAsync(batch, counts, ct);
    }

    async Task AllOrNothingAsync(ImportBatch batch, ImportPlan plan, ImportSource source, ImportProgress.Live live, Stopwatch watch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var readDb = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();

        // First every row is checked: one failing row and nothing is written.
        var check = new ImportAnalyzer(plan, planner.Checks(plan), readDb);
        var failures = new List<ImportRow>();
        await using (var rows = source.Reader.ReadRowsAsync(ct).GetAsyncEnumerator(ct))
            while (await CheckNextAsync(check, rows, 0, ct) is { Count: > 0 } chunk)
            {
                failures.AddRange(chunk.Where(r => r.Outcome is ImportRowOutcome.Failed or ImportRowOutcome.Skipped));
                live.Update(check.Counts.Rows, Math.Round(check.Counts.Rows / Math.Max(watch.Elapsed.TotalSeconds, 0.001), 1), check.Counts);
            }
        batch.TotalRows = check.Counts.Rows;
        if (check.Counts.Failed + check.Counts.Skipped > 0)
        {
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                using var log = new ImportLog(transaction, batch.Id);
                foreach (var row in failures) log.Failure(row);
                await transaction.CommitAsync(ct);
            }
            var counts = check.Counts;
            batch.Failed = counts.Failed + counts.Skipped;
            await WriteErrorFileAsync(batch, ct);
            await FinishAsync(batch, ImportStatus.Failed,
                $"已选择“全部导入或全部不导入”：有 {batch.Failed} 行未通过检查，没有写入任何数据。请下载错误文件，修正后重新导入", CancellationToken.None);
            await AuditAsync(batch, "导入被拒绝（全部导入或全部不导入）", ct);
            return;
        }

        // Then the file again, in one transaction: a crash or an error on the way leaves nothing.
        var analyzer = new ImportAnalyzer(plan, planner.Checks(plan), readDb);
        await using var again = await files.OpenAsync(batch, plan.Options.Encoding, plan.Options.Sheet, ct);
        await using var all = again.Reader.ReadRowsAsync(ct).GetAsyncEnumerator(ct);
        var written = new ImportCounts();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var next = CheckNextAsync(analyzer, all, 0, ct);
            try
            {
                while (await next is { Count: > 0 } chunk)
                {
                    next = CheckNextAsync(analyzer, all, chunk[^1].Number, ct);
                    await WriteAsync(batch, plan, chunk, written, transaction, ct);
                    batch.RowsDone += chunk.Count;
                    batch.LastRow = chunk[^1].Number;
                    batch.RowsPerSecond = Math.Round(batch.RowsDone / Math.Max(watch.Elapsed.TotalSeconds, 0.001), 1);
                    live.Update(batch.RowsDone, batch.RowsPerSecond, written);
                }
            }
            finally
            {
                await SettleAsync(next);
            }
            if (written.Failed > 0)
            {
                // A row that passed the check failed on writing (someone saved the same name meanwhile): nothing stays.
                await transaction.RollbackAsync(ct);
                batch.RowsDone = batch.LastRow = 0;
                await FinishAsync(batch, ImportStatus.Failed, $"已选择“全部导入或全部不导入”：写入时有 {written.Failed} 行与他人同时保存的数据冲突，没有写入任何数据，请重新导入", CancellationToken.None);
                return;
            }
            await SaveProgressAsync(batch, written, ct);
            await transaction.CommitAsync(ct);
        }
        await CompleteAsync(batch, written, ct);
    }

    /// <summary>Waits for the chunk being checked before the file under it is closed; its own failure is not the one
    /// to report (the write's is, or there was none and it was already awaited).</summary>
    static async Task SettleAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is OperationCanceledException or TableFileException or SqliteException or IOException or InvalidOperationException)
        {
        }
    }

    /// <summary>Starts reading and checking the next chunk on the thread pool.</summary>
    static Task<IReadOnlyList<ImportRow>> CheckNextAsync(ImportAnalyzer analyzer, IAsyncEnumerator<TableRow> rows, int afterRow, CancellationToken ct) =>
        Task.Run(async () =>
        {
            var chunk = await ImportAnalyzer.ReadChunkAsync(rows, afterRow, ct);
            return chunk.Count == 0 ? [] : await analyzer.CheckAsync(chunk, ct);
        }, ct);

    /// <summary>Writes one checked chunk in the given transaction: new customers (ids and codes given here), updates
    /// (only if nobody saved the customer since it was read), contacts, tags, and what undo needs.</summary>
    async Task WriteAsync(ImportBatch batch, ImportPlan plan, IReadOnlyList<ImportRow> rows, ImportCounts counts, IDbContextTransaction transaction, CancellationToken ct)
    {
        var sqlite = (SqliteTransaction)transaction.GetDbTransaction();
        var connection = sqlite.Connection!;
        var created = rows.Count(r => r.Outcome == ImportRowOutcome.New && plan.Kind == ImportKind.Customers);
        var number = created > 0 ? await CodeSequence.ReserveAsync(db, created, ct) : 0;
        var id = CustomerBatchWriter.LastCustomerId(connection, sqlite);
        var firstId = id;
        using var write = new CustomerBatchWriter(connection, sqlite);
        if (created > 0) write.DeferNameIndex();
        using var log = new ImportLog(transaction, batch.Id);
        var now = DateTime.UtcNow;
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                if (row.Outcome == ImportRowOutcome.New && plan.Kind == ImportKind.Customers) Create(row, ++id, CodeSequence.Format(number++));
                else if (row.Outcome == ImportRowOutcome.Updated) Update(row);
                else if (row.Outcome == ImportRowOutcome.New) AddContact(row);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == 19)
            {
                // Someone saved the same name, credit code or ID number after this chunk was checked.
                row.Error(plan.Kind, UniqueField(e.Message), UniqueMessage(e.Message, row));
                row.Outcome = ImportRowOutcome.Failed;
            }
            if (row.Outcome is ImportRowOutcome.Failed or ImportRowOutcome.Skipped) log.Failure(row);
            counts.Add(row);
        }
        if (created > 0) write.IndexNames(firstId, id);

        void Create(ImportRow row, long customerId, string code)
        {
            var customer = row.Customer!;
            customer.Id = customerId;
            customer.Code = code;
            customer.CreatedAt = customer.UpdatedAt = now;
            customer.CreatedBy = plan.ImporterId;
            customer.ImportBatchId = batch.Id;
            write.Customer(customer);
            if (row.Contact is { } contact) InsertContact(contact, customerId);
            foreach (var tag in row.TagIds ?? []) write.Tag(customerId, tag);
            log.Change(row.Number, customerId, ImportChangeKind.Created, null, 0, null);
        }

        void Update(ImportRow row)
        {
            var customer = row.Customer!;
            customer.UpdatedAt = now;
            if (!write.Update(customer, row.Target!.Version))
            {
                row.Error(plan.Kind, "", "该客户在导入期间被他人修改，未更新；请重新导入这一行");
                row.Outcome = ImportRowOutcome.Failed;
                return;
            }
            if (row.TagIds is { } tags)
            {
                write.ClearTags(customer.Id);
                foreach (var tag in tags) write.Tag(customer.Id, tag);
            }
            long? contactId = row.Contact is { } contact ? InsertContact(contact, customer.Id) : null;
            log.Change(row.Number, customer.Id, ImportChangeKind.Updated, row.BeforeJson, row.Target.Version + 1, contactId);
        }

        void AddContact(ImportRow row)
        {
            var contactId = InsertContact(row.Contact!, row.Target!.Id);
            log.Change(row.Number, row.Target.Id, ImportChangeKind.ContactAdded, null, row.Target.Version, contactId);
        }

        long InsertContact(Contact contact, long customerId)
        {
            contact.CustomerId = customerId;
            contact.CreatedAt = contact.UpdatedAt = now;
            return write.Contact(contact);
        }
    }

    static string UniqueField(string message) =>
        message.Contains("NameKey", StringComparison.Ordinal) ? ImportFields.Name
        : message.Contains("CreditCode", StringComparison.Ordinal) ? ImportFields.CreditCode
        : message.Contains("IdNumberHash", StringComparison.Ordinal) ? ImportFields.IdNumber
        : message.Contains("cust_contacts", StringComparison.Ordinal) ? ImportFields.ContactIsPrimary
        : "";

    static string UniqueMessage(string message, ImportRow row) => UniqueField(message) switch
    {
        ImportFields.Name => CustomerRules.DuplicateName(row.Customer?.Name ?? ""),
        ImportFields.CreditCode => CustomerRules.DuplicateCreditCode(row.Customer?.CreditCode ?? ""),
        ImportFields.IdNumber => CustomerRules.DuplicateIdNumber,
        ImportFields.ContactIsPrimary => "该客户已有主要联系人（刚被他人添加），未导入",
        _ => "与已有数据重复，未导入",
    };

    static ImportCounts Counts(ImportBatch b) => new()
    {
        Rows = b.RowsDone, New = b.Created, Updated = b.Updated, Unchanged = b.Unchanged, Failed = b.Failed, Skipped = b.Skipped,
        Flagged = b.Flagged, PossibleDuplicates = b.PossibleDuplicates,
    };

    static void Apply(ImportBatch b, ImportCounts c)
    {
        (b.Created, b.Updated, b.Unchanged, b.Failed, b.Skipped, b.Flagged, b.PossibleDuplicates) =
            (c.New, c.Updated, c.Unchanged, c.Failed, c.Skipped, c.Flagged, c.PossibleDuplicates);
    }

    /// <summary>The batch's progress, in the transaction of the rows it counts.</summary>
    async Task SaveProgressAsync(ImportBatch batch, ImportCounts counts, CancellationToken ct)
    {
        Apply(batch, counts);
        await db.SaveChangesAsync(ct);
    }

    async Task CompleteAsync(ImportBatch batch, ImportCounts counts, CancellationToken ct)
    {
        Apply(batch, counts);
        batch.TotalRows = counts.Rows;
        await WriteErrorFileAsync(batch, ct);
        var summary = Summary(batch);
        await FinishAsync(batch, ImportStatus.Completed, summary, ct);
        await AuditAsync(batch, summary, ct);
    }

    public static string Summary(ImportBatch b) =>
        $"共 {b.TotalRows} 行：新增 {b.Created}，更新 {b.Updated}，未变化 {b.Unchanged}，失败 {b.Failed}" +
        (b.Skipped > 0 ? $"，按选择跳过 {b.Skipped}" : "") + $"；疑似重复 {b.PossibleDuplicates}，待修正 {b.Flagged}";

    /// <summary>The batch as committed. A chunk cut off by the stop or an error was rolled back with its transaction,
    /// but its progress, counts and failure rows are still in the change tracker: saved with the status, the batch would
    /// claim rows that are not in the database, and a resume would skip them.</summary>
    async Task<ImportBatch> CommittedAsync(ImportBatch batch)
    {
        db.ChangeTracker.Clear();
        return await db.ImportBatches.FirstAsync(b => b.Id == batch.Id, CancellationToken.None);
    }

    async Task FinishAsync(ImportBatch batch, ImportStatus status, string message, CancellationToken ct)
    {
        batch.Status = status;
        batch.Message = message;
        batch.FinishedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
    }

    async Task AuditAsync(ImportBatch batch, string summary, CancellationToken ct) =>
        await audit.WriteAsync(new AuditRecord("import", nameof(ImportBatch), batch.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Summary: $"导入{(batch.Kind == ImportKind.Contacts ? "联系人" : "客户")}文件「{batch.FileName}」（{batch.Size} 字节，SHA-256 {batch.Sha256}，{batch.Mode}）：{summary}"), ct);

    /// <summary>The rows not imported, as in the file (same columns, original values) with a 错误原因 column, in the
    /// file's format and encoding: fix them and import the error file again.</summary>
    async Task WriteErrorFileAsync(ImportBatch batch, CancellationToken ct)
    {
        var failures = await db.ImportFailures.AsNoTracking().Where(f => f.BatchId == batch.Id).ToDictionaryAsync(f => f.Row, f => f.Reasons, ct);
        var path = files.ErrorPath(batch);
        batch.HasErrorFile = failures.Count > 0;
        if (failures.Count == 0)
        {
            File.Delete(path);
            return;
        }
        var options = JsonSerializer.Deserialize<ImportOptions>(batch.OptionsJson ?? "{}", ImportJson.Options) ?? new ImportOptions();
        await using var source = await files.OpenAsync(batch, options.Encoding, options.Sheet, ct);
        var headers = source.Reader.Headers.Append(ImportFiles.ErrorColumn).ToList();
        var format = path.EndsWith(".xlsx", StringComparison.Ordinal) ? TableFormat.Xlsx : TableFormat.Csv;
        var encoding = string.Equals(source.Reader.Encoding, "gb18030", StringComparison.OrdinalIgnoreCase) ? TableTextEncoding.Gb18030 : TableTextEncoding.Utf8Bom;
        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
            await tables.WriteAsync(file, new TableWriteOptions(format, encoding), headers, Rows(source.Reader, source.Reader.Headers.Count, failures, ct), ct);
        File.Move(temporary, path, overwrite: true);

        static async IAsyncEnumerable<IReadOnlyList<string>> Rows(ITableReader reader, int columns, Dictionary<int, string> failures,
            [EnumeratorCancellation] CancellationToken ct)
        {
            await foreach (var row in reader.ReadRowsAsync(ct))
                if (failures.TryGetValue(row.Number, out var reasons))
                    yield return [.. Enumerable.Range(0, columns).Select(row.Cell), reasons];
        }
    }
}

/// <summary>Records what a batch did, in the batch's transaction: the changes undo needs and the rows that failed.</summary>
internal sealed class ImportLog : IDisposable
{
    readonly SqliteCommand change, failure;
    readonly long batchId;

    public ImportLog(IDbContextTransaction transaction, long batchId)
    {
        this.batchId = batchId;
        var sqlite = (SqliteTransaction)transaction.GetDbTransaction();
        change = Prepare(sqlite, """
            INSERT INTO cust_import_changes ("BatchId", "Row", "CustomerId", "Kind", "BeforeJson", "VersionAfter", "ContactId")
            VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)
            """, 7);
        failure = Prepare(sqlite, """INSERT INTO cust_import_failures ("BatchId", "Row", "Reasons") VALUES ($p0, $p1, $p2)""", 3);
    }

    static SqliteCommand Prepare(SqliteTransaction transaction, string sql, int parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < parameters; i++) command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        command.Prepare();
        return command;
    }

    public void Change(int row, long customerId, ImportChangeKind kind, string? beforeJson, int versionAfter, long? contactId) =>
        Run(change, batchId, row, customerId, (int)kind, beforeJson, versionAfter, contactId);

    public void Failure(ImportRow row) =>
        Run(failure, batchId, row.Number, row.Outcome == ImportRowOutcome.Skipped ? "未导入（按选择跳过待修正的行）：" + string.Join("；", row.Remarks.Select(r => r.Message)) : row.Reasons());

    static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        change.Dispose();
        failure.Dispose();
    }
}
