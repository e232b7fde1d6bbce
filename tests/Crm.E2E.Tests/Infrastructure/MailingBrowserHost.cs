using Crm.Host.Tests.Infrastructure;

namespace Crm.E2E.Tests.Infrastructure;

/// <summary>A <see cref="BrowserHost"/> whose outbox delivers to a real SMTP server (<see cref="SmtpSink"/>),
/// polling every second so that a test email arrives while the test waits.</summary>
public sealed class MailingBrowserHost : BrowserHost
{
    public SmtpSink Sink { get; private set; } = null!;

    protected override async Task BeforeHostStartsAsync()
    {
        Sink = await SmtpSink.StartAsync();
        Host.Settings["Smtp:Host"] = "127.0.0.1";
        Host.Settings["Smtp:Port"] = Sink.Port.ToString();
        Host.Settings["Smtp:Security"] = "None";
        Host.Settings["Smtp:From"] = "CrmHost 测试 <crm@test.local>";
        Host.Settings["Email:PollSeconds"] = "1";
        Host.Settings["Email:RetryBaseSeconds"] = "1";
        Host.Settings["Email:RetryMaxSeconds"] = "2";
    }

    protected override async Task AfterHostStopsAsync()
    {
        if (Sink is not null) await Sink.DisposeAsync();
    }
}
