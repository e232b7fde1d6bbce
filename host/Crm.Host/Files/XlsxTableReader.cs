using System.Globalization;
using Crm.Abstractions.Files;
using MiniExcelLibs;

namespace Crm.Host.Files;

/// <summary>A sheet of an XLSX workbook read row by row with MiniExcel's streaming query (it reads the sheet's XML
/// as it goes; shared strings of a large workbook go to its disk cache). Cells become the text a user sees: dates
/// as 2024-03-05, whole numbers without exponent (a mobile stored as a number stays 13812345678), formulas as
/// their cached result; an Excel error value (#DIV/0!, #N/A …) is kept as text and reported as a cell problem.</summary>
internal sealed class XlsxTableReader : ITableReader
{
    public const string Unreadable = "无法读取 XLSX 文件：文件已损坏或不是 Excel 工作簿（.xlsx）";

    static readonly HashSet<string> ErrorValues = ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"];

    readonly SeekableContent content;
    readonly IEnumerator<IDictionary<string, object?>> rows;
    bool enumerated;

    XlsxTableReader(SeekableContent content, IEnumerator<IDictionary<string, object?>> rows, IReadOnlyList<string> headers, string sheet, IReadOnlyList<string> sheets)
    {
        this.content = content;
        this.rows = rows;
        Headers = headers;
        Sheet = sheet;
        Sheets = sheets;
    }

    public IReadOnlyList<string> Headers { get; }
    public string? Encoding => null;
    public char? Delimiter => null;
    public string? Sheet { get; }
    public IReadOnlyList<string> Sheets { get; }
    public IReadOnlyList<string> Warnings => [];

    /// <summary>Opens the chosen or the first sheet of <paramref name="content"/> (which this reader then owns).</summary>
    public static ITableReader Open(SeekableContent content, TableReadOptions options)
    {
        IEnumerator<IDictionary<string, object?>>? rows = null;
        try
        {
            var sheets = content.Stream.GetSheetNames();
            content.Stream.Position = 0;
            var sheet = string.IsNullOrWhiteSpace(options.Sheet) ? sheets.FirstOrDefault() : options.Sheet.Trim();
            if (sheet is null) throw new TableFileException("工作簿中没有工作表");
            if (!sheets.Contains(sheet)) throw new TableFileException($"工作簿中没有名为“{sheet}”的工作表（有：{string.Join("、", sheets)}）");

            rows = content.Stream.Query(useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>().GetEnumerator();
            if (!rows.MoveNext()) throw new TableFileException($"工作表“{sheet}”是空的");
            var headers = Cells(rows.Current).Select(h => h.Trim()).ToList();
            while (headers.Count > 0 && headers[^1].Length == 0) headers.RemoveAt(headers.Count - 1);
            if (headers.Count == 0) throw new TableFileException("第一行没有列标题");
            return new XlsxTableReader(content, rows, headers, sheet, sheets);
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            rows?.Dispose();
            throw new TableFileException(Unreadable, ex);
        }
        catch
        {
            rows?.Dispose();
            throw;
        }
    }

    // MiniExcel reads synchronously; the content is a seekable file or memory stream, a request body having been
    // copied to a temporary file (SeekableContent).
    public IAsyncEnumerable<TableRow> ReadRowsAsync(CancellationToken cancellationToken = default) => Rows(cancellationToken).ToAsyncEnumerable();

    IEnumerable<TableRow> Rows(CancellationToken cancellationToken)
    {
        if (enumerated) throw new InvalidOperationException("The rows of a table reader can be read once.");
        enumerated = true;
        // MiniExcel yields every row from the first, empty ones too, so the position is the row number.
        var number = 1;
        while (Next())
        {
            cancellationToken.ThrowIfCancellationRequested();
            number++;
            var cells = Cells(rows.Current);
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            while (cells.Count < Headers.Count) cells.Add("");
            var errors = cells.Select((cell, column) => (cell, column)).Where(x => ErrorValues.Contains(x.cell.Trim()))
                .Select(x => new TableCellProblem(x.column, $"单元格是 Excel 错误值 {x.cell.Trim()}")).ToList();
            yield return RowShape.Of(number, cells, Headers.Count, overflowHint: null, errors);
        }
    }

    bool Next()
    {
        try
        {
            return rows.MoveNext();
        }
        catch (Exception ex) when (IsUnreadable(ex))
        {
            throw new TableFileException(Unreadable, ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        rows.Dispose();
        await content.DisposeAsync();
    }

    /// <summary>A row's cells by column (MiniExcel names them A, B … AA), gaps as "".</summary>
    static List<string> Cells(IDictionary<string, object?> row)
    {
        var cells = new List<string>();
        foreach (var (column, value) in row)
        {
            var index = ColumnIndex(column);
            while (cells.Count <= index) cells.Add("");
            cells[index] = Text(value);
        }
        return cells;
    }

    static int ColumnIndex(string letters)
    {
        var index = 0;
        foreach (var c in letters) index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return index - 1;
    }

    static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double n => Number(n),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>As Excel shows a number in a General cell: whole numbers in full (phone numbers, ids), others to 15
    /// significant digits (the binary noise of 0.1 + 0.2 is not data), never with an exponent.</summary>
    static string Number(double n)
    {
        if (double.IsInteger(n) && Math.Abs(n) < 1e15) return ((long)n).ToString(CultureInfo.InvariantCulture);
        var text = n.ToString("G15", CultureInfo.InvariantCulture);
        if (!text.Contains('E') || Math.Abs(n) >= 7.9e28) return text;
        var plain = (decimal)double.Parse(text, CultureInfo.InvariantCulture);
        return plain == 0 ? text : plain.ToString(CultureInfo.InvariantCulture);
    }

    static bool IsUnreadable(Exception ex) =>
        ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or NotSupportedException
            or FormatException or KeyNotFoundException or IndexOutOfRangeException;
}
