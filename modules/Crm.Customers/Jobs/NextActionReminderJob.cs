using Crm.Abstractions;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Email;
using Crm.Abstractions.Scheduling;
using Crm.Abstractions.Templates;
using Crm.Customers.Data;
using Crm.Customers.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Jobs;

/// <summary>E-mails the owner of every next action that has fallen due and is not done, once per action. An owner
/// without an e-mail address is logged and the action still counts as reminded, so it is not retried every run.
/// The mail names the customer and the action only: no contact's phone or e-mail.</summary>
internal sealed partial class NextActionReminderJob(
    CustomersDbContext db,
    IUserDirectory users,
    ITemplateRenderer templates,
    IEmailOutbox outbox,
    IOptions<CustomerSettings> settings,
    ILogger<NextActionReminderJob> logger) : IScheduledJob
{
    public const string Key = "customers.next-action-reminders";
    public const string DisplayName = "跟进行动到期提醒";
    public const string Cron = "*/15 * * * *";
    public const string Template = "next-action-reminder";

    const int Batch = 200;

    public async Task RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        while (true)
        {
            var due = await (from f in db.FollowUps.AsNoTracking()
                             join c in db.Customers on f.CustomerId equals c.Id
                             where f.NextAction != null && f.NextActionDue <= now && !f.NextActionDone && f.ReminderSentAt == null
                                   && f.NextActionOwnerId != null && c.DeletedAt == null
                             orderby f.NextActionDue, f.Id
                             select new DueAction(f.Id, f.NextAction!, f.NextActionDue!.Value, f.NextActionOwnerId!.Value, c.Id, c.Code, c.Name))
                .Take(Batch).ToListAsync(cancellationToken);
            foreach (var action in due)
            {
                var owner = await users.FindAsync(action.OwnerId, cancellationToken);
                if (string.IsNullOrWhiteSpace(owner?.Email))
                    LogNoEmail(logger, action.FollowUpId, action.OwnerId);
                else
                    await outbox.EnqueueAsync(await MailAsync(action, owner, cancellationToken), cancellationToken);
                // Marked after queueing: a crash in between sends the reminder twice rather than never.
                await db.FollowUps.Where(f => f.Id == action.FollowUpId)
                    .ExecuteUpdateAsync(set => set.SetProperty(f => f.ReminderSentAt, DateTime.UtcNow), cancellationToken);
            }
            if (due.Count < Batch) return;
        }
    }

    async Task<EmailMessage> MailAsync(DueAction action, UserInfo owner, CancellationToken ct)
    {
        var model = ReminderModel.For(action, owner.DisplayName, settings.Value.SiteUrl);
        var html = await templates.RenderAsync(CustomerPermissions.ModuleId, Template, model, ct);
        return new EmailMessage([owner.Email!], $"【跟进提醒】{action.CustomerName}：{Shorten(action.Action, 40)}", html);
    }

    static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Next action of follow-up {FollowUpId} is due but its owner {OwnerId} has no e-mail address; not reminded")]
    static partial void LogNoEmail(ILogger logger, long followUpId, Guid ownerId);
}

internal sealed record DueAction(long FollowUpId, string Action, DateTime Due, Guid OwnerId, long CustomerId, string CustomerCode, string CustomerName);

/// <summary>The model of <c>next-action-reminder.sbn</c> (snake_case in the template): the due time in China time.</summary>
internal sealed record ReminderModel(string OwnerName, string CustomerName, string CustomerCode, string Action, string Due, string Link)
{
    public static ReminderModel For(DueAction action, string ownerName, string? siteUrl) => new(
        ownerName, action.CustomerName, action.CustomerCode, action.Action,
        ChinaTime.FromUtc(action.Due).ToString("yyyy-MM-dd HH:mm"),
        $"{siteUrl?.TrimEnd('/')}/customers/{action.CustomerId}");
}
