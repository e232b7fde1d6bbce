using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Crm.Abstractions.Contracts;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Dictionaries.Tests;

/// <summary>Exporting a type and importing files into custom types through the API, as an administrator would.</summary>
public sealed class DictionaryTransferTests(DictionaryHostFactory host) : IClassFixture<DictionaryHostFactory>
{
    const string Api = "/api/dictionaries";

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task An_export_imports_into_a_new_custom_type_unchanged(string format)
    {
        var admin = await host.AdminClientAsync();
        var source = await NewTypeAsync(admin, hierarchical: true);
        await AddAsync(admin, source, "east", "华东区");
        await AddAsync(admin, source, "sh", "上海组", parent: "east");
        await AddAsync(admin, source, "south", "华南区");
        await admin.PostJsonAsync($"{Api}/types/{source}/entries/sh/aliases", new { label = "沪组" });
        await admin.PostJsonAsync($"{Api}/types/{source}/entries/sh/aliases", new { label = "申组" });

        var export = await admin.GetAsync($"{Api}/types/{source}/export?format={format}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal($"{source}.{format}", export.Content.Headers.ContentDisposition!.FileNameStar ?? export.Content.Headers.ContentDisposition.FileName);
        var file = await export.Content.ReadAsByteArrayAsync();

        var target = await NewTypeAsync(admin, hierarchical: true);
        var result = await ImportAsync(admin, target, file, $"{source}.{format}");
        Assert.Equal(3, result.GetProperty("created").GetInt32());
        Assert.Equal(0, result.GetProperty("updated").GetInt32());
        Assert.Equal(0, result.GetProperty("errors").GetArrayLength());

        Assert.Equal(Entries(await admin.GetJsonAsync($"{Api}/types/{source}/entries")), Entries(await admin.GetJsonAsync($"{Api}/types/{target}/entries")));
        var sh = await admin.GetJsonAsync($"{Api}/types/{target}/entries/sh");
        Assert.Equal(["沪组", "申组"], sh.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!).Order());

        // Importing the same file again updates and creates nothing new.
        var again = await ImportAsync(admin, target, file, $"{source}.{format}");
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(3, again.GetProperty("updated").GetInt32());
    }

    [Fact]
    public async Task A_gbk_csv_with_chinese_headers_and_names_imports()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        var csv = "编码,名称,排序,别名\r\nvip,重要客户,1,大客户；VIP客户\r\nnormal,普通客户,2,\r\n";
        var result = await ImportAsync(admin, type, Encoding.GetEncoding("GB18030").GetBytes(csv), "客户级别.csv");
        Assert.Equal(2, result.GetProperty("created").GetInt32());

        var entries = await admin.GetJsonAsync($"{Api}/types/{type}/entries");
        Assert.Equal(["vip:重要客户", "normal:普通客户"], entries.EnumerateArray().Select(e => $"{e.Str("code")}:{e.Str("name")}"));
        var vip = await admin.GetJsonAsync($"{Api}/types/{type}/entries/vip");
        Assert.Equal(["VIP客户", "大客户"], vip.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_file_with_bad_rows_reports_every_reason_of_every_row_and_saves_nothing()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: true);
        await AddAsync(admin, type, "a", "甲");
        var before = Entries(await admin.GetJsonAsync($"{Api}/types/{type}/entries"));

        var csv = string.Join("\r\n",
            "code,name,parent code,order,aliases",
            "b,乙,,1,",              // 2: fine
            ",,,x,",                 // 3: empty code, empty name, bad order
            "b,丙,,,",               // 4: duplicate code in the file
            "c,丁,nowhere,,",        // 5: unknown parent
            "d,乙,,,",               // 6: same name as row 2 at the top level
            "e,戊,,,甲",             // 7: alias is the name of entry a
            "f,己,a,abc,己") + "\r\n"; // 8: bad order, alias equals the name
        var result = await ImportAsync(admin, type, Encoding.UTF8.GetBytes(csv), "bad.csv");

        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt32(), Field: e.Str("field"))).ToList();
        Assert.DoesNotContain(errors, e => e.Row == 2 && e.Field != "名称");
        Assert.Contains((3, "编码"), errors);
        Assert.Contains((3, "名称"), errors);
        Assert.Contains((3, "排序"), errors);
        Assert.Contains((4, "编码"), errors);
        Assert.Contains((5, "上级编码"), errors);
        Assert.Contains((6, "名称"), errors);
        Assert.Contains((7, "别名"), errors);
        Assert.Contains((8, "排序"), errors);
        Assert.Contains((8, "别名"), errors);
        Assert.Equal(7, result.GetProperty("failed").GetInt32()); // rows 2 and 6 name each other
        Assert.All(result.GetProperty("errors").EnumerateArray(), e => Assert.False(string.IsNullOrWhiteSpace(e.Str("message"))));

        Assert.Equal(before, Entries(await admin.GetJsonAsync($"{Api}/types/{type}/entries")));
    }

    [Fact]
    public async Task A_parent_defined_after_its_child_in_the_file_works()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: true);
        var csv = "编码,名称,上级编码\r\nhz,杭州,zj\r\nnb,宁波,zj\r\nzj,浙江,\r\n";
        var result = await ImportAsync(admin, type, Encoding.UTF8.GetBytes(csv), "regions.csv");
        Assert.Equal(3, result.GetProperty("created").GetInt32());

        var entries = await admin.GetJsonAsync($"{Api}/types/{type}/entries");
        Assert.Equal(["zj:", "hz:zj", "nb:zj"], entries.EnumerateArray().Select(e => $"{e.Str("code")}:{e.GetProperty("parentCode").GetString()}"));
    }

    [Fact]
    public async Task A_cycle_in_the_file_is_refused()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: true);
        var csv = "编码,名称,上级编码\r\na,甲,c\r\nb,乙,a\r\nc,丙,b\r\nd,丁,\r\n";
        var result = await ImportAsync(admin, type, Encoding.UTF8.GetBytes(csv), "cycle.csv");
        var errors = result.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([2, 3, 4], errors.Select(e => e.GetProperty("row").GetInt32()));
        Assert.All(errors, e => Assert.Equal("上级编码", e.Str("field")));
        Assert.All(errors, e => Assert.Contains("循环", e.Str("message")));
        Assert.Empty((await admin.GetJsonAsync($"{Api}/types/{type}/entries")).EnumerateArray());
    }

    [Fact]
    public async Task Rows_that_update_existing_entries_are_checked_against_the_type_as_it_would_become()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: true);
        await AddAsync(admin, type, "a", "甲");
        await AddAsync(admin, type, "b", "乙", parent: "a");
        await admin.PostJsonAsync($"{Api}/types/{type}/entries/b/aliases", new { label = "老乙" });
        var before = Entries(await admin.GetJsonAsync($"{Api}/types/{type}/entries"));

        // a below its own child b; c takes b's alias.
        var csv = "编码,名称,上级编码,别名\r\na,甲,b,\r\nc,丙,,老乙\r\n";
        var result = await ImportAsync(admin, type, Encoding.UTF8.GetBytes(csv), "update.csv");
        var errors = result.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.Str("field"))).ToList();
        Assert.Equal([(2, "上级编码"), (3, "别名")], errors);
        Assert.Equal(before, Entries(await admin.GetJsonAsync($"{Api}/types/{type}/entries")));

        // Renaming and moving existing entries is an update.
        var fine = await ImportAsync(admin, type, Encoding.UTF8.GetBytes("编码,名称,上级编码\r\nb,乙乙,\r\nc,丙,b\r\n"), "update.csv");
        Assert.Equal(1, fine.GetProperty("created").GetInt32());
        Assert.Equal(1, fine.GetProperty("updated").GetInt32());
        Assert.Equal(["a:甲", "b:乙乙", "c:丙<b"], Entries(await admin.GetJsonAsync($"{Api}/types/{type}/entries")));
    }

    [Fact]
    public async Task A_flat_type_refuses_parents_in_the_file()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        var csv = "编码,名称,上级编码\r\na,甲,\r\nb,乙,a\r\n";
        var result = await ImportAsync(admin, type, Encoding.UTF8.GetBytes(csv), "flat.csv");
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(3, error.GetProperty("row").GetInt32());
        Assert.Equal("上级编码", error.Str("field"));
    }

    [Fact]
    public async Task Importing_into_a_system_type_is_a_conflict()
    {
        var admin = await host.AdminClientAsync();
        var response = await PostFileAsync(admin, DictionaryTypes.CustomerStatus, Encoding.UTF8.GetBytes("编码,名称\r\nx,新状态\r\n"), "status.csv");
        var problem = await response.JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("系统字典类型", problem.Str("detail"));
        Assert.Null(await host.Services.GetRequiredService<IDataDictionary>().FindAsync(DictionaryTypes.CustomerStatus, "x"));
    }

    [Fact]
    public async Task A_corrupt_xlsx_is_a_bad_request_with_the_reason()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        var response = await PostFileAsync(admin, type, Encoding.UTF8.GetBytes("this is not a spreadsheet"), "broken.xlsx");
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
        Assert.NotEmpty(problem.FieldErrors("file"));
    }

    [Fact]
    public async Task A_dry_run_reports_the_counts_and_saves_nothing()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        await AddAsync(admin, type, "a", "甲");
        var csv = "编码,名称\r\na,甲一\r\nb,乙\r\nc,丙\r\n";
        var result = await ImportAsync(admin, type, Encoding.UTF8.GetBytes(csv), "dry.csv", dryRun: true);
        Assert.Equal(2, result.GetProperty("created").GetInt32());
        Assert.Equal(1, result.GetProperty("updated").GetInt32());
        Assert.Equal(0, result.GetProperty("failed").GetInt32());
        Assert.Equal(["a:甲"], Entries(await admin.GetJsonAsync($"{Api}/types/{type}/entries")));
    }

    [Fact]
    public async Task A_user_without_the_manage_permission_can_neither_export_nor_import()
    {
        var admin = await host.AdminClientAsync();
        var type = await NewTypeAsync(admin, hierarchical: false);
        var name = "u" + Guid.NewGuid().ToString("N")[..8];
        var oneTime = (await admin.PostJsonAsync("/api/system/users", new { userName = name, displayName = "赵六" })).Str("oneTimePassword");
        var first = await host.ClientForAsync(name, oneTime);
        await first.PostJsonAsync("/api/auth/change-password", new { currentPassword = oneTime, newPassword = "Reader-Passw0rd" }, HttpStatusCode.NoContent);
        var reader = await host.ClientForAsync(name, "Reader-Passw0rd");

        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync($"{Api}/types/{type}/export?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFileAsync(reader, type, Encoding.UTF8.GetBytes("编码,名称\r\na,甲\r\n"), "a.csv")).StatusCode);
        Assert.Empty((await admin.GetJsonAsync($"{Api}/types/{type}/entries")).EnumerateArray());
    }

    static async Task<JsonElement> ImportAsync(HttpClient client, string type, byte[] file, string fileName, bool dryRun = false) =>
        await (await PostFileAsync(client, type, file, fileName, dryRun)).JsonAsync(HttpStatusCode.OK);

    static Task<HttpResponseMessage> PostFileAsync(HttpClient client, string type, byte[] file, string fileName, bool dryRun = false)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", fileName);
        form.Add(new StringContent(dryRun ? "true" : "false"), "dryRun");
        return client.PostAsync($"{Api}/types/{type}/import", form);
    }

    static async Task<string> NewTypeAsync(HttpClient admin, bool hierarchical)
    {
        var code = "t_" + Guid.NewGuid().ToString("N")[..8];
        await admin.PostJsonAsync($"{Api}/types", new { code, name = "导入测试" + code, hierarchical });
        return code;
    }

    static Task<JsonElement> AddAsync(HttpClient admin, string type, string code, string name, string? parent = null) =>
        admin.PostJsonAsync($"{Api}/types/{type}/entries", new { code, name, parentCode = parent });

    /// <summary>Code, name, parent and order of every entry, in tree order.</summary>
    static List<string> Entries(JsonElement list) => list.EnumerateArray()
        .Select(e => $"{e.Str("code")}:{e.Str("name")}{(e.GetProperty("parentCode").GetString() is { } p ? "<" + p : "")}").ToList();
}
