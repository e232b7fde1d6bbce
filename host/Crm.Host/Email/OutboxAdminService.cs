using Crm.Abstractions.Results;
using Crm.Abstractions;
using System.Linq.Expressions;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Email;
using Crm.Abstractions.Scheduling;
using Crm.Abstractions.Security;
using Crm.Abstractions.Templates;
using Crm.Host.Data;
using Crm.Host.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Host.Email;

/// <summary>A message as the outbox page and the API show it; times are UTC.</summary>
public sealed record OutboxMessageView(
    Guid Id,
    OutboxStatus Status,
    string To,
    string? Cc,
    string Subject,
    int Attempts,
    int AttachmentCount,
    DateTime NextAttemptAt,
    string? LastError,
    DateTime CreatedAt,
    DateTime? SentAt);

/// <summary>The SMTP settings in use, without the password.</summary>
public sealed record SmtpSettingsView(string Host, int Port, SmtpSecurity Security, string From, string? User);

public sealed record TestEmailRequest(string? To);

/// <summary>Administration of the outbox (邮件发件箱): the list, retrying a message and sending a test e-mail.
/// The page and the API both go through here.</summary>
internal sealed class OutboxAdminService(
    HostDbContext db,
    IEmailOutbox outbox,
    ITemplateRenderer templates,
    IAuditLog audit,
    ICurrentUser user,
    OutboxSignal signal,
    IOptionsMonitor<SmtpOptions> smtp,
    TimeProvider clock)
{
    public const int DefaultTake = 100;
    public const int MaxTake = 500;
    public const string TestSubject = "CrmHost 测试邮件";

    /// <summary>Newest first, optionally of one status.</summary>
    public async Task<Outcome<IReadOnlyList<OutboxMessageView>>> ListAsync(string? status, int? take, CancellationToken ct)
    {
        var errors = new FieldErrors();
        OutboxStatus? filter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _))
                filter = parsed;
            else
                errors.Add("status", "状态无效（可用：pending、sent、failed）");
        }
        if (take is < 1 or > MaxTake)
            errors.Add("take", $"条数必须在 1 到 {MaxTake} 之间");
        if (errors.Any) return Outcome<IReadOnlyList<OutboxMessageView>>.Invalid(errors.ToDictionary());
        return new Outcome<IReadOnlyList<OutboxMessageView>> { Value = await ListAsync(filter, take ?? DefaultTake, ct) };
    }

    public async Task<IReadOnlyList<OutboxMessageView>> ListAsync(OutboxStatus? status, int take, CancellationToken ct)
    {
        var query = db.Outbox.AsNoTracking();
        if (status is { } s) query = query.Where(m => m.Status == s);
        var rows = await query
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Take(take)
            .Select(ToView)
            .ToListAsync(ct);
        return rows.Select(AsUtc).ToList();
    }

    /// <summary>Puts a pending or failed message back in the queue for an attempt now, with its attempts counted from zero.</summary>
    public async Task<Outcome<OutboxMessageView>> RetryAsync(Guid id, CancellationToken ct)
    {
        var message = await db.Outbox.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Status, m.Subject }).FirstOrDefaultAsync(ct);
        if (message is null) return Outcome<OutboxMessageView>.Missing("邮件");
        if (message.Status == OutboxStatus.Sent) return Outcome<OutboxMessageView>.Conflicting("邮件已发送，不能重试");

        var now = clock.GetUtcNow().UtcDateTime;
        // A claim held by a sender that is delivering it right now is left alone, so the message is not sent twice.
        var updated = await db.Outbox.Where(m => m.Id == id && m.Status != OutboxStatus.Sent).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Pending)
            .SetProperty(m => m.Attempts, 0)
            .SetProperty(m => m.NextAttemptAt, now), ct);
        if (updated == 0) return Outcome<OutboxMessageView>.Conflicting("邮件已发送，不能重试");
        signal.Wake();
        await audit.WriteAsync(new AuditRecord("retry", nameof(OutboxMessage), id.ToString(), Summary: $"重试发送邮件“{message.Subject}”"), ct);
        return await ViewAsync(id, ct);
    }

    /// <summary>Renders the host's test-email template for the current user and queues it to <paramref name="to"/>.</summary>
    public async Task<Outcome<OutboxMessageView>> SendTestAsync(string? to, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(to)) return Outcome<OutboxMessageView>.Invalid("to", "收件人邮箱不能为空");
        to = to.Trim();
        if (!EmailAddresses.IsValid(to)) return Outcome<OutboxMessageView>.Invalid("to", "收件人邮箱格式不正确");

        string html;
        try
        {
            html = await templates.RenderAsync(HostDbContext.ModuleId, HostTemplates.TestEmail, new
            {
                SentBy = user.DisplayName ?? user.UserName ?? "system",
                SentAt = ChinaTime.Format(clock.GetUtcNow().UtcDateTime),
            }, ct);
        }
        catch (TemplateException ex)
        {
            // A broken site override is shown to the administrator, not replaced by the default.
            return Outcome<OutboxMessageView>.Conflicting($"测试邮件模板有错误：{ex.Message}");
        }
        var id = await outbox.EnqueueAsync(new EmailMessage([to], TestSubject, html), ct);
        await audit.WriteAsync(new AuditRecord("send-test-email", nameof(OutboxMessage), id.ToString(), Summary: $"发送测试邮件至 {to}"), ct);
        return await ViewAsync(id, ct);
    }

    public SmtpSettingsView SmtpSettings()
    {
        var options = smtp.CurrentValue;
        return new SmtpSettingsView(options.Host, options.Port, options.Security, options.From, string.IsNullOrEmpty(options.User) ? null : options.User);
    }


    async Task<OutboxMessageView> ViewAsync(Guid id, CancellationToken ct)
    {
        var view = await db.Outbox.AsNoTracking().Where(m => m.Id == id).Select(ToView).FirstAsync(ct);
        return AsUtc(view);
    }

    static readonly Expression<Func<OutboxMessage, OutboxMessageView>> ToView = m => new OutboxMessageView(
        m.Id, m.Status, m.To, m.Cc, m.Subject, m.Attempts, m.Attachments.Count, m.NextAttemptAt, m.LastError, m.CreatedAt, m.SentAt);

    // SQLite hands times back without a kind; they are stored as UTC.
    static OutboxMessageView AsUtc(OutboxMessageView view) => view with
    {
        NextAttemptAt = Utc(view.NextAttemptAt),
        CreatedAt = Utc(view.CreatedAt),
        SentAt = view.SentAt is { } sent ? Utc(sent) : null,
    };

    static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
