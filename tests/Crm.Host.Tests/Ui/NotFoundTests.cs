using System.Net;
using Crm.Host.Tests.Infrastructure;

namespace Crm.Host.Tests.Ui;

public sealed class NotFoundTests(CrmHostFactory host) : IClassFixture<CrmHostFactory>
{
    [Fact]
    public async Task Unknown_page_address_is_404_with_the_chinese_not_found_page()
    {
        var response = await host.CreateClient().GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_api_address_stays_404_problem_details()
    {
        var response = await host.CreateClient().GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Missing_file_stays_a_bare_404()
    {
        var response = await host.CreateClient().GetAsync("/no-such-file.css");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }
}
