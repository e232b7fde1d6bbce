using System.Diagnostics;
using System.Net.Http.Json;
using static HostProcess;

// Modes: `dictionaries` (the dictionary cache in-process, see DictionaryBenchmark.cs), `customers` (lists, paging,
// search and creation on a database of demo customers, see CustomerBenchmark.cs), `import` (customer import and
// export at 100,000 rows, see ImportBenchmark.cs), otherwise the host benchmarks
// of the platform issue: time from start to /health, idle working set, login round trip.
// The host is started as a real process from its build output (build it first, the same configuration).
if (args is ["dictionaries", ..]) return await DictionaryBenchmark.RunAsync();
if (args is ["customers", ..]) return await CustomerBenchmark.RunAsync(args);
if (args is ["import", ..]) return await ImportBenchmark.RunAsync(args);

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

