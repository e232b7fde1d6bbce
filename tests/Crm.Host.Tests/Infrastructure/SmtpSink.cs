using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Crm.Host.Tests.Infrastructure;

/// <summary>A real SMTP server (python3-aiosmtpd) on a free loopback port, storing received mail in a maildir
/// that tests read. It can be stopped and started again on the same port to test delivery while it is down.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    readonly string root = RepoPaths.NewTempFolder("crm-smtp");
    Process? process;

    public int Port { get; } = FreePort();
    string Maildir => Path.Combine(root, "mail");

    public static SmtpSink Stopped() => new();

    /// <summary>Host settings that deliver mail to this sink, with retries fast enough for a test.</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        settings["Smtp:Host"] = "127.0.0.1";
        settings["Smtp:Port"] = Port.ToString();
        settings["Smtp:Security"] = "None";
        settings["Smtp:From"] = "CrmHost 测试 <crm@test.local>";
        settings["Email:PollSeconds"] = "1";
        settings["Email:RetryBaseSeconds"] = "1";
        settings["Email:RetryMaxSeconds"] = "2";
    }

    public static async Task<SmtpSink> StartAsync()
    {
        var sink = new SmtpSink();
        await sink.StartServerAsync();
        return sink;
    }

    public async Task StartServerAsync()
    {
        if (process is { HasExited: false }) return;
        // aiosmtpd's Mailbox handler creates the maildir itself and refuses an existing one on first start.
        var start = new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"aiosmtpd exited: {await process.StandardError.ReadToEndAsync()} (is python3-aiosmtpd installed? ./test.sh installs it)");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"aiosmtpd did not listen on port {Port}");
    }

    public async Task StopServerAsync()
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        process = null;
    }

    /// <summary>Messages received so far.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(Maildir, "new");
        if (!Directory.Exists(folder)) return [];
        return Directory.GetFiles(folder).Order().Select(f => MimeMessage.Load(f)).ToList();
    }

    /// <summary>Waits until a message matching <paramref name="match"/> arrives.</summary>
    public async Task<MimeMessage> WaitForAsync(Func<MimeMessage, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var found = Messages().FirstOrDefault(match);
            if (found is not null) return found;
            await Task.Delay(200);
        }
        throw new TimeoutException($"No matching message arrived; received: {string.Join(", ", Messages().Select(m => m.Subject))}");
    }

    public async ValueTask DisposeAsync()
    {
        await StopServerAsync();
        try { Directory.Delete(root, recursive: true); } catch (IOException) { }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
