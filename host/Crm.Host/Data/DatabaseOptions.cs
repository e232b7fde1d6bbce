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
}
