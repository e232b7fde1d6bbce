using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Crm.Dictionaries.Data;

/// <summary>For <c>dotnet ef migrations add</c> only; at run time the host configures the context.</summary>
internal sealed class DesignTimeDictionariesDbContextFactory : IDesignTimeDbContextFactory<DictionariesDbContext>
{
    public DictionariesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DictionariesDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable($"__EFMigrationsHistory_{DictionaryPermissions.ModuleId}"))
            .Options);
}
