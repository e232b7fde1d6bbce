using Crm.Abstractions.Scheduling;
using Crm.Host.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Host.Scheduling;

/// <summary>Brings host_schedules in line with the jobs registered at startup. New keys get the module's default cron and
/// time zone; an existing row keeps what an administrator set (cron, time zone, paused). Rows whose job is no longer
/// registered stay, shown as orphaned and never run, so that a module that comes back finds its settings.</summary>
internal sealed partial class ScheduleSynchronizer(
    HostDbContext db,
    IEnumerable<ScheduledJobDefinition> definitions,
    TimeProvider time,
    ILogger<ScheduleSynchronizer> logger)
{
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var jobs = definitions.ToList();
        var duplicates = jobs.GroupBy(d => d.Key, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InvalidOperationException($"定时任务的键重复注册: {string.Join(", ", duplicates)}");

        try
        {
            await ApplyAsync(jobs, cancellationToken);
        }
        catch (DbUpdateException ex) when (ProviderSql.IsUniqueViolation(ex))
        {
            // Another instance starting at the same moment inserted some of the keys; its rows are as good as ours.
            db.ChangeTracker.Clear();
            await ApplyAsync(jobs, cancellationToken);
        }
    }

    async Task ApplyAsync(IReadOnlyList<ScheduledJobDefinition> jobs, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.Schedules.ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
        foreach (var job in jobs)
        {
            if (existing.TryGetValue(job.Key, out var schedule))
            {
                // Name and owner come from the code; timing belongs to the administrator.
                schedule.DisplayName = job.DisplayName;
                schedule.ModuleId = job.ModuleId;
                if (!schedule.Paused && schedule.NextRunAt is null)
                    (schedule.NextRunAt, schedule.LastError) = FirstRun(schedule, now, schedule.LastError);
                continue;
            }
            schedule = new Schedule
            {
                Key = job.Key,
                ModuleId = job.ModuleId,
                DisplayName = job.DisplayName,
                Cron = job.Cron,
                TimeZone = string.IsNullOrWhiteSpace(job.TimeZone) ? ScheduledJobDefinition.DefaultTimeZone : job.TimeZone,
                UpdatedAt = now,
            };
            (schedule.NextRunAt, schedule.LastError) = FirstRun(schedule, now, null);
            db.Schedules.Add(schedule);
            LogAdded(logger, job.Key, job.ModuleId, schedule.Cron, schedule.TimeZone);
        }
        foreach (var orphan in existing.Values.Where(s => jobs.All(j => j.Key != s.Key)))
            LogOrphaned(logger, orphan.Key, orphan.ModuleId);
        await db.SaveChangesAsync(cancellationToken);
    }

    (DateTime? Next, string? Error) FirstRun(Schedule schedule, DateTime now, string? lastError)
    {
        var cron = CronSchedule.TryParse(schedule.Cron, schedule.TimeZone, out var error);
        if (cron is not null) return (cron.NextAfter(now), lastError);
        // A module shipping a bad default must not stop the host: the administrator sees why and can fix it on the page.
        LogInvalid(logger, schedule.Key, schedule.Cron, schedule.TimeZone, error);
        return (null, error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schedule {Key} of module {ModuleId} added: '{Cron}' in {TimeZone}")]
    static partial void LogAdded(ILogger logger, string key, string moduleId, string cron, string timeZone);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Schedule {Key} of module {ModuleId} has no registered job (module removed or disabled); it will not run")]
    static partial void LogOrphaned(ILogger logger, string key, string moduleId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Schedule {Key} has an invalid cron '{Cron}' or time zone '{TimeZone}' and will not run until fixed: {Error}")]
    static partial void LogInvalid(ILogger logger, string key, string cron, string timeZone, string? error);
}
