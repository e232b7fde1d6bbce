using Crm.Customers.Domain;

namespace Crm.Customers.Import;

/// <summary>Name cores of the rows seen so far, to find one alike (<see cref="NameSimilarity.Trigram"/> ≥
/// <see cref="NameSimilarity.PossibleDuplicate"/>) without comparing every pair of 100,000 rows: prefix filtering.</summary>
/// <remarks>With the trigrams of every core sorted in one fixed order, two cores that reach the threshold θ share at
/// least one of the first |x| − ⌈θ·|x|⌉ + 1 trigrams of each (a "prefix"), so each core is indexed under its prefix only
/// and compared with the cores indexed under the trigrams of its own. The lists stay short when rare trigrams come
/// first: the order is by how often a trigram occurred among the cores seen so far, fixed between rebuilds and rebuilt
/// (every core re-indexed) each time the number of cores doubles, which follows the file's vocabulary for about twice
/// the work of indexing it once. Trigrams are numbered, so a candidate is measured by merging two short sorted arrays;
/// the one found is confirmed with <see cref="NameSimilarity.Trigram"/> itself.</remarks>
internal sealed class SimilarNames
{
    const double Threshold = NameSimilarity.PossibleDuplicate;
    const int FirstRebuild = 256;

    readonly Dictionary<string, int> exact = new(StringComparer.Ordinal);
    readonly List<Entry> entries = [];
    readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    readonly List<int> counts = [];
    int[] order = [];
    // Per trigram: the cores that have it in their prefix, with its position there.
    Dictionary<int, List<(int Entry, int Position)>> index = [];
    // The probe that last compared each core, so a core listed under two trigrams is measured once.
    int[] stamps = new int[FirstRebuild];
    int probes;
    int nextRebuild = FirstRebuild;

    /// <summary>A core with its trigram numbers ascending (for measuring) and in prefix order (for indexing).</summary>
    sealed record Entry(string Core, int[] Trigrams, int[] Ranked, int Row, string Name);

    public (int Row, string Name)? Find(string core)
    {
        if (core.Length == 0) return null;
        if (exact.TryGetValue(core, out var same)) return (entries[same].Row, entries[same].Name);
        var trigrams = Numbers(core, add: false);
        var ranked = Ranked(trigrams);
        var probe = ++probes;
        var prefix = Prefix(ranked.Length);
        for (var i = 0; i < prefix; i++)
        {
            if (ranked[i] < 0 || !index.TryGetValue(ranked[i], out var candidates)) continue;
            foreach (var (candidate, j) in candidates)
            {
                var entry = entries[candidate];
                var (a, b) = (trigrams.Length, entry.Trigrams.Length);
                // |A ∩ B| ≤ min and |A ∪ B| ≥ max: sizes too far apart can't reach the threshold. And as both lists
                // are in one order, a first shared trigram at i and j leaves at most 1 + the shorter rest in common.
                if (Math.Min(a, b) < Threshold * Math.Max(a, b) || stamps[candidate] == probe) continue;
                stamps[candidate] = probe;
                if (1 + Math.Min(a - i - 1, b - j - 1) < Threshold / (1 + Threshold) * (a + b)) continue;
                var shared = Shared(trigrams, entry.Trigrams);
                if (shared >= Threshold * (a + b - shared) && NameSimilarity.Trigram(core, entry.Core) >= Threshold) return (entry.Row, entry.Name);
            }
        }
        return null;
    }

    public void Add(string core, int row, string name)
    {
        if (core.Length == 0 || exact.ContainsKey(core)) return;
        var trigrams = Numbers(core, add: true);
        foreach (var trigram in trigrams) counts[trigram]++;
        exact[core] = entries.Count;
        entries.Add(new Entry(core, trigrams, Ranked(trigrams), row, name));
        if (entries.Count > stamps.Length) Array.Resize(ref stamps, stamps.Length * 2);
        if (entries.Count >= nextRebuild) Rebuild();
        else Index(entries.Count - 1);
    }

    /// <summary>Fixes a new order from the counts so far and indexes every core again under it.</summary>
    void Rebuild()
    {
        order = [.. counts];
        index = [];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            entries[i] = entry with { Ranked = Ranked(entry.Trigrams) };
            Index(i);
        }
        nextRebuild *= 2;
    }

    void Index(int i)
    {
        var ranked = entries[i].Ranked;
        for (var position = 0; position < Prefix(ranked.Length); position++)
        {
            if (!index.TryGetValue(ranked[position], out var list)) index[ranked[position]] = list = [];
            list.Add((i, position));
        }
    }

    static int Prefix(int size) => size - (int)Math.Ceiling(Threshold * size - 1e-9) + 1;

    /// <summary>The core's trigrams as numbers, ascending; a trigram never added is negative (-1, -2 …) when probing.</summary>
    int[] Numbers(string core, bool add)
    {
        var set = NameSimilarity.Trigrams(core);
        var numbers = new int[set.Count];
        var i = 0;
        var unknown = 0;
        foreach (var trigram in set)
        {
            if (!ids.TryGetValue(trigram, out var id))
            {
                if (add)
                {
                    ids[trigram] = id = counts.Count;
                    counts.Add(0);
                }
                else id = --unknown;
            }
            numbers[i++] = id;
        }
        Array.Sort(numbers);
        return numbers;
    }

    /// <summary>Rarest first by the counts of the last rebuild (newer trigrams count as rarest), ties by number.</summary>
    int[] Ranked(int[] trigrams)
    {
        var ranked = (int[])trigrams.Clone();
        Array.Sort(ranked, (a, b) =>
        {
            var byCount = Count(a).CompareTo(Count(b));
            return byCount != 0 ? byCount : a.CompareTo(b);
        });
        return ranked;
    }

    int Count(int trigram) => trigram >= 0 && trigram < order.Length ? order[trigram] : 0;

    static int Shared(int[] a, int[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return shared;
    }
}
