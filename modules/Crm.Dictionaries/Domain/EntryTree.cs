namespace Crm.Dictionaries.Domain;

/// <summary>The entries of one type as a tree, for listing in tree order and for the rules that look at siblings,
/// children and ancestors.</summary>
internal sealed class EntryTree
{
    readonly Dictionary<Guid, DictionaryEntry> byId;
    readonly Dictionary<string, DictionaryEntry> byCode;
    readonly ILookup<Guid?, DictionaryEntry> children;

    public EntryTree(IEnumerable<DictionaryEntry> entries)
    {
        var list = entries.ToList();
        byId = list.ToDictionary(e => e.Id);
        byCode = list.ToDictionary(e => e.Code, StringComparer.Ordinal);
        children = list.OrderBy(e => e.Order).ThenBy(e => e.Code, StringComparer.Ordinal).ToLookup(e => e.ParentId);
    }

    public IEnumerable<DictionaryEntry> All => byId.Values;

    public DictionaryEntry? Find(string? code) => code is not null && byCode.TryGetValue(code, out var entry) ? entry : null;

    public DictionaryEntry? Find(Guid id) => byId.GetValueOrDefault(id);

    public string? CodeOf(Guid? id) => id is { } value && byId.TryGetValue(value, out var entry) ? entry.Code : null;

    /// <summary>Children of <paramref name="parentId"/> (top level for null), in display order.</summary>
    public IEnumerable<DictionaryEntry> Children(Guid? parentId) => children[parentId];

    /// <summary>Every entry below <paramref name="parentId"/>, depth first in display order, with its depth (0 = child);
    /// without <paramref name="includeDisabled"/> a disabled entry is left out with everything below it.</summary>
    public IEnumerable<(DictionaryEntry Entry, int Depth)> Descendants(Guid? parentId, bool includeDisabled)
    {
        var stack = new Stack<(DictionaryEntry, int)>(Children(parentId).Reverse().Select(e => (e, 0)));
        while (stack.Count > 0)
        {
            var (entry, depth) = stack.Pop();
            if (!includeDisabled && !entry.Enabled) continue;
            yield return (entry, depth);
            foreach (var child in Children(entry.Id).Reverse()) stack.Push((child, depth + 1));
        }
    }

    /// <summary>The entry and its ancestors, top first.</summary>
    public IReadOnlyList<DictionaryEntry> Path(DictionaryEntry entry)
    {
        var path = new List<DictionaryEntry>();
        for (DictionaryEntry? e = entry; e is not null && path.Count <= byId.Count; e = e.ParentId is { } p ? Find(p) : null)
            path.Insert(0, e);
        return path;
    }

    /// <summary>Whether <paramref name="candidate"/> is <paramref name="entry"/> itself or somewhere below it.</summary>
    public bool IsSelfOrBelow(DictionaryEntry candidate, DictionaryEntry entry) => Path(candidate).Any(e => e.Id == entry.Id);
}
