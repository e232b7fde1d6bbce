using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

// Modes: `dictionaries` (the dictionary cache in-process, see DictionaryBenchmark.cs), otherwise the host benchmarks
// of the platform issue: time from start to /health, idle working set, login round trip.
// The host is started as a real process from its build output (build it first, the same configuration).
if (args is ["dictionaries", ..]) return await DictionaryBenchmark.RunAsync();

var configuration = args.Length > 1 ? args[1] : "Release";
var root = FindRoot();
var hostDll = Path.Combine(root, "host", "Crm.Host", "bin", configuration, "net10.0", "Crm.Host.dll");
if (!File.Exists(hostDll))
{
    Console.Error.WriteLine($"Build the host first: dotnet build host/Crm.Host -c {configuration}  (missing {hostDll})");
    return 1;
}

var data = Directory.CreateTempSubdirectory("crm-bench").FullName;
const string admin = "benchadmin", password = "Bench-Passw0rd";
await RunToEndAsync(hostDll, data, "create-admin", "--user", admin, "--password", password);

var startups = new List<double>();
double workingSetMb = 0;
List<double> logins = [];
for (var run = 0; run < 5; run++)
{
    var port = FreePort();
    var watch = Stopwatch.StartNew();
    using var host = Start(hostDll, data, "--urls", $"http://127.0.0.1:{port}");
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    await WaitHealthyAsync(http);
    startups.Add(watch.Elapsed.TotalMilliseconds);

    if (run == 4)
    {
        // Login round trip: the token endpoint (password hash check, audit row, token) over loopback.
        for (var i = 0; i < 30; i++)
        {
            var login = Stopwatch.StartNew();
            var response = await http.PostAsJsonAsync("/api/auth/token", new { userName = admin, password });
            response.EnsureSuccessStatusCode();
            logins.Add(login.Elapsed.TotalMilliseconds);
        }
        await Task.Delay(TimeSpan.FromSeconds(10));
        host.Refresh();
        workingSetMb = host.WorkingSet64 / 1024.0 / 1024.0;
    }
    host.Kill(entireProcessTree: true);
    await host.WaitForExitAsync();
}

Console.WriteLine($"host start to /health (warm, 5 runs): median {Median(startups):F0} ms, min {startups.Min():F0} ms, max {startups.Max():F0} ms");
Console.WriteLine($"idle working set after 30 logins + 10 s idle: {workingSetMb:F0} MB");
Console.WriteLine($"login round trip (POST /api/auth/token, 30 runs, first excluded): median {Median(logins.Skip(1).ToList()):F1} ms, p95 {Percentile(logins.Skip(1).ToList(), 0.95):F1} ms, first {logins[0]:F1} ms");
Directory.Delete(data, recursive: true);
return 0;

static Process Start(string dll, string data, params string[] args)
{
    var start = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
    start.Environment["Database__Path"] = Path.Combine(data, "crm.db");
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, _) => { };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task RunToEndAsync(string dll, string data, params string[] args)
{
    using var process = Start(dll, data, args);
    await process.WaitForExitAsync();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{string.Join(' ', args)} exited {process.ExitCode}");
}

static async Task WaitHealthyAsync(HttpClient http)
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

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "CrmHost.sln"))) return dir.FullName;
    throw new InvalidOperationException("CrmHost.sln not found");
}
