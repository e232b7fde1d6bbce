using Crm.Customers.Domain;

namespace Crm.Customers.Import;

/// <summary>Name cores of the rows seen so far, to find one alike (<see cref="NameSimilarity.Trigram"/> ≥
/// <see cref="NameSimilarity.PossibleDuplicate"/>) without comparing every pair of 100,000 rows: prefix filtering.
/// With the trigrams of every core in one fixed order, two cores that reach the threshold share at least one of the
/// first |x| − ⌈θ·|x|⌉ + 1 trigrams of each, so a core is indexed under those only and compared with the cores indexed
/// under its own; equal cores are found by a dictionary.</summary>
internal sealed class SimilarNames
{
    const double Threshold = NameSimilarity.PossibleDuplicate;

    readonly Dictionary<string, int> exact = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<int>> byTrigram = new(StringComparer.Ordinal);
    readonly List<(string Core, int Trigrams, int Row, string Name)> entries = [];

    public (int Row, string Name)? Find(string core)
    {
        if (core.Length == 0) return null;
        if (exact.TryGetValue(core, out var index)) return (entries[index].Row, entries[index].Name);
        var trigrams = Sorted(core);
        var size = trigrams.Length;
        HashSet<int>? seen = null;
        foreach (var trigram in trigrams.AsSpan(0, Prefix(size)))
        {
            if (!byTrigram.TryGetValue(trigram, out var candidates)) continue;
            foreach (var candidate in candidates)
            {
                var entry = entries[candidate];
                // |A ∩ B| ≤ min and |A ∪ B| ≥ max: sizes too far apart can't reach the threshold.
                if (Math.Min(size, entry.Trigrams) < Threshold * Math.Max(size, entry.Trigrams)) continue;
                if (!(seen ??= []).Add(candidate)) continue;
                if (NameSimilarity.Trigram(core, entry.Core) >= Threshold) return (entry.Row, entry.Name);
            }
        }
        return null;
    }

    public void Add(string core, int row, string name)
    {
        if (core.Length == 0 || exact.ContainsKey(core)) return;
        var trigrams = Sorted(core);
        var index = entries.Count;
        entries.Add((core, trigrams.Length, row, name));
        exact[core] = index;
        foreach (var trigram in trigrams.AsSpan(0, Prefix(trigrams.Length)))
        {
            if (!byTrigram.TryGetValue(trigram, out var list)) byTrigram[trigram] = list = [];
            list.Add(index);
        }
    }

    static int Prefix(int size) => size - (int)Math.Ceiling(Threshold * size - 1e-9) + 1;

    // Any fixed order works; ordinal keeps it deterministic.
    static string[] Sorted(string core)
    {
        var trigrams = NameSimilarity.Trigrams(core).ToArray();
        Array.Sort(trigrams, StringComparer.Ordinal);
        return trigrams;
    }
}
