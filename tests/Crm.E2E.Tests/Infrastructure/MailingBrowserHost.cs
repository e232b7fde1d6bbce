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
        Sink.Configure(Host.Settings);
    }

    protected override async Task AfterHostStopsAsync()
    {
        if (Sink is not null) await Sink.DisposeAsync();
    }
}
