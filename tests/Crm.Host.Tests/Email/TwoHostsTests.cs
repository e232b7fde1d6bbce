using Crm.Abstractions.Email;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Email;

/// <summary>Two host instances on one database and one SMTP server, as behind a load balancer.</summary>
public sealed class TwoHostsOnOneDatabase : IAsyncLifetime
{
    public RunningSmtpHost First { get; } = new();
    public CrmHostFactory Second { get; } = new();

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        foreach (var (key, value) in First.Host.Settings)
            Second.Settings[key] = value;
        Second.Settings["Database:Path"] = First.Host.DatabasePath;
        _ = Second.Services;
    }

    public async Task DisposeAsync()
    {
        Second.Dispose();
        await First.DisposeAsync();
    }
}

public sealed class TwoHostsTests(TwoHostsOnOneDatabase hosts) : IClassFixture<TwoHostsOnOneDatabase>
{
    [Fact]
    public async Task Two_host_instances_deliver_each_queued_email_exactly_once()
    {
        var batch = Guid.NewGuid().ToString("N");
        var addresses = Enumerable.Range(1, 30).Select(i => $"customer{i}-{batch}@example.com").ToList();
        // Half is queued on each instance, so both wake up and compete for the same rows.
        var queued = addresses.Select((to, i) => EnqueueAsync(i % 2 == 0 ? hosts.First.Host : hosts.Second, to, $"周报 {i}")).ToList();
        await Task.WhenAll(queued);

        var sink = hosts.First.Sink;
        await sink.WaitForAsync(_ => addresses.All(a => sink.Messages().Any(m => m.To.Mailboxes.Any(x => x.Address == a))), OutboxApi.Timeout);
        // Once a row is recorded as sent no sender can claim it again, so a duplicate would have been delivered by now.
        var client = await hosts.First.Host.AdminClientAsync();
        foreach (var id in queued.Select(q => q.Result.ToString()))
            await OutboxApi.WaitForAsync(client, id, m => m.GetProperty("status").GetString() == "sent", "sent");

        var received = sink.Messages().Where(m => m.To.Mailboxes.Any(x => x.Address.EndsWith($"-{batch}@example.com", StringComparison.Ordinal))).ToList();
        Assert.Equal(addresses.Count, received.Count);
        Assert.Equal(addresses.Count, received.Select(m => m.MessageId).Distinct().Count());
    }

    static async Task<Guid> EnqueueAsync(CrmHostFactory host, string to, string subject)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IEmailOutbox>().EnqueueAsync(new EmailMessage([to], subject, $"<p>{subject}</p>"));
    }
}
