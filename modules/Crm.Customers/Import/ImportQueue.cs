using System.Threading.Channels;
using Crm.Abstractions.Security;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Customers.Import;

/// <summary>Runs batches in the background, one at a time (the machine's cores go to checking and writing one file),
/// each in a service scope of its own acting as the user who started it. On start, a batch a previous process left
/// "running" (it stopped or crashed mid-run) becomes "interrupted": resume it or undo it.</summary>
internal sealed class ImportQueue(IServiceScopeFactory scopes, ILogger<ImportQueue> logger) : BackgroundService
{
    readonly Channel<(long BatchId, Guid UserId)> jobs = Channel.CreateUnbounded<(long, Guid)>();

    public void Enqueue(long batchId, Guid userId) => jobs.Writer.TryWrite((batchId, userId));

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
            var interrupted = await db.ImportBatches.Where(b => b.Status == ImportStatus.Running)
                .ExecuteUpdateAsync(u => u.SetProperty(b => b.Status, ImportStatus.Interrupted)
                    .SetProperty(b => b.Message, b => "导入在第 " + b.LastRow + " 行后中断（主机重新启动），可以继续导入或撤销"), cancellationToken);
            if (interrupted > 0) logger.LogWarning("{Count} import batches were running when the host stopped; marked interrupted", interrupted);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var (batchId, userId) in jobs.Reader.ReadAllAsync(stoppingToken))
            {
                await using var scope = scopes.CreateAsyncScope();
                var services = scope.ServiceProvider;
                if (await services.GetRequiredService<IActAsUser>().ActAsAsync(userId.ToString(), stoppingToken) is null)
                {
                    var db = services.GetRequiredService<CustomersDbContext>();
                    await db.ImportBatches.Where(b => b.Id == batchId).ExecuteUpdateAsync(u => u
                        .SetProperty(b => b.Status, ImportStatus.Failed).SetProperty(b => b.Message, "导入人的账号已停用，导入未执行"), CancellationToken.None);
                    continue;
                }
                await services.GetRequiredService<ImportRunner>().RunAsync(batchId, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
