using System.Net;

namespace Crm.Host.Tests.Email;

public sealed class OutboxPageTests(RunningSmtpHost email) : IClassFixture<RunningSmtpHost>
{
    [Fact]
    public async Task Outbox_page_shows_the_smtp_settings_and_the_messages_in_china_time()
    {
        var client = await email.Host.AdminClientAsync();
        var to = $"page-{Guid.NewGuid():N}@example.com";
        var id = (await OutboxApi.SendTestAsync(client, to)).GetProperty("id").GetString()!;
        var sent = await OutboxApi.WaitForAsync(client, id, m => m.GetProperty("status").GetString() == "sent", "sent");

        // The prerendered page, as text: Blazor writes non-ASCII text of expressions as character references.
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/outbox"));

        Assert.Contains("邮件服务器设置", page);
        Assert.Contains($"<td>{email.Sink.Port}</td>", page);
        Assert.Contains("crm@test.local", page);
        Assert.Contains(to, page);
        Assert.Contains("已发送", page);
        var createdInChina = sent.GetProperty("createdAt").GetDateTime().ToUniversalTime().AddHours(8);
        Assert.Contains(createdInChina.ToString("yyyy-MM-dd HH:mm:ss"), page);
    }

    [Fact]
    public async Task Outbox_page_is_denied_to_a_user_without_the_permission()
    {
        var clerk = await OutboxApi.ClerkClientAsync(email.Host);

        var response = await clerk.GetAsync("/admin/outbox");

        // The page's policy is checked by the endpoint before anything renders.
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("邮件服务器设置", await response.Content.ReadAsStringAsync());
    }
}
