using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Customers.Data;

/// <summary>For <c>dotnet ef migrations add</c> only; at run time the host configures the context.</summary>
internal sealed class DesignTimeCustomersDbContextFactory : IDesignTimeDbContextFactory<CustomersDbContext>
{
    public CustomersDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CustomersDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable($"__EFMigrationsHistory_{CustomerPermissions.ModuleId}"))
            .Options);
}
