using System.Net;
using Crm.Abstractions.Files;
using Crm.Abstractions.Security;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Tests.Infrastructure;

/// <summary>The organisation of <see cref="CustomerWorld"/> plus people who may export customers: a rep and a
/// manager of 销售一部 (their own / their department's customers, personal data masked), an analyst who sees every
/// customer masked, and a data administrator who sees every customer and may reveal personal data.</summary>
public sealed class ExportWorld : IAsyncLifetime
{
    public CustomerWorld World { get; } = new();
    public Member Rep { get; private set; } = null!;
    public Member Manager { get; private set; } = null!;
    public Member Analyst { get; private set; } = null!;
    public Member DataAdmin { get; private set; } = null!;

    /// <summary>The host's reader, to open what the export wrote.</summary>
    public ITableFiles Tables => World.Host.Services.GetRequiredService<ITableFiles>();

    public async Task InitializeAsync()
    {
        await World.InitializeAsync();
        await World.RoleAsync("exporting-rep", "可导出的销售", DataScopeKind.Own,
            CustomerPermissions.Read, CustomerPermissions.Create, CustomerPermissions.Edit, CustomerPermissions.Export);
        await World.RoleAsync("exporting-manager", "可导出的经理", DataScopeKind.Department, CustomerPermissions.Read, CustomerPermissions.Export);
        await World.RoleAsync("analyst", "数据分析", DataScopeKind.All, CustomerPermissions.Read, CustomerPermissions.Export);
        await World.RoleAsync("data-admin", "数据管理员", DataScopeKind.All, CustomerPermissions.Read, CustomerPermissions.Export, CustomerPermissions.RevealPii);
        Rep = await World.MemberAsync("exportrep", "导出销售", World.SalesOne, "exporting-rep");
        Manager = await World.MemberAsync("exportmanager", "导出经理", World.SalesOne, "exporting-manager");
        Analyst = await World.MemberAsync("analyst", "分析员", World.SalesTwo, "analyst");
        DataAdmin = await World.MemberAsync("dataadmin", "数据管理员", World.SalesTwo, "data-admin");
    }

    public Task DisposeAsync() => World.DisposeAsync();
}

/// <summary>A downloaded export: the response, its bytes, and the table read back by the host's own reader.</summary>
public sealed record ExportFile(HttpResponseMessage Response, byte[] Bytes, TableData Table)
{
    /// <summary>The data rows' cells.</summary>
    public IReadOnlyList<string[]> Rows => Table.Rows.Select(r => Enumerable.Range(0, Table.Headers.Count).Select(r.Cell).ToArray()).ToList();

    /// <summary>The cells of one column by its header.</summary>
    public IReadOnlyList<string> Column(string header) => Table.Rows.Select(r => r.Cell(Table.Headers.ToList().IndexOf(header))).ToList();
}

public static class CustomerExports
{
    public const string Url = "/api/customers/export";

    /// <summary>Downloads an export (query string with its "?") that must succeed, and reads it back.</summary>
    public static async Task<ExportFile> ExportAsync(this HttpClient client, ITableFiles tables, string query)
    {
        var response = await client.GetAsync(Url + query);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? throw new InvalidOperationException("no file name");
        return new ExportFile(response, bytes, await tables.ReadAsync(new MemoryStream(bytes), name));
    }
}
