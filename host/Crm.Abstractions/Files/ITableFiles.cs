namespace Crm.Abstractions.Files;

/// <summary>Reads and writes the spreadsheets users import and export: CSV (UTF-8 with or without BOM, or GB18030/GBK,
/// any common delimiter, quoted fields with line breaks) and XLSX. One implementation for every module's import/export.</summary>
public interface ITableFiles
{
    /// <summary>Reads a whole table. The format comes from the file name (.csv, .txt, .xlsx).</summary>
    /// <exception cref="TableFileException">The file is not a readable CSV/XLSX, or the sheet does not exist.</exception>
    Task<TableData> ReadAsync(Stream content, string fileName, TableReadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Writes a table as CSV (UTF-8 with BOM, so Excel shows Chinese correctly) or XLSX.</summary>
    Task WriteAsync(Stream destination, TableFormat format, TableData table, CancellationToken cancellationToken = default);
}

/// <summary>A file's rows as text: the header row, then data rows numbered as in the file (header = row 1).</summary>
public sealed record TableData(IReadOnlyList<string> Headers, IReadOnlyList<TableRow> Rows)
{
    /// <summary>How the CSV was decoded (e.g. "utf-8", "gb18030"); null for XLSX.</summary>
    public string? Encoding { get; init; }

    /// <summary>The delimiter found in a CSV; null for XLSX.</summary>
    public char? Delimiter { get; init; }
}

/// <summary>One data row: its number in the file (for error reports) and its cells, aligned with the headers.</summary>
public sealed record TableRow(int Number, IReadOnlyList<string> Cells)
{
    public string Cell(int column) => column < Cells.Count ? Cells[column] : "";
}

/// <summary>Choices the user can make when the detection guesses wrong.</summary>
public sealed record TableReadOptions(string? Encoding = null, string? Sheet = null, char? Delimiter = null);

public enum TableFormat { Csv, Xlsx }

/// <summary>A file that cannot be read as a table, with a message for the user (Chinese).</summary>
public sealed class TableFileException(string message, Exception? inner = null) : Exception(message, inner);
