using System.Runtime.CompilerServices;
using Crm.Abstractions.Files;

namespace Crm.Host.Files;

/// <summary>A CSV read record by record: the encoding and delimiter are settled and the header row read when it
/// opens; data rows are parsed as they are asked for, so memory does not grow with the file.</summary>
internal sealed class CsvTableReader : ITableReader
{
    static readonly char[] Delimiters = [',', ';', '\t', '|'];

    /// <summary>How far the first record is searched for a delimiter: a header row is far shorter.</summary>
    const int DelimiterScanLimit = 1_000_000;

    const int TextBufferSize = 65536;

    readonly SeekableContent content;
    readonly StreamReader text;
    readonly CsvRecords records;
    bool enumerated;

    CsvTableReader(SeekableContent content, StreamReader text, CsvRecords records, IReadOnlyList<string> headers, CsvEncoding encoding, char delimiter)
    {
        this.content = content;
        this.text = text;
        this.records = records;
        Headers = headers;
        Encoding = encoding.Name;
        Delimiter = delimiter;
        Warnings = encoding.Warning is { } warning ? [warning] : [];
    }

    public IReadOnlyList<string> Headers { get; }
    public string? Encoding { get; }
    public char? Delimiter { get; }
    public string? Sheet => null;
    public IReadOnlyList<string> Sheets => [];
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Opens <paramref name="content"/> (which this reader then owns) as a CSV; <paramref name="head"/> is its
    /// first bytes.</summary>
    public static async Task<ITableReader> OpenAsync(SeekableContent content, byte[] head, TableReadOptions options, CancellationToken ct)
    {
        if (!CsvEncoding.IsUtf16(head) && head.AsSpan().Contains((byte)0))
            throw new TableFileException("文件不是文本格式的 CSV（含有二进制内容），请确认选择了正确的文件，或在 Excel 中另存为 CSV 或 .xlsx 后重试");
        var encoding = await CsvEncoding.ChooseAsync(content.Stream, head, options.Encoding, ct);
        char delimiter;
        using (var probe = Open(content, encoding))
            delimiter = options.Delimiter ?? await DetectDelimiterAsync(probe, ct);

        var text = Open(content, encoding);
        try
        {
            var records = new CsvRecords(text, delimiter);
            var header = await records.ReadAsync(ct);
            // Excel's hint line "sep=;" names the delimiter (which the detection has found in it) and is no header.
            if (header?.Cells is ["sep=", ""]) header = await records.ReadAsync(ct);
            if (header is null) throw new TableFileException("文件是空的");
            if (header.Cells.All(string.IsNullOrWhiteSpace))
            {
                while (await records.ReadAsync(ct) is { } next)
                    if (!next.Cells.All(string.IsNullOrWhiteSpace)) throw new TableFileException("第一行没有列标题");
                throw new TableFileException("文件是空的");
            }
            var headers = header.Cells.Select(h => h.Trim()).ToList();
            while (headers[^1].Length == 0) headers.RemoveAt(headers.Count - 1);
            return new CsvTableReader(content, text, records, headers, encoding, delimiter);
        }
        catch
        {
            text.Dispose();
            throw;
        }
    }

    public async IAsyncEnumerable<TableRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (enumerated) throw new InvalidOperationException("The rows of a table reader can be read once.");
        enumerated = true;
        var overflowHint = $"可能有未加引号的{DelimiterName(Delimiter!.Value)}";
        while (await records.ReadAsync(cancellationToken) is { } record)
        {
            if (record.Cells.All(string.IsNullOrWhiteSpace)) continue;
            IReadOnlyList<TableCellProblem> unterminated = record.Unterminated
                ? [new TableCellProblem(-1, $"第 {record.Line} 行有一个引号没有闭合，从这里到文件末尾都被读成了这一行")]
                : [];
            yield return RowShape.Of(record.Line, record.Cells, Headers.Count, overflowHint, unterminated);
        }
    }

    public async ValueTask DisposeAsync()
    {
        text.Dispose();
        await content.DisposeAsync();
    }

    static StreamReader Open(SeekableContent content, CsvEncoding encoding)
    {
        content.Stream.Position = encoding.BomLength;
        return new StreamReader(content.Stream, encoding.Encoding, detectEncodingFromByteOrderMarks: false, TextBufferSize, leaveOpen: true);
    }

    /// <summary>The candidate found most often in the first record outside quotes (a comma when none is).</summary>
    static async Task<char> DetectDelimiterAsync(TextReader reader, CancellationToken ct)
    {
        var counts = new int[Delimiters.Length];
        var buffer = new char[4096];
        var quoted = false;
        var scanned = 0;
        int read;
        while (scanned < DelimiterScanLimit && (read = await reader.ReadAsync(buffer.AsMemory(), ct)) > 0)
        {
            foreach (var c in buffer.AsSpan(0, read))
            {
                if (c == '"') quoted = !quoted;
                else if (!quoted && c is '\r' or '\n') return Best(counts);
                else if (!quoted && Array.IndexOf(Delimiters, c) is var index and >= 0) counts[index]++;
            }
            scanned += read;
        }
        return Best(counts);
    }

    static char Best(int[] counts) => Delimiters[Array.IndexOf(counts, counts.Max())];

    static string DelimiterName(char delimiter) => delimiter switch
    {
        ',' => "逗号",
        ';' => "分号",
        '\t' => "制表符",
        '|' => "竖线",
        _ => $"分隔符“{delimiter}”",
    };
}
