using System.Collections.Concurrent;

namespace Crm.Customers.Import;

/// <summary>The progress of the batches running in this process, between the commits that persist it (and for an
/// all-or-nothing run, whose one transaction makes nothing visible until the end), so <c>GET</c> shows it live.</summary>
internal sealed class ImportProgress
{
    readonly ConcurrentDictionary<long, Live> running = new();

    public Live Start(ImportBatch batch) => running[batch.Id] = new Live();

    public void Stop(long batchId) => running.TryRemove(batchId, out _);

    public Live? Find(long batchId) => running.GetValueOrDefault(batchId);

    /// <summary>One batch's counters, replaced whole after each chunk.</summary>
    public sealed class Live
    {
        public volatile Snapshot? Current;

        public void Update(int rowsDone, double rowsPerSecond, ImportCounts counts) =>
            Current = new Snapshot(rowsDone, rowsPerSecond, counts.New, counts.Updated, counts.Unchanged, counts.Failed, counts.Skipped, counts.Flagged, counts.PossibleDuplicates);
    }

    public sealed record Snapshot(int RowsDone, double RowsPerSecond, int Created, int Updated, int Unchanged, int Failed, int Skipped, int Flagged, int PossibleDuplicates);
}
