using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Crm.Host.Data;

/// <summary>Every piece of provider-specific SQL the host runs, in one place, so that a second provider
/// (PostgreSQL) is added here and nowhere else.</summary>
internal static class ProviderSql
{
    public const string Sqlite = "sqlite";

    /// <summary>Our provider name for EF Core's (as migrations see it in <c>ActiveProvider</c>).</summary>
    public static string FromEfProvider(string? efProvider) => efProvider switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => Sqlite,
        _ => throw Unsupported(efProvider ?? "(none)"),
    };

    /// <summary>Run on every new connection: SQLite's per-connection settings.</summary>
    public static string ConnectionPragmas(string provider) => provider switch
    {
        Sqlite => "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;",
        _ => throw Unsupported(provider),
    };

    /// <summary>Run once on a new database: WAL is a property of the file and stays on.</summary>
    public static string DatabaseSetup(string provider) => provider switch
    {
        Sqlite => "PRAGMA journal_mode = WAL;",
        _ => throw Unsupported(provider),
    };

    /// <summary>Makes the audit log append-only in the database itself.</summary>
    public static string AuditAppendOnly(string provider) => provider switch
    {
        Sqlite => """
            CREATE TRIGGER host_audit_log_no_update BEFORE UPDATE ON host_audit_log
            BEGIN SELECT RAISE(ABORT, 'host_audit_log is append-only'); END;
            CREATE TRIGGER host_audit_log_no_delete BEFORE DELETE ON host_audit_log
            BEGIN SELECT RAISE(ABORT, 'host_audit_log is append-only'); END;
            """,
        _ => throw Unsupported(provider),
    };

    public static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        ForeignKeys = true,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    /// <summary>Whether an exception means the database cannot be written (read-only file or folder).</summary>
    public static bool IsReadOnly(Exception exception) =>
        exception.GetBaseException() is SqliteException { SqliteErrorCode: 8 or 14 } // SQLITE_READONLY, SQLITE_CANTOPEN
        || exception.GetBaseException() is UnauthorizedAccessException;

    /// <summary>Whether an exception is a unique-key violation (a claim taken by someone else, a duplicate name).</summary>
    public static bool IsUniqueViolation(Exception exception) =>
        exception.GetBaseException() is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    static NotSupportedException Unsupported(string provider) =>
        new($"Database provider '{provider}' is not supported; use 'sqlite'.");

    public static DbParameter Parameter(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
