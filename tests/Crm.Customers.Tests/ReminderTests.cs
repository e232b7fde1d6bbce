using System.Net;
using Crm.Abstractions.Scheduling;
using Crm.Abstractions.Templates;
using Crm.Customers.Jobs;
using Crm.Customers.Tests.Api;
using Crm.Host.Tests.Email;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Customers.Tests;

/// <summary>A host whose outbox delivers to a real SMTP server.</summary>
public sealed class CustomersEmailHost : EmailHost;

public sealed class ReminderTests(CustomersEmailHost email) : IClassFixture<CustomersEmailHost>
{
    CrmHostFactory Host => email.Host;

    /// <summary>Runs the reminder job as the scheduler would: the registered job type (the plugin's own) from a fresh scope.</summary>
    async Task RunReminderJobAsync()
    {
        var job = Host.Services.GetServices<ScheduledJobDefinition>().Single(j => j.Key == NextActionReminderJob.Key);
        await using var scope = Host.Services.CreateAsyncScope();
        await ((IScheduledJob)scope.ServiceProvider.GetRequiredService(job.JobType)).RunAsync(new ScheduledRun(job.Key, DateTimeOffset.UtcNow), CancellationToken.None);
    }

    [Fact]
    public async Task A_due_next_action_is_emailed_once_to_its_owner()
    {
        var admin = await Host.AdminClientAsync();
        var address = $"rep-{Guid.NewGuid():N}@example.com";
        var rep = await Host.CreateUserAsync(admin, "王销售", email: address);
        var customer = await admin.CreateCustomerAsync(rep.Id);
        await admin.PostJsonAsync($"/api/customers/{customer.Id()}/contacts", new { name = "李经理", mobile = "13912345678", email = "li@customer.example" }, HttpStatusCode.Created);
        var due = DateTime.UtcNow.AddHours(-1);
        await admin.PostJsonAsync($"/api/customers/{customer.Id()}/followups",
            new { summary = "报价沟通", nextAction = "发送正式报价单", nextActionDue = new DateTimeOffset(due) }, HttpStatusCode.Created);
        await admin.PostJsonAsync($"/api/customers/{customer.Id()}/followups",
            new { summary = "远期计划", nextAction = "年底回访", nextActionDue = new DateTimeOffset(DateTime.UtcNow.AddDays(30)) }, HttpStatusCode.Created);

        await RunReminderJobAsync();
        await RunReminderJobAsync();

        var mail = await email.Sink.WaitForAsync(m => m.To.Mailboxes.Any(a => a.Address == address), OutboxApi.Timeout);
        Assert.Equal($"【跟进提醒】{customer.Str("name")}：发送正式报价单", mail.Subject);
        var dueText = Crm.Abstractions.ChinaTime.FromUtc(due).ToString("yyyy-MM-dd HH:mm");
        Assert.Contains($"{customer.Str("name")}（{customer.Str("code")}）", mail.HtmlBody);
        Assert.Contains(dueText, mail.HtmlBody);
        Assert.Contains($"href=\"/customers/{customer.Id()}\"", mail.HtmlBody);
        Assert.DoesNotContain("13912345678", mail.HtmlBody);
        Assert.DoesNotContain("li@customer.example", mail.HtmlBody);
        Assert.DoesNotContain("年底回访", mail.HtmlBody);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(email.Sink.Messages(), m => m.To.Mailboxes.Any(a => a.Address == address));
    }

    [Fact]
    public async Task The_reminder_template_renders_as_the_golden_file_with_values_escaped()
    {
        var model = ReminderModel.For(
            new DueAction(1, "准备 <技术方案> & 报价", new DateTime(2026, 3, 2, 1, 30, 0, DateTimeKind.Utc), Guid.Empty, 42, "C000042", "华为技术有限公司"),
            "张三", "https://crm.example.com/");

        var html = await Host.Services.GetRequiredService<ITemplateRenderer>().RenderAsync(CustomerPermissions.ModuleId, NextActionReminderJob.Template, model);

        var golden = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Templates", "Golden", "next-action-reminder.html"));
        Assert.Equal(golden.ReplaceLineEndings(), html.ReplaceLineEndings());
    }
}
