namespace Crm.Host.Scheduling;

/// <summary>A registered recurring job as stored (host_schedules): administrators change its cron or pause it.</summary>
public sealed class Schedule
{
    public string Key { get; set; } = "";
    public string ModuleId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Cron { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public bool Paused { get; set; }
    public DateTime? NextRunAt { get; set; }
    public DateTime? LastRunAt { get; set; }
    public string? LastStatus { get; set; }
    public string? LastError { get; set; }
    public DateTime UpdatedAt { get; set; } = DateTime.UtcNow;
}

/// <summary>One claimed occurrence of a schedule (host_schedule_runs). The primary key (key, due time) is the claim:
/// a second instance inserting the same occurrence fails and skips it.</summary>
public sealed class ScheduleRun
{
    public string ScheduleKey { get; set; } = "";
    public DateTime DueAt { get; set; }
    public string ClaimedBy { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string Status { get; set; } = ScheduleRunStatus.Running;
    public string? Error { get; set; }
}

/// <summary>Values of <see cref="ScheduleRun.Status"/> and <see cref="Schedule.LastStatus"/>.</summary>
public static class ScheduleRunStatus
{
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    /// <summary>The host stopped while the job ran.</summary>
    public const string Cancelled = "cancelled";
}
