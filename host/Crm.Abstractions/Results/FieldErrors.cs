namespace Crm.Abstractions.Results;

/// <summary>Collects the field errors of one request, each field named as the API spells it (camelCase) with Chinese
/// messages, for a 400 problem (API) or messages under the inputs (UI). Shared by the host and every module.</summary>
public sealed class FieldErrors
{
    readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public bool Has(string field) => errors.ContainsKey(field);

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, string label, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, $"{label}不能为空");
        return this;
    }

    public FieldErrors MaxLength(string field, string label, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max) Add(field, $"{label}不能超过 {max} 个字符");
        return this;
    }

    public IDictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
