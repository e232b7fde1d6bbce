using Crm.Abstractions.Files;

namespace Crm.Host.Files;

/// <summary>A data row checked against the header row: more filled cells than headers (in a CSV usually a comma
/// that should have been quoted), or fewer cells than headers (a CSV row cut short). Empty cells after the last
/// header are not a problem (Excel writes them) and are dropped.</summary>
internal static class RowShape
{
    /// <param name="overflowHint">What more cells than headers probably means in this format, e.g. an unquoted
    /// comma; null when there is no likely cause to name.</param>
    public static TableRow Of(int number, IReadOnlyList<string> cells, int headerCount, string? overflowHint, IReadOnlyList<TableCellProblem> cellProblems)
    {
        var used = cells.Count;
        while (used > headerCount && string.IsNullOrWhiteSpace(cells[used - 1])) used--;
        var problems = new List<TableCellProblem>();
        if (used > headerCount)
            problems.Add(new TableCellProblem(-1, $"该行有 {used} 列，标题行只有 {headerCount} 列{(overflowHint is null ? "" : $"（{overflowHint}）")}"));
        else if (used < headerCount)
            problems.Add(new TableCellProblem(-1, $"该行只有 {used} 列，标题行有 {headerCount} 列"));
        problems.AddRange(cellProblems);
        return new TableRow(number, used == cells.Count ? cells : cells.Take(used).ToList()) { Problems = problems };
    }
}
