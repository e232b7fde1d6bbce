namespace Crm.Abstractions.Files;

/// <summary>Reads and writes the spreadsheets users import and export: CSV (UTF-8 with or without BOM, or GB18030/GBK,
/// any common delimiter, quoted fields with line breaks) and XLSX. One implementation for every module's import/export.</summary>
public interface ITableFiles
{
    /// <summary>Reads a whole table into memory (small files such as a dictionary's entries): <see cref="OpenAsync"/>
    /// with its rows collected, so the same rules and messages apply.</summary>
    /// <exception cref="TableFileException">The file is not a readable CSV/XLSX, or the sheet does not exist.</exception>
    Task<TableData> ReadAsync(Stream content, string fileName, TableReadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Opens a table to read row by row without holding the file in memory (imports of 100,000+ rows). The
    /// stream must stay open until the reader is disposed; a stream that cannot seek is copied to a temporary file.
    /// Headers, encoding and delimiter are known when this returns. The name must end in .csv, .txt, .xlsx or .xls,
    /// but the content decides: a workbook renamed to .csv is read as XLSX, an old .xls workbook is refused.</summary>
    /// <exception cref="TableFileException">Empty file, no header row, a binary file, an old .xls workbook, invalid
    /// UTF-8 when UTF-8 was chosen, a missing sheet …: a message the user can act on (Chinese).</exception>
    Task<ITableReader> OpenAsync(Stream content, string fileName, TableReadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Writes a table as CSV (UTF-8 with BOM, so Excel shows Chinese correctly) or XLSX, through the streaming
    /// writer with its defaults (formulas neutralised).</summary>
    Task WriteAsync(Stream destination, TableFormat format, TableData table, CancellationToken cancellationToken = default);

    /// <summary>Writes rows as they come (exports of any size in constant memory). Cells that a spreadsheet would run
    /// as a formula (starting with = + - @, tab or CR, and not a plain number) are neutralised unless
    /// <see cref="TableWriteOptions.NeutralizeFormulas"/> is off.</summary>
    Task WriteAsync(Stream destination, TableWriteOptions options, IReadOnlyList<string> headers, IAsyncEnumerable<IReadOnlyList<string>> rows,
        CancellationToken cancellationToken = default);
}

/// <summary>A table being read: the header row is read, data rows come one by one.</summary>
public interface ITableReader : IAsyncDisposable
{
    /// <summary>Header cells, trimmed, duplicates as they are; an empty header between others is "" (its column can
    /// still hold data); empty ones after the last title are dropped. At least one is not empty.</summary>
    IReadOnlyList<string> Headers { get; }

    /// <summary>How the CSV is decoded ("utf-8", "gb18030"); null for XLSX.</summary>
    string? Encoding { get; }

    /// <summary>The delimiter of a CSV; null for XLSX.</summary>
    char? Delimiter { get; }

    /// <summary>The sheet read, and all sheets of the workbook (XLSX); null and empty for CSV.</summary>
    string? Sheet { get; }

    IReadOnlyList<string> Sheets { get; }

    /// <summary>Things the user should know that did not stop the reading, e.g. "the file looks like UTF-8 but was
    /// read as GB18030". Chinese.</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>Data rows in file order (blank rows skipped, numbers as in the file: header = 1; a CSV record with
    /// quoted line breaks has the number of the line it starts on). Can be enumerated once.</summary>
    IAsyncEnumerable<TableRow> ReadRowsAsync(CancellationToken cancellationToken = default);
}

/// <summary>How to write: CSV or XLSX; for CSV the encoding (UTF-8 with BOM, or GB18030 for old Excel versions).</summary>
public sealed record TableWriteOptions(TableFormat Format, TableTextEncoding Encoding = TableTextEncoding.Utf8Bom, bool NeutralizeFormulas = true);

public enum TableTextEncoding { Utf8Bom, Gb18030 }

/// <summary>A file's rows as text: the header row, then data rows numbered as in the file (header = row 1).</summary>
public sealed record TableData(IReadOnlyList<string> Headers, IReadOnlyList<TableRow> Rows)
{
    /// <summary>How the CSV was decoded (e.g. "utf-8", "gb18030"); null for XLSX.</summary>
    public string? Encoding { get; init; }

    /// <summary>The delimiter found in a CSV; null for XLSX.</summary>
    public char? Delimiter { get; init; }
}

/// <summary>One data row: its number in the file (for error reports) and its cells, aligned with the headers. Empty
/// cells after the last header are dropped; a short CSV row has fewer cells (<see cref="Cell"/> gives "").</summary>
public sealed record TableRow(int Number, IReadOnlyList<string> Cells)
{
    public string Cell(int column) => column < Cells.Count ? Cells[column] : "";

    /// <summary>What the reader found wrong with the row's shape or cells: more or fewer cells than headers, an
    /// Excel error value (#DIV/0!, #N/A …). The consumer decides whether the row fails.</summary>
    public IReadOnlyList<TableCellProblem> Problems { get; init; } = [];
}

/// <summary>A problem in one cell (<paramref name="Column"/> ≥ 0) or with the whole row (-1). Chinese message.</summary>
public sealed record TableCellProblem(int Column, string Message);

/// <summary>Choices the user can make when the detection guesses wrong.</summary>
public sealed record TableReadOptions(string? Encoding = null, string? Sheet = null, char? Delimiter = null);

public enum TableFormat { Csv, Xlsx }

/// <summary>A file that cannot be read as a table, with a message for the user (Chinese).</summary>
public sealed class TableFileException(string message, Exception? inner = null) : Exception(message, inner);
