using System.Diagnostics;
using System.Text;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Plugins.Tests.Infrastructure;

/// <summary>What a run of <c>Crm.Host</c> printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}

/// <summary>The built host run as a real process (<c>dotnet Crm.Host.dll ...</c>), as an operator runs it, in a
/// working folder of its own with its database and plugins folder there (set through environment variables).</summary>
public sealed class CrmCommandLine : IDisposable
{
    static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public string WorkingFolder { get; } = RepoPaths.NewTempFolder("crm-cli");
    public TestPluginFolder Plugins { get; } = new();
    public string DatabasePath { get; set; }

    /// <summary>More environment variables for the next runs, e.g. <c>Database__ConnectionString</c>.</summary>
    public Dictionary<string, string> Environment { get; } = new();

    public CrmCommandLine() => DatabasePath = Path.Combine(WorkingFolder, "data", "crm.db");

    /// <summary>The host built with the same configuration as this test project.</summary>
    public static string HostAssembly => Path.Combine(Path.GetDirectoryName(RepoPaths.HostPlugins)!, "Crm.Host.dll");

    public async Task<CliResult> RunAsync(params string[] args)
    {
        if (!File.Exists(HostAssembly))
            throw new InvalidOperationException($"{HostAssembly} not found; build the solution first.");
        var start = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = WorkingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(HostAssembly);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Path"] = DatabasePath;
        start.Environment["Modules__Path"] = Plugins.Path;
        start.Environment["Templates__Path"] = Path.Combine(WorkingFolder, "templates");
        foreach (var (key, value) in Environment)
            start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"Crm.Host {string.Join(' ', args)} did not exit within {Timeout.TotalSeconds} s.\n"
                                       + new CliResult(-1, await stdout, await stderr));
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        Plugins.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(WorkingFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
