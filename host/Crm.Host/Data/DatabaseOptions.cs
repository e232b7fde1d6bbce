using System.ComponentModel.DataAnnotations;

namespace Crm.Host.Data;

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>sqlite</c> (default, embedded) or <c>postgresql</c> (a later issue).</summary>
    [Required]
    public string Provider { get; set; } = "sqlite";

    /// <summary>SQLite file, relative to the content root unless absolute.</summary>
    public string Path { get; set; } = "data/crm.db";

    /// <summary>Overrides <see cref="Path"/> with a full connection string.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The database file: the connection string's data source when one is given, else <see cref="Path"/>.</summary>
    public string ResolveFilePath(string contentRoot) =>
        System.IO.Path.GetFullPath(
            ConnectionString is { Length: > 0 } cs ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(cs).DataSource : Path,
            contentRoot);

    /// <summary>The folder of the database file, where the host also keeps its key ring.</summary>
    public string ResolveDataFolder(string contentRoot) => System.IO.Path.GetDirectoryName(ResolveFilePath(contentRoot))!;

    public static DatabaseOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
}
