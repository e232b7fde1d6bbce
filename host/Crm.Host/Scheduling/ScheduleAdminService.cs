using Crm.Abstractions.Results;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Scheduling;
using Crm.Host.Data;
using Crm.Host.Modules;
using Microsoft.EntityFrameworkCore;

namespace Crm.Host.Scheduling;

/// <summary>A schedule as administrators see it. Times are UTC; <see cref="Orphaned"/> means no loaded module
/// registers the job any more, so it does not run. <see cref="Version"/> guards against overwriting someone else's edit.</summary>
public sealed record ScheduleView(
    string Key, string ModuleId, string ModuleName, string DisplayName, string Cron, string TimeZone, bool Paused, bool Orphaned,
    DateTimeOffset? NextRunAt, DateTimeOffset? LastRunAt, string? LastStatus, string? LastError, string? DefaultCron, long Version);

/// <summary>One claimed occurrence and how it ended.</summary>
public sealed record ScheduleRunView(DateTimeOffset DueAt, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Status, string? Error, string ClaimedBy);

/// <summary>A change to a schedule. A null value leaves that setting as it is; <see cref="Version"/>, when given,
/// must match the schedule's current version (else 409).</summary>
public sealed record ScheduleInput(string? Cron = null, string? TimeZone = null, bool? Paused = null, long? Version = null);

/// <summary>Schedules (定时任务) for the admin page and the API: list, change cron / time zone, pause, resume, run now.
/// Every change is written to the audit log.</summary>
internal sealed class ScheduleAdminService(
    HostDbContext db,
    IEnumerable<ScheduledJobDefinition> definitions,
    ModuleCatalog catalog,
    ScheduleTrigger trigger,
    TimeProvider time,
    IAuditLog audit)
{
    const string EntityType = "Schedule";
    const string What = "定时任务";

    readonly Dictionary<string, ScheduledJobDefinition> jobs = definitions.DistinctBy(d => d.Key).ToDictionary(d => d.Key, StringComparer.Ordinal);

    public async Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken ct)
    {
        var all = await db.Schedules.AsNoTracking().ToListAsync(ct);
        return all.OrderBy(s => s.ModuleId, StringComparer.Ordinal).ThenBy(s => s.DisplayName, StringComparer.Ordinal).Select(View).ToList();
    }

    public async Task<Outcome<ScheduleView>> GetAsync(string key, CancellationToken ct) =>
        await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct) is { } schedule
            ? View(schedule)
            : Outcome<ScheduleView>.Missing(What);

    /// <summary>The most recent runs of a schedule, newest first.</summary>
    public async Task<Outcome<IReadOnlyList<ScheduleRunView>>> RecentRunsAsync(string key, int take, CancellationToken ct)
    {
        if (!await db.Schedules.AnyAsync(s => s.Key == key, ct)) return Outcome<IReadOnlyList<ScheduleRunView>>.Missing(What);
        var runs = await db.ScheduleRuns.AsNoTracking().Where(r => r.ScheduleKey == key)
            .OrderByDescending(r => r.DueAt).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        return runs.Select(r => new ScheduleRunView(Utc(r.DueAt), Utc(r.StartedAt), Utc(r.FinishedAt), r.Status, r.Error, r.ClaimedBy)).ToList();
    }

    public async Task<Outcome<ScheduleView>> UpdateAsync(string key, ScheduleInput input, CancellationToken ct)
    {
        var schedule = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (schedule is null) return Outcome<ScheduleView>.Missing(What);
        if (input.Version is { } version && version != schedule.UpdatedAt.Ticks)
            return Stale(schedule);

        var errors = new FieldErrors();
        var cron = CronSchedule.Parse(input.Cron ?? schedule.Cron, input.TimeZone ?? schedule.TimeZone, errors);
        if (cron is null) return Outcome<ScheduleView>.Invalid(errors.ToDictionary());
        var paused = input.Paused ?? schedule.Paused;
        var zone = input.TimeZone?.Trim() ?? schedule.TimeZone;

        var changes = new List<AuditFieldChange>();
        if (cron.Cron != schedule.Cron) changes.Add(new("cron", schedule.Cron, cron.Cron));
        if (zone != schedule.TimeZone) changes.Add(new("timeZone", schedule.TimeZone, zone));
        if (paused != schedule.Paused) changes.Add(new("paused", YesNo(schedule.Paused), YesNo(paused)));
        if (changes.Count == 0) return View(schedule);

        var now = time.GetUtcNow().UtcDateTime;
        // Paused: no next run. Resumed or re-timed: the first occurrence from now on, so nothing is made up for.
        // A pending "run now" survives a change that leaves the timing alone.
        var timingChanged = cron.Cron != schedule.Cron || zone != schedule.TimeZone || paused != schedule.Paused;
        DateTime? next = paused ? null : timingChanged || schedule.NextRunAt is null ? cron.NextAfter(now) : schedule.NextRunAt;
        var updatedAt = now.Ticks > schedule.UpdatedAt.Ticks ? now : schedule.UpdatedAt.AddTicks(1);

        var rows = await db.Schedules
            .Where(s => s.Key == key && s.UpdatedAt == schedule.UpdatedAt)
            .ExecuteUpdateAsync(set => set
                .SetProperty(s => s.Cron, cron.Cron)
                .SetProperty(s => s.TimeZone, zone)
                .SetProperty(s => s.Paused, paused)
                .SetProperty(s => s.NextRunAt, next)
                .SetProperty(s => s.UpdatedAt, updatedAt), ct);
        if (rows == 0) return Stale(schedule);

        await audit.WriteAsync(new AuditRecord("update", EntityType, key, changes, Summary: $"修改定时任务“{schedule.DisplayName}”"), ct);
        trigger.Pulse();
        return await GetAsync(key, ct);
    }

    public Task<Outcome<ScheduleView>> PauseAsync(string key, CancellationToken ct) => UpdateAsync(key, new ScheduleInput(Paused: true), ct);

    public Task<Outcome<ScheduleView>> ResumeAsync(string key, CancellationToken ct) => UpdateAsync(key, new ScheduleInput(Paused: false), ct);

    /// <summary>立即运行: makes the schedule due now; the scheduler of whichever instance polls first claims and runs it.</summary>
    public async Task<Outcome<ScheduleView>> RunNowAsync(string key, CancellationToken ct)
    {
        var schedule = await db.Schedules.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (schedule is null) return Outcome<ScheduleView>.Missing(What);
        if (!jobs.ContainsKey(key))
            return Outcome<ScheduleView>.Conflicting($"定时任务“{schedule.DisplayName}”所属的模块未加载，不能运行");
        if (schedule.Paused)
            return Outcome<ScheduleView>.Conflicting($"定时任务“{schedule.DisplayName}”已暂停，请先恢复再运行");

        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Schedules.Where(s => s.Key == key && !s.Paused)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.NextRunAt, now), ct);
        if (rows == 0) return Stale(schedule);

        await audit.WriteAsync(new AuditRecord("run", EntityType, key, Summary: $"立即运行定时任务“{schedule.DisplayName}”"), ct);
        trigger.Pulse();
        return await GetAsync(key, ct);
    }

    Outcome<ScheduleView> Stale(Schedule schedule) =>
        Outcome<ScheduleView>.Conflicting($"定时任务“{schedule.DisplayName}”已被他人修改，请刷新后重试");

    ScheduleView View(Schedule s)
    {
        jobs.TryGetValue(s.Key, out var job);
        var module = catalog.Entries.FirstOrDefault(e => e.Id == s.ModuleId)?.Name ?? s.ModuleId;
        return new ScheduleView(s.Key, s.ModuleId, module, s.DisplayName, s.Cron, s.TimeZone, s.Paused, job is null,
            Utc(s.NextRunAt), Utc(s.LastRunAt), s.LastStatus, s.LastError, job?.Cron, s.UpdatedAt.Ticks);
    }

    static string YesNo(bool value) => value ? "是" : "否";

    static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}
