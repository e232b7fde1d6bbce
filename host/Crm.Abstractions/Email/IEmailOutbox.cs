namespace Crm.Abstractions.Email;

/// <summary>Queues e-mail in the outbox table; a background sender delivers it and retries until the SMTP server takes it.
/// A message enqueued is never lost, whether or not the SMTP server is up.</summary>
public interface IEmailOutbox
{
    Task<Guid> EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>An e-mail to send: HTML body, and a plain-text part (derived from the HTML when not given).</summary>
public sealed record EmailMessage(IReadOnlyList<string> To, string Subject, string HtmlBody, string? TextBody = null)
{
    public IReadOnlyList<string> Cc { get; init; } = [];
    public IReadOnlyList<EmailAttachment> Attachments { get; init; } = [];
}

/// <summary>A file attached to an e-mail (e.g. a report as CSV or XLSX).</summary>
public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
