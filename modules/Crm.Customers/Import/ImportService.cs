using System.Globalization;
using System.Security.Cryptography;
using Crm.Abstractions.Files;
using Crm.Abstractions.Results;
using Crm.Abstractions.Security;
using Crm.Customers.Data;
using Crm.Customers.Domain;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Import;

/// <summary>The import as the API and the CLI use it: upload a file, analyse it (dry run), run it in the background,
/// follow its progress, download the rows that failed, undo it. A batch is visible to its importer, and to data
/// administrators (<see cref="CustomerPermissions.Merge"/>); anyone else gets 404.</summary>
internal sealed class ImportService(
    CustomersDbContext db,
    ICurrentUser user,
    ImportMappings mappings,
    ImportFiles files,
    ImportPlanner planner,
    ImportEntries entries,
    ImportProgress progress,
    ImportQueue queue,
    ImportUndo undo,
    IServiceScopeFactory scopes,
    IOptions<CustomerSettings> settings)
{
    const string What = "导入批次";
    const int SampleRows = 5;

    public long MaxBytes => settings.Value.ImportMaxMegabytes * 1024L * 1024L;

    public static string TooLarge(long bytes, long max) =>
        $"文件过大（{(bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture)} MB），最大 {max / 1024 / 1024} MB，请拆分后分批导入";

    /// <summary>An uploaded file stored under the data folder, before it belongs to a batch.</summary>
    public sealed record StoredUpload(string Path, string FileName, string Sha256, long Size)
    {
        public void Discard()
        {
            try { File.Delete(Path); } catch (IOException) { }
        }
    }

    /// <summary>Copies the upload to the data folder, hashing it on the way; refuses it once it passes the limit.</summary>
    public async Task<Outcome<StoredUpload>> StoreAsync(string fileName, Stream content, CancellationToken ct)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (name.Length == 0) return Outcome<StoredUpload>.Invalid("file", "请选择要导入的文件");
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension is not (".csv" or ".txt" or ".xlsx"))
            return Outcome<StoredUpload>.Invalid("file", $"不支持的文件类型「{(extension.Length == 0 ? "无扩展名" : extension)}」，请使用 CSV 或 XLSX 文件");
        var folder = files.Folder("incoming");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + extension);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long size = 0;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > MaxBytes)
                {
                    await target.DisposeAsync();
                    File.Delete(path);
                    return Outcome<StoredUpload>.Invalid("file", $"文件过大（超过 {MaxBytes / 1024 / 1024} MB），请拆分后分批导入");
                }
                sha.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        return new StoredUpload(path, name, Convert.ToHexStringLower(sha.GetHashAndReset()), size);
    }

    /// <summary>Opens the stored file (which the batch then owns), reads its headers and first rows and suggests a
    /// mapping (from the named template when one is given).</summary>
    public async Task<Outcome<ImportUpload>> UploadAsync(StoredUpload stored, ImportKind kind, string? encoding, string? sheet, string? mapping, CancellationToken ct)
    {
        if (stored.Size == 0) return Outcome<ImportUpload>.Invalid("file", "文件是空的");
        ImportFileInfo info;
        try
        {
            info = await files.InspectAsync(stored.Path, stored.FileName, encoding, sheet, SampleRows, ct);
        }
        catch (TableFileException e)
        {
            return Outcome<ImportUpload>.Invalid("file", e.Message);
        }
        if (info.Headers.Count == 0) return Outcome<ImportUpload>.Invalid("file", "文件是空的，或第一行没有列标题");
        if (info.Sample.Count == 0) return Outcome<ImportUpload>.Invalid("file", "文件只有标题行，没有数据");

        IReadOnlyList<string?> columns;
        if (mapping is not null)
        {
            var applied = await mappings.ApplyAsync(mapping, kind, info.Headers, ct);
            if (!applied.Succeeded) return applied.As<ImportUpload>();
            columns = applied.Value!;
        }
        else columns = ImportFields.Suggest(kind, info.Headers);

        var warnings = info.Warnings.Concat(HeaderWarnings(kind, info.Headers, columns)).ToList();
        var batch = new ImportBatch
        {
            Kind = kind,
            FileName = stored.FileName,
            Sha256 = stored.Sha256,
            Size = stored.Size,
            Status = ImportStatus.Uploaded,
            Encoding = info.Encoding,
            Sheet = info.Sheet,
            ImportedBy = user.UserId ?? Guid.Empty,
            ImportedByName = user.DisplayName,
            CreatedAt = DateTime.UtcNow,
        };
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        files.Adopt(batch, stored.Path);

        return new ImportUpload
        {
            Batch = View(batch),
            Headers = info.Headers,
            SampleRows = info.Sample,
            Columns = columns,
            Fields = ImportFields.For(kind),
            Templates = await mappings.NamesAsync(kind, ct),
            Encoding = info.Encoding,
            Delimiter = info.Delimiter?.ToString(),
            Sheet = info.Sheet,
            Sheets = info.Sheets,
            Warnings = warnings,
        };
    }

    /// <summary>Repeated headers, and a file of which no column was recognised (with the names that would be).</summary>
    static IEnumerable<string> HeaderWarnings(ImportKind kind, IReadOnlyList<string> headers, IReadOnlyList<string?> columns)
    {
        foreach (var group in headers.Select((h, i) => (h, i)).Where(x => x.h.Length > 0).GroupBy(x => ImportFields.NormalizeHeader(x.h)).Where(g => g.Count() > 1))
            yield return $"列标题「{group.First().h}」出现了 {group.Count()} 次（第 {string.Join("、", group.Select(x => x.i + 1))} 列），只能把其中一列映射到字段";
        if (columns.All(c => c is null)) yield return NothingRecognised(kind, headers);
    }

    public static string NothingRecognised(ImportKind kind, IReadOnlyList<string> headers) =>
        $"没有识别出任何列。文件的列标题：{string.Join("、", headers.Select(h => h.Length == 0 ? "（空）" : h))}；" +
        $"可识别的列名如：{string.Join("、", ImportFields.For(kind).Select(f => f.Label))}。请手动指定映射，或修改列标题后重新上传";

    public async Task<Outcome<ImportBatchView>> GetAsync(long id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } batch ? View(batch) : Outcome<ImportBatchView>.Missing(What);

    /// <summary>The import history, newest first: the user's own batches, or every batch for data administrators.</summary>
    public async Task<IReadOnlyList<ImportBatchView>> HistoryAsync(long? after, int take, CancellationToken ct)
    {
        var query = Visible();
        if (after is { } cursor) query = query.Where(b => b.Id < cursor);
        var batches = await query.OrderByDescending(b => b.Id).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return batches.Select(View).ToList();
    }

    /// <summary>The dry run: checks every row with these options and reports what a run would do. Writes nothing
    /// but the batch's row count.</summary>
    public async Task<Outcome<ImportAnalysis>> AnalyzeAsync(long id, ImportOptions options, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } batch) return Outcome<ImportAnalysis>.Missing(What);
        if (batch.Status is ImportStatus.Running) return Outcome<ImportAnalysis>.Conflicting("该批次正在导入");
        try
        {
            await using var source = await files.OpenAsync(batch, options.Encoding, options.Sheet, ct);
            var planned = await planner.PlanAsync(batch.Kind, options, source.Reader.Headers, ct);
            if (!planned.Succeeded) return planned.As<ImportAnalysis>();
            var plan = planned.Value!;
            await using var scope = scopes.CreateAsyncScope();
            var analyzer = new ImportAnalyzer(plan, planner.Checks(plan), scope.ServiceProvider.GetRequiredService<CustomersDbContext>());
            await using var rows = source.Reader.ReadRowsAsync(ct).GetAsyncEnumerator(ct);
            var after = 0;
            while (await ImportAnalyzer.ReadChunkAsync(rows, after, ct) is { Count: > 0 } chunk)
            {
                await analyzer.CheckAsync(chunk, ct);
                after = chunk[^1].Number;
            }
            if (analyzer.Counts.Rows == 0) return Outcome<ImportAnalysis>.Invalid("file", "文件只有标题行，没有数据");
            await db.ImportBatches.Where(b => b.Id == id).ExecuteUpdateAsync(u => u.SetProperty(b => b.TotalRows, analyzer.Counts.Rows), ct);
            return await analyzer.ReportAsync(entries.CanCreate, ct);
        }
        catch (TableFileException e)
        {
            return Outcome<ImportAnalysis>.Invalid("file", e.Message);
        }
    }

    /// <summary>Starts the run in the background and returns at once (202); <see cref="GetAsync"/> shows the progress.</summary>
    public async Task<Outcome<ImportBatchView>> StartAsync(long id, ImportOptions options, CancellationToken ct)
    {
        var prepared = await PrepareRunAsync(id, options, ct);
        if (!prepared.Succeeded) return prepared.As<ImportBatchView>();
        return await EnqueueAsync(prepared.Value!, ct);
    }

    /// <summary>Runs in this call (the command line, which has no background queue) and returns the finished batch.</summary>
    public async Task<Outcome<ImportBatchView>> RunNowAsync(long id, ImportOptions options, ImportRunner runner, CancellationToken ct)
    {
        var prepared = await PrepareRunAsync(id, options, ct);
        if (!prepared.Succeeded) return prepared.As<ImportBatchView>();
        var batch = prepared.Value!;
        await MarkRunningAsync(batch, ct);
        await runner.RunAsync(batch.Id, ct);
        return await GetAsync(batch.Id, ct);
    }

    /// <summary>Checks the mapping and choices now, so a mistake is a 400 here rather than a failed batch later, and
    /// keeps the options with the batch (a resume runs with them).</summary>
    async Task<Outcome<ImportBatch>> PrepareRunAsync(long id, ImportOptions options, CancellationToken ct)
    {
        if (await FindAsync(id, ct, tracked: true) is not { } batch) return Outcome<ImportBatch>.Missing(What);
        if (batch.Status != ImportStatus.Uploaded)
            return Outcome<ImportBatch>.Conflicting(batch.Status == ImportStatus.Interrupted ? "该批次已中断：请继续导入（resume）或撤销" : "该批次已经导入过；要再次导入，请重新上传文件");
        try
        {
            await using var source = await files.OpenAsync(batch, options.Encoding, options.Sheet, ct);
            var planned = await planner.PlanAsync(batch.Kind, options, source.Reader.Headers, ct);
            if (!planned.Succeeded) return planned.As<ImportBatch>();
            batch.Encoding = source.Reader.Encoding ?? batch.Encoding;
            batch.Sheet = source.Reader.Sheet ?? batch.Sheet;
        }
        catch (TableFileException e)
        {
            return Outcome<ImportBatch>.Invalid("file", e.Message);
        }
        batch.OptionsJson = JsonSerializer.Serialize(options, ImportJson.Options);
        batch.Mode = options.Mode;
        return batch;
    }

    /// <summary>Continues an interrupted batch after its last committed row, with the options it started with.</summary>
    public async Task<Outcome<ImportBatchView>> ResumeAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct, tracked: true) is not { } batch) return Outcome<ImportBatchView>.Missing(What);
        if (batch.Status != ImportStatus.Interrupted) return Outcome<ImportBatchView>.Conflicting("只有中断的批次可以继续导入");
        return await EnqueueAsync(batch, ct);
    }

    async Task<Outcome<ImportBatchView>> EnqueueAsync(ImportBatch batch, CancellationToken ct)
    {
        await MarkRunningAsync(batch, ct);
        queue.Enqueue(batch.Id, user.UserId ?? Guid.Empty);
        return View(batch);
    }

    async Task MarkRunningAsync(ImportBatch batch, CancellationToken ct)
    {
        batch.Status = ImportStatus.Running;
        batch.StartedAt ??= DateTime.UtcNow;
        batch.FinishedAt = null;
        batch.Message = batch.LastRow > 0 ? $"从第 {batch.LastRow} 行之后继续导入" : null;
        await db.SaveChangesAsync(ct);
    }

    public async Task<Outcome<ImportErrorFile>> ErrorFileAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } batch) return Outcome<ImportErrorFile>.Missing(What);
        return batch.HasErrorFile && files.ErrorFile(batch) is { } file ? file : Outcome<ImportErrorFile>.Missing("错误文件");
    }

    /// <summary>Undoes a batch; its importer or a data administrator (others don't see it: 404).</summary>
    public async Task<Outcome<ImportUndoResult>> UndoAsync(long id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } batch ? await undo.UndoAsync(batch, ct) : Outcome<ImportUndoResult>.Missing(What);

    IQueryable<ImportBatch> Visible()
    {
        var query = db.ImportBatches.AsNoTracking();
        if (user.HasPermission(CustomerPermissions.Merge)) return query;
        var me = user.UserId ?? Guid.Empty;
        return query.Where(b => b.ImportedBy == me);
    }

    Task<ImportBatch?> FindAsync(long id, CancellationToken ct, bool tracked = false) =>
        (tracked ? Visible().AsTracking() : Visible()).FirstOrDefaultAsync(b => b.Id == id, ct);

    public ImportBatchView View(ImportBatch b)
    {
        var live = b.Status == ImportStatus.Running ? progress.Find(b.Id)?.Current : null;
        var view = new ImportBatchView
        {
        Id = b.Id,
        Kind = b.Kind,
        FileName = b.FileName,
        Sha256 = b.Sha256,
        Size = b.Size,
        Status = b.Status,
        Mode = b.Mode,
        TotalRows = b.TotalRows,
        RowsDone = b.RowsDone,
        RowsPerSecond = b.RowsPerSecond,
        Created = b.Created,
        Updated = b.Updated,
        Unchanged = b.Unchanged,
        Failed = b.Failed,
        Skipped = b.Skipped,
        Flagged = b.Flagged,
        PossibleDuplicates = b.PossibleDuplicates,
        HasErrorFile = b.HasErrorFile,
        Message = b.Message,
        ImportedBy = new ImportUserRef(b.ImportedBy, b.ImportedByName),
        CreatedAt = b.CreatedAt,
        StartedAt = b.StartedAt,
        FinishedAt = b.FinishedAt,
        UndoneAt = b.UndoneAt,
        CanUndo = b.Status is ImportStatus.Completed or ImportStatus.Interrupted && b.Created + b.Updated > 0
            && (b.ImportedBy == user.UserId || user.HasPermission(CustomerPermissions.Merge)),
        CanResume = b.Status == ImportStatus.Interrupted,
        };
        return live is null ? view : view with
        {
            RowsDone = live.RowsDone, RowsPerSecond = live.RowsPerSecond, Created = live.Created, Updated = live.Updated, Unchanged = live.Unchanged,
            Failed = live.Failed, Skipped = live.Skipped, Flagged = live.Flagged, PossibleDuplicates = live.PossibleDuplicates,
        };
    }
}
