using Crm.Abstractions.Data;
using Crm.Abstractions.Files;

namespace Crm.Customers.Import;

/// <summary>What the first look at a file found: headers, the first rows, how it was read.</summary>
internal sealed record ImportFileInfo(
    IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Sample, string? Encoding, char? Delimiter, string? Sheet,
    IReadOnlyList<string> Sheets, IReadOnlyList<string> Warnings);

/// <summary>A batch's error file, for download.</summary>
internal sealed record ImportErrorFile(string Path, string FileName, string ContentType);

/// <summary>The files of the import under <c>{data}/imports/{batchId}/</c>: the uploaded file as it came (the batch
/// reads it again for the dry run, the run and a resume) and the error file. Read through <see cref="ITableFiles"/>
/// row by row, never whole.</summary>
internal sealed class ImportFiles(ICrmDatabase database, ITableFiles tables)
{
    public const string ErrorColumn = "错误原因";

    public string Folder(string name) => Path.Combine(database.DataFolder, "imports", name);

    public string BatchFolder(long batchId) => Folder(batchId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The uploaded file of a batch; its extension is the original one (the reader goes by it).</summary>
    public string SourcePath(ImportBatch batch) => Path.Combine(BatchFolder(batch.Id), "source" + Path.GetExtension(batch.FileName).ToLowerInvariant());

    /// <summary>Moves a stored upload into the batch's folder.</summary>
    public void Adopt(ImportBatch batch, string storedPath)
    {
        Directory.CreateDirectory(BatchFolder(batch.Id));
        File.Move(storedPath, SourcePath(batch), overwrite: true);
    }

    public async Task<ImportFileInfo> InspectAsync(string path, string fileName, string? encoding, string? sheet, int sampleRows, CancellationToken ct)
    {
        await using var content = File.OpenRead(path);
        await using var reader = await tables.OpenAsync(content, fileName, new TableReadOptions(encoding, sheet), ct);
        var sample = new List<IReadOnlyList<string>>();
        await foreach (var row in reader.ReadRowsAsync(ct))
        {
            sample.Add(row.Cells);
            if (sample.Count == sampleRows) break;
        }
        return new ImportFileInfo(reader.Headers, sample, reader.Encoding, reader.Delimiter, reader.Sheet, reader.Sheets, reader.Warnings);
    }

    /// <summary>Opens the batch's file to read it row by row; dispose the result.</summary>
    public async Task<ImportSource> OpenAsync(ImportBatch batch, string? encoding, string? sheet, CancellationToken ct)
    {
        var content = File.OpenRead(SourcePath(batch));
        try
        {
            var reader = await tables.OpenAsync(content, batch.FileName, new TableReadOptions(encoding ?? batch.Encoding, sheet ?? batch.Sheet), ct);
            return new ImportSource(content, reader);
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }
    }

    /// <summary>Error file name as downloaded: the original name with <c>.errors</c> before the extension.</summary>
    public static string ErrorFileName(string fileName) =>
        Path.GetFileNameWithoutExtension(fileName) + ".errors" + (Path.GetExtension(fileName).ToLowerInvariant() == ".xlsx" ? ".xlsx" : ".csv");

    public string ErrorPath(ImportBatch batch) => Path.Combine(BatchFolder(batch.Id), "errors" + (IsXlsx(batch) ? ".xlsx" : ".csv"));

    public ImportErrorFile? ErrorFile(ImportBatch batch)
    {
        var path = ErrorPath(batch);
        return File.Exists(path)
            ? new ImportErrorFile(path, ErrorFileName(batch.FileName), IsXlsx(batch) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv")
            : null;
    }

    static bool IsXlsx(ImportBatch batch) => Path.GetExtension(batch.FileName).Equals(".xlsx", StringComparison.OrdinalIgnoreCase);

    public void Delete(long batchId)
    {
        try { Directory.Delete(BatchFolder(batchId), recursive: true); } catch (DirectoryNotFoundException) { }
    }
}

/// <summary>An open file being read: the reader and the stream under it.</summary>
internal sealed class ImportSource(Stream content, ITableReader reader) : IAsyncDisposable
{
    public ITableReader Reader => reader;

    public async ValueTask DisposeAsync()
    {
        await reader.DisposeAsync();
        await content.DisposeAsync();
    }
}
