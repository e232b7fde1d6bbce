using Crm.Abstractions.Auditing;
using Crm.Abstractions.Security;
using Crm.Host.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Host.Auditing;

/// <summary><see cref="IAuditLog"/> on the host's connection. Call it after your own transaction commits:
/// on SQLite a second connection cannot write while yours holds the write lock.</summary>
internal sealed class AuditLog(HostDbContext db, ICurrentUser user) : IAuditLog
{
    public async Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await AuditWriter.InsertAsync(connection, db.Database.CurrentTransaction?.GetDbTransaction(), [AuditWriter.ToEntry(record, user)], cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

/// <summary>Holds the reason for the changes saved in the current scope.</summary>
internal sealed class AuditReason : IAuditReason
{
    public string? Reason { get; set; }
}
