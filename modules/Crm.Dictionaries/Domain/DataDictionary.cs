using Crm.Abstractions.Contracts;

namespace Crm.Dictionaries.Domain;

/// <summary><see cref="IDataDictionary"/> served from <see cref="DictionaryCache"/>.</summary>
internal sealed class DataDictionary(DictionaryCache cache) : IDataDictionary
{
    public const string PathSeparator = " / ";

    public async Task<DictionaryEntryInfo?> FindAsync(string typeCode, string code, CancellationToken cancellationToken = default) =>
        (await cache.GetAsync(cancellationToken)).Type(typeCode)?.Find(code);

    public async Task<string?> ResolveCodeAsync(string typeCode, string labelOrAlias, CancellationToken cancellationToken = default) =>
        (await cache.GetAsync(cancellationToken)).Type(typeCode)?.Resolve(labelOrAlias);

    public async Task<bool> IsValidAsync(string typeCode, string code, bool forNewRecords, CancellationToken cancellationToken = default) =>
        (await cache.GetAsync(cancellationToken)).Type(typeCode)?.Find(code) is { } entry && (!forNewRecords || entry.Enabled);

    public async Task<IReadOnlyList<DictionaryEntryInfo>> ListAsync(string typeCode, string? parentCode = null, bool includeDisabled = false, CancellationToken cancellationToken = default)
    {
        var entries = (await cache.GetAsync(cancellationToken)).Type(typeCode)?.Children(parentCode) ?? [];
        return includeDisabled ? entries : entries.Where(e => e.Enabled).ToList();
    }

    public async Task<string?> GetPathAsync(string typeCode, string code, CancellationToken cancellationToken = default)
    {
        var path = (await cache.GetAsync(cancellationToken)).Type(typeCode)?.Path(code);
        return path is { Count: > 0 } ? string.Join(PathSeparator, path.Select(e => e.Name)) : null;
    }
}
