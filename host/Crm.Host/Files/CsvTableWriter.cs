using System.Text;
using Crm.Abstractions.Files;

namespace Crm.Host.Files;

/// <summary>Rows to CSV as they come: RFC 4180 quoting, CRLF line ends, UTF-8 with a byte order mark (without it
/// Excel reads UTF-8 as the system code page) or GB18030 for Excel versions that ignore the mark. Only the writer's
/// buffer is held; bytes reach the destination asynchronously as it fills.</summary>
internal static class CsvTableWriter
{
    const int BufferSize = 65536;

    static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static async Task WriteAsync(Stream destination, TableWriteOptions options, IReadOnlyList<string> headers,
        IAsyncEnumerable<IReadOnlyList<string>> rows, CancellationToken ct)
    {
        var encoding = options.Encoding == TableTextEncoding.Gb18030
            ? Encoding.GetEncoding(54936)
            : new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        await using var writer = new StreamWriter(destination, encoding, BufferSize, leaveOpen: true);
        var line = new StringBuilder();
        await WriteLineAsync(writer, line, headers, options.NeutralizeFormulas, ct);
        await foreach (var row in rows.WithCancellation(ct))
            await WriteLineAsync(writer, line, row, options.NeutralizeFormulas, ct);
        await writer.FlushAsync(ct);
    }

    static async Task WriteLineAsync(StreamWriter writer, StringBuilder line, IReadOnlyList<string> cells, bool neutralize, CancellationToken ct)
    {
        line.Clear();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) line.Append(',');
            var cell = neutralize ? Formulas.Neutralize(cells[i] ?? "") : cells[i] ?? "";
            if (cell.IndexOfAny(NeedsQuotes) >= 0 || cell.StartsWith(' ') || cell.EndsWith(' '))
                line.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
            else
                line.Append(cell);
        }
        line.Append("\r\n");
        await writer.WriteAsync(line, ct);
    }
}
