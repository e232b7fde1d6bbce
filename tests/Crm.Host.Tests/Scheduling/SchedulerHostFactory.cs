using System.Collections.Concurrent;
using Crm.Abstractions.Scheduling;
using Crm.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Scheduling;

/// <summary>The real host with test jobs registered the way a module registers them, polling every second.
/// Hosts given the same <see cref="JobLedger"/> record into it, so runs can be counted across hosts.</summary>
public class SchedulerHostFactory : CrmHostFactory
{
    public SchedulerHostFactory() => Settings["Scheduling:PollSeconds"] = "1";

    public string Name { get; init; } = "host-a";

    public JobLedger Ledger { get; init; } = new();

    public List<ScheduledJobDefinition> Jobs { get; } = [];

    public SchedulerHostFactory WithJob<TJob>(string key, string cron, string? timeZone = null) where TJob : IScheduledJob
    {
        Jobs.Add(new ScheduledJobDefinition(key, $"测试任务 {key}", cron, timeZone ?? ScheduledJobDefinition.DefaultTimeZone, typeof(TJob), TestJobs.ModuleId));
        return this;
    }

    /// <summary>Runs on another host's database file, as a second instance behind a load balancer would.</summary>
    public SchedulerHostFactory OnDatabase(string path)
    {
        Settings["Database:Path"] = path;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Ledger);
            services.AddSingleton(new TestHostName(Name));
            services.AddScoped<RecordingJob>();
            services.AddScoped<FailingJob>();
            foreach (var job in Jobs)
                services.AddSingleton(job);
        });
    }
}

public static class TestJobs
{
    public const string ModuleId = "tests";
    public const string EverySecond = "*/1 * * * * *";
    public const string FailureMessage = "测试任务故意失败";
}

public sealed record TestHostName(string Value);

/// <summary>Every execution of a test job: which schedule, which occurrence, on which host.</summary>
public sealed class JobLedger
{
    readonly ConcurrentQueue<Execution> executions = new();

    public void Add(ScheduledRun run, TestHostName host) => executions.Enqueue(new Execution(run.Key, run.DueAt, host.Value));

    public IReadOnlyList<Execution> Of(string key) => executions.Where(e => e.Key == key).ToList();

    public int Count(string key) => Of(key).Count;

    public sealed record Execution(string Key, DateTimeOffset DueAt, string Host);
}

public sealed class RecordingJob(JobLedger ledger, TestHostName host) : IScheduledJob
{
    public Task RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        ledger.Add(run, host);
        return Task.CompletedTask;
    }
}

public sealed class FailingJob(JobLedger ledger, TestHostName host) : IScheduledJob
{
    public Task RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        ledger.Add(run, host);
        throw new InvalidOperationException(TestJobs.FailureMessage);
    }
}

/// <summary>Waits for a condition without fixed sleeps: checks it often, fails after a generous timeout (slow CI).</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> until, string what, int timeoutSeconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var value = await read();
            if (until(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {timeoutSeconds} s for: {what}; last value: {value}");
            await Task.Delay(200);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, int timeoutSeconds = 30) =>
        GetAsync(() => Task.FromResult(condition()), ok => ok, what, timeoutSeconds);
}
