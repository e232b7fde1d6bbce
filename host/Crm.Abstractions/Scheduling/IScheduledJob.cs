namespace Crm.Abstractions.Scheduling;

/// <summary>Work that runs on a schedule (reminders, report mails, backups). Resolved from a fresh scope per run;
/// each due run is claimed in the database so that it runs once even with several host instances.</summary>
public interface IScheduledJob
{
    Task RunAsync(ScheduledRun run, CancellationToken cancellationToken);
}

/// <summary>The occurrence being run: its schedule key and the time it was due (UTC).</summary>
public sealed record ScheduledRun(string Key, DateTimeOffset DueAt);

/// <summary>A recurring job a module registers; cron (5 fields, Cronos) in a time zone, China time by default.</summary>
public sealed record ScheduledJobDefinition(string Key, string DisplayName, string Cron, string TimeZone, Type JobType, string ModuleId)
{
    public const string DefaultTimeZone = ChinaTime.ZoneId;
}
