using System.Text;
using Crm.Abstractions.Files;

namespace Crm.Host.Files;

/// <summary>One record of a CSV file: the line it starts on (1 = the first line), its cells, and whether its last
/// cell is an opening quote that never closed (the rest of the file was read into it).</summary>
internal sealed record CsvRecord(int Line, List<string> Cells, bool Unterminated);

/// <summary>RFC 4180 records read one at a time from text: quoted cells may hold delimiters, doubled quotes and line
/// breaks; CRLF, LF or CR ends a record. Lenient where Excel is: spaces before an opening quote are dropped, text
/// after a closing quote is kept, a quote inside an unquoted cell is a character. Line numbers count every line
/// break of the file, those inside quotes too, so that they match what a text editor shows.</summary>
internal sealed class CsvRecords(TextReader reader, char delimiter)
{
    /// <summary>No real cell is this long; one that is has an opening quote that never closed, and reading on would
    /// hold the rest of the file in memory.</summary>
    public const int MaxCellLength = 1_000_000;

    readonly char[] buffer = new char[32768];
    int position, length;
    int line = 1;
    bool afterCarriageReturn;

    /// <summary>The next record, or null at the end of the text. A blank line is a record of one empty cell.</summary>
    public async ValueTask<CsvRecord?> ReadAsync(CancellationToken ct)
    {
        var start = line;
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool started = false, quoted = false, quotePending = false, content = false;
        while (position < length || await FillAsync(ct))
        {
            var c = buffer[position++];
            var lineFeedOfCrLf = c == '\n' && afterCarriageReturn;
            afterCarriageReturn = c == '\r';
            if (c == '\r' || c == '\n' && !lineFeedOfCrLf) line++;

            if (quoted)
            {
                if (!quotePending)
                {
                    if (c == '"') quotePending = true;
                    else Append(cell, c, start);
                    continue;
                }
                quotePending = false;
                if (c == '"')
                {
                    cell.Append('"');
                    continue;
                }
                quoted = false; // that was the closing quote; c is outside the quotes
            }

            if (lineFeedOfCrLf && !started) continue; // the CR before it ended the previous record
            started = true;
            if (c is '\r' or '\n')
            {
                cells.Add(cell.ToString());
                return new CsvRecord(start, cells, false);
            }
            if (c == delimiter)
            {
                cells.Add(cell.ToString());
                cell.Clear();
                content = false;
                continue;
            }
            if (c == '"' && !content)
            {
                cell.Clear();
                quoted = true;
                content = true;
                continue;
            }
            content |= !char.IsWhiteSpace(c);
            Append(cell, c, start);
        }
        if (!started) return null;
        cells.Add(cell.ToString());
        return new CsvRecord(start, cells, quoted && !quotePending);
    }

    static void Append(StringBuilder cell, char c, int line)
    {
        if (cell.Length >= MaxCellLength)
            throw new TableFileException($"第 {line} 行起有一个超过 100 万个字符的单元格，可能是引号没有闭合，请检查该行");
        cell.Append(c);
    }

    async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        length = await reader.ReadAsync(buffer.AsMemory(), ct);
        position = 0;
        return length > 0;
    }
}
