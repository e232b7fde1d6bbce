using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Customers.Import;

/// <summary>Checks a column mapping: every key is a field of the file's kind, and no field gets two columns.</summary>
internal static class ImportColumns
{
    public static string? Problem(ImportKind kind, IReadOnlyList<string> headers, IReadOnlyList<string?> columns)
    {
        if (columns.Count > headers.Count) return $"映射有 {columns.Count} 列，文件只有 {headers.Count} 列";
        var problems = new List<string>();
        var unknown = columns.Where(c => c is not null && ImportFields.Find(kind, c) is null).Distinct().ToList();
        if (unknown.Count > 0) problems.Add($"不认识的字段：{string.Join("、", unknown)}");
        foreach (var group in columns.Select((field, index) => (field, index)).Where(c => c.field is not null).GroupBy(c => c.field!).Where(g => g.Count() > 1))
        {
            var label = ImportFields.Find(kind, group.Key)?.Label ?? group.Key;
            problems.Add($"{string.Join("和", group.Select(c => $"列「{Header(headers, c.index)}」（第 {c.index + 1} 列）"))}不能映射到同一个字段「{label}」，请只保留一列");
        }
        return problems.Count == 0 ? null : string.Join("；", problems);
    }

    static string Header(IReadOnlyList<string> headers, int index) => index < headers.Count && headers[index].Length > 0 ? headers[index] : "（无标题）";
}

/// <summary>How the import stores its options, templates and before-values: camelCase, enums by name.</summary>
internal static class ImportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
