using Crm.Customers.Data;
using Crm.Customers.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Customers.Jobs;

/// <summary>Fills <see cref="Customer.NameCore"/> of customers saved before the column existed, in small batches in
/// the background after start, so that an upgraded site finds its possible duplicates without a long migration.</summary>
internal sealed class NameCoreBackfill(IServiceScopeFactory scopes, ILogger<NameCoreBackfill> logger) : BackgroundService
{
    const int BatchSize = 2_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var total = 0;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var done = await RunBatchAsync(stoppingToken);
                if (done == 0) break;
                total += done;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            // Not fatal: the next start goes on from where this one stopped.
            logger.LogWarning(e, "Filling customer name cores stopped after {Count} customers", total);
        }
        if (total > 0) logger.LogInformation("Filled the name core of {Count} customers", total);
    }

    /// <summary>One batch in its own transaction; returns how many customers it filled.</summary>
    internal async Task<int> RunBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var rows = await db.Customers.AsNoTracking().Where(c => c.NameCore == "").OrderBy(c => c.Id).Take(BatchSize)
            .Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        if (rows.Count == 0) return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in rows)
        {
            var core = CustomerNameCore.Of(row.Name);
            // Not through the change tracker: neither UpdatedAt nor the version moves, it is not an edit.
            await db.Customers.Where(c => c.Id == row.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.NameCore, core), ct);
        }
        await transaction.CommitAsync(ct);
        return rows.Count;
    }
}
