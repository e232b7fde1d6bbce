using Crm.Abstractions.Scheduling;
using Crm.Host.Data;
using Crm.Host.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Host.Scheduling;

/// <summary>Runs registered jobs when their schedule is due. Every poll it claims each due occurrence in the database
/// (a host_schedule_runs row keyed by schedule and due time, inserted in the same transaction that moves the schedule
/// on), so that of several instances sharing the database exactly one runs it. A host that was down runs a missed
/// occurrence once, not the whole backlog: the next run is the first occurrence after the claim. A failing job is
/// logged and recorded, and simply runs again at its next occurrence; nothing a job does stops the host.</summary>
internal sealed partial class JobScheduler(
    IServiceScopeFactory scopes,
    IEnumerable<ScheduledJobDefinition> definitions,
    ScheduleTrigger trigger,
    IOptions<SchedulingOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<JobScheduler> logger) : BackgroundService
{
    const int MaxErrorLength = 4000;

    readonly Dictionary<string, ScheduledJobDefinition> jobs = definitions.DistinctBy(d => d.Key).ToDictionary(d => d.Key, StringComparer.Ordinal);
    // Touched only by the polling loop: a job still running here is not claimed again by this instance.
    readonly Dictionary<string, Task> running = new(StringComparer.Ordinal);

    /// <summary>Names this instance in the claims it makes (several hosts may share one machine, or one process in tests).</summary>
    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the host starts serving, so the schedules page and API see every registered job.
        await using (var scope = scopes.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ScheduleSynchronizer>().SyncAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await lifetime.WhenStartedAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var interval = TimeSpan.FromSeconds(options.Value.PollSeconds);
        LogStarted(logger, Instance, jobs.Count, interval.TotalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollAsync(stoppingToken);
                await trigger.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database may be briefly unavailable; try again at the next poll.
                LogPollFailed(logger, ex);
                try { await Task.Delay(interval, time, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
        // Jobs see the cancelled token; let them record how they ended.
        await Task.WhenAll(running.Values);
    }

    async Task PollAsync(CancellationToken cancellationToken)
    {
        foreach (var key in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
            running.Remove(key);
        if (jobs.Count == 0) return;

        var now = time.GetUtcNow().UtcDateTime;
        List<Schedule> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            var keys = jobs.Keys.ToList();
            // Schedules are few (one per job), so the due test is done here rather than as a date comparison in SQL.
            var candidates = await db.Schedules.AsNoTracking()
                .Where(s => !s.Paused && s.NextRunAt != null && keys.Contains(s.Key))
                .ToListAsync(cancellationToken);
            due = candidates.Where(s => AsUtc(s.NextRunAt!.Value) <= now && !running.ContainsKey(s.Key)).ToList();
        }

        foreach (var schedule in due)
        {
            var dueAt = schedule.NextRunAt!.Value;
            if (!await ClaimAsync(schedule, dueAt, now, cancellationToken)) continue;
            var job = jobs[schedule.Key];
            running[schedule.Key] = Task.Run(() => RunAsync(job, dueAt, now, cancellationToken), CancellationToken.None);
        }
    }

    /// <summary>Claims one occurrence: moves the schedule on (only if it still points at this occurrence and is not
    /// paused) and inserts the run row, in one transaction. Another instance that got there first has already moved it,
    /// or owns the row (unique key): either way this instance skips.</summary>
    internal async Task<bool> ClaimAsync(Schedule schedule, DateTime dueAt, DateTime now, CancellationToken cancellationToken)
    {
        var next = NextOccurrence(schedule, now);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var moved = await db.Schedules
            .Where(s => s.Key == schedule.Key && s.NextRunAt == dueAt && !s.Paused)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.NextRunAt, next), cancellationToken);
        if (moved == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }
        db.ScheduleRuns.Add(new ScheduleRun
        {
            ScheduleKey = schedule.Key,
            DueAt = dueAt,
            ClaimedBy = Instance,
            StartedAt = now,
            Status = ScheduleRunStatus.Running,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ProviderSql.IsUniqueViolation(ex))
        {
            await transaction.RollbackAsync(cancellationToken);
            LogAlreadyClaimed(logger, schedule.Key, dueAt);
            // The occurrence ran already, yet the schedule still points at it (e.g. clocks of two hosts disagree):
            // move it on anyway, or no instance would ever run this schedule again.
            await using var heal = scopes.CreateAsyncScope();
            await heal.ServiceProvider.GetRequiredService<HostDbContext>().Schedules
                .Where(s => s.Key == schedule.Key && s.NextRunAt == dueAt)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.NextRunAt, next), cancellationToken);
            return false;
        }
        return true;
    }

    DateTime? NextOccurrence(Schedule schedule, DateTime now)
    {
        var cron = CronSchedule.TryParse(schedule.Cron, schedule.TimeZone, out var error);
        if (cron is null) LogInvalidSchedule(logger, schedule.Key, error);
        return cron?.NextAfter(now);
    }

    async Task RunAsync(ScheduledJobDefinition job, DateTime dueAt, DateTime startedAt, CancellationToken stoppingToken)
    {
        string status;
        string? error = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var instance = (IScheduledJob)scope.ServiceProvider.GetRequiredService(job.JobType);
            await instance.RunAsync(new ScheduledRun(job.Key, new DateTimeOffset(AsUtc(dueAt))), stoppingToken);
            status = ScheduleRunStatus.Succeeded;
            LogJobSucceeded(logger, job.Key, AsUtc(dueAt));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            status = ScheduleRunStatus.Cancelled;
            error = "主机停止，任务被取消";
        }
        catch (Exception ex)
        {
            status = ScheduleRunStatus.Failed;
            error = Describe(ex);
            LogJobFailed(logger, ex, job.Key, AsUtc(dueAt));
        }

        try
        {
            await RecordAsync(job.Key, dueAt, startedAt, status, error);
        }
        catch (Exception ex)
        {
            LogRecordFailed(logger, ex, job.Key, dueAt);
        }
    }

    /// <summary>Writes how the run ended. Not cancellable: the host may be stopping, the outcome is still worth keeping.</summary>
    async Task RecordAsync(string key, DateTime dueAt, DateTime startedAt, string status, string? error)
    {
        var finishedAt = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        await db.ScheduleRuns
            .Where(r => r.ScheduleKey == key && r.DueAt == dueAt)
            .ExecuteUpdateAsync(set => set
                .SetProperty(r => r.FinishedAt, finishedAt)
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.Error, error));
        // A slow run finishing after a later one (on another instance) doesn't overwrite the newer outcome.
        await db.Schedules
            .Where(s => s.Key == key && (s.LastRunAt == null || s.LastRunAt <= startedAt))
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.LastRunAt, startedAt)
                .SetProperty(s => s.LastStatus, status)
                .SetProperty(s => s.LastError, error));

        var keep = options.Value.KeepRunsPerSchedule;
        var oldestKept = await db.ScheduleRuns.Where(r => r.ScheduleKey == key)
            .OrderByDescending(r => r.DueAt).Skip(keep - 1).Select(r => (DateTime?)r.DueAt).FirstOrDefaultAsync();
        if (oldestKept is { } cutoff)
            await db.ScheduleRuns.Where(r => r.ScheduleKey == key && r.DueAt < cutoff).ExecuteDeleteAsync();
    }

    static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];
    }

    /// <summary>SQLite gives back times without a kind; they are always stored as UTC.</summary>
    internal static DateTime AsUtc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduler {Instance} started with {Count} job(s), polling every {Seconds} s")]
    static partial void LogStarted(ILogger logger, string instance, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduler poll failed; retrying at the next poll")]
    static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Occurrence {DueAt:o} of {Key} was claimed by another instance")]
    static partial void LogAlreadyClaimed(ILogger logger, string key, DateTime dueAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule {Key} can no longer be computed and will not run again until fixed: {Error}")]
    static partial void LogInvalidSchedule(ILogger logger, string key, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled job {Key} due at {DueAt:o} succeeded")]
    static partial void LogJobSucceeded(ILogger logger, string key, DateTime dueAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled job {Key} due at {DueAt:o} failed; it runs again at its next occurrence")]
    static partial void LogJobFailed(ILogger logger, Exception exception, string key, DateTime dueAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the outcome of {Key} due at {DueAt:o}")]
    static partial void LogRecordFailed(ILogger logger, Exception exception, string key, DateTime dueAt);
}
