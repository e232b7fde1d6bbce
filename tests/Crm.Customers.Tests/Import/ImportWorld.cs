using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Crm.Abstractions.Security;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Crm.Customers.Tests.Import;

/// <summary>The organisation of <see cref="CustomerWorld"/> plus people who import: a rep of 销售一部 (own customers),
/// a second rep there, and a data administrator (all customers, may undo anyone's import). One world per test class.</summary>
public sealed class ImportWorld : IAsyncLifetime
{
    public CustomerWorld World { get; } = new();
    public Member Rep { get; private set; } = null!;
    public Member OtherRep { get; private set; } = null!;
    public Member DataAdmin { get; private set; } = null!;
    public HttpClient Admin => World.Admin;

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        await World.RoleAsync("importing-rep", "可导入的销售", DataScopeKind.Own,
            CustomerPermissions.Read, CustomerPermissions.Create, CustomerPermissions.Edit, CustomerPermissions.Import);
        await World.RoleAsync("import-admin", "导入数据管理员", DataScopeKind.All,
            CustomerPermissions.Read, CustomerPermissions.Create, CustomerPermissions.Edit, CustomerPermissions.Import, CustomerPermissions.Merge);
        Rep = await World.MemberAsync("importrep", "导入销售", World.SalesOne, "importing-rep");
        OtherRep = await World.MemberAsync("importrep2", "导入销售二", World.SalesOne, "importing-rep");
        DataAdmin = await World.MemberAsync("importadmin", "导入管理员", World.SalesTwo, "import-admin");
    }

    /// <summary>A reading connection to the host's database file, for what the API does not show (change rows, counts).</summary>
    public async Task<SqliteConnection> OpenDatabaseAsync()
    {
        var connection = new SqliteConnection($"Data Source={World.Host.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var db = await OpenDatabaseAsync();
        await using var command = new SqliteCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public Task DisposeAsync() => World.DisposeAsync();
}

/// <summary>The import API as a client calls it.</summary>
public static class ImportApi
{
    public static async Task<JsonElement> UploadAsync(this HttpClient client, byte[] content, string fileName, string kind = "customers",
        HttpStatusCode expected = HttpStatusCode.Created, string? encoding = null, string? sheet = null, string? mapping = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(kind), "kind");
        if (encoding is not null) form.Add(new StringContent(encoding), "encoding");
        if (sheet is not null) form.Add(new StringContent(sheet), "sheet");
        if (mapping is not null) form.Add(new StringContent(mapping), "mapping");
        return await (await client.PostAsync("/api/customers/imports", form)).JsonAsync(expected);
    }

    /// <summary>The upload's suggested mapping, "-" for a column mapped to nothing.</summary>
    public static string[] Columns(this JsonElement upload) =>
        upload.GetProperty("columns").EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Null ? "-" : c.GetString()!).ToArray();

    public static long BatchId(this JsonElement upload) => upload.GetProperty("batch").GetProperty("id").GetInt64();

    public static Task<JsonElement> AnalyzeAsync(this HttpClient client, long batchId, object options, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.PostJsonAsync($"/api/customers/imports/{batchId}/analyze", options, expected);

    /// <summary>Starts the run (202) and waits until the batch is no longer running.</summary>
    public static async Task<JsonElement> RunAsync(this HttpClient client, long batchId, object options)
    {
        var started = await client.PostJsonAsync($"/api/customers/imports/{batchId}/run", options, HttpStatusCode.Accepted);
        Assert.Equal("Running", started.Str("status"));
        return await client.WaitAsync(batchId);
    }

    public static async Task<JsonElement> WaitAsync(this HttpClient client, long batchId, int seconds = 120)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var batch = await client.GetJsonAsync($"/api/customers/imports/{batchId}");
            if (batch.Str("status") != "Running") return batch;
            Assert.True(DateTime.UtcNow < until, $"batch {batchId} still running: {batch}");
            await Task.Delay(100);
        }
    }

    /// <summary>Upload, then run with the options; returns the finished batch.</summary>
    public static async Task<JsonElement> ImportAsync(this HttpClient client, byte[] content, string fileName, object options, string kind = "customers") =>
        await client.RunAsync((await client.UploadAsync(content, fileName, kind)).BatchId(), options);

    /// <summary>Per file row: the report of the row in the analysis's errors, sample and possible duplicates.</summary>
    public static Dictionary<int, JsonElement> Rows(this JsonElement analysis)
    {
        var rows = new Dictionary<int, JsonElement>();
        foreach (var list in new[] { "errors", "possibleDuplicateRows", "flaggedRows", "sample" })
            foreach (var row in analysis.GetProperty(list).EnumerateArray())
                rows.TryAdd(row.GetProperty("row").GetInt32(), row);
        return rows;
    }

    /// <summary>"field: message" of each error of a row report.</summary>
    public static string[] Errors(this JsonElement row) =>
        row.GetProperty("errors").EnumerateArray().Select(e => $"{e.Str("field")}: {e.Str("message")}").ToArray();

    public static string[] Remarks(this JsonElement row) =>
        row.GetProperty("remarks").EnumerateArray().Select(e => $"{e.Str("field")}: {e.Str("message")}").ToArray();
}
