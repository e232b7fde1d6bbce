using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Host.Data;

/// <summary>For <c>dotnet ef migrations add</c> only: the same provider settings as <see cref="CrmDatabase"/>, no running host.</summary>
internal sealed class DesignTimeHostDbContextFactory : IDesignTimeDbContextFactory<HostDbContext>
{
    public HostDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HostDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable($"__EFMigrationsHistory_{HostDbContext.ModuleId}"))
            .Options);
}
