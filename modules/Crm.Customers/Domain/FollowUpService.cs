using Crm.Abstractions;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>跟进记录 of a customer the user may see, newest first, and their next actions.
/// Anyone who may see the customer logs a follow-up (it is the rep's daily work, not an edit of the archive);
/// changing or deleting one is for its author or a holder of <see cref="CustomerPermissions.Edit"/>; marking the next
/// action done also for its owner. The customer's <see cref="Customer.LastFollowUpAt"/> always equals the newest
/// follow-up's time, which drives the churn-risk list.</summary>
internal sealed class FollowUpService(CustomersDbContext db, CustomerAccess access, DictionaryLabels labels, IUserDirectory users, IAuditLog audit)
{
    const string WhatCustomer = "客户";
    const string What = "跟进记录";
    /// <summary>Clocks of phones and PCs drift; a follow-up logged "now" on one of them must not be refused.</summary>
    static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public async Task<Outcome<IReadOnlyList<FollowUpView>>> ListAsync(long customerId, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is null) return Outcome<IReadOnlyList<FollowUpView>>.Missing(WhatCustomer);
        var followUps = await db.FollowUps.AsNoTracking().Where(f => f.CustomerId == customerId)
            .OrderByDescending(f => f.At).ThenByDescending(f => f.Id).ToListAsync(ct);
        var names = await UserNamesAsync(ct);
        var list = new List<FollowUpView>(followUps.Count);
        foreach (var followUp in followUps) list.Add(await ViewAsync(followUp, names, ct));
        return list;
    }

    public async Task<Outcome<FollowUpView>> CreateAsync(long customerId, FollowUpInput input, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is not { } customer) return Outcome<FollowUpView>.Missing(WhatCustomer);
        var followUp = new FollowUp { CustomerId = customerId, CreatedBy = access.User.UserId, CreatedAt = DateTime.UtcNow };
        var errors = new FieldErrors();
        await ApplyAsync(followUp, customer, input, isNew: true, errors, ct);
        if (errors.Any) return Outcome<FollowUpView>.Invalid(errors);
        db.FollowUps.Add(followUp);
        await KeepLastFollowUpAsync(customer, followUp.Id, followUp.At, ct);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(followUp, await UserNamesAsync(ct), ct);
    }

    public async Task<Outcome<FollowUpView>> UpdateAsync(long customerId, long followUpId, FollowUpInput input, CancellationToken ct)
    {
        if (await FindAsync(customerId, followUpId, ct) is not var (customer, followUp)) return Outcome<FollowUpView>.Missing(What);
        if (!MayChange(followUp)) return Outcome<FollowUpView>.Refused(NotYours);
        var errors = new FieldErrors();
        await ApplyAsync(followUp, customer, input, isNew: false, errors, ct);
        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return Outcome<FollowUpView>.Invalid(errors);
        }
        var entry = db.Entry(followUp);
        // A postponed or reassigned action is reminded again when it falls due.
        if (entry.Property(f => f.NextActionDue).IsModified && !Equals(entry.Property(f => f.NextActionDue).OriginalValue, followUp.NextActionDue)
            || entry.Property(f => f.NextActionOwnerId).IsModified && !Equals(entry.Property(f => f.NextActionOwnerId).OriginalValue, followUp.NextActionOwnerId))
            followUp.ReminderSentAt = null;
        await KeepLastFollowUpAsync(customer, followUp.Id, followUp.At, ct);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(followUp, await UserNamesAsync(ct), ct);
    }

    public async Task<Outcome<bool>> DeleteAsync(long customerId, long followUpId, CancellationToken ct)
    {
        if (await FindAsync(customerId, followUpId, ct) is not var (customer, followUp)) return Outcome<bool>.Missing(What);
        if (!MayChange(followUp)) return Outcome<bool>.Refused(NotYours);
        db.FollowUps.Remove(followUp);
        await KeepLastFollowUpAsync(customer, followUp.Id, null, ct);
        await db.SaveChangesAsync(ct);
        // The follow-up's own audit rows can no longer be found from the customer once its id is gone: say it on the customer.
        await audit.WriteAsync(new AuditRecord("delete-followup", nameof(Customer), customerId.ToString(),
            Summary: $"删除跟进记录 #{followUp.Id}（{ChinaTime.Format(followUp.At)}）：{followUp.Summary}"), ct);
        return true;
    }

    /// <summary>Marks the next action done: for its owner, the follow-up's author, or an editor of customers.</summary>
    public async Task<Outcome<FollowUpView>> CompleteNextActionAsync(long customerId, long followUpId, CancellationToken ct)
    {
        if (await FindAsync(customerId, followUpId, ct) is not var (_, followUp)) return Outcome<FollowUpView>.Missing(What);
        if (followUp.NextAction is null) return Outcome<FollowUpView>.Conflicting("这条跟进记录没有下一步行动");
        if (!MayChange(followUp) && followUp.NextActionOwnerId != access.User.UserId)
            return Outcome<FollowUpView>.Refused("只有行动负责人、记录人或有编辑客户权限的用户可以完成此行动");
        if (!followUp.NextActionDone)
        {
            followUp.NextActionDone = true;
            await db.SaveChangesAsync(ct);
        }
        return await ViewAsync(followUp, await UserNamesAsync(ct), ct);
    }

    /// <summary>Open next actions on customers in scope, soonest due first; <paramref name="mine"/> keeps the current user's.</summary>
    public async Task<IReadOnlyList<NextActionItem>> OpenNextActionsAsync(bool mine, int take, CancellationToken ct)
    {
        var customers = await access.VisibleAsync(deleted: false, ct);
        var query = from f in db.FollowUps.AsNoTracking()
                    join c in customers on f.CustomerId equals c.Id
                    where f.NextAction != null && !f.NextActionDone
                    select new { f, c.Code, c.Name };
        if (mine)
        {
            var me = access.User.UserId;
            query = query.Where(x => x.f.NextActionOwnerId == me);
        }
        var rows = await query.OrderBy(x => x.f.NextActionDue).ThenBy(x => x.f.Id).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        var names = await UserNamesAsync(ct);
        var now = DateTime.UtcNow;
        return rows.Select(x => new NextActionItem(x.f.Id, x.f.CustomerId, x.Code, x.Name, x.f.NextAction!, x.f.NextActionDue,
            x.f.NextActionOwnerId, Name(names, x.f.NextActionOwnerId), x.f.NextActionDue <= now)).ToList();
    }

    const string NotYours = "只有记录人或有编辑客户权限的用户可以修改或删除这条跟进记录";

    bool MayChange(FollowUp followUp) => followUp.CreatedBy == access.User.UserId || access.User.HasPermission(CustomerPermissions.Edit);

    async Task ApplyAsync(FollowUp followUp, Customer customer, FollowUpInput input, bool isNew, FieldErrors errors, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        var at = input.At is { } given ? ToUtcMinute(given) : ToUtcMinute(now);
        if (at > now + FutureTolerance) errors.Add("at", "跟进时间不能晚于当前时间");
        followUp.At = at;

        var previousMethod = isNew ? null : followUp.MethodCode;
        followUp.MethodCode = InputText.Blank(input.MethodCode);
        await labels.CheckAsync(errors, "methodCode", "跟进方式", DictionaryTypes.FollowUpMethod, followUp.MethodCode, previousMethod, ct);

        errors.Required("summary", "跟进内容", input.Summary).MaxLength("summary", "跟进内容", input.Summary, 2000)
            .MaxLength("ourParticipants", "我方参与人", input.OurParticipants, 200).MaxLength("theirParticipants", "客户方参与人", input.TheirParticipants, 200)
            .MaxLength("result", "跟进结果", input.Result, 500).MaxLength("nextAction", "下一步行动", input.NextAction, 500);
        followUp.Summary = input.Summary?.Trim() ?? "";
        followUp.OurParticipants = InputText.Blank(input.OurParticipants);
        followUp.TheirParticipants = InputText.Blank(input.TheirParticipants);
        followUp.Result = InputText.Blank(input.Result);

        var previousOwner = isNew ? null : followUp.NextActionOwnerId;
        followUp.NextAction = InputText.Blank(input.NextAction);
        if (followUp.NextAction is null)
        {
            if (input.NextActionDue is not null) errors.Add("nextAction", "填写了截止时间时必须填写下一步行动");
            followUp.NextActionDue = null;
            followUp.NextActionOwnerId = null;
            followUp.NextActionDone = false;
            return;
        }
        if (input.NextActionDue is not { } due) errors.Add("nextActionDue", "填写下一步行动时必须填写截止时间");
        else followUp.NextActionDue = ToUtcMinute(due);
        followUp.NextActionOwnerId = input.NextActionOwnerId ?? previousOwner ?? customer.OwnerId;
        if (followUp.NextActionOwnerId != previousOwner
            && await access.CheckOwnerAsync(await access.FindUserAsync(followUp.NextActionOwnerId.Value, ct), ct, "跟进行动") is { } ownerProblem)
            errors.Add("nextActionOwnerId", ownerProblem);
    }

    /// <summary>Keeps <see cref="Customer.LastFollowUpAt"/> at the newest follow-up: the newest of the others and
    /// <paramref name="at"/> (the saved one's time, or null when it is being deleted).</summary>
    async Task KeepLastFollowUpAsync(Customer customer, long followUpId, DateTime? at, CancellationToken ct)
    {
        var others = await db.FollowUps.Where(f => f.CustomerId == customer.Id && f.Id != followUpId).MaxAsync(f => (DateTime?)f.At, ct);
        customer.LastFollowUpAt = others is null || at > others ? at : others;
        customer.UpdatedAt = DateTime.UtcNow;
    }

    /// <summary>A time from the API as UTC, to the minute: an offset or "Z" says what it is; without one it is China time.</summary>
    internal static DateTime ToUtcMinute(DateTime value)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => ChinaTime.ToUtc(value),
        };
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
    }

    async Task<(Customer, FollowUp)?> FindAsync(long customerId, long followUpId, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is not { } customer) return null;
        return await db.FollowUps.FirstOrDefaultAsync(f => f.Id == followUpId && f.CustomerId == customerId, ct) is { } followUp ? (customer, followUp) : null;
    }

    async Task<Dictionary<Guid, string>> UserNamesAsync(CancellationToken ct) => (await users.ListAsync(ct)).ToDictionary(u => u.Id, u => u.DisplayName);

    static string? Name(Dictionary<Guid, string> names, Guid? id) => id is { } v ? names.GetValueOrDefault(v) : null;

    async Task<FollowUpView> ViewAsync(FollowUp f, Dictionary<Guid, string> names, CancellationToken ct) => new(
        f.Id, f.CustomerId, f.At, await labels.OfAsync(DictionaryTypes.FollowUpMethod, f.MethodCode, ct), f.OurParticipants, f.TheirParticipants,
        f.Summary, f.Result, f.NextAction, f.NextActionDue, f.NextActionOwnerId, Name(names, f.NextActionOwnerId), f.NextActionDone,
        f.CreatedBy, Name(names, f.CreatedBy), f.CreatedAt);
}

/// <summary>A follow-up as entered. Times with an offset (or Z) are taken as given; without one they are China time.</summary>
public sealed record FollowUpInput
{
    /// <summary>When it happened; null: now. Seconds are dropped.</summary>
    public DateTime? At { get; init; }
    public string? MethodCode { get; init; }
    public string? OurParticipants { get; init; }
    public string? TheirParticipants { get; init; }
    public string? Summary { get; init; }
    public string? Result { get; init; }
    public string? NextAction { get; init; }
    public DateTime? NextActionDue { get; init; }
    /// <summary>Null: unchanged, or the customer's owner for a new action.</summary>
    public Guid? NextActionOwnerId { get; init; }
}

/// <summary>A follow-up in the timeline; times in UTC.</summary>
public sealed record FollowUpView(
    long Id,
    long CustomerId,
    DateTime At,
    CodeName? Method,
    string? OurParticipants,
    string? TheirParticipants,
    string Summary,
    string? Result,
    string? NextAction,
    DateTime? NextActionDue,
    Guid? NextActionOwnerId,
    string? NextActionOwnerName,
    bool NextActionDone,
    Guid? CreatedBy,
    string? CreatedByName,
    DateTime CreatedAt);

/// <summary>An open next action in someone's to-do list.</summary>
public sealed record NextActionItem(
    long FollowUpId,
    long CustomerId,
    string CustomerCode,
    string CustomerName,
    string NextAction,
    DateTime? Due,
    Guid? OwnerId,
    string? OwnerName,
    bool Overdue);
