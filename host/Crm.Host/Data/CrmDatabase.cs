using System.Data.Common;
using Crm.Abstractions.Data;
using Crm.Host.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Crm.Host.Data;

/// <summary>Configures every DbContext, the host's and the modules', on the one shared database.</summary>
internal sealed class CrmDatabase(DatabaseConnection connection, AuditSaveChangesInterceptor audit) : ICrmDatabase
{
    public string Provider => connection.Provider;

    public string DataFolder => connection.DataFolder;

    public void Configure(DbContextOptionsBuilder options, string moduleId)
    {
        var historyTable = $"__EFMigrationsHistory_{moduleId}";
        switch (connection.Provider)
        {
            case ProviderSql.Sqlite:
                options.UseSqlite(connection.ConnectionString, sqlite => sqlite.MigrationsHistoryTable(historyTable));
                break;
            default:
                throw new NotSupportedException($"Database provider '{connection.Provider}' is not supported.");
        }
        options.AddInterceptors(connection.Pragmas, audit);
    }
}

/// <summary>The resolved connection of the shared database (singleton).</summary>
internal sealed class DatabaseConnection
{
    public DatabaseConnection(IOptions<DatabaseOptions> options, IHostEnvironment environment)
    {
        var value = options.Value;
        Provider = value.Provider.Trim().ToLowerInvariant();
        if (Provider != ProviderSql.Sqlite)
            throw new InvalidOperationException($"配置 Database:Provider 的值 '{value.Provider}' 不受支持（可用：sqlite）");
        FilePath = value.ResolveFilePath(environment.ContentRootPath);
        DataFolder = value.ResolveDataFolder(environment.ContentRootPath);
        ConnectionString = value.ConnectionString ?? ProviderSql.SqliteConnectionString(FilePath);
        Pragmas = new PragmaInterceptor(ProviderSql.ConnectionPragmas(Provider));
    }

    public string Provider { get; }
    public string FilePath { get; }
    public string DataFolder { get; }
    public string ConnectionString { get; }
    public DbConnectionInterceptor Pragmas { get; }

    sealed class PragmaInterceptor(string sql) : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
