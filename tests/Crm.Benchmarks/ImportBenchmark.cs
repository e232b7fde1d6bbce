using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Customers.Demo;
using Crm.Customers.Domain;
using Microsoft.Data.Sqlite;
using static HostProcess;

/// <summary>Import mode: a 100,000-row customer CSV (primary contact on each row) imported through the real
/// <c>import customers</c> verb into an empty database and into a copy of the 1,000,000-customer demo database, beside a
/// plain prepared SQLite insert of the same rows into a copy of the same database (the baseline, same run); the dry
/// run against 1,000,000; peak memory of the importing process; exporting 100,000 rows through the API.</summary>
internal static class ImportBenchmark
{
    /// <summary>Rows of the import file; <c>--rows N</c> for a quick look.</summary>
    static int Rows = 100_000;
    const string Admin = "benchadmin", Password = "Bench-Passw0rd";

    static readonly string[] Headers = ["客户名称", "统一社会信用代码", "行业", "地区", "客户来源", "客户状态", "年交易额（元）", "地址", "联系人", "职位", "手机", "邮箱"];

    public static async Task<int> RunAsync(string[] args)
    {
        var customers = args.SkipWhile(a => a != "--customers").Skip(1).Select(a => int.Parse(a, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).FirstOrDefault(1_000_000);
        Rows = args.SkipWhile(a => a != "--rows").Skip(1).Select(a => int.Parse(a, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).FirstOrDefault(Rows);
        var hostDll = Path.Combine(FindRoot(), "host", "Crm.Host", "bin", "Release", "net10.0", "Crm.Host.dll");
        if (!File.Exists(hostDll))
        {
            Console.Error.WriteLine($"Build the host first: dotnet build host/Crm.Host -c Release  (missing {hostDll})");
            return 1;
        }
        var work = Directory.CreateTempSubdirectory("crm-bench-import").FullName;
        try
        {
            // (1) An empty database: the file is generated with its dictionaries' labels, then imported.
            var empty = Path.Combine(work, "empty");
            Directory.CreateDirectory(empty);
            await RunToEndAsync(hostDll, empty, "create-admin", "--user", Admin, "--password", Password);
            var csv = Path.Combine(work, $"customers-{Rows}.csv");
            await WriteFileAsync(Path.Combine(empty, "crm.db"), csv, Rows);
            Console.WriteLine($"file: {csv}, {new FileInfo(csv).Length / 1024.0 / 1024.0:N1} MB, {Rows:N0} rows with a primary contact each");

            var emptyBaseline = Path.Combine(work, "empty-baseline");
            CopyDatabase(empty, emptyBaseline);
            var plainEmpty = await PlainInsertAsync(Path.Combine(emptyBaseline, "crm.db"), csv);
            Console.WriteLine($"empty database, plain prepared insert of the same rows: {Rows / plainEmpty.TotalSeconds:N0} rows/s ({plainEmpty.TotalSeconds:N1} s)");
            var intoEmpty = await ImportAsync(hostDll, empty, csv);
            Console.WriteLine($"empty database, import: {intoEmpty}");

            // (2) Exporting what was just imported, through the API, CSV.
            Console.WriteLine($"export of {Rows:N0} rows (CSV through GET /api/customers/export): {await ExportAsync(hostDll, empty)}");

            // (3) The database of demo customers (cached between runs by the customers mode).
            var big = await CustomerBenchmark.EnsureDatabaseAsync(hostDll, customers);
            await RunToEndAsync(hostDll, big, "migrate");
            await FillNameCoresAsync(Path.Combine(big, "crm.db"));
            var bigBaseline = Path.Combine(work, "big-baseline");
            CopyDatabase(big, bigBaseline);
            var bigFile = await WriteFileAsync(Path.Combine(big, "crm.db"), Path.Combine(work, "big.csv"), Rows);
            var plainBig = await PlainInsertAsync(Path.Combine(bigBaseline, "crm.db"), bigFile);
            Console.WriteLine($"{customers:N0} customers, plain prepared insert of the same rows: {Rows / plainBig.TotalSeconds:N0} rows/s ({plainBig.TotalSeconds:N1} s)");
            Directory.Delete(bigBaseline, recursive: true);

            var bigCopy = Path.Combine(work, "big");
            CopyDatabase(big, bigCopy);
            Console.WriteLine($"{customers:N0} customers, dry run: {await ImportAsync(hostDll, bigCopy, bigFile, "--dry-run")}");
            Console.WriteLine($"{customers:N0} customers, import: {await ImportAsync(hostDll, bigCopy, bigFile)}");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Runs the import verb as its own process; wall time (process start included, so the rate is a lower
    /// bound), the peak resident memory (VmHWM) and the verb's last line.</summary>
    static async Task<string> ImportAsync(string hostDll, string data, string file, params string[] extra)
    {
        var lines = new List<string>();
        var watch = Stopwatch.StartNew();
        using var process = Start(hostDll, data, line => { lock (lines) lines.Add(line); }, ["import", "customers", file, "--mode", "create", "--as", Admin, .. extra]);
        long peakKib = 0;
        while (!process.HasExited)
        {
            peakKib = Math.Max(peakKib, PeakKib(process.Id));
            await Task.Delay(50);
        }
        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        string last;
        lock (lines) last = string.Join(" | ", lines.TakeLast(3));
        // Why rows failed, if any did: the first reasons of the error file the verb wrote beside the input.
        var errors = file + ".errors.csv";
        if (File.Exists(errors))
        {
            last += " | first failed rows: " + string.Join(" / ", File.ReadLines(errors).Skip(1).Take(3).Select(l => l.Length > 200 ? l[^200..] : l));
            File.Delete(errors);
        }
        return $"{seconds:N1} s wall ({Rows / seconds:N0} rows/s, process start included), peak memory {peakKib / 1024.0:N0} MB, exit {process.ExitCode}: {last}";
    }

    static long PeakKib(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    static async Task<string> ExportAsync(string hostDll, string data)
    {
        var port = FreePort();
        using var host = Start(hostDll, data, "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            await WaitHealthyAsync(http);
            var login = await http.PostAsJsonAsync("/api/auth/token", new { userName = Admin, password = Password });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var results = new List<(double Seconds, long Lines, long Bytes)>();
            for (var run = 0; run < 3; run++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await http.GetAsync("/api/customers/export?format=csv&columns=code,name,creditCode,industry,region,status,owner,contact,mobile,email", HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[1 << 16];
                long lines = 0, bytes = 0;
                for (int read; (read = await body.ReadAsync(buffer)) > 0;)
                {
                    bytes += read;
                    for (var i = 0; i < read; i++) if (buffer[i] == (byte)'\n') lines++;
                }
                results.Add((watch.Elapsed.TotalSeconds, lines - 1, bytes));
            }
            var best = results.MinBy(r => r.Seconds);
            return $"{best.Lines:N0} rows in {best.Seconds:N2} s = {best.Lines / best.Seconds:N0} rows/s ({best.Bytes / 1024.0 / 1024.0:N1} MB; runs: {string.Join(", ", results.Select(r => r.Seconds.ToString("N2", CultureInfo.InvariantCulture)))} s)";
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    /// <summary>Customers of a demo database made before the name-core column have an empty core until the host's
    /// background fill reaches them; the benchmark fills them first so that it measures the import, not the fill.</summary>
    static async Task FillNameCoresAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var select = new SqliteCommand("""SELECT "Id", "Name" FROM cust_customers WHERE "NameCore" = '' """, connection);
        var pending = new List<(long, string)>();
        await using (var reader = await select.ExecuteReaderAsync())
            while (await reader.ReadAsync()) pending.Add((reader.GetInt64(0), reader.GetString(1)));
        if (pending.Count == 0) return;
        Console.WriteLine($"filling the name core of {pending.Count:N0} demo customers …");
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var update = new SqliteCommand("""UPDATE cust_customers SET "NameCore" = $core WHERE "Id" = $id""", connection, transaction);
        var core = update.Parameters.Add("$core", SqliteType.Text);
        var id = update.Parameters.Add("$id", SqliteType.Integer);
        foreach (var (customerId, name) in pending)
        {
            (core.Value, id.Value) = (CustomerNameCore.Of(name), customerId);
            await update.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    static void CopyDatabase(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        var keys = Path.Combine(from, "keys");
        if (Directory.Exists(keys))
        {
            Directory.CreateDirectory(Path.Combine(to, "keys"));
            foreach (var file in Directory.GetFiles(keys)) File.Copy(file, Path.Combine(to, "keys", Path.GetFileName(file)), overwrite: true);
        }
    }

    /// <summary>Writes a realistic import file: names from the demo generator (numbers far above the demo database's,
    /// so no name clashes), valid credit codes, labels (not codes) of the database's own dictionaries, a mobile with
    /// +86 and dashes on some rows, amounts with thousands separators.</summary>
    static async Task<string> WriteFileAsync(string database, string path, int rows)
    {
        var labels = await LabelsAsync(database);
        var random = new Random(20261123);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
        await writer.WriteLineAsync(string.Join(",", Headers));
        var cities = labels["region"];
        var industries = labels["industry"];
        var terms = DemoWords.Sections.Values.Select(s => s.Terms).ToArray();
        for (var i = 0; i < rows; i++)
        {
            var number = 50_000_000L + i;
            var city = cities[random.Next(cities.Count)];
            var name = DemoNames.Enterprise(number, city.TrimEnd('市'), terms[random.Next(terms.Length)]);
            var mobile = $"1{"3578"[random.Next(4)]}{random.Next(1_000_000_000):D9}";
            if (i % 5 == 0) mobile = $"+86 {mobile[..3]}-{mobile[3..7]}-{mobile[7..]}";
            var amount = random.Next(1_000, 5_000_000);
            string[] cells =
            [
                name, NewCreditCode(number), industries[random.Next(industries.Count)], city, Pick(labels["customer_source"]), Pick(labels["customer_status"]),
                amount.ToString("N0", CultureInfo.InvariantCulture), $"{city}科技园{random.Next(1, 300)}号", DemoNames.PersonName(random.NextInt64(1_000_000)),
                "采购经理", mobile, $"buyer{number}@example.com",
            ];
            await writer.WriteLineAsync(string.Join(",", cells.Select(Quote)));
        }
        return path;

        string Pick(List<string> list) => list[random.Next(list.Count)];
    }

    static string Quote(string cell) => cell.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;

    /// <summary>Enabled labels per dictionary type: industries at the second level (大类), cities for regions.</summary>
    static async Task<Dictionary<string, List<string>>> LabelsAsync(string database)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new SqliteCommand("""
            SELECT t."Code", e."Name" FROM dict_entries e JOIN dict_types t ON t."Id" = e."TypeId"
            LEFT JOIN dict_entries p ON p."Id" = e."ParentId"
            WHERE e."Enabled" = 1 AND (t."Code" IN ('customer_source', 'customer_status')
               OR t."Code" = 'industry' AND p."Id" IS NOT NULL
               OR t."Code" = 'region' AND p."Id" IS NOT NULL AND p."ParentId" IS NULL AND e."Name" LIKE '%市' AND e."Name" <> '市辖区')
            """, connection);
        var labels = new Dictionary<string, List<string>>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (!labels.TryGetValue(reader.GetString(0), out var list)) labels[reader.GetString(0)] = list = [];
            list.Add(reader.GetString(1));
        }
        return labels;
    }

    /// <summary>A valid credit code, distinct per number (× a multiplier coprime to 10⁹ is one-to-one).</summary>
    static string NewCreditCode(long number)
    {
        var body = $"91440305{number * 1_000_003 % 1_000_000_000:D9}";
        return "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => body + c).First(CreditCode.IsValid);
    }

    /// <summary>The baseline: the same rows (a customer and its primary contact) inserted with two prepared commands,
    /// 10,000 rows per transaction, values taken as they are in the file — no validation, no normalisation, no
    /// encryption, no duplicate checks — into the same indexed tables with the same full-text trigger.</summary>
    static async Task<TimeSpan> PlainInsertAsync(string database, string file)
    {
        var lines = (await File.ReadAllLinesAsync(file)).Skip(1).Select(ParseLine).ToList();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        var owner = (string)(await new SqliteCommand("SELECT \"Id\" FROM host_users LIMIT 1", connection).ExecuteScalarAsync())!;
        var next = (long)(await new SqliteCommand("SELECT coalesce(max(\"Id\"), 0) FROM cust_customers", connection).ExecuteScalarAsync())!;
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < lines.Count; start += 10_000)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var customer = Prepare(connection, transaction, "cust_customers",
                "Id", "Code", "Name", "NameKey", "NameCore", "Kind", "CreditCode", "IndustryCode", "RegionCode", "SourceCode", "StatusCode", "AnnualAmount",
                "ValueTierCode", "ValueTierManual", "Address", "OwnerId", "Abnormal", "CreatedAt", "UpdatedAt", "Version");
            await using var contact = Prepare(connection, transaction, "cust_contacts",
                "CustomerId", "Name", "Position", "MobileCipher", "MobileHash", "EmailCipher", "EmailHash", "IsPrimary", "CreatedAt", "UpdatedAt", "Version");
            foreach (var c in lines.Skip(start).Take(10_000))
            {
                var id = ++next;
                Run(customer, id, $"B{id:D7}", c[0], c[0], c[0], 0, c[1], c[2], c[3], c[4], c[5], c[6].Replace(",", ""), "normal", 0, c[7], owner, 0, now, now, 0);
                Run(contact, id, c[8], c[9], c[10], Encoding.UTF8.GetBytes(c[10]), c[11], Encoding.UTF8.GetBytes(c[11]), 1, now, now, 0);
            }
            await transaction.CommitAsync();
        }
        return watch.Elapsed;
    }

    static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var command = new SqliteCommand(
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})",
            connection, transaction);
        for (var i = 0; i < columns.Length; i++) command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        command.Prepare();
        return command;
    }

    static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        command.ExecuteNonQuery();
    }

    /// <summary>The generator's own lines: quoted cells hold commas only.</summary>
    static string[] ParseLine(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }
}
