using System.Net;
using System.Net.Http.Json;
using Crm.Host.Data;
using Crm.Host.Scheduling;
using Crm.Host.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Crm.Host.Tests.Scheduling;

/// <summary>Several host instances on one database file, and a host restarted on an existing database.</summary>
public sealed class SchedulerInstancesTests
{
    [Fact]
    public async Task Two_hosts_on_one_database_run_each_occurrence_exactly_once()
    {
        const string key = "test.shared";
        var ledger = new JobLedger();
        using var a = new SchedulerHostFactory { Name = "host-a", Ledger = ledger }.WithJob<RecordingJob>(key, TestJobs.EverySecond);
        using var b = new SchedulerHostFactory { Name = "host-b", Ledger = ledger }.OnDatabase(a.DatabasePath).WithJob<RecordingJob>(key, TestJobs.EverySecond);
        var client = await a.AdminClientAsync();
        _ = b.Services; // starts the second host and its scheduler

        var target = ledger.Count(key) + 8;
        await Eventually.TrueAsync(() => ledger.Count(key) >= target, "eight occurrences run while both hosts poll", timeoutSeconds: 60);

        var executions = ledger.Of(key);
        var twice = executions.GroupBy(e => e.DueAt).Where(g => g.Count() > 1).Select(g => $"{g.Key:o} on {string.Join(", ", g.Select(e => e.Host))}").ToList();
        Assert.True(twice.Count == 0, "occurrences run more than once: " + string.Join("; ", twice));

        var runs = await client.GetFromJsonAsync<List<ScheduleRunView>>($"/api/system/schedules/{key}/runs?take=200");
        Assert.All(executions, e => Assert.Single(runs!, r => r.DueAt == e.DueAt));
    }

    [Fact]
    public async Task Concurrent_claims_of_one_occurrence_have_exactly_one_winner()
    {
        const string key = "test.claimed";
        using var a = new SchedulerHostFactory { Name = "host-a" }.WithJob<RecordingJob>(key, "0 0 1 1 *");
        using var b = new SchedulerHostFactory { Name = "host-b" }.OnDatabase(a.DatabasePath).WithJob<RecordingJob>(key, "0 0 1 1 *");
        var schedulers = new[] { Scheduler(a), Scheduler(b) };

        // An occurrence an hour ahead: the polling schedulers leave it alone, only the claims below compete for it.
        var dueAt = DateTime.UtcNow.AddHours(1);
        dueAt = new DateTime(dueAt.Year, dueAt.Month, dueAt.Day, dueAt.Hour, 0, 0, DateTimeKind.Utc);
        var schedule = await SetNextRunAsync(a, key, dueAt);

        var now = DateTime.UtcNow;
        var claims = Enumerable.Range(0, 6).Select(i => Task.Run(() => schedulers[i % 2].ClaimAsync(schedule, dueAt, now, CancellationToken.None)));
        var won = await Task.WhenAll(claims);

        Assert.Single(won, w => w);
        await using var scope = a.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        Assert.Equal(1, await db.ScheduleRuns.CountAsync(r => r.ScheduleKey == key && r.DueAt == dueAt));
        var stored = await db.Schedules.AsNoTracking().SingleAsync(s => s.Key == key);
        Assert.NotEqual(dueAt, stored.NextRunAt);
    }

    [Fact]
    public async Task Claim_of_an_occurrence_that_already_ran_moves_the_schedule_on()
    {
        const string key = "test.stuck";
        using var host = new SchedulerHostFactory().WithJob<RecordingJob>(key, "0 0 1 1 *");
        var dueAt = new DateTime(DateTime.UtcNow.Year + 1, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var schedule = await SetNextRunAsync(host, key, dueAt);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            db.ScheduleRuns.Add(new ScheduleRun { ScheduleKey = key, DueAt = dueAt, ClaimedBy = "elsewhere", StartedAt = DateTime.UtcNow, Status = ScheduleRunStatus.Succeeded });
            await db.SaveChangesAsync();
        }

        Assert.False(await Scheduler(host).ClaimAsync(schedule, dueAt, DateTime.UtcNow, CancellationToken.None));

        await using var check = host.Services.CreateAsyncScope();
        var stored = await check.ServiceProvider.GetRequiredService<HostDbContext>().Schedules.AsNoTracking().SingleAsync(s => s.Key == key);
        Assert.NotNull(stored.NextRunAt);
        Assert.NotEqual(dueAt, stored.NextRunAt);
    }

    [Fact]
    public async Task A_missed_occurrence_runs_once_and_the_backlog_is_not_replayed()
    {
        const string key = "test.missed";
        using var host = new SchedulerHostFactory().WithJob<RecordingJob>(key, "* * * * *");
        var client = await host.AdminClientAsync();
        var start = DateTimeOffset.UtcNow;
        // As if the host had been down for ten minutes: ten per-minute occurrences were missed.
        var missed = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc).AddMinutes(-10);
        await SetNextRunAsync(host, key, missed);

        await Eventually.TrueAsync(() => host.Ledger.Of(key).Any(e => e.DueAt == missed), "the missed occurrence runs");
        var schedule = await Eventually.GetAsync(async () => (await client.GetFromJsonAsync<ScheduleView>($"/api/system/schedules/{key}"))!,
            s => s.LastStatus == ScheduleRunStatus.Succeeded, "the run recorded");
        Assert.True(schedule.NextRunAt > start, $"next run {schedule.NextRunAt:o} is after the restart, not in the backlog");
        // Occurrences from before the restart would be due up to a minute before it; only the missed one ran.
        Assert.Single(host.Ledger.Of(key), e => e.DueAt <= missed.AddMinutes(9));
    }

    [Fact]
    public async Task Administrators_changes_survive_a_restart_and_jobs_no_longer_registered_are_orphaned()
    {
        const string nightly = "test.nightly";
        const string gone = "test.gone";
        var folder = RepoPaths.NewTempFolder("crm-sched-restart");
        var database = Path.Combine(folder, "crm.db");
        try
        {
            await using (var first = new SchedulerHostFactory().OnDatabase(database)
                             .WithJob<RecordingJob>(nightly, "0 2 * * *").WithJob<RecordingJob>(gone, "0 1 * * *"))
            {
                var client = await first.AdminClientAsync();
                var response = await client.PutAsJsonAsync($"/api/system/schedules/{nightly}", new { cron = "30 4 * * 1-5", timeZone = "UTC", paused = true });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await using (var second = new SchedulerHostFactory().OnDatabase(database).WithJob<RecordingJob>(nightly, "0 2 * * *"))
            {
                var client = await second.AdminClientAsync();
                var schedule = (await client.GetFromJsonAsync<ScheduleView>($"/api/system/schedules/{nightly}"))!;
                Assert.Equal("30 4 * * 1-5", schedule.Cron);
                Assert.Equal("UTC", schedule.TimeZone);
                Assert.True(schedule.Paused);
                Assert.Equal("0 2 * * *", schedule.DefaultCron);
                Assert.False(schedule.Orphaned);

                var orphan = (await client.GetFromJsonAsync<List<ScheduleView>>("/api/system/schedules"))!.Single(s => s.Key == gone);
                Assert.True(orphan.Orphaned);
                Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/system/schedules/{gone}/run", null)).StatusCode);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static JobScheduler Scheduler(SchedulerHostFactory host) =>
        host.Services.GetServices<IHostedService>().OfType<JobScheduler>().Single();

    static async Task<Schedule> SetNextRunAsync(SchedulerHostFactory host, string key, DateTime nextRunAt)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        await db.Schedules.Where(s => s.Key == key).ExecuteUpdateAsync(set => set.SetProperty(s => s.NextRunAt, nextRunAt));
        return await db.Schedules.AsNoTracking().SingleAsync(s => s.Key == key);
    }
}
