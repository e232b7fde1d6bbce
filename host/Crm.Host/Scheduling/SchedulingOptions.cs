using System.ComponentModel.DataAnnotations;

namespace Crm.Host.Scheduling;

/// <summary>Configuration section <c>Scheduling</c>.</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>How often the scheduler looks for due schedules. A cron finer than this runs at most once per poll.</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 15;

    /// <summary>Run records kept per schedule (host_schedule_runs); older ones are deleted after each run.</summary>
    [Range(10, 100_000)]
    public int KeepRunsPerSchedule { get; set; } = 200;
}

/// <summary>Wakes the scheduler of this instance before its next poll, e.g. after "run now".</summary>
internal sealed class ScheduleTrigger
{
    readonly SemaphoreSlim signal = new(0, 1);

    public void Pulse()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already pulsed and not yet consumed: one wake-up is enough.
        }
    }

    /// <summary>Waits for a pulse or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
