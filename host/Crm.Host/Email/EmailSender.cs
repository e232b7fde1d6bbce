using Crm.Host.Data;
using Crm.Host.Hosting;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Crm.Host.Email;

/// <summary>Delivers pending outbox messages to the SMTP server of <see cref="SmtpOptions"/>.
/// Each message is claimed with a conditional update of <see cref="OutboxMessage.LockedUntil"/> before it is sent, so that
/// several host instances on one database never send it twice; a failed attempt leaves it Pending with the error and the
/// time of the next attempt (exponential backoff) until <see cref="EmailOptions.MaxAttempts"/>, then it is Failed.</summary>
/// <remarks>Delivery is at least once: if the SMTP server took a message but recording that fails (or the process dies
/// in between), the claim expires and the message is sent again. Its Message-Id stays the same, so a receiving
/// system can drop the duplicate.</remarks>
internal sealed partial class EmailSender(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    IOptionsMonitor<SmtpOptions> smtpOptions,
    IOptionsMonitor<EmailOptions> emailOptions,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<EmailSender> logger) : BackgroundService
{
    const int MaxErrorLength = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await lifetime.WhenStartedAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database or configuration problem must not stop the host; the messages wait in the outbox.
                LogRoundFailed(logger, ex);
            }
            if (more) continue;
            try
            {
                await signal.WaitAsync(PollInterval(), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    TimeSpan PollInterval()
    {
        try
        {
            return TimeSpan.FromSeconds(emailOptions.CurrentValue.PollSeconds);
        }
        catch (OptionsValidationException)
        {
            return TimeSpan.FromSeconds(new EmailOptions().PollSeconds);
        }
    }

    /// <summary>Sends every due message of one batch; true when the batch was full and more may be due.</summary>
    async Task<bool> SendDueAsync(CancellationToken cancellationToken)
    {
        var options = emailOptions.CurrentValue;
        var smtp = smtpOptions.CurrentValue;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();

        var now = Now();
        var due = await db.Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(options.BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0) return false;

        SmtpClient? client = null;
        string? serverDown = null;
        try
        {
            foreach (var id in due)
            {
                if (!await TryClaimAsync(db, id, options, cancellationToken)) continue;
                var message = await db.Outbox.AsNoTracking().Include(m => m.Attachments).FirstAsync(m => m.Id == id, cancellationToken);

                if (serverDown is null && client is null)
                {
                    try
                    {
                        client = await ConnectAsync(smtp, cancellationToken);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        serverDown = $"无法连接邮件服务器 {smtp.Host}:{smtp.Port}：{ex.Message}";
                        LogServerDown(logger, smtp.Host, smtp.Port, ex.Message);
                    }
                    catch (OperationCanceledException)
                    {
                        await ReleaseAsync(db, id);
                        throw;
                    }
                }
                if (serverDown is not null || client is null)
                {
                    await RecordFailureAsync(db, message, serverDown ?? "邮件服务器不可用", permanent: false, options);
                    continue;
                }

                try
                {
                    await client.SendAsync(ToMime(message, smtp), cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await ReleaseAsync(db, id);
                    throw;
                }
                catch (Exception ex)
                {
                    LogSendFailed(logger, message.Id, ex.Message);
                    await RecordFailureAsync(db, message, $"发送失败：{ex.Message}", IsPermanent(ex), options);
                    if (!client.IsConnected)
                    {
                        client.Dispose();
                        client = null;
                    }
                    continue;
                }
                await RecordSentAsync(db, message);
            }
        }
        finally
        {
            if (client is not null)
            {
                try
                {
                    await client.DisconnectAsync(true, CancellationToken.None);
                }
                catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or SmtpCommandException or ServiceNotConnectedException or OperationCanceledException)
                {
                    // The messages are already recorded; a failed QUIT changes nothing.
                }
                client.Dispose();
            }
        }
        return due.Count == options.BatchSize && serverDown is null;
    }

    async Task<bool> TryClaimAsync(HostDbContext db, Guid id, EmailOptions options, CancellationToken cancellationToken)
    {
        var now = Now();
        var until = now.AddSeconds(options.ClaimSeconds);
        // Succeeds for exactly one sender: the row must still be due and unclaimed (or its claim expired).
        var claimed = await db.Outbox
            .Where(m => m.Id == id && m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, until), cancellationToken);
        return claimed == 1;
    }

    // The outcome of an attempt is recorded even while the host stops: losing it would send the message again.
    async Task RecordSentAsync(HostDbContext db, OutboxMessage message)
    {
        var sentAt = Now();
        await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAt, sentAt)
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.LastError, (string?)null)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
        LogSent(logger, message.Id, message.Attempts + 1);
    }

    async Task RecordFailureAsync(HostDbContext db, OutboxMessage message, string error, bool permanent, EmailOptions options)
    {
        var attempts = message.Attempts + 1;
        var failed = permanent || attempts >= options.MaxAttempts;
        var next = Now() + options.RetryDelay(attempts);
        if (error.Length > MaxErrorLength) error = error[..MaxErrorLength];
        await db.Outbox.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, failed ? OutboxStatus.Failed : OutboxStatus.Pending)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);
        if (failed)
            LogGaveUp(logger, message.Id, attempts);
        else
            LogWillRetry(logger, message.Id, attempts, next);
    }

    /// <summary>Gives a claimed message back when the host stops before its attempt ended.</summary>
    static Task ReleaseAsync(HostDbContext db, Guid id) =>
        db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, (DateTime?)null), CancellationToken.None);

    static async Task<SmtpClient> ConnectAsync(SmtpOptions smtp, CancellationToken cancellationToken)
    {
        var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.Auto => SecureSocketOptions.Auto,
                _ => SecureSocketOptions.None,
            }, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    internal static MimeMessage ToMime(OutboxMessage message, SmtpOptions smtp)
    {
        var from = MailboxAddress.Parse(smtp.From);
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = new DateTimeOffset(DateTime.SpecifyKind(message.CreatedAt, DateTimeKind.Utc)),
            // Stable across attempts, so a receiver can recognise a message delivered twice.
            MessageId = $"{message.Id:N}@{from.Domain}",
        };
        mime.From.Add(from);
        foreach (var address in EmailAddresses.Split(message.To))
            mime.To.Add(MailboxAddress.Parse(address));
        foreach (var address in EmailAddresses.Split(message.Cc))
            mime.Cc.Add(MailboxAddress.Parse(address));

        var body = new BodyBuilder { HtmlBody = message.HtmlBody, TextBody = message.TextBody };
        foreach (var attachment in message.Attachments)
            body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
        mime.Body = body.ToMessageBody();
        return mime;
    }

    /// <summary>A failure that retrying cannot fix: the server refused a recipient or the message for good, or an
    /// address in the row is not an address. The administrator can still retry it after fixing the cause.</summary>
    static bool IsPermanent(Exception ex) => ex switch
    {
        SmtpCommandException command => (int)command.StatusCode >= 500
            && command.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted,
        ParseException => true,
        _ => false,
    };

    DateTime Now() => clock.GetUtcNow().UtcDateTime;

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {MessageId} sent (attempt {Attempt})")]
    static partial void LogSent(ILogger logger, Guid messageId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "E-mail {MessageId} not sent: {Error}")]
    static partial void LogSendFailed(ILogger logger, Guid messageId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP server {Host}:{Port} unreachable, pending e-mail stays queued: {Error}")]
    static partial void LogServerDown(ILogger logger, string host, int port, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "E-mail {MessageId} failed attempt {Attempt}, next attempt at {NextAttemptAt:u}")]
    static partial void LogWillRetry(ILogger logger, Guid messageId, int attempt, DateTime nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail {MessageId} failed after {Attempts} attempts and waits for an administrator's retry")]
    static partial void LogGaveUp(ILogger logger, Guid messageId, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "E-mail sender round failed; pending e-mail stays queued")]
    static partial void LogRoundFailed(ILogger logger, Exception exception);
}
