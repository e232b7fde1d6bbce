using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>A customer's change history (变更记录): the audit entries of the customer and of its contacts, needs,
/// follow-ups and attachments, newest first, with the reasons given.</summary>
internal sealed class CustomerHistory(CustomersDbContext db, CustomerAccess access, IAuditHistory history, DictionaryLabels labels)
{
    public async Task<Outcome<IReadOnlyList<AuditHistoryEntry>>> ForAsync(long customerId, int take, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is null) return Outcome<IReadOnlyList<AuditHistoryEntry>>.Missing("客户");
        var subjects = new List<AuditSubject> { new(nameof(Customer), customerId.ToString()) };
        subjects.AddRange(Subjects(nameof(Contact), await db.Contacts.Where(x => x.CustomerId == customerId).Select(x => x.Id).ToListAsync(ct)));
        subjects.AddRange(Subjects(nameof(Need), await db.Needs.Where(x => x.CustomerId == customerId).Select(x => x.Id).ToListAsync(ct)));
        subjects.AddRange(Subjects(nameof(FollowUp), await db.FollowUps.Where(x => x.CustomerId == customerId).Select(x => x.Id).ToListAsync(ct)));
        subjects.AddRange(Subjects(nameof(Attachment), await db.Attachments.Where(x => x.CustomerId == customerId).Select(x => x.Id).ToListAsync(ct)));
        var entries = new List<AuditHistoryEntry>();
        foreach (var entry in await history.ForAsync(subjects, Math.Clamp(take, 1, 500), ct))
        {
            var changes = new List<AuditFieldChange>(entry.Changes.Count);
            foreach (var change in entry.Changes)
                // Dictionary codes are shown with their labels ("39" → "计算机、通信和其他电子设备制造业").
                changes.Add(DictionaryFields.Find(entry.EntityType, change.Field) is { TypeCode: var type }
                    ? change with { OldValue = await LabelAsync(type, change.OldValue, ct), NewValue = await LabelAsync(type, change.NewValue, ct) }
                    : change);
            entries.Add(entry with { Changes = changes });
        }
        return entries;
    }

    async Task<string?> LabelAsync(string type, string? code, CancellationToken ct) =>
        code is null ? null
        : type == DictionaryTypes.Region ? await labels.PathAsync(type, code, ct) ?? code
        : (await labels.OfAsync(type, code, ct))?.Name ?? code;

    static IEnumerable<AuditSubject> Subjects(string type, List<long> ids) => ids.Select(id => new AuditSubject(type, id.ToString()));
}
