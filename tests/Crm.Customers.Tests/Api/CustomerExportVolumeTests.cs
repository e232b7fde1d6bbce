using System.Text.Json;
using System.Text.RegularExpressions;
using Crm.Abstractions.Cli;
using Crm.Abstractions.Files;
using Crm.Customers.Tests.Infrastructure;
using Crm.Host.Modules;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Tests.Api;

/// <summary>A host with thousands of demo customers (more than two chunks of the export) and a user who may export
/// all of them.</summary>
public sealed class ExportVolume : IAsyncLifetime
{
    public const int Customers = 5_200;

    public CrmHostFactory Host { get; } = new();
    public HttpClient Admin { get; private set; } = null!;
    public HttpClient Exporter { get; private set; } = null!;
    public string ExporterName { get; private set; } = "";
    public ITableFiles Tables => Host.Services.GetRequiredService<ITableFiles>();

    public async Task InitializeAsync()
    {
        Admin = await Host.AdminClientAsync();
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var verb = Host.Services.GetRequiredService<ModuleCatalog>().Modules.SelectMany(m => m.Verbs).Single(v => v.Name == "demo-data");
            var values = new Dictionary<string, string?> { ["customers"] = Customers.ToString() };
            Assert.Equal(0, await verb.RunAsync(new CliInvocation(values, scope.ServiceProvider, TextWriter.Null, TextWriter.Null, CancellationToken.None)));
        }
        var role = await Admin.CreateRoleAsync("All", CustomerPermissions.Read, CustomerPermissions.Export);
        var user = await Host.CreateUserAsync(Admin, "导出员", roles: role);
        (Exporter, ExporterName) = (await Host.ClientAsync(user), user.UserName);
    }

    public Task DisposeAsync()
    {
        Host.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>Exports larger than one query's chunk: every customer once, in order, as the list shows it; and an
/// export the client breaks off is still audited.</summary>
public sealed partial class CustomerExportVolumeTests(ExportVolume volume) : IClassFixture<ExportVolume>
{
    [Fact]
    public async Task Thousands_of_customers_are_exported_once_each_in_id_order_as_the_list_shows_them()
    {
        var csv = await volume.Exporter.ExportAsync(volume.Tables, "?format=csv&columns=code,name,owner,mobile,tags");
        var xlsx = await volume.Exporter.ExportAsync(volume.Tables, "?format=xlsx&columns=code");
        var listed = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await volume.Exporter.GetJsonAsync($"/api/customers?sort=CreatedAsc&take=200{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            listed.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);

        Assert.Equal(ExportVolume.Customers, listed.Count);
        Assert.Equal(listed.Select(i => new[]
        {
            i.Str("code"), i.Str("name"), i.Str("ownerName"), i.GetProperty("primaryMobile").GetString() ?? "",
            string.Join("；", i.GetProperty("tags").EnumerateArray().Select(t => t.Str("name"))),
        }), csv.Rows);
        Assert.Equal(csv.Column("客户编号"), xlsx.Column("客户编号"));
        Assert.Contains(csv.Rows, r => Regex.IsMatch(r[3], @"^1[3-9]\d\*{4}\d{4}$"));
    }

    [Fact]
    public async Task An_export_the_client_breaks_off_is_audited_with_the_rows_it_was_sent()
    {
        using (var response = await volume.Exporter.GetAsync($"{CustomerExports.Url}?format=csv&columns=code,name,address,remarks,tags",
                   HttpCompletionOption.ResponseHeadersRead))
        {
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            await body.ReadExactlyAsync(new byte[4096]);
        }

        var summary = await InterruptedExportAsync();
        var rows = int.Parse(RowsSent().Match(summary).Groups[1].Value);
        Assert.InRange(rows, 1, ExportVolume.Customers - 1);
    }

    async Task<string> InterruptedExportAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var log = await volume.Admin.GetJsonAsync($"/api/system/audit?entityType=Customer&user={volume.ExporterName}&take=500");
            var interrupted = log.GetProperty("items").EnumerateArray()
                .FirstOrDefault(e => e.Str("action") == "export" && e.Str("summary").Contains("导出中断"));
            if (interrupted.ValueKind != JsonValueKind.Undefined) return interrupted.Str("summary");
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("the broken-off export was not audited within 10 seconds");
    }

    [GeneratedRegex(@"^导出客户 (\d+) 条")]
    private static partial Regex RowsSent();
}
