namespace Crm.Abstractions.Auditing;

/// <summary>The append-only audit log (操作日志). Who, when and from where are filled in from <c>ICurrentUser</c>.
/// Changes to entities marked <see cref="IAuditable"/> are written automatically when a CRM DbContext saves.
/// <see cref="WriteAsync"/> writes on the host's own connection: call it after committing an explicit transaction of
/// yours, not inside it (on SQLite it would wait for your transaction's write lock until the busy timeout).</summary>
public interface IAuditLog
{
    Task WriteAsync(AuditRecord record, CancellationToken cancellationToken = default);
}

/// <summary>One audited action: e.g. <c>update</c> of <c>Customer</c> 42 with its field changes and the reason given.
/// <see cref="Actor"/> names who acted when nobody is signed in yet (a failed login); otherwise it is the current user.</summary>
public sealed record AuditRecord(
    string Action,
    string EntityType,
    string? EntityId,
    IReadOnlyList<AuditFieldChange>? Changes = null,
    string? Reason = null,
    string? Summary = null,
    string? Actor = null);

/// <summary>A field that changed, old → new, as display text (personal data masked).</summary>
public sealed record AuditFieldChange(string Field, string? OldValue, string? NewValue);

/// <summary>Marks an entity whose inserts, updates and deletes are written to the audit log automatically.</summary>
public interface IAuditable;

/// <summary>A property left out of automatic audit entries (e.g. a row version or a keyed hash).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>A property recorded only as "changed" in audit entries, never with its value (e.g. encrypted personal data).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AuditValueHiddenAttribute : Attribute;

/// <summary>Optional reason for the changes about to be saved in the current scope (e.g. why a tier was overridden).</summary>
public interface IAuditReason
{
    string? Reason { get; set; }
}

/// <summary>Reads the audit log of given records, newest first, e.g. for a customer's history tab. Callers check that
/// the user may see the records before asking.</summary>
public interface IAuditHistory
{
    Task<IReadOnlyList<AuditHistoryEntry>> ForAsync(IReadOnlyList<AuditSubject> subjects, int take = 200, CancellationToken cancellationToken = default);
}

/// <summary>A record whose history is asked for: entity type (CLR name) and id, as the audit log stores them.</summary>
public sealed record AuditSubject(string EntityType, string EntityId);

/// <summary>One audit entry as a module's page shows it.</summary>
public sealed record AuditHistoryEntry(
    long Id,
    DateTime At,
    string? UserName,
    string Action,
    string EntityType,
    string? EntityId,
    IReadOnlyList<AuditFieldChange> Changes,
    string? Reason,
    string? Summary);
