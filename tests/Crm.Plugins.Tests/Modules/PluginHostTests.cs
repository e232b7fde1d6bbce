using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Host.Tests.Infrastructure;
using Crm.Plugins.Tests.Infrastructure;
using static Crm.Plugins.Tests.Infrastructure.TestPluginFolder;

namespace Crm.Plugins.Tests.Modules;

/// <summary>The real host started on a plugins folder holding alpha and beta.</summary>
public sealed class AlphaBetaHost : CrmHostFactory
{
    readonly TestPluginFolder plugins = With(Alpha, Beta);

    public AlphaBetaHost() => Settings["Modules:Path"] = plugins.Path;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) plugins.Dispose();
    }
}

public sealed class PluginHostTests(AlphaBetaHost host) : IClassFixture<AlphaBetaHost>
{
    [Fact]
    public async Task Module_list_shows_the_plugins_loaded()
    {
        var client = await host.AdminClientAsync();

        var modules = await client.GetFromJsonAsync<JsonElement>("/api/system/modules");

        var byId = modules.EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!);
        Assert.Equal("loaded", byId["alpha"].GetProperty("state").GetString());
        Assert.Equal("1.2.3", byId["alpha"].GetProperty("version").GetString());
        Assert.Equal("阿尔法测试模块", byId["alpha"].GetProperty("name").GetString());
        Assert.Equal("loaded", byId["beta"].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Module_endpoint_answers_with_the_services_the_module_registered()
    {
        var client = await host.AdminClientAsync();

        var response = await client.GetAsync("/api/alpha/ping");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pong", body.GetProperty("reply").GetString());
        Assert.True(body.TryGetProperty("startedAt", out _));
    }

    [Fact]
    public async Task Module_endpoint_needs_a_signed_in_user()
    {
        var response = await host.CreateClient().GetAsync("/api/alpha/ping");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Module_permission_is_offered_for_roles()
    {
        var client = await host.AdminClientAsync();

        var permissions = await client.GetFromJsonAsync<JsonElement>("/api/system/permissions");

        var alphaRead = Assert.Single(permissions.EnumerateArray(), p => p.GetProperty("name").GetString() == "alpha.read");
        Assert.Equal("查看阿尔法", alphaRead.GetProperty("displayName").GetString());
        Assert.Equal("阿尔法测试", alphaRead.GetProperty("group").GetString());
    }

    [Fact]
    public async Task Home_page_shows_the_module_menu_item_and_its_dashboard_card_to_a_user_with_the_permission()
    {
        var client = await host.AdminClientAsync();

        var page = await client.GetStringAsync("/");

        Assert.Contains("阿尔法菜单", page);
        Assert.Contains("href=\"/alpha\"", page);
        Assert.Contains("阿尔法卡片", page);
        Assert.Contains("阿尔法卡片内容", page);
    }

    [Fact]
    public async Task Home_page_hides_the_module_menu_item_and_card_from_a_user_without_the_permission()
    {
        var admin = await host.AdminClientAsync();
        var name = "plain" + Guid.NewGuid().ToString("N")[..6];
        var created = await (await admin.PostAsJsonAsync("/api/system/users", new { userName = name, displayName = "普通用户" })).Content.ReadFromJsonAsync<JsonElement>();
        var oneTime = created.GetProperty("oneTimePassword").GetString()!;
        var user = await host.ClientForAsync(name, oneTime);
        (await user.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = oneTime, newPassword = "Plain-Passw0rd" })).EnsureSuccessStatusCode();
        user = await host.ClientForAsync(name, "Plain-Passw0rd");

        var page = await user.GetStringAsync("/");

        Assert.Contains("欢迎，普通用户", page);
        Assert.DoesNotContain("阿尔法菜单", page);
        Assert.DoesNotContain("阿尔法卡片", page);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/alpha/ping")).StatusCode);
    }
}
