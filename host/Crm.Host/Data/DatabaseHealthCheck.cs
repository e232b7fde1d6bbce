using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Crm.Host.Data;

/// <summary>Healthy when the shared database answers a query.</summary>
internal sealed class DatabaseHealthCheck(HostDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("数据库无法连接");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("数据库无法连接", ex);
        }
    }
}
