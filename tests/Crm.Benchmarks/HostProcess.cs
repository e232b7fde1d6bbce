using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

/// <summary>Starting the real host from its build output and timing helpers, shared by the modes.</summary>
internal static class HostProcess
{
    public static Process Start(string dll, string data, params string[] args) => Start(dll, data, null, args);

    /// <summary>Starts the host; <paramref name="output"/> receives its standard output lines.</summary>
    public static Process Start(string dll, string data, Action<string>? output, string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["Database__Path"] = Path.Combine(data, "crm.db");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output?.Invoke(e.Data); };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task RunToEndAsync(string dll, string data, params string[] args)
    {
        using var process = Start(dll, data, args);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} exited {process.ExitCode}");
    }

    public static async Task WaitHealthyAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("host did not become healthy");
    }

    public static double Median(List<double> values) => Percentile(values, 0.5);

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CrmHost.sln"))) return dir.FullName;
        throw new InvalidOperationException("CrmHost.sln not found");
    }
}
