using System.Text;
using Crm.Abstractions.Files;
using MiniExcelLibs;

namespace Crm.Host.Files;

/// <summary><see cref="ITableFiles"/>: a CSV reader of our own (encoding and delimiter detection, RFC 4180 quoting)
/// and MiniExcel for XLSX.</summary>
internal sealed class TableFiles : ITableFiles
{
    static TableFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    static readonly char[] Delimiters = [',', ';', '\t', '|'];

    public async Task<TableData> ReadAsync(Stream content, string fileName, TableReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TableReadOptions();
        var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".csv" or ".txt" => ReadCsv(bytes, options),
            ".xlsx" => ReadXlsx(bytes, options),
            var other => throw new TableFileException($"不支持的文件类型“{other}”，请使用 CSV 或 XLSX 文件"),
        };
    }

    // Streaming reading and writing: being written (issue 6).
    public Task<ITableReader> OpenAsync(Stream content, string fileName, TableReadOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("not yet");

    public Task WriteAsync(Stream destination, TableWriteOptions options, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string>> rows,
        CancellationToken cancellationToken = default) => throw new NotSupportedException("not yet");

    public async Task WriteAsync(Stream destination, TableFormat format, TableData table, CancellationToken cancellationToken = default)
    {
        if (format == TableFormat.Xlsx)
        {
            var rows = table.Rows.Select(r => (IDictionary<string, object?>)table.Headers.Select((h, i) => (h, i))
                .ToDictionary(x => x.h, x => (object?)r.Cell(x.i))).ToList();
            await destination.SaveAsAsync(rows, printHeader: true, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
            return;
        }
        await using var writer = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteLineAsync(string.Join(",", table.Headers.Select(Quote)));
        foreach (var row in table.Rows)
            await writer.WriteLineAsync(string.Join(",", table.Headers.Select((_, i) => Quote(row.Cell(i)))));
    }

    static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || value.StartsWith(' ') || value.EndsWith(' ')
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;

    static TableData ReadCsv(byte[] bytes, TableReadOptions options)
    {
        var (text, encoding) = Decode(bytes, options.Encoding);
        var delimiter = options.Delimiter ?? DetectDelimiter(text);
        var records = ParseCsv(text, delimiter);
        if (records.Count == 0 || records[0].Cells.All(string.IsNullOrWhiteSpace))
            throw new TableFileException("文件是空的，或第一行没有列标题");
        var headers = records[0].Cells.Select(h => h.Trim()).ToList();
        var rows = records.Skip(1).Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
        return new TableData(headers, rows) { Encoding = encoding, Delimiter = delimiter };
    }

    /// <summary>UTF-8 when it has a BOM or decodes cleanly; otherwise GB18030 (a superset of GBK/GB2312), which is what
    /// Excel and WPS save "CSV" as on Chinese Windows.</summary>
    static (string Text, string Encoding) Decode(byte[] bytes, string? requested)
    {
        if (requested is not null)
        {
            Encoding chosen;
            try
            {
                chosen = Encoding.GetEncoding(requested);
            }
            catch (ArgumentException ex)
            {
                throw new TableFileException($"不认识的编码“{requested}”（可用：utf-8、gb18030）", ex);
            }
            return (StripBom(chosen.GetString(bytes)), chosen.WebName);
        }
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
            return (Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), "utf-8");
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), "utf-8");
        }
        catch (DecoderFallbackException)
        {
            return (Encoding.GetEncoding("GB18030").GetString(bytes), "gb18030");
        }
    }

    static string StripBom(string text) => text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;

    /// <summary>The candidate that splits the first line (outside quotes) into the most columns.</summary>
    static char DetectDelimiter(string text)
    {
        var firstLine = ParseCsv(text, '\0', maxRecords: 1).FirstOrDefault()?.Cells.FirstOrDefault() ?? "";
        return Delimiters.MaxBy(d => firstLine.Count(c => c == d));
    }

    /// <summary>RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, LF or CR end a record.</summary>
    internal static List<TableRow> ParseCsv(string text, char delimiter, int maxRecords = int.MaxValue)
    {
        var records = new List<TableRow>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var i = 0;
        void EndCell()
        {
            cells.Add(cell.ToString());
            cell.Clear();
        }
        void EndRecord()
        {
            EndCell();
            records.Add(new TableRow(recordLine, cells));
            cells = [];
            recordLine = line;
        }
        while (i < text.Length && records.Count < maxRecords)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; continue; }
                if (c == '"') { quoted = false; i++; continue; }
                if (c == '\n') line++;
                cell.Append(c);
                i++;
                continue;
            }
            if (c == '"' && cell.ToString().Trim().Length == 0) { cell.Clear(); quoted = true; i++; continue; }
            if (c == delimiter) { EndCell(); i++; continue; }
            if (c is '\r' or '\n')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                EndRecord();
                continue;
            }
            cell.Append(c);
            i++;
        }
        if (records.Count < maxRecords && (cell.Length > 0 || cells.Count > 0)) EndRecord();
        return records;
    }

    static TableData ReadXlsx(byte[] bytes, TableReadOptions options)
    {
        try
        {
            using var stream = new MemoryStream(bytes);
            var sheets = stream.GetSheetNames();
            var sheet = options.Sheet ?? sheets.FirstOrDefault()
                ?? throw new TableFileException("工作簿中没有工作表");
            if (!sheets.Contains(sheet))
                throw new TableFileException($"工作簿中没有名为“{sheet}”的工作表（有：{string.Join("、", sheets)}）");
            stream.Position = 0;
            var raw = stream.Query(useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>().ToList();
            if (raw.Count == 0) throw new TableFileException("工作表是空的，或第一行没有列标题");
            var columns = raw[0].Keys.ToList();
            var headers = columns.Select(k => Text(raw[0][k]).Trim()).ToList();
            while (headers.Count > 0 && headers[^1].Length == 0) headers.RemoveAt(headers.Count - 1);
            if (headers.Count == 0) throw new TableFileException("工作表是空的，或第一行没有列标题");
            var rows = raw.Skip(1).Select((r, i) => new TableRow(i + 2, columns.Take(headers.Count).Select(k => Text(r.TryGetValue(k, out var v) ? v : null)).ToList()))
                .Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
            return new TableData(headers, rows);
        }
        catch (TableFileException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or NotSupportedException)
        {
            throw new TableFileException("无法读取 XLSX 文件：文件已损坏或不是 Excel 工作簿（.xlsx）", ex);
        }
    }

    static string Text(object? value) => value switch
    {
        null => "",
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd") : d.ToString("yyyy-MM-dd HH:mm:ss"),
        double n => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
