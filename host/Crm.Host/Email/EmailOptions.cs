using MimeKit;
using Microsoft.Extensions.Options;

namespace Crm.Host.Email;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain connection, no TLS.</summary>
    None,
    /// <summary>Plain connection upgraded with STARTTLS (required).</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
    /// <summary>SslOnConnect on port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto,
}

/// <summary>Configuration section <c>Smtp</c>: the server the outbox delivers to.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;
    /// <summary>Account to authenticate with; empty for a server that accepts mail without login.</summary>
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>Sender mailbox, e.g. <c>CrmHost &lt;crm@example.com&gt;</c>.</summary>
    public string From { get; set; } = "CrmHost <crm@localhost>";
    /// <summary>Timeout of each SMTP operation.</summary>
    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>Configuration section <c>Email</c>: how the background sender polls and retries.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>How often the outbox is checked; a message enqueued in this process wakes the sender at once.</summary>
    public double PollSeconds { get; set; } = 5;
    /// <summary>Delay before the first retry; it doubles with every failed attempt up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 30;
    public double RetryMaxSeconds { get; set; } = 3600;
    /// <summary>Attempts after which a message is Failed and waits for an administrator's retry.</summary>
    public int MaxAttempts { get; set; } = 10;
    /// <summary>How long a sender holds a claimed message; a crashed sender's claim expires after this.</summary>
    public double ClaimSeconds { get; set; } = 300;
    /// <summary>Messages taken per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>Delay before the attempt after <paramref name="attempts"/> failed ones: base × 2^(attempts-1), capped.</summary>
    public TimeSpan RetryDelay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        return TimeSpan.FromSeconds(Math.Min(RetryMaxSeconds, RetryBaseSeconds * Math.Pow(2, exponent)));
    }
}

internal sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Host))
            errors.Add("配置 Smtp:Host 不能为空");
        if (options.Port is < 1 or > 65535)
            errors.Add($"配置 Smtp:Port 的值 {options.Port} 无效（1-65535）");
        if (!Enum.IsDefined(options.Security))
            errors.Add($"配置 Smtp:Security 的值 '{options.Security}' 无效（可用：None、StartTls、SslOnConnect、Auto）");
        if (!MailboxAddress.TryParse(options.From, out var from) || !from.Address.Contains('@'))
            errors.Add($"配置 Smtp:From 的值 '{options.From}' 不是有效的邮箱地址");
        if (!string.IsNullOrEmpty(options.User) && string.IsNullOrEmpty(options.Password))
            errors.Add("配置了 Smtp:User 时 Smtp:Password 不能为空");
        if (options.TimeoutSeconds < 1)
            errors.Add("配置 Smtp:TimeoutSeconds 必须大于 0");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var errors = new List<string>();
        if (options.PollSeconds <= 0) errors.Add("配置 Email:PollSeconds 必须大于 0");
        if (options.RetryBaseSeconds <= 0) errors.Add("配置 Email:RetryBaseSeconds 必须大于 0");
        if (options.RetryMaxSeconds < options.RetryBaseSeconds) errors.Add("配置 Email:RetryMaxSeconds 不能小于 Email:RetryBaseSeconds");
        if (options.MaxAttempts < 1) errors.Add("配置 Email:MaxAttempts 必须至少为 1");
        if (options.ClaimSeconds <= 0) errors.Add("配置 Email:ClaimSeconds 必须大于 0");
        if (options.BatchSize < 1) errors.Add("配置 Email:BatchSize 必须至少为 1");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
