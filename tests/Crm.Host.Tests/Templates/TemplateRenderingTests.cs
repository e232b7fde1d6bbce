using Crm.Abstractions.Templates;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Host.Tests.Templates;

public sealed class TemplateRenderingTests(RenderingHost host) : IClassFixture<RenderingHost>
{
    ITemplateRenderer Renderer => host.Services.GetRequiredService<ITemplateRenderer>();

    [Fact]
    public async Task Embedded_test_email_renders_as_the_golden_file_with_the_model_escaped()
    {
        var html = await Renderer.RenderAsync("host", "test-email", new { SentBy = "张三 & 李四", SentAt = "2026-01-05 09:30:00" });

        var golden = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Templates", "Golden", "test-email.html"));
        Assert.Equal(golden.ReplaceLineEndings(), html.ReplaceLineEndings());
    }

    [Fact]
    public async Task Model_properties_are_snake_cased_also_in_nested_objects_and_lists()
    {
        var model = new
        {
            SentBy = "王五",
            Customer = new { DisplayName = "华为技术有限公司" },
            Lines = new[] { new { UnitPrice = 12.50m }, new { UnitPrice = 3m } },
        };

        var text = await Renderer.RenderAsync("host", "model", model);

        Assert.Equal("王五|华为技术有限公司|12.50;3;", text);
    }

    [Fact]
    public async Task Dictionary_models_keep_their_keys()
    {
        var model = new Dictionary<string, object?>
        {
            ["region"] = "华东",
            ["stats"] = new Dictionary<string, object> { ["total"] = 42, ["客户数"] = 7 },
        };

        var text = await Renderer.RenderAsync("host", "dictionary", model);

        Assert.Equal("华东:42:7", text);
    }

    [Fact]
    public async Task Runtime_error_reports_file_line_and_column()
    {
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer.RenderAsync("host", "runtime-error", new { }));

        Assert.Equal(Path.Combine(host.TemplatesFolder, "host", "runtime-error.sbn"), error.Template);
        Assert.Equal(2, error.Line);
        Assert.Equal(8, error.Column);
        Assert.Contains("no_such_function", error.Message);
        Assert.StartsWith($"{error.Template}(2,8): ", error.Message);
    }

    [Fact]
    public async Task Endless_loop_is_stopped_by_the_loop_limit()
    {
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer.RenderAsync("host", "endless", new { }));

        Assert.Equal(1, error.Line);
        Assert.Contains("limit", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Include_is_not_available_to_templates()
    {
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer.RenderAsync("host", "include", new { }));

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public async Task Missing_template_names_the_module_and_template()
    {
        var error = await Assert.ThrowsAsync<TemplateException>(() => Renderer.RenderAsync("host", "no-such-template", new { }));

        Assert.Contains("no-such-template", error.Message);
    }

    [Theory]
    [InlineData("host", "../secrets")]
    [InlineData("..", "test-email")]
    public async Task Names_that_leave_the_template_folder_are_refused(string module, string name)
    {
        await Assert.ThrowsAsync<TemplateException>(() => Renderer.RenderAsync(module, name, new { }));
    }
}

public sealed class TemplateOverrideTests(OverrideHost host) : IClassFixture<OverrideHost>
{
    [Fact]
    public async Task Site_override_file_wins_over_the_embedded_default()
    {
        var html = await host.Services.GetRequiredService<ITemplateRenderer>().RenderAsync("host", "test-email", new { SentBy = "赵六" });

        Assert.Equal("<p>本公司的测试邮件，发件人 赵六</p>", html);
    }
}

public sealed class BrokenTemplateOverrideTests(BrokenOverrideHost host) : IClassFixture<BrokenOverrideHost>
{
    string OverrideFile => Path.Combine(host.TemplatesFolder, "host", "test-email.sbn");

    [Fact]
    public async Task Syntax_error_in_an_override_is_reported_with_file_line_and_column_not_replaced_by_the_default()
    {
        var renderer = host.Services.GetRequiredService<ITemplateRenderer>();

        var error = await Assert.ThrowsAsync<TemplateException>(() => renderer.RenderAsync("host", "test-email", new { SentBy = "x" }));

        Assert.Equal(OverrideFile, error.Template);
        Assert.Equal(3, error.Line);
        Assert.True(error.Column > 0, $"column {error.Column}");
        Assert.StartsWith($"{OverrideFile}(3,", error.Message);
    }

    [Fact]
    public async Task Administrator_sees_the_broken_override_when_sending_a_test_email()
    {
        var client = await host.AdminClientAsync();

        var response = await client.PostAsync("/api/system/outbox/test",
            System.Net.Http.Json.JsonContent.Create(new { to = "admin@example.com" }));

        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
        var problem = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content);
        Assert.Contains($"{OverrideFile}(3,", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Fixed_override_is_used_on_the_next_render_without_a_restart()
    {
        var renderer = host.Services.GetRequiredService<ITemplateRenderer>();
        var fixedFile = Path.Combine(host.TemplatesFolder, "host", "fixed-later.sbn");
        await File.WriteAllTextAsync(fixedFile, "{{ 1 + }}");
        await Assert.ThrowsAsync<TemplateException>(() => renderer.RenderAsync("host", "fixed-later", new { }));

        await File.WriteAllTextAsync(fixedFile, "已修复 {{ 1 + 1 }}");

        Assert.Equal("已修复 2", await renderer.RenderAsync("host", "fixed-later", new { }));
    }
}
