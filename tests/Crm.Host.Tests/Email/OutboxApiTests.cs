using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Crm.Abstractions.Email;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Crm.Host.Tests.Email;

public sealed class OutboxApiTests(RunningSmtpHost email) : IClassFixture<RunningSmtpHost>
{
    static string NewAddress(string name) => $"{name}-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task Test_email_requested_through_the_api_arrives_with_subject_recipient_html_and_text()
    {
        var client = await email.Host.AdminClientAsync();
        var to = NewAddress("zhang");

        var queued = await OutboxApi.SendTestAsync(client, to);

        var mail = await email.Sink.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == to), OutboxApi.Timeout);
        Assert.Equal("CrmHost 测试邮件", mail.Subject);
        Assert.Equal("crm@test.local", Assert.Single(mail.From.Mailboxes).Address);
        Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Contains("<h2>CrmHost 测试邮件</h2>", mail.HtmlBody);
        Assert.Contains("系统管理员", mail.HtmlBody);
        Assert.Contains("CrmHost 测试邮件", mail.TextBody);
        Assert.Contains("收到此邮件说明邮件服务器配置正确。", mail.TextBody);
        Assert.DoesNotContain("<", mail.TextBody);

        var id = queued.GetProperty("id").GetString()!;
        var sent = await OutboxApi.WaitForAsync(client, id, m => m.GetProperty("status").GetString() == "sent", "sent");
        Assert.Equal(1, sent.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.String, sent.GetProperty("sentAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("lastError").ValueKind);
    }

    [Fact]
    public async Task Sending_a_test_email_is_written_to_the_audit_log()
    {
        var client = await email.Host.AdminClientAsync();
        var to = NewAddress("audit");

        var queued = await OutboxApi.SendTestAsync(client, to);

        var audit = await client.GetFromJsonAsync<JsonElement>($"/api/system/audit?entityType=OutboxMessage&entityId={queued.GetProperty("id").GetString()}");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("send-test-email", entry.GetProperty("action").GetString());
        Assert.Equal("admin", entry.GetProperty("userName").GetString());
        Assert.Contains(to, entry.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task Attachments_and_cc_arrive()
    {
        var to = NewAddress("manager");
        var cc = NewAddress("sales");
        var csv = Encoding.UTF8.GetBytes("客户,金额\n华为,100000.00\n");
        await using (var scope = email.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IEmailOutbox>().EnqueueAsync(
                new EmailMessage([to], "本周客户报表", "<p>请查收附件。</p>")
                {
                    Cc = [cc],
                    Attachments = [new EmailAttachment("客户报表.csv", "text/csv", csv)],
                });
        }

        var mail = await email.Sink.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == to), OutboxApi.Timeout);
        Assert.Equal("本周客户报表", mail.Subject);
        Assert.Equal(cc, Assert.Single(mail.Cc.Mailboxes).Address);
        Assert.Equal("请查收附件。", mail.TextBody?.Trim());
        Assert.Contains("<p>请查收附件。</p>", mail.HtmlBody);
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal("客户报表.csv", attachment.FileName);
        Assert.Equal("text/csv", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(csv, content.ToArray());
    }

    [Fact]
    public async Task List_filters_by_status_newest_first()
    {
        var client = await email.Host.AdminClientAsync();
        var first = (await OutboxApi.SendTestAsync(client, NewAddress("first"))).GetProperty("id").GetString()!;
        var second = (await OutboxApi.SendTestAsync(client, NewAddress("second"))).GetProperty("id").GetString()!;
        await OutboxApi.WaitForAsync(client, second, m => m.GetProperty("status").GetString() == "sent", "sent");
        await OutboxApi.WaitForAsync(client, first, m => m.GetProperty("status").GetString() == "sent", "sent");

        var sent = await client.GetFromJsonAsync<JsonElement>("/api/system/outbox?status=sent&take=500");
        var ids = sent.EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.True(ids.IndexOf(second) < ids.IndexOf(first), "newest first");
        Assert.All(sent.EnumerateArray(), m => Assert.Equal("sent", m.GetProperty("status").GetString()));
        var failed = await client.GetFromJsonAsync<JsonElement>("/api/system/outbox?status=failed");
        Assert.Empty(failed.EnumerateArray());
    }

    [Fact]
    public async Task Unknown_status_filter_is_400_naming_status()
    {
        var client = await email.Host.AdminClientAsync();
        var response = await client.GetAsync("/api/system/outbox?status=lost");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Retry_of_unknown_message_is_404_problem()
    {
        var client = await email.Host.AdminClientAsync();
        var response = await client.PostAsync($"/api/system/outbox/{Guid.NewGuid()}/retry", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("未找到", problem.GetProperty("title").GetString());
        Assert.Equal("邮件不存在或无权访问", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Retry_of_a_sent_message_is_409()
    {
        var client = await email.Host.AdminClientAsync();
        var id = (await OutboxApi.SendTestAsync(client, NewAddress("once"))).GetProperty("id").GetString()!;
        await OutboxApi.WaitForAsync(client, id, m => m.GetProperty("status").GetString() == "sent", "sent");

        var response = await client.PostAsync($"/api/system/outbox/{id}/retry", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("邮件已发送，不能重试", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("zhang@")]
    [InlineData("")]
    public async Task Test_email_to_an_invalid_address_is_400_naming_to(string to)
    {
        var client = await email.Host.AdminClientAsync();
        var response = await client.PostAsJsonAsync("/api/system/outbox/test", new { to });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").GetProperty("to");
        Assert.Contains("收件人邮箱", errors[0].GetString());
    }

    [Fact]
    public async Task User_without_the_outbox_permission_gets_403()
    {
        var clerk = await OutboxApi.ClerkClientAsync(email.Host);

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/system/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync("/api/system/outbox/test", new { to = NewAddress("x") })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync($"/api/system/outbox/{Guid.NewGuid()}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task Smtp_settings_are_shown_without_the_password()
    {
        var client = await email.Host.AdminClientAsync();
        var body = await client.GetStringAsync("/api/system/outbox/smtp");
        var settings = JsonDocument.Parse(body).RootElement;
        Assert.Equal("127.0.0.1", settings.GetProperty("host").GetString());
        Assert.Equal(email.Sink.Port, settings.GetProperty("port").GetInt32());
        Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
    }
}
