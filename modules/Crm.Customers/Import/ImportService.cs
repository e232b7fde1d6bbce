using System.Globalization;
using System.Security.Cryptography;
using Crm.Abstractions.Files;
using Crm.Abstractions.Results;
using Crm.Abstractions.Security;
using Crm.Customers.Data;
using Crm.Customers.Domain;
using Microsoft.EntityFrameworkCore;
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

    public Task<Outcome<ImportAnalysis>> AnalyzeAsync(long id, ImportOptions options, CancellationToken ct) =>
        Task.FromResult(Outcome<ImportAnalysis>.Conflicting("导入分析尚未完成开发"));

    public Task<Outcome<ImportBatchView>> StartAsync(long id, ImportOptions options, CancellationToken ct) =>
        Task.FromResult(Outcome<ImportBatchView>.Conflicting("导入尚未完成开发"));

    public Task<Outcome<ImportBatchView>> ResumeAsync(long id, CancellationToken ct) =>
        Task.FromResult(Outcome<ImportBatchView>.Conflicting("导入尚未完成开发"));

    public async Task<Outcome<ImportErrorFile>> ErrorFileAsync(long id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } batch) return Outcome<ImportErrorFile>.Missing(What);
        return batch.HasErrorFile && files.ErrorFile(batch) is { } file ? file : Outcome<ImportErrorFile>.Missing("错误文件");
    }

    public Task<Outcome<ImportUndoResult>> UndoAsync(long id, CancellationToken ct) =>
        Task.FromResult(Outcome<ImportUndoResult>.Conflicting("撤销导入尚未完成开发"));

    IQueryable<ImportBatch> Visible()
    {
        var query = db.ImportBatches.AsNoTracking();
        if (user.HasPermission(CustomerPermissions.Merge)) return query;
        var me = user.UserId ?? Guid.Empty;
        return query.Where(b => b.ImportedBy == me);
    }

    Task<ImportBatch?> FindAsync(long id, CancellationToken ct) => Visible().FirstOrDefaultAsync(b => b.Id == id, ct);

    public ImportBatchView View(ImportBatch b) => new()
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
}
