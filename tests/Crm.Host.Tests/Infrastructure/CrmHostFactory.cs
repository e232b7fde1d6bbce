using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Crm.Host.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
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

    /// <summary>Starts the host on Kestrel at a free loopback port, for a browser, and returns its address.
    /// Call it before anything else uses the factory; <see cref="WebApplicationFactory{TEntryPoint}.CreateClient()"/>
    /// then goes over the network too.</summary>
    public Uri StartOnLoopback()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        ClientOptions.BaseAddress = address;
        return address;
    }

    /// <summary>Resets the administrator to a known password that needs no change, as <c>create-admin</c> does.</summary>
    public Task EnsureAdminAsync() => ResetAdminAsync(AdminPassword, mustChangePassword: false);

    /// <summary>Creates the administrator, or resets its password and unlocks and enables it; with
    /// <paramref name="mustChangePassword"/> it is a one-time password, as on the first run.</summary>
    public async Task ResetAdminAsync(string password, bool mustChangePassword)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AdminBootstrapper>()
            .CreateOrResetAsync(AdminName, password, mustChangePassword, CancellationToken.None);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>An API client holding a bearer token of the user.</summary>
    public async Task<HttpClient> ClientForAsync(string userName, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });
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
