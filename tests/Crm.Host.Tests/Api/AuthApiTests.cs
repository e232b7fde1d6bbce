using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Host.Tests.Api;

public sealed class AuthApiTests(CrmHostFactory host) : IClassFixture<CrmHostFactory>
{
    [Fact]
    public async Task Health_answers_healthy_without_login()
    {
        var response = await host.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Api_without_credentials_is_401_problem_details_in_chinese()
    {
        var response = await host.CreateClient().GetAsync("/api/system/modules");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("未登录", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Token_with_wrong_password_is_401_with_reason()
    {
        await host.EnsureAdminAsync();
        var response = await host.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = "wrong" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("用户名或密码错误", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_details_naming_the_problem()
    {
        var content = new StringContent("{\"userName\": ", System.Text.Encoding.UTF8, "application/json");
        var response = await host.CreateClient().PostAsync("/api/auth/token", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Bearer_token_reaches_the_module_list()
    {
        var client = await host.AdminClientAsync();
        var modules = await client.GetFromJsonAsync<JsonElement>("/api/system/modules");
        Assert.Equal(JsonValueKind.Array, modules.ValueKind);
    }
}
