using System.Collections.Frozen;
using Crm.Abstractions.Contracts;
using Crm.Dictionaries.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Dictionaries.Domain;

/// <summary>Every dictionary in memory, as an immutable snapshot: lookups and alias resolution are dictionary hits.
/// Loaded on first use; <see cref="Invalidate"/> (called after every change this host makes) drops it so the next
/// read loads the new state.</summary>
/// <remarks>A second host instance on the same database would not see this host's invalidation. It would need a change
/// stamp it can check cheaply — e.g. a row in dict_types (or PostgreSQL LISTEN/NOTIFY) that every change bumps and
/// that each instance compares before serving from its snapshot.</remarks>
public sealed class DictionaryCache(IServiceScopeFactory scopes)
{
    readonly SemaphoreSlim loading = new(1, 1);
    volatile Snapshot? current;
    long generation;

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        current = null;
    }

    public ValueTask<Snapshot> GetAsync(CancellationToken cancellationToken = default) =>
        current is { } snapshot ? ValueTask.FromResult(snapshot) : new ValueTask<Snapshot>(LoadAsync(cancellationToken));

    async Task<Snapshot> LoadAsync(CancellationToken cancellationToken)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            if (current is { } loaded) return loaded;
            var startedAt = Interlocked.Read(ref generation);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DictionariesDbContext>();
            var types = await db.Types.AsNoTracking().ToListAsync(cancellationToken);
            var entries = await db.Entries.AsNoTracking().ToListAsync(cancellationToken);
            var aliases = await db.Aliases.AsNoTracking().ToListAsync(cancellationToken);
            var snapshot = Snapshot.Build(types, entries, aliases);
            // A change committed while we read would be missing from this snapshot: serve it once, load again next time.
            if (Interlocked.Read(ref generation) == startedAt) current = snapshot;
            return snapshot;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>All dictionaries at one moment.</summary>
    public sealed class Snapshot
    {
        readonly FrozenDictionary<string, TypeSnapshot> types;

        Snapshot(FrozenDictionary<string, TypeSnapshot> types) => this.types = types;

        public TypeSnapshot? Type(string code) => types.GetValueOrDefault(code);

        public IEnumerable<TypeSnapshot> Types => types.Values;

        internal static Snapshot Build(List<DictionaryType> types, List<DictionaryEntry> entries, List<DictionaryAlias> aliases)
        {
            var aliasesByEntry = aliases.ToLookup(a => a.EntryId);
            var entriesByType = entries.ToLookup(e => e.TypeId);
            return new Snapshot(types.ToFrozenDictionary(t => t.Code, t => new TypeSnapshot(t, entriesByType[t.Id].ToList(), aliasesByEntry), StringComparer.Ordinal));
        }
    }

    /// <summary>One type's entries by code, by parent, and by normalized label (names and aliases).</summary>
    public sealed class TypeSnapshot
    {
        static readonly IReadOnlyList<DictionaryEntryInfo> NoEntries = [];
        readonly FrozenDictionary<string, DictionaryEntryInfo> byCode;
        readonly FrozenDictionary<string, IReadOnlyList<DictionaryEntryInfo>> children;
        readonly FrozenDictionary<string, string?> byLabel;

        internal TypeSnapshot(DictionaryType type, List<DictionaryEntry> entries, ILookup<Guid, DictionaryAlias> aliases)
        {
            Type = type;
            var codeById = entries.ToDictionary(e => e.Id, e => e.Code);
            var infos = entries.Select(e => new DictionaryEntryInfo(type.Code, e.Code, e.Name,
                e.ParentId is { } p && codeById.TryGetValue(p, out var parentCode) ? parentCode : null, e.Order, e.Enabled)).ToList();
            byCode = infos.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);
            children = infos.GroupBy(e => e.ParentCode ?? "")
                .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<DictionaryEntryInfo>)g.OrderBy(e => e.Order).ThenBy(e => e.Code, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

            // A label naming two entries (朝阳区 in Beijing and in Changchun) resolves to nothing rather than to a guess —
            // unless one is below the other (门类 教育 and its only 大类 教育): then both mean the same, and the deeper,
            // more specific entry is the answer.
            var labels = new Dictionary<string, string?>(StringComparer.Ordinal);
            void Add(string label, string code)
            {
                var key = LabelNormalizer.Normalize(label);
                if (key.Length == 0) return;
                labels[key] = !labels.TryGetValue(key, out var existing) ? code
                    : existing is null || existing == code ? existing
                    : IsBelow(code, existing) ? code
                    : IsBelow(existing, code) ? existing
                    : null;
            }
            bool IsBelow(string code, string ancestor)
            {
                var entry = byCode.GetValueOrDefault(code);
                for (var depth = 0; entry?.ParentCode is { } parent && depth < 32; depth++, entry = byCode.GetValueOrDefault(parent))
                    if (parent == ancestor) return true;
                return false;
            }
            foreach (var entry in entries)
            {
                Add(entry.Name, entry.Code);
                foreach (var alias in aliases[entry.Id]) Add(alias.Label, entry.Code);
            }
            byLabel = labels.ToFrozenDictionary(StringComparer.Ordinal);
        }

        public DictionaryType Type { get; }

        public int Count => byCode.Count;

        public DictionaryEntryInfo? Find(string code) => byCode.GetValueOrDefault(code);

        /// <summary>The code itself, or the one entry whose name or alias matches after normalization.</summary>
        public string? Resolve(string labelOrCode)
        {
            if (byCode.ContainsKey(labelOrCode)) return labelOrCode;
            var key = LabelNormalizer.Normalize(labelOrCode);
            if (byCode.ContainsKey(key)) return key;
            return byLabel.GetValueOrDefault(key);
        }

        /// <summary>Children of <paramref name="parentCode"/>, or the top level (every entry of a flat type) for null.</summary>
        public IReadOnlyList<DictionaryEntryInfo> Children(string? parentCode) => children.GetValueOrDefault(parentCode ?? "") ?? NoEntries;

        /// <summary>The entry and its ancestors, top first.</summary>
        public IReadOnlyList<DictionaryEntryInfo> Path(string code)
        {
            var path = new List<DictionaryEntryInfo>();
            for (var entry = Find(code); entry is not null && path.Count < 32; entry = entry.ParentCode is null ? null : Find(entry.ParentCode))
                path.Insert(0, entry);
            return path;
        }
    }
}
