using System.Text.Json.Serialization;

namespace Crm.Host.Email;

/// <summary>State of a queued e-mail (待发送 / 已发送 / 失败); lower-case names in the API.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutboxStatus>))]
public enum OutboxStatus
{
    [JsonStringEnumMemberName("pending")] Pending = 0,
    [JsonStringEnumMemberName("sent")] Sent = 1,
    [JsonStringEnumMemberName("failed")] Failed = 2,
}

/// <summary>An e-mail in the outbox (host_outbox). Pending until the SMTP server accepts it; Failed after the last retry.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    /// <summary>Recipients separated by "; ".</summary>
    public string To { get; set; } = "";
    public string? Cc { get; set; }
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; } = DateTime.UtcNow;
    /// <summary>A sender that claimed the message holds it until then; a crashed sender's claim simply expires.</summary>
    public DateTime? LockedUntil { get; set; }
    public string? LastError { get; set; }
    public DateTime? SentAt { get; set; }
    public List<OutboxAttachment> Attachments { get; set; } = [];
}

/// <summary>A file attached to an outbox message.</summary>
public sealed class OutboxAttachment
{
    public long Id { get; set; }
    public Guid MessageId { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "application/octet-stream";
    public byte[] Content { get; set; } = [];
}
