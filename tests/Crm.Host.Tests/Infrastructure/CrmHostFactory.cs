using System.Net.Http.Headers;
using System.Net.Http.Json;
using Crm.Host.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Infrastructure;

/// <summary>The real host with the real plugin folders, on a fresh SQLite file of its own. One per test class
/// (<c>IClassFixture&lt;CrmHostFactory&gt;</c>); settings can be added before the first use.</summary>
public class CrmHostFactory : WebApplicationFactory<Program>
{
    public const string AdminName = "admin";
    public const string AdminPassword = "Admin-Passw0rd";

    public string DataFolder { get; } = RepoPaths.NewTempFolder("crm-test");
    public string DatabasePath => Path.Combine(DataFolder, "crm.db");

    /// <summary>Configuration for this host, e.g. <c>Smtp:Port</c>; set before the host starts.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Hosts of many test classes log into one test run: keep to what needs reading.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Database:Path", DatabasePath);
        builder.UseSetting("Modules:Path", RepoPaths.HostPlugins);
        builder.UseSetting("Templates:Path", Path.Combine(DataFolder, "templates"));
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
    }

    /// <summary>Resets the administrator to a known password that needs no change, as <c>create-admin</c> does.</summary>
    public async Task EnsureAdminAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>()
            .CreateOrResetAsync(AdminName, AdminPassword, mustChangePassword: false, CancellationToken.None);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>An API client holding a bearer token of the user.</summary>
    public async Task<HttpClient> ClientForAsync(string userName, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    public async Task<HttpClient> AdminClientAsync()
    {
        await EnsureAdminAsync();
        return await ClientForAsync(AdminName, AdminPassword);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public sealed record TokenResponse(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken);
}
