namespace Crm.Host.Hosting;

/// <summary>Background work waits until the host serves requests, so that it doesn't compete with startup for the CPU
/// (the host is judged by how soon it answers; mail and jobs can start a moment later).</summary>
internal static class HostStartup
{
    public static async Task WhenStartedAsync(this IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Runs at once when the host has already started.
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }
}
