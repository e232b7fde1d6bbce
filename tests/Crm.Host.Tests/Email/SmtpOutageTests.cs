using System.Text.Json;

namespace Crm.Host.Tests.Email;

public sealed class SmtpOutageTests(StoppedSmtpHost email) : IClassFixture<StoppedSmtpHost>
{
    [Fact]
    public async Task Email_queued_while_the_smtp_server_is_down_waits_with_the_error_and_arrives_when_it_is_back()
    {
        var client = await email.Host.AdminClientAsync();
        var to = $"outage-{Guid.NewGuid():N}@example.com";
        var id = (await OutboxApi.SendTestAsync(client, to)).GetProperty("id").GetString()!;

        var waiting = await OutboxApi.WaitForAsync(client, id,
            m => m.GetProperty("attempts").GetInt32() >= 1 && m.GetProperty("lastError").ValueKind == JsonValueKind.String, "attempted");
        Assert.Equal("pending", waiting.GetProperty("status").GetString());
        Assert.Contains($"无法连接邮件服务器 127.0.0.1:{email.Sink.Port}", waiting.GetProperty("lastError").GetString());
        Assert.True(waiting.GetProperty("nextAttemptAt").GetDateTime() > waiting.GetProperty("createdAt").GetDateTime());
        Assert.Equal(JsonValueKind.Null, waiting.GetProperty("sentAt").ValueKind);

        await email.Sink.StartServerAsync();

        var mail = await email.Sink.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == to), OutboxApi.Timeout);
        Assert.Equal("CrmHost 测试邮件", mail.Subject);
        var sent = await OutboxApi.WaitForAsync(client, id, m => m.GetProperty("status").GetString() == "sent", "sent");
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("lastError").ValueKind);
    }
}

public sealed class FailedEmailRetryTests(StoppedSmtpGiveUpAtOnceHost email) : IClassFixture<StoppedSmtpGiveUpAtOnceHost>
{
    [Fact]
    public async Task Email_that_failed_its_last_attempt_is_sent_when_an_administrator_retries_it()
    {
        var client = await email.Host.AdminClientAsync();
        var to = $"retry-{Guid.NewGuid():N}@example.com";
        var id = (await OutboxApi.SendTestAsync(client, to)).GetProperty("id").GetString()!;
        var failed = await OutboxApi.WaitForAsync(client, id, m => m.GetProperty("status").GetString() == "failed", "failed");
        Assert.Equal(1, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("无法连接邮件服务器", failed.GetProperty("lastError").GetString());
        await email.Sink.StartServerAsync();

        var response = await client.PostAsync($"/api/system/outbox/{id}/retry", null);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var mail = await email.Sink.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == to), OutboxApi.Timeout);
        Assert.Equal("CrmHost 测试邮件", mail.Subject);
        var sent = await OutboxApi.WaitForAsync(client, id, m => m.GetProperty("status").GetString() == "sent", "sent");
        Assert.Equal(1, sent.GetProperty("attempts").GetInt32());
    }
}
