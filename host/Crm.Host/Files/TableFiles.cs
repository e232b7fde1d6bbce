using System.Text;
using Crm.Abstractions.Files;

namespace Crm.Host.Files;

/// <summary><see cref="ITableFiles"/>: one streaming reader per format (<see cref="CsvTableReader"/>, our own, and
/// <see cref="XlsxTableReader"/> over MiniExcel) and one streaming writer per format. The whole-table methods are the
/// streaming ones collected or fed from a list, so every file goes through the same parsing and writing.</summary>
internal sealed class TableFiles : ITableFiles
{
    static TableFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Enough to recognise a workbook by its signature and a binary file by its NUL bytes.</summary>
    const int HeadLength = 8192;

    const string OldExcel = "不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV（设置了打开密码的工作簿也是这种格式，请先取消密码）";

    public async Task<TableData> ReadAsync(Stream content, string fileName, TableReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var reader = await OpenAsync(content, fileName, options, cancellationToken);
        var rows = new List<TableRow>();
        await foreach (var row in reader.ReadRowsAsync(cancellationToken)) rows.Add(row);
        return new TableData(reader.Headers, rows) { Encoding = reader.Encoding, Delimiter = reader.Delimiter };
    }

    /// <summary>The content decides before the name: people rename workbooks to .csv (a ZIP is read as XLSX) and old
    /// .xls files to .xlsx (refused with how to convert them).</summary>
    public async Task<ITableReader> OpenAsync(Stream content, string fileName, TableReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TableReadOptions();
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is not (".csv" or ".txt" or ".xlsx" or ".xls"))
            throw new TableFileException(extension.Length == 0
                ? "文件没有扩展名，请使用 CSV 或 XLSX 文件"
                : $"不支持的文件类型“{extension}”，请使用 CSV 或 XLSX 文件");

        var seekable = await SeekableContent.OfAsync(content, cancellationToken);
        try
        {
            var head = await seekable.HeadAsync(HeadLength, cancellationToken);
            if (head.Length == 0) throw new TableFileException("文件是空的");
            if (head is [0xD0, 0xCF, 0x11, 0xE0, ..]) throw new TableFileException(OldExcel);
            if (head is [0x50, 0x4B, 0x03, 0x04, ..]) return XlsxTableReader.Open(seekable, options);
            if (extension == ".xlsx") throw new TableFileException(XlsxTableReader.Unreadable);
            if (extension == ".xls") throw new TableFileException(OldExcel);
            return await CsvTableReader.OpenAsync(seekable, head, options, cancellationToken);
        }
        catch
        {
            await seekable.DisposeAsync();
            throw;
        }
    }

    public Task WriteAsync(Stream destination, TableFormat format, TableData table, CancellationToken cancellationToken = default) =>
        WriteAsync(destination, new TableWriteOptions(format), table.Headers,
            table.Rows.Select(row => (IReadOnlyList<string>)table.Headers.Select((_, i) => row.Cell(i)).ToList()).ToAsyncEnumerable(),
            cancellationToken);

    public Task WriteAsync(Stream destination, TableWriteOptions options, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string>> rows,
        CancellationToken cancellationToken = default) => options.Format == TableFormat.Xlsx
            ? XlsxTableWriter.WriteAsync(destination, options, headers, rows, cancellationToken)
            : CsvTableWriter.WriteAsync(destination, options, headers, rows, cancellationToken);
}
