using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Events;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>客户移交: every customer of one user within the current user's scope goes to another user (typically
/// when someone leaves), with the open next actions on them. Set-based, so tens of thousands of customers move in one
/// short transaction; one audit entry says who moved what and why.</summary>
internal sealed class HandoverService(CustomersDbContext db, CustomerAccess access, IAuditLog audit, ICrmEventBus events)
{
    public async Task<HandoverCounts> PreviewAsync(Guid fromUserId, CancellationToken ct)
    {
        var customers = await CustomersOfAsync(fromUserId, ct);
        return new HandoverCounts(await customers.CountAsync(ct), await OpenActions(customers, fromUserId).CountAsync(ct));
    }

    public async Task<Outcome<HandoverCounts>> HandOverAsync(HandoverInput input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("reason", "移交原因", input.Reason).MaxLength("reason", "移交原因", input.Reason, 500);
        var from = input.FromUserId is { } f ? await access.FindUserAsync(f, ct) : null;
        var to = input.ToUserId is { } t ? await access.FindUserAsync(t, ct) : null;
        if (input.FromUserId is null) errors.Add("fromUserId", "请选择移交人");
        else if (from is null) errors.Add("fromUserId", "移交人不存在");
        if (input.ToUserId is null) errors.Add("toUserId", "请选择接收人");
        else if (input.ToUserId == input.FromUserId) errors.Add("toUserId", "接收人不能与移交人相同");
        else if (await access.CheckOwnerAsync(to, ct) is { } problem) errors.Add("toUserId", problem);
        if (errors.Any) return Outcome<HandoverCounts>.Invalid(errors);

        var reason = input.Reason!.Trim();
        var (fromId, toId, toDepartment) = (from!.Id, to!.Id, to.DepartmentId);
        var customers = await CustomersOfAsync(fromId, ct);
        var now = DateTime.UtcNow;
        int customerCount, actionCount = 0;
        List<long> moved;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            moved = await customers.Select(c => c.Id).ToListAsync(ct);
            // Actions first: they are found through the customers' owner, which the next statement changes.
            if (input.IncludeNextActions ?? true)
                actionCount = await OpenActions(customers, fromId)
                    .ExecuteUpdateAsync(set => set.SetProperty(x => x.NextActionOwnerId, toId), ct);
            customerCount = await customers.ExecuteUpdateAsync(set => set
                .SetProperty(c => c.OwnerId, toId)
                .SetProperty(c => c.DepartmentId, toDepartment)
                .SetProperty(c => c.Version, c => c.Version + 1)
                .SetProperty(c => c.UpdatedAt, now), ct);
            await transaction.CommitAsync(ct);
        }

        // After the commit: the audit log is written on the host's own connection, and SQLite lets one connection write
        // at a time, so writing it inside the transaction would wait on ourselves.
        await audit.WriteAsync(new AuditRecord("handover", nameof(Customer), null,
            [new AuditFieldChange(nameof(Customer.OwnerId), $"{from.DisplayName}（{from.UserName}）", $"{to.DisplayName}（{to.UserName}）")],
            reason, $"客户移交：{from.DisplayName} → {to.DisplayName}，客户 {customerCount} 个，未完成的下一步行动 {actionCount} 条"), ct);
        // Every moved customer is announced, however many: a subscriber (e.g. one that moves opportunities along) must
        // not miss a change because it came in a large handover. The cost is the subscribers'; none is heavy today.
        foreach (var id in moved)
            await events.PublishAsync(new CustomerOwnerChanged(id, fromId, toId, reason), ct);
        return new HandoverCounts(customerCount, actionCount);
    }

    /// <summary>The user's customers that the current user may see, not deleted.</summary>
    async Task<IQueryable<Customer>> CustomersOfAsync(Guid ownerId, CancellationToken ct) =>
        (await access.VisibleAsync(deleted: false, ct)).Where(c => c.OwnerId == ownerId);

    IQueryable<FollowUp> OpenActions(IQueryable<Customer> customers, Guid ownerId) =>
        db.FollowUps.Where(x => x.NextActionOwnerId == ownerId && x.NextAction != null && !x.NextActionDone
                                && customers.Any(c => c.Id == x.CustomerId));
}

/// <summary>Whose customers go to whom and why; the open next actions go along unless <see cref="IncludeNextActions"/> is false.</summary>
public sealed record HandoverInput(Guid? FromUserId, Guid? ToUserId, string? Reason, bool? IncludeNextActions = true);

/// <summary>How many customers and open next actions move (or would move, in a preview).</summary>
public sealed record HandoverCounts(int Customers, int NextActions);
