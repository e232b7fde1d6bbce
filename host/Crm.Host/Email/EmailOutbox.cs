using Crm.Abstractions.Email;
using Crm.Host.Data;

namespace Crm.Host.Email;

/// <summary>Stores messages in host_outbox; <c>EmailSender</c> delivers them.</summary>
internal sealed class EmailOutbox(HostDbContext db, OutboxSignal signal) : IEmailOutbox
{
    public async Task<Guid> EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (message.To.Count == 0)
            throw new ArgumentException("邮件至少需要一个有效的收件人", nameof(message));
        // An address the sender could never parse is refused here, where the caller can still fix it.
        if (message.To.Concat(message.Cc).FirstOrDefault(a => !EmailAddresses.IsValid(a)) is { } invalid)
            throw new ArgumentException($"邮箱地址“{invalid}”无效", nameof(message));
        var row = new OutboxMessage
        {
            To = string.Join(EmailAddresses.Separator, message.To.Select(a => a.Trim())),
            Cc = message.Cc.Count == 0 ? null : string.Join(EmailAddresses.Separator, message.Cc.Select(a => a.Trim())),
            Subject = message.Subject,
            HtmlBody = message.HtmlBody,
            TextBody = message.TextBody ?? HtmlText.ToPlainText(message.HtmlBody),
            Attachments = message.Attachments.Select(a => new OutboxAttachment { FileName = a.FileName, ContentType = a.ContentType, Content = a.Content }).ToList(),
        };
        db.Outbox.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return row.Id;
    }
}

/// <summary>The one rule for what counts as an e-mail address here, and how the outbox stores a list of them.</summary>
internal static class EmailAddresses
{
    public const string Separator = "; ";

    /// <summary>A single mailbox with a local part and a domain, e.g. <c>zhang@example.com</c> or <c>张三 &lt;zhang@example.com&gt;</c>.</summary>
    public static bool IsValid(string? address) =>
        !string.IsNullOrWhiteSpace(address)
        && MimeKit.MailboxAddress.TryParse(address.Trim(), out var mailbox)
        && mailbox.Address.IndexOf('@') is > 0 and var at
        && at < mailbox.Address.Length - 1
        && !mailbox.Address.Contains(' ');

    public static IEnumerable<string> Split(string? list) =>
        (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A plain-text part from an HTML body: tags dropped, block ends as line breaks, entities decoded.</summary>
internal static partial class HtmlText
{
    public static string ToPlainText(string html)
    {
        var text = BlockEnd().Replace(html, "\n");
        text = Tag().Replace(text, "");
        text = System.Net.WebUtility.HtmlDecode(text);
        return BlankLines().Replace(text, "\n\n").Trim();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<\s*(br|/p|/div|/h[1-6]|/li|/tr)\s*/?>", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex BlockEnd();

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]+>")]
    private static partial System.Text.RegularExpressions.Regex Tag();

    [System.Text.RegularExpressions.GeneratedRegex(@"\n\s*\n+")]
    private static partial System.Text.RegularExpressions.Regex BlankLines();
}
