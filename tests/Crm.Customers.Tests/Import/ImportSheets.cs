using System.Text;
using Crm.Customers.Domain;
using MiniExcelLibs;

namespace Crm.Customers.Tests.Import;

/// <summary>Files as people send them: CSV in UTF-8 or GB18030 (what Excel saves on Chinese Windows) and XLSX.</summary>
public static class ImportSheets
{
    static ImportSheets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static byte[] Csv(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string encoding = "utf-8", char delimiter = ',')
    {
        var text = new StringBuilder();
        foreach (var line in rows.Prepend(headers))
            text.Append(string.Join(delimiter, line.Select(c => Quote(c, delimiter)))).Append("\r\n");
        return encoding == "utf-8" ? Encoding.UTF8.GetBytes(text.ToString()) : Encoding.GetEncoding(encoding).GetBytes(text.ToString());
    }

    static string Quote(string cell, char delimiter) =>
        cell.IndexOfAny([delimiter, '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    /// <summary>An XLSX workbook whose first row is the headers (which may repeat).</summary>
    public static byte[] Xlsx(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string sheet = "客户")
    {
        var table = rows.Prepend(headers).Select(r => (IDictionary<string, object?>)r.Select((c, i) => (Key: Column(i), Value: (object?)c))
            .ToDictionary(x => x.Key, x => x.Value)).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(table, printHeader: false, sheetName: sheet, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);
}

/// <summary>Valid identifiers for test rows: credit codes and resident ID numbers with their check characters, unique
/// per number.</summary>
public static class Identifiers
{
    const string CodeCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    public static string CreditCode(long number) =>
        WithCheck($"91440300{number % 1_000_000_000:D9}", CodeCharacters, Domain.CreditCode.IsValid);

    public static string IdNumber(long number) =>
        WithCheck($"11010519800101{number % 1000:D3}", "0123456789X", ResidentId.IsValid);

    static string WithCheck(string body, string candidates, Func<string, bool> isValid) =>
        candidates.Select(c => body + c).First(isValid);
}
