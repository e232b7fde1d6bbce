using Crm.Abstractions.Auditing;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>A customer's change history (变更记录): the audit entries of the customer and of its contacts, needs,
/// follow-ups and attachments, newest first, with the reasons given.</summary>
internal sealed class CustomerHistory(CustomersDbContext db, CustomerAccess access, IAuditHistory history)
{
    public async Task<Outcome<IReadOnlyList<AuditHistoryEntry>>> ForAsync(long customerId, int take, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is null) return Outcome<IReadOnlyList<AuditHistoryEntry>>.Missing("客户");
        var subjects = new List<AuditSubject> { new(nameof(Customer), customerId.ToString()) };
        subjects.AddRange(Subjects(nameof(Contact), await db.Contacts.Where(x => x.CustomerId == customerId).Select(x => x.Id).ToListAsync(ct)));
        subjects.AddRange(Subjects(nameof(Need), await db.Needs.Where(x => x.CustomerId == customerId).Select(x => x.Id).ToListAsync(ct)));
        subjects.AddRange(Subjects(nameof(FollowUp), await db.FollowUps.Where(x => x.CustomerId == customerId).Select(x => x.Id).ToListAsync(ct)));
        subjects.AddRange(Subjects(nameof(Attachment), await db.Attachments.Where(x => x.CustomerId == customerId).Select(x => x.Id).ToListAsync(ct)));
        return (await history.ForAsync(subjects, Math.Clamp(take, 1, 500), ct)).ToList();
    }

    static IEnumerable<AuditSubject> Subjects(string type, List<long> ids) => ids.Select(id => new AuditSubject(type, id.ToString()));
}
