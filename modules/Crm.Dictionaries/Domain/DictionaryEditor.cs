using System.Globalization;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Results;
using Crm.Abstractions.Security;

namespace Crm.Dictionaries.Domain;

/// <summary><see cref="IDictionaryEditor"/> through <see cref="DictionaryService"/>: the same checks and audit as an
/// entry added on the dictionary pages, with the code chosen as the next number after the type's numeric codes.</summary>
internal sealed class DictionaryEditor(DictionaryService service, IDataDictionary dictionary, ICurrentUser user) : IDictionaryEditor
{
    public bool CanAddEntries => user.HasPermission(DictionaryPermissions.Manage);

    public async Task<Outcome<DictionaryEntryInfo>> AddEntryAsync(string typeCode, string name, CancellationToken cancellationToken = default)
    {
        if (!CanAddEntries) return Outcome<DictionaryEntryInfo>.Refused("没有维护数据字典的权限");
        var numeric = (await dictionary.ListAsync(typeCode, includeDisabled: true, cancellationToken: cancellationToken))
            .Where(e => e.Code.All(char.IsAsciiDigit)).Select(e => e.Code).ToList();
        var width = numeric.Count == 0 ? 3 : numeric.Max(c => c.Length);
        var next = (numeric.Count == 0 ? 0 : numeric.Max(c => long.Parse(c, CultureInfo.InvariantCulture))) + 1;
        var created = await service.CreateEntryAsync(typeCode, new DictionaryEntryInput(next.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'), name), cancellationToken);
        return created.Value is { } entry && created.Succeeded
            ? new DictionaryEntryInfo(entry.TypeCode, entry.Code, entry.Name, entry.ParentCode, entry.Order, entry.Enabled)
            : created.As<DictionaryEntryInfo>();
    }
}
