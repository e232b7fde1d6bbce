using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Customers.Domain;
using Microsoft.Data.Sqlite;
using static HostProcess;

/// <summary>Customers mode: a database of demo customers made by the host's <c>demo-data</c> verb (cached between
/// runs), then the customer list, deep keyset paging and name search, each timed as hand-written SQL on the same file
/// (the baseline) and through the real host's API, in the same run.</summary>
internal static class CustomerBenchmark
{
    const int Runs = 30, WarmUp = 5, PageSize = 50, DeepPage = 10_000;
    const string Admin = "benchadmin", Password = "Bench-Passw0rd";

    // Manufacturing (section C of GB/T 4754-2017) is divisions 13–43: the subtree the list filters on.
    static readonly string ManufacturingCodes = string.Join(", ", Enumerable.Range(13, 31).Select(d => $"'{d}'"));

    const string ListColumns = """c."Id", c."Code", c."Name", c."Kind", c."IndustryCode", c."RegionCode", c."StatusCode", c."ValueTierCode", c."OwnerId", c."LastFollowUpAt", c."UpdatedAt" """;

    public static async Task<int> RunAsync(string[] args)
    {
        var customers = args.SkipWhile(a => a != "--customers").Skip(1).Select(a => int.Parse(a, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).FirstOrDefault(1_000_000);
        var hostDll = Path.Combine(FindRoot(), "host", "Crm.Host", "bin", "Release", "net10.0", "Crm.Host.dll");
        if (!File.Exists(hostDll))
        {
            Console.Error.WriteLine($"Build the host first: dotnet build host/Crm.Host -c Release  (missing {hostDll})");
            return 1;
        }
        var data = await EnsureDatabaseAsync(hostDll, customers);
        var file = Path.Combine(data, "crm.db");
        Console.WriteLine($"database: {file}, {new FileInfo(file).Length / 1024.0 / 1024.0:N0} MB");
        Console.WriteLine($"demo-data: {await File.ReadAllTextAsync(Path.Combine(data, "demo-data.txt"))}");

        await using var sql = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await sql.OpenAsync();
        var tagA = await ScalarAsync<long>(sql, """SELECT "Id" FROM cust_tags WHERE "Name" = '成交客户'""");
        var tagB = await ScalarAsync<long>(sql, """SELECT "Id" FROM cust_tags WHERE "Name" = '华东'""");

        // (1) The list: two tags (all of) and the manufacturing subtree, newest-updated first, a page of 50.
        var filter = $"""c."DeletedAt" IS NULL AND c."IndustryCode" IN ({ManufacturingCodes})""";
        var order = """ORDER BY c."UpdatedAt" DESC, c."Id" DESC LIMIT 50""";
        var tagged = $"""
            EXISTS (SELECT 1 FROM cust_customer_tags t WHERE t."CustomerId" = c."Id" AND t."TagId" = {tagA})
            AND EXISTS (SELECT 1 FROM cust_customer_tags t WHERE t."CustomerId" = c."Id" AND t."TagId" = {tagB})
            """;
        var intersect = $"""
            c."Id" IN (SELECT "CustomerId" FROM cust_customer_tags WHERE "TagId" = {tagA}
                       INTERSECT SELECT "CustomerId" FROM cust_customer_tags WHERE "TagId" = {tagB})
            """;
        var joined = $"""
            JOIN cust_customer_tags a ON a."CustomerId" = c."Id" AND a."TagId" = {tagA}
            JOIN cust_customer_tags b ON b."CustomerId" = c."Id" AND b."TagId" = {tagB}
            """;
        (string Name, string Sql)[] variants =
        [
            ("EXISTS per tag", $"SELECT {ListColumns} FROM cust_customers c WHERE {filter} AND {tagged} {order}"),
            ("INTERSECT of tag links", $"SELECT {ListColumns} FROM cust_customers c WHERE {filter} AND {intersect} {order}"),
            ("JOIN of tag links", $"SELECT {ListColumns} FROM cust_customers c {joined} WHERE {filter} {order}"),
            // The list order's covering index walked, industry and tags checked per row ("+" keeps SQLite off the industry index).
            ("walk of the list order, EXISTS per tag", $"""SELECT {ListColumns} FROM cust_customers c WHERE c."DeletedAt" IS NULL AND +c."IndustryCode" IN ({ManufacturingCodes}) AND {tagged} {order}"""),
        ];
        var best = double.MaxValue;
        foreach (var (name, text) in variants)
        {
            var median = await TimeAsync(() => ReadAllAsync(sql, text));
            best = Math.Min(best, median);
            Console.WriteLine($"list, raw SQL {name}: median {median:F2} ms  plan: {await PlanAsync(sql, text)}");
        }
        Console.WriteLine($"list, best raw SQL: {best:F2} ms");

        // (2) Keyset paging, unfiltered, newest-updated first: page 1 against page 10,000 reached by walking the cursor.
        var firstPage = $"""SELECT {ListColumns} FROM cust_customers c WHERE c."DeletedAt" IS NULL {order}""";
        var pageOne = await TimeAsync(() => ReadAllAsync(sql, firstPage));
        (string At, long Id) cursor = default;
        var walk = Stopwatch.StartNew();
        var pages = Math.Min(DeepPage, customers / PageSize);
        for (var page = 1; page < pages; page++)
            cursor = await LastRowAsync(sql, page == 1 ? firstPage : AfterSql(cursor));
        walk.Stop();
        var deep = await TimeAsync(() => ReadAllAsync(sql, AfterSql(cursor)));
        Console.WriteLine($"keyset, raw SQL: page 1 {pageOne:F2} ms, page {pages:N0} {deep:F2} ms ({deep / pageOne:F2}x); walking {pages - 1:N0} pages took {walk.Elapsed.TotalSeconds:F1} s  plan: {await PlanAsync(sql, AfterSql(cursor))}");

        // (3) Name search: 3+ characters through the trigram index (against LIKE for contrast), 1–2 as a NameKey prefix range.
        var terms = await SearchTermsAsync(sql);
        var fts = new List<double>();
        var like = new List<double>();
        foreach (var term in terms)
        {
            var phrase = "\"" + term.Replace("\"", "\"\"") + "\"";
            fts.Add(await TimeAsync(() => ReadAllAsync(sql, $"""SELECT {ListColumns} FROM cust_customers c WHERE c."DeletedAt" IS NULL AND c."Id" IN (SELECT rowid FROM cust_customer_fts WHERE cust_customer_fts MATCH '{phrase}') {order}""")));
            like.Add(await TimeAsync(() => ReadAllAsync(sql, $"""SELECT {ListColumns} FROM cust_customers c WHERE c."DeletedAt" IS NULL AND c."NameKey" LIKE '%{term}%' {order}"""), runs: 3));
        }
        var prefix = await TimeAsync(() => ReadAllAsync(sql, $"""SELECT {ListColumns} FROM cust_customers c WHERE c."DeletedAt" IS NULL AND c."NameKey" >= '{terms[0][..2]}' AND c."NameKey" < '{terms[0][..2]}' || char(65535) ORDER BY c."NameKey", c."Id" LIMIT 50"""));
        Console.WriteLine($"name search, raw SQL FTS5 MATCH (3 chars, {terms.Count} terms e.g. {terms[0]}): median {Median(fts):F2} ms; LIKE '%x%': median {Median(like):F1} ms; 2-char prefix range '{terms[0][..2]}': {prefix:F2} ms");

        await HttpAsync(hostDll, data, tagA, tagB, terms[0]);
        return 0;
    }

    /// <summary>The list, search and create through the real host over loopback, with a bearer token.</summary>
    static async Task HttpAsync(string hostDll, string data, long tagA, long tagB, string term)
    {
        var port = FreePort();
        using var host = Start(hostDll, data, "--urls", $"http://127.0.0.1:{port}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitHealthyAsync(http);
            var login = await http.PostAsJsonAsync("/api/auth/token", new { userName = Admin, password = Password });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            async Task GetAsync(string url) => (await http.GetAsync(url)).EnsureSuccessStatusCode();
            var list = $"/api/customers?tagsAll={tagA}&tagsAll={tagB}&industry=C&take={PageSize}";
            Console.WriteLine($"list, HTTP GET {list}: median {await TimeAsync(() => GetAsync(list)):F2} ms");
            var unfiltered = $"/api/customers?take={PageSize}";
            var firstPage = await TimeAsync(() => GetAsync(unfiltered));
            Console.WriteLine($"list page 1 unfiltered, HTTP: median {firstPage:F2} ms");
            // Page 10,000 of 50 starts at row 500,000: reached by following the API's own cursor in steps of 200 rows.
            string? cursor = null;
            var walk = Stopwatch.StartNew();
            for (var row = 0; row < (DeepPage - 1) * PageSize; row += 200)
            {
                var step = await http.GetFromJsonAsync<JsonElement>($"/api/customers?take=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
                cursor = step.GetProperty("nextCursor").GetString();
                if (cursor is null) break;
            }
            walk.Stop();
            if (cursor is not null)
            {
                var deepUrl = $"/api/customers?take={PageSize}&cursor={Uri.EscapeDataString(cursor)}";
                var deep = await TimeAsync(() => GetAsync(deepUrl));
                Console.WriteLine($"list page {DeepPage:N0} unfiltered, HTTP: median {deep:F2} ms ({deep / firstPage:F2}x page 1); reaching it took {walk.Elapsed.TotalSeconds:F0} s");
            }
            var search = $"/api/customers?text={Uri.EscapeDataString(term)}&take={PageSize}";
            Console.WriteLine($"name search '{term}', HTTP: median {await TimeAsync(() => GetAsync(search)):F2} ms");

            var created = 0;
            var create = await TimeAsync(async () =>
            {
                var response = await http.PostAsJsonAsync("/api/customers", new
                {
                    name = $"基准测试{Guid.NewGuid():N}有限公司",
                    kind = "Enterprise",
                    creditCode = NewCreditCode(),
                    industryCode = "39",
                    regionCode = "440305",
                    statusCode = "001",
                });
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"POST /api/customers: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                created++;
            });
            Console.WriteLine($"create, HTTP POST /api/customers: median {create:F2} ms ({created} created)");
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    /// <summary>A cached database per size under the temp folder: made once with create-admin and demo-data.</summary>
    internal static async Task<string> EnsureDatabaseAsync(string hostDll, int customers)
    {
        var data = Path.Combine(Path.GetTempPath(), $"crm-bench-customers-{customers}");
        var ready = Path.Combine(data, "demo-data.txt");
        if (File.Exists(ready)) return data;
        if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        Directory.CreateDirectory(data);
        await RunToEndAsync(hostDll, data, "create-admin", "--user", Admin, "--password", Password);
        Console.WriteLine($"generating {customers:N0} demo customers in {data} …");
        string? summary = null;
        using var process = Start(hostDll, data, line =>
        {
            if (line.StartsWith("完成", StringComparison.Ordinal)) summary = line;
            else if (line.Contains("00,000 /", StringComparison.Ordinal)) Console.WriteLine(line);
        }, ["demo-data", "--customers", customers.ToString(CultureInfo.InvariantCulture)]);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 || summary is null) throw new InvalidOperationException($"demo-data exited {process.ExitCode}");
        await File.WriteAllTextAsync(ready, summary);
        return data;
    }

    static string AfterSql((string At, long Id) cursor) =>
        $"""SELECT {ListColumns} FROM cust_customers c WHERE c."DeletedAt" IS NULL AND c."UpdatedAt" <= '{cursor.At}' AND (c."UpdatedAt" < '{cursor.At}' OR c."Id" < {cursor.Id}) ORDER BY c."UpdatedAt" DESC, c."Id" DESC LIMIT 50""";

    static async Task<(string, long)> LastRowAsync(SqliteConnection sql, string text)
    {
        await using var command = new SqliteCommand(text, sql);
        await using var reader = await command.ExecuteReaderAsync();
        (string, long) last = default;
        while (await reader.ReadAsync()) last = (reader.GetString(10), reader.GetInt64(0));
        return last;
    }

    /// <summary>Three characters after the city of some names: a trade name and the start of a term (华科智).</summary>
    static async Task<List<string>> SearchTermsAsync(SqliteConnection sql)
    {
        await using var command = new SqliteCommand("""SELECT "NameKey" FROM cust_customers WHERE "Kind" = 1 AND "Id" % 97 = 0 LIMIT 10""", sql);
        await using var reader = await command.ExecuteReaderAsync();
        var terms = new List<string>();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            var at = name.IndexOf('市') + 1;
            if (at > 0 && at + 3 <= name.Length) terms.Add(name.Substring(at, 3));
        }
        return terms;
    }

    static async Task ReadAllAsync(SqliteConnection sql, string text)
    {
        await using var command = new SqliteCommand(text, sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            for (var i = 0; i < reader.FieldCount; i++) reader.GetValue(i);
    }

    static async Task<string> PlanAsync(SqliteConnection sql, string text)
    {
        await using var command = new SqliteCommand("EXPLAIN QUERY PLAN " + text, sql);
        await using var reader = await command.ExecuteReaderAsync();
        var steps = new List<string>();
        while (await reader.ReadAsync()) steps.Add(reader.GetString(3));
        return string.Join(" | ", steps);
    }

    static async Task<T> ScalarAsync<T>(SqliteConnection sql, string text)
    {
        await using var command = new SqliteCommand(text, sql);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <summary>Median milliseconds of <paramref name="runs"/> calls after <see cref="WarmUp"/> untimed ones.</summary>
    static async Task<double> TimeAsync(Func<Task> call, int runs = Runs)
    {
        for (var i = 0; i < Math.Min(WarmUp, runs); i++) await call();
        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Median(times);
    }

    /// <summary>A valid, random credit code in Shenzhen Nanshan; the check character is the one the module accepts.</summary>
    static string NewCreditCode()
    {
        var body = $"91440305{Random.Shared.Next(1_000_000_000):D9}";
        return "0123456789ABCDEFGHJKLMNPQRTUWXY".Select(c => body + c).First(CreditCode.IsValid);
    }
}
