using System.Net.Http.Json;
using System.Text.Json;
using Crm.Host.Identity;
using Crm.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Email;

/// <summary>A host of its own whose outbox delivers to a real SMTP sink, polling and retrying every second or two.</summary>
public abstract class EmailHost : IAsyncLifetime
{
    public CrmHostFactory Host { get; } = new();
    public SmtpSink Sink { get; private set; } = null!;

    /// <summary>Whether the SMTP server is up when the host starts.</summary>
    protected virtual bool SinkRunning => true;

    protected virtual void Configure(IDictionary<string, string?> settings) { }

    public async Task InitializeAsync()
    {
        Sink = SinkRunning ? await SmtpSink.StartAsync() : SmtpSink.Stopped();
        Sink.Configure(Host.Settings);
        Configure(Host.Settings);
        _ = Host.Services;
        await Host.EnsureAdminAsync();
    }

    public async Task DisposeAsync()
    {
        Host.Dispose();
        await Sink.DisposeAsync();
    }
}

public sealed class RunningSmtpHost : EmailHost;

public sealed class StoppedSmtpHost : EmailHost
{
    protected override bool SinkRunning => false;

    // Attempts fail every second or two while the server is down; the message must not give up meanwhile.
    protected override void Configure(IDictionary<string, string?> settings) => settings["Email:MaxAttempts"] = "1000";
}

public sealed class StoppedSmtpGiveUpAtOnceHost : EmailHost
{
    protected override bool SinkRunning => false;

    protected override void Configure(IDictionary<string, string?> settings) => settings["Email:MaxAttempts"] = "1";
}

/// <summary>What the outbox API shows about a message, and waiting for it to change.</summary>
public static class OutboxApi
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<JsonElement> SendTestAsync(HttpClient client, string to)
    {
        var response = await client.PostAsJsonAsync("/api/system/outbox/test", new { to });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Polls the outbox list until the message with <paramref name="id"/> satisfies <paramref name="condition"/>.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient client, string id, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        JsonElement? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var list = await client.GetFromJsonAsync<JsonElement>("/api/system/outbox?take=500");
            last = list.EnumerateArray().FirstOrDefault(m => m.GetProperty("id").GetString() == id);
            if (last is { ValueKind: JsonValueKind.Object } message && condition(message))
                return message;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Outbox message {id} never became {what}; last seen: {last}");
    }

    /// <summary>A signed-in user without any permission.</summary>
    public static async Task<HttpClient> ClerkClientAsync(CrmHostFactory host)
    {
        const string password = "Clerk-Passw0rd";
        var name = $"clerk{Guid.NewGuid():N}"[..16];
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CrmUser>>();
            var result = await users.CreateAsync(new CrmUser { UserName = name, DisplayName = "文员", Enabled = true }, password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        return await host.ClientForAsync(name, password);
    }
}
