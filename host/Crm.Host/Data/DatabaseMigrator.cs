using Crm.Abstractions.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Host.Data;

/// <summary>Applies pending migrations of the host and of every loaded module, in module order.
/// EF Core takes a database lock around each migration run, so two instances starting together don't race.</summary>
internal sealed class DatabaseMigrator(IServiceProvider services, DatabaseConnection connection, ILogger<DatabaseMigrator> logger)
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(connection.FilePath)!);
        await using var scope = services.CreateAsyncScope();
        var applied = new List<string>();

        var host = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        await host.Database.OpenConnectionAsync(cancellationToken);
        await host.Database.ExecuteSqlRawAsync(ProviderSql.DatabaseSetup(connection.Provider), cancellationToken);
        await host.Database.CloseConnectionAsync();

        var contexts = new List<(string Module, DbContext Context)> { (HostDbContext.ModuleId, host) };
        contexts.AddRange(scope.ServiceProvider.GetServices<ModuleDbContextRegistration>()
            .Select(r => (r.ModuleId, (DbContext)scope.ServiceProvider.GetRequiredService(r.ContextType))));

        // Finding what is pending builds each context's EF model, the bulk of start-up time: do it side by side (each
        // context is used by one task only). Applying stays sequential: SQLite has one writer.
        var pendingByContext = await Task.WhenAll(contexts.Select(c => Task.Run(async () =>
            (await c.Context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList(), cancellationToken)));
        for (var i = 0; i < contexts.Count; i++)
        {
            var (module, context) = contexts[i];
            var pending = pendingByContext[i];
            if (pending.Count == 0) continue;
            await context.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Applied {Count} migration(s) of {Module}: {Migrations}", pending.Count, module, string.Join(", ", pending));
            applied.AddRange(pending.Select(m => $"{module}: {m}"));
        }
        return applied;
    }
}
