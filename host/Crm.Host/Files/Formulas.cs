using System.Text.RegularExpressions;

namespace Crm.Host.Files;

/// <summary>CSV/formula injection: a cell of an export that starts with = + - @ (or a tab or carriage return, which
/// some spreadsheets skip before looking) is run as a formula when the file is opened — a customer named
/// <c>=HYPERLINK("http://…")</c> would become a link. Such a cell gets a leading apostrophe, which spreadsheets
/// show as text. Plain numbers such as -12.5 are left alone.</summary>
internal static partial class Formulas
{
    public static string Neutralize(string cell) =>
        cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !PlainNumber().IsMatch(cell) ? "'" + cell : cell;

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainNumber();
}
