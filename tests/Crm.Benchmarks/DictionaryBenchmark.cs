using System.Diagnostics;
using Crm.Abstractions.Contracts;
using Crm.Dictionaries.Data;
using Crm.Dictionaries.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Dictionaries mode: the module's <see cref="DictionaryCache"/> and <see cref="IDataDictionary"/> in-process,
/// over a fresh SQLite file migrated with the shipped reference data (no host, no HTTP).</summary>
internal static class DictionaryBenchmark
{
    const int Calls = 1_000_000, WarmUp = 300_000, Loads = 11;

    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("crm-dict-bench").FullName;
        var services = new ServiceCollection();
        services.AddDbContext<DictionariesDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(folder, "crm.db")};Pooling=False"));
        services.AddSingleton<DictionaryCache>();
        services.AddSingleton<IDataDictionary, DataDictionary>();
        var provider = services.BuildServiceProvider();
        try
        {
            await using (var scope = provider.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DictionariesDbContext>().Database.MigrateAsync();

            var cache = provider.GetRequiredService<DictionaryCache>();
            var loads = new List<double>();
            for (var i = 0; i < Loads; i++)
            {
                cache.Invalidate();
                var watch = Stopwatch.StartNew();
                var snapshot = await cache.GetAsync();
                loads.Add(watch.Elapsed.TotalMilliseconds);
                if (i == 0) Console.WriteLine($"snapshot: {snapshot.Types.Count()} types, {snapshot.Types.Sum(t => t.Count)} entries");
            }
            Console.WriteLine($"snapshot load (all types, region tree included), first in process (JIT, EF model): {loads[0]:F1} ms");
            var warm = loads.Skip(1).ToList();
            Console.WriteLine($"snapshot load, fresh reload after Invalidate(), {warm.Count} runs: median {Median(warm):F1} ms, min {warm.Min():F1} ms, max {warm.Max():F1} ms");

            var dictionary = provider.GetRequiredService<IDataDictionary>();
            (string What, Func<Task> Call)[] calls =
            [
                ("FindAsync(region, \"440305\")", () => dictionary.FindAsync(DictionaryTypes.Region, "440305")),
                ("FindAsync(customer_status, \"001\")", () => dictionary.FindAsync(DictionaryTypes.CustomerStatus, "001")),
                ("ResolveCodeAsync(customer_status, \"潜在客户\") (alias)", () => dictionary.ResolveCodeAsync(DictionaryTypes.CustomerStatus, "潜在客户")),
                ("ResolveCodeAsync(region, \"福田区\") (name)", () => dictionary.ResolveCodeAsync(DictionaryTypes.Region, "福田区")),
                ("ResolveCodeAsync(customer_status, \"003\") (code)", () => dictionary.ResolveCodeAsync(DictionaryTypes.CustomerStatus, "003")),
            ];
            // Warm every path first, so that no figure includes tiered JIT compiling it in the background.
            foreach (var (_, call) in calls)
                for (var i = 0; i < WarmUp; i++) await call();
            foreach (var (what, call) in calls) await MeasureAsync(what, call);
            return 0;
        }
        finally
        {
            await provider.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Three timed rounds of <see cref="Calls"/> calls; the median round is reported.</summary>
    static async Task MeasureAsync(string what, Func<Task> call)
    {
        var rounds = new List<(double Ns, double Bytes)>();
        for (var round = 0; round < 3; round++)
        {
            GC.Collect();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Calls; i++) await call();
            var elapsed = watch.Elapsed;
            rounds.Add((elapsed.TotalNanoseconds / Calls, (double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / Calls));
        }
        var (ns, bytes) = rounds.OrderBy(r => r.Ns).ElementAt(1);
        Console.WriteLine($"{what}: median of 3 rounds of {Calls:N0} calls: {ns:F0} ns/call, {bytes:F0} B/call (rounds {string.Join(", ", rounds.Select(r => $"{r.Ns:F0}"))} ns)");
    }

    static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
