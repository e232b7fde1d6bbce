using Crm.Abstractions.Contracts;

namespace Crm.Customers.Domain;

/// <summary>Dictionary codes with their labels for views; an unknown code shows as the code itself.</summary>
internal sealed class DictionaryLabels(IDataDictionary dictionary)
{
    public async Task<CodeName?> OfAsync(string typeCode, string? code, CancellationToken ct)
    {
        if (code is null) return null;
        var entry = await dictionary.FindAsync(typeCode, code, ct);
        return new CodeName(code, entry?.Name ?? code);
    }

    public Task<string?> PathAsync(string typeCode, string code, CancellationToken ct) => dictionary.GetPathAsync(typeCode, code, ct);

    public async Task<CodeName> RequiredAsync(string typeCode, string code, CancellationToken ct) =>
        (await OfAsync(typeCode, code, ct))!;

    /// <summary>Checks a dictionary field: a new or changed value must be an enabled entry; an unchanged one may
    /// have been disabled since.</summary>
    public async Task CheckAsync(Abstractions.Results.FieldErrors errors, string field, string label, string typeCode, string? code, string? previous, CancellationToken ct)
    {
        if (code is null) return;
        if (!await dictionary.IsValidAsync(typeCode, code, forNewRecords: code != previous, ct))
            errors.Add(field, CustomerRules.InvalidCode(label, code));
    }

    /// <summary>The code and every code below it in a hierarchical type (a province and all its cities and districts).</summary>
    public async Task<IReadOnlyList<string>> SubtreeAsync(string typeCode, string code, CancellationToken ct)
    {
        var result = new List<string> { code };
        var pending = new Queue<string>([code]);
        while (pending.TryDequeue(out var parent))
            foreach (var child in await dictionary.ListAsync(typeCode, parent, includeDisabled: true, ct))
            {
                result.Add(child.Code);
                pending.Enqueue(child.Code);
            }
        return result;
    }
}
