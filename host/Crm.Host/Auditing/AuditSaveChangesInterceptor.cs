using System.Reflection;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Host.Auditing;

/// <summary>Writes an audit row for every insert, update and delete of an <see cref="IAuditable"/> entity, in any
/// module's DbContext, on the same connection and transaction as the change itself.</summary>
internal sealed class AuditSaveChangesInterceptor(ICurrentUser user, IAuditReason reason) : SaveChangesInterceptor
{
    // Identity's bookkeeping columns say nothing a reader of the audit log needs, and the hash must not be copied.
    static readonly HashSet<string> IgnoredProperties =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "NormalizedUserName", "NormalizedEmail", "NormalizedName", "AccessFailedCount", "LockoutEnd"];

    readonly List<(EntityEntry Entry, string Action, List<AuditFieldChange> Changes)> pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await FlushAsync(eventData.Context, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        FlushAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => pending.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        pending.Clear();
        return Task.CompletedTask;
    }

    void Capture(DbContext? context)
    {
        pending.Clear();
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is not IAuditable) continue;
            var action = entry.State switch
            {
                EntityState.Added => "create",
                EntityState.Modified => "update",
                EntityState.Deleted => "delete",
                _ => null,
            };
            if (action is null) continue;
            var changes = new List<AuditFieldChange>();
            foreach (var property in entry.Properties)
            {
                var clr = property.Metadata.PropertyInfo;
                if (property.Metadata.IsPrimaryKey() || IgnoredProperties.Contains(property.Metadata.Name)
                    || clr?.GetCustomAttribute<NotAuditedAttribute>() is not null) continue;
                var hidden = clr?.GetCustomAttribute<AuditValueHiddenAttribute>() is not null;
                if (entry.State == EntityState.Modified && (!property.IsModified || Equals(property.OriginalValue, property.CurrentValue)))
                    continue;
                var oldValue = entry.State == EntityState.Added ? null : Format(property.OriginalValue);
                var newValue = entry.State == EntityState.Deleted ? null : Format(property.CurrentValue);
                if (oldValue is null && newValue is null) continue;
                changes.Add(hidden
                    ? new AuditFieldChange(property.Metadata.Name, oldValue is null ? null : "***", newValue is null ? null : "***")
                    : new AuditFieldChange(property.Metadata.Name, oldValue, newValue));
            }
            if (action == "update" && changes.Count == 0) continue;
            pending.Add((entry, action, changes));
        }
    }

    async Task FlushAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || pending.Count == 0) return;
        var entries = pending.Select(p => AuditWriter.ToEntry(new AuditRecord(
            p.Action,
            p.Entry.Metadata.ClrType.Name,
            KeyOf(p.Entry),
            p.Changes,
            reason.Reason), user)).ToList();
        pending.Clear();

        var database = context.Database;
        var opened = false;
        if (database.GetDbConnection().State != System.Data.ConnectionState.Open)
        {
            await database.OpenConnectionAsync(cancellationToken);
            opened = true;
        }
        try
        {
            await AuditWriter.InsertAsync(database.GetDbConnection(), database.CurrentTransaction?.GetDbTransaction(), entries, cancellationToken);
        }
        finally
        {
            if (opened) await database.CloseConnectionAsync();
        }
    }

    static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null ? null : string.Join(",", key.Properties.Select(p => Format(entry.Property(p.Name).CurrentValue)));
    }

    static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss"),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
