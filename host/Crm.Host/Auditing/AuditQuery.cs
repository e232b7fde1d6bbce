using Crm.Abstractions.Auditing;
using Crm.Host.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Host.Auditing;

/// <summary>Filter of the audit log page and API. Times are UTC.</summary>
public sealed record AuditFilter(string? User = null, string? EntityType = null, string? EntityId = null, DateTime? From = null, DateTime? To = null, long? Before = null, int Take = 50);

public sealed record AuditView(long Id, DateTime At, Guid? UserId, string? UserName, string Action, string EntityType, string? EntityId,
    IReadOnlyList<AuditFieldChange> Changes, string? Reason, string? Summary, string? ClientIp);

/// <summary>A page of audit rows, newest first; <see cref="NextBefore"/> continues the list (keyset on the id).</summary>
public sealed record AuditPage(IReadOnlyList<AuditView> Items, long? NextBefore);

/// <summary>Reads the audit log with filters, newest first, keyset-paginated.</summary>
public sealed class AuditQuery(HostDbContext db) : IAuditHistory
{
    public async Task<IReadOnlyList<AuditHistoryEntry>> ForAsync(IReadOnlyList<AuditSubject> subjects, int take = 200, CancellationToken cancellationToken = default)
    {
        var entries = new List<AuditHistoryEntry>();
        // One query per entity type keeps each on the (entity type, entity id) index.
        foreach (var group in subjects.GroupBy(s => s.EntityType))
        {
            var ids = group.Select(s => s.EntityId).Distinct().ToList();
            var rows = await db.AuditLog.AsNoTracking()
                .Where(a => a.EntityType == group.Key && a.EntityId != null && ids.Contains(a.EntityId))
                .OrderByDescending(a => a.Id).Take(take).ToListAsync(cancellationToken);
            entries.AddRange(rows.Select(a => new AuditHistoryEntry(a.Id, DateTime.SpecifyKind(a.At, DateTimeKind.Utc), a.UserName, a.Action,
                a.EntityType, a.EntityId, AuditWriter.ReadChanges(a.Changes), a.Reason, a.Summary)));
        }
        return entries.OrderByDescending(e => e.Id).Take(take).ToList();
    }

    public async Task<AuditPage> QueryAsync(AuditFilter filter, CancellationToken ct)
    {
        var take = Math.Clamp(filter.Take, 1, 500);
        var query = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User)) query = query.Where(a => a.UserName == filter.User.Trim());
        if (!string.IsNullOrWhiteSpace(filter.EntityType)) query = query.Where(a => a.EntityType == filter.EntityType.Trim());
        if (!string.IsNullOrWhiteSpace(filter.EntityId)) query = query.Where(a => a.EntityId == filter.EntityId.Trim());
        if (filter.From is { } from) query = query.Where(a => a.At >= from);
        if (filter.To is { } to) query = query.Where(a => a.At < to);
        if (filter.Before is { } before) query = query.Where(a => a.Id < before);
        var rows = await query.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(ct);
        var items = rows.Take(take).Select(a => new AuditView(a.Id, DateTime.SpecifyKind(a.At, DateTimeKind.Utc), a.UserId, a.UserName, a.Action,
            a.EntityType, a.EntityId, AuditWriter.ReadChanges(a.Changes), a.Reason, a.Summary, a.ClientIp)).ToList();
        return new AuditPage(items, rows.Count > take ? items[^1].Id : null);
    }

    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct) =>
        await db.AuditLog.Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
}
