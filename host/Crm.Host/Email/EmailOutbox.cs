using Crm.Abstractions.Email;
using Crm.Host.Data;

namespace Crm.Host.Email;

/// <summary>Stores messages in host_outbox; <c>EmailSender</c> delivers them.</summary>
internal sealed class EmailOutbox(HostDbContext db) : IEmailOutbox
{
    public async Task<Guid> EnqueueAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        if (message.To.Count == 0 || message.To.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException("邮件至少需要一个有效的收件人", nameof(message));
        var row = new OutboxMessage
        {
            To = string.Join("; ", message.To.Select(a => a.Trim())),
            Cc = message.Cc.Count == 0 ? null : string.Join("; ", message.Cc.Select(a => a.Trim())),
            Subject = message.Subject,
            HtmlBody = message.HtmlBody,
            TextBody = message.TextBody ?? HtmlText.ToPlainText(message.HtmlBody),
            Attachments = message.Attachments.Select(a => new OutboxAttachment { FileName = a.FileName, ContentType = a.ContentType, Content = a.Content }).ToList(),
        };
        db.Outbox.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }
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

internal static class EmailServices
{
    public static IServiceCollection AddCrmEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        return services;
    }
}
