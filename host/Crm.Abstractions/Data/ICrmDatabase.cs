using Microsoft.EntityFrameworkCore;

namespace Crm.Abstractions.Data;

/// <summary>The shared database as the host configured it (SQLite or PostgreSQL). Modules never pick a provider:
/// they call <c>ModuleServiceContext.AddDbContext</c>, which configures their DbContext through this.</summary>
public interface ICrmDatabase
{
    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    string Provider { get; }

    /// <summary>Folder for files that live beside the database (key files, attachments); created on start.</summary>
    string DataFolder { get; }

    /// <summary>Sets the provider, connection, migrations history table <c>__EFMigrationsHistory_{moduleId}</c> and the
    /// host's interceptors (audit). Migrations are read from the context's own assembly.</summary>
    void Configure(DbContextOptionsBuilder options, string moduleId);
}

/// <summary>Records that a module owns a DbContext whose migrations the host applies.</summary>
public sealed record ModuleDbContextRegistration(string ModuleId, Type ContextType);
