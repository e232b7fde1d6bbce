using Crm.Abstractions.Contracts;
using Crm.Customers.Data;
using Crm.Customers.Domain;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Import;

/// <summary>What every row is checked against, loaded once per analysis or run instead of once per row: users (for the
/// owner column), tags with their synonyms, and dictionary labels resolved per distinct value (filled chunk by chunk
/// before the rows of a chunk are checked in parallel, then only read).</summary>
internal sealed class ImportLookups
{
    readonly IDataDictionary dictionary;
    readonly Dictionary<(string Type, string Label), string?> resolved = [];
    readonly Dictionary<(string Type, string Code), DictionaryEntryInfo?> entries = [];
    readonly Dictionary<string, List<UserInfo>> usersByName;
    readonly Dictionary<string, ImportTag> tags;

    ImportLookups(IDataDictionary dictionary, IReadOnlyList<UserInfo> users, Dictionary<string, ImportTag> tags)
    {
        this.dictionary = dictionary;
        this.tags = tags;
        UsersById = users.ToDictionary(u => u.Id);
        usersByName = new Dictionary<string, List<UserInfo>>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in users)
            foreach (var name in new[] { user.DisplayName, user.UserName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!usersByName.TryGetValue(name, out var list)) usersByName[name] = list = [];
                if (!list.Contains(user)) list.Add(user);
            }
    }

    public IReadOnlyDictionary<Guid, UserInfo> UsersById { get; }

    public static async Task<ImportLookups> LoadAsync(CustomersDbContext db, IDataDictionary dictionary, IUserDirectory users, CancellationToken ct)
    {
        var all = await db.Tags.AsNoTracking().Select(t => new { t.Id, t.Name, t.NameKey, t.Dimension!.IsSystem }).ToListAsync(ct);
        var synonyms = await db.TagSynonyms.AsNoTracking().Select(s => new { s.TagId, s.NameKey }).ToListAsync(ct);
        var byKey = new Dictionary<string, ImportTag>(StringComparer.Ordinal);
        var byId = all.ToDictionary(t => t.Id, t => new ImportTag(t.Id, t.Name, t.IsSystem));
        foreach (var tag in all) byKey[tag.NameKey] = byId[tag.Id];
        foreach (var synonym in synonyms)
            if (byId.TryGetValue(synonym.TagId, out var tag)) byKey.TryAdd(synonym.NameKey, tag);
        return new ImportLookups(dictionary, await users.ListAsync(ct), byKey);
    }

    /// <summary>A tag by its name or one of its synonyms ("工业" → 制造业).</summary>
    public ImportTag? Tag(string name) => tags.GetValueOrDefault(CustomerNameKey.Normalize(name));

    /// <summary>Users whose display name or user name is <paramref name="name"/> (more than one: ambiguous).</summary>
    public IReadOnlyList<UserInfo> Users(string name) => usersByName.TryGetValue(name.Trim(), out var list) ? list : [];

    /// <summary>Resolves the labels not resolved yet (and loads their entries); call before <see cref="Resolve"/>.</summary>
    public async Task PrepareAsync(IEnumerable<(string Type, string Label)> labels, CancellationToken ct)
    {
        foreach (var key in labels)
        {
            if (resolved.ContainsKey(key)) continue;
            var code = await dictionary.ResolveCodeAsync(key.Type, key.Label, ct) ?? await ResolveLastSegmentAsync(key.Type, key.Label, ct);
            resolved[key] = code;
            if (code is not null) await PrepareCodeAsync(key.Type, code, ct);
        }
    }

    /// <summary>Loads the entry of a code (for a choice that maps a value to it, or a stored code of an updated customer).</summary>
    public async Task PrepareCodeAsync(string type, string code, CancellationToken ct)
    {
        if (!entries.ContainsKey((type, code))) entries[(type, code)] = await dictionary.FindAsync(type, code, ct);
    }

    // "广东省 / 深圳市 / 南山区" or "深圳市 南山区": the last part names the entry.
    async Task<string?> ResolveLastSegmentAsync(string type, string label, CancellationToken ct)
    {
        var parts = label.Split(['/', ' ', '-', '－', '·'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length > 1 ? await dictionary.ResolveCodeAsync(type, parts[^1], ct) : null;
    }

    /// <summary>The code a label resolved to, or null when the dictionary does not know it.</summary>
    public string? Resolve(string type, string label) => resolved.GetValueOrDefault((type, label));

    public DictionaryEntryInfo? Entry(string type, string code) => entries.GetValueOrDefault((type, code));

    /// <summary>Entries whose names look like the value, best first, for the unknown-values list.</summary>
    public async Task<IReadOnlyList<CodeName>> SuggestAsync(string type, string value, CancellationToken ct)
    {
        var all = new List<DictionaryEntryInfo>();
        var pending = new Queue<string?>([null]);
        while (pending.TryDequeue(out var parent) && all.Count < 5000)
            foreach (var child in await dictionary.ListAsync(type, parent, includeDisabled: false, ct))
            {
                all.Add(child);
                pending.Enqueue(child.Code);
            }
        return all.Select(e => (Entry: e, Score: NameSimilarity.Trigram(e.Name, value) + (e.Name.Contains(value) || value.Contains(e.Name) ? 0.5 : 0)))
            .Where(x => x.Score > 0.15).OrderByDescending(x => x.Score).ThenBy(x => x.Entry.Code, StringComparer.Ordinal).Take(3)
            .Select(x => new CodeName(x.Entry.Code, x.Entry.Name)).ToList();
    }
}

/// <summary>A tag as the import uses it; custom tags (not in a system dimension) count toward the limit.</summary>
internal sealed record ImportTag(int Id, string Name, bool IsSystem);
