using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Crm.Host.Scheduling;

namespace Crm.Host.Tests.Scheduling;

/// <summary>One host with per-second test jobs; each test works on its own schedule key.</summary>
public sealed class SchedulerTests(SchedulerTests.Host host) : IClassFixture<SchedulerTests.Host>
{
    const string EverySecond = "test.every-second";
    const string Failing = "test.failing";
    const string Pausable = "test.pausable";
    const string Editable = "test.editable";

    public sealed class Host : SchedulerHostFactory
    {
        public Host()
        {
            WithJob<RecordingJob>(EverySecond, TestJobs.EverySecond);
            WithJob<FailingJob>(Failing, TestJobs.EverySecond);
            WithJob<RecordingJob>(Pausable, TestJobs.EverySecond);
            WithJob<RecordingJob>(Editable, "0 3 * * *");
        }
    }

    [Fact]
    public async Task Per_second_job_runs_and_records_last_and_next_run()
    {
        var client = await host.AdminClientAsync();
        await Eventually.TrueAsync(() => host.Ledger.Count(EverySecond) >= 2, "two runs of the per-second job");

        var schedule = await Eventually.GetAsync(() => GetAsync(client, EverySecond),
            s => s.LastStatus == ScheduleRunStatus.Succeeded, "the run recorded as succeeded");
        Assert.NotNull(schedule.LastRunAt);
        Assert.NotNull(schedule.NextRunAt);
        Assert.True(schedule.NextRunAt > schedule.LastRunAt, $"next {schedule.NextRunAt:o} after last {schedule.LastRunAt:o}");
        Assert.Null(schedule.LastError);
        Assert.Equal(TestJobs.EverySecond, schedule.Cron);
        Assert.Equal("Asia/Shanghai", schedule.TimeZone);
        Assert.False(schedule.Orphaned);

        var execution = host.Ledger.Of(EverySecond)[^1];
        var runs = await Eventually.GetAsync(
            async () => (await client.GetFromJsonAsync<List<ScheduleRunView>>($"/api/system/schedules/{EverySecond}/runs"))!,
            r => r.Any(x => x.DueAt == execution.DueAt && x.Status == ScheduleRunStatus.Succeeded), "the execution in the run list");
        var recorded = Assert.Single(runs, r => r.DueAt == execution.DueAt);
        Assert.NotNull(recorded.FinishedAt);
    }

    [Fact]
    public async Task Failing_job_is_recorded_with_its_error_and_runs_again_at_the_next_occurrence()
    {
        var client = await host.AdminClientAsync();
        await Eventually.TrueAsync(() => host.Ledger.Of(Failing).Select(e => e.DueAt).Distinct().Count() >= 2, "two attempts at different occurrences");

        var schedule = await Eventually.GetAsync(() => GetAsync(client, Failing),
            s => s.LastStatus == ScheduleRunStatus.Failed, "the failure recorded on the schedule");
        Assert.Contains(TestJobs.FailureMessage, schedule.LastError);
        Assert.NotNull(schedule.NextRunAt);

        var runs = await Eventually.GetAsync(
            async () => (await client.GetFromJsonAsync<List<ScheduleRunView>>($"/api/system/schedules/{Failing}/runs"))!,
            r => r.Count(x => x.Status == ScheduleRunStatus.Failed) >= 2, "two failed runs in the run list");
        Assert.All(runs.Where(r => r.Status == ScheduleRunStatus.Failed), r => Assert.Contains(TestJobs.FailureMessage, r.Error));
    }

    [Fact]
    public async Task Paused_schedule_does_not_run_until_resumed()
    {
        var client = await host.AdminClientAsync();
        await Eventually.TrueAsync(() => host.Ledger.Count(Pausable) >= 1, "the schedule runs before it is paused");

        var response = await client.PutAsJsonAsync($"/api/system/schedules/{Pausable}", new { paused = true });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paused = (await response.Content.ReadFromJsonAsync<ScheduleView>())!;
        Assert.True(paused.Paused);
        Assert.Null(paused.NextRunAt);

        // A poll that read the schedule just before the pause may still run it once; after two more polls none can.
        await WaitForPollsAsync(2);
        var countAfterPause = host.Ledger.Count(Pausable);
        await WaitForPollsAsync(3);
        Assert.Equal(countAfterPause, host.Ledger.Count(Pausable));

        var runNow = await client.PostAsync($"/api/system/schedules/{Pausable}/run", null);
        Assert.Equal(HttpStatusCode.Conflict, runNow.StatusCode);

        response = await client.PutAsJsonAsync($"/api/system/schedules/{Pausable}", new { paused = false });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Eventually.TrueAsync(() => host.Ledger.Count(Pausable) > countAfterPause, "the resumed schedule runs again");
    }

    [Fact]
    public async Task Run_now_runs_a_schedule_that_is_not_due_and_keeps_its_cron()
    {
        var client = await host.AdminClientAsync();
        var before = host.Ledger.Count(Editable);
        var response = await client.PostAsync($"/api/system/schedules/{Editable}/run", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await Eventually.TrueAsync(() => host.Ledger.Count(Editable) > before, "the job run on demand");
        var schedule = await Eventually.GetAsync(() => GetAsync(client, Editable), s => s.LastStatus == ScheduleRunStatus.Succeeded, "the run recorded");
        Assert.True(schedule.NextRunAt > DateTimeOffset.UtcNow, "back on its cron after the run");
    }

    [Fact]
    public async Task Invalid_cron_is_400_naming_cron_and_changes_nothing()
    {
        var client = await host.AdminClientAsync();
        var before = await GetAsync(client, Editable);

        var response = await client.PutAsJsonAsync($"/api/system/schedules/{Editable}", new { cron = "61 * * * *", timeZone = "Asia/Shanghai", paused = false });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("cron")[0].GetString();
        Assert.StartsWith("Cron 表达式无效", message);

        response = await client.PutAsJsonAsync($"/api/system/schedules/{Editable}", new { cron = "1 2 3 4 5 6 7" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("7 段", problem.GetProperty("errors").GetProperty("cron")[0].GetString());

        Assert.Equal(before.Cron, (await GetAsync(client, Editable)).Cron);
    }

    [Fact]
    public async Task Unknown_time_zone_is_400_naming_timeZone_and_unknown_key_is_404()
    {
        var client = await host.AdminClientAsync();
        var response = await client.PutAsJsonAsync($"/api/system/schedules/{Editable}", new { cron = "0 3 * * *", timeZone = "Mars/Olympus" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("timeZone", out _));

        response = await client.PutAsJsonAsync("/api/system/schedules/no.such.job", new { cron = "0 3 * * *" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/system/schedules/no.such.job/run", null)).StatusCode);
    }

    [Fact]
    public async Task Six_field_cron_and_another_time_zone_are_accepted_and_audited()
    {
        var client = await host.AdminClientAsync();
        var before = await GetAsync(client, Editable);
        var response = await client.PutAsJsonAsync($"/api/system/schedules/{Editable}", new { cron = "30  0 4 * * *", timeZone = "UTC", version = before.Version });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var changed = (await response.Content.ReadFromJsonAsync<ScheduleView>())!;
        Assert.Equal("30 0 4 * * *", changed.Cron);
        Assert.Equal("UTC", changed.TimeZone);
        Assert.Equal(new TimeSpan(4, 0, 30), changed.NextRunAt!.Value.UtcDateTime.TimeOfDay);

        // The version read before the change is stale now.
        var stale = await client.PutAsJsonAsync($"/api/system/schedules/{Editable}", new { cron = "0 5 * * *", version = before.Version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var audit = await client.GetFromJsonAsync<JsonElement>($"/api/system/audit?entityType=Schedule&entityId={Editable}");
        var changes = audit.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("changes").EnumerateArray()).ToList();
        Assert.Contains(changes, c => c.GetProperty("field").GetString() == "cron"
            && c.GetProperty("oldValue").GetString() == before.Cron && c.GetProperty("newValue").GetString() == "30 0 4 * * *");
        Assert.Contains(changes, c => c.GetProperty("field").GetString() == "timeZone" && c.GetProperty("newValue").GetString() == "UTC");

        await client.PutAsJsonAsync($"/api/system/schedules/{Editable}", new { cron = "0 3 * * *", timeZone = "Asia/Shanghai" });
    }

    [Fact]
    public async Task Schedules_page_lists_jobs_in_chinese()
    {
        var client = await host.AdminClientAsync();
        // Prerendered on the server; text that comes from data is HTML-encoded.
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/admin/schedules"));
        Assert.Contains("定时任务", html);
        Assert.Contains($"测试任务 {EverySecond}", html);
        Assert.Contains("立即运行", html);
    }

    [Fact]
    public async Task User_without_the_schedules_permission_gets_403()
    {
        var admin = await host.AdminClientAsync();
        var userName = "clerk" + Guid.NewGuid().ToString("N")[..6];
        var created = await admin.PostAsJsonAsync("/api/system/users", new { userName, displayName = "普通职员", roles = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var oneTime = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("oneTimePassword").GetString()!;
        const string password = "Clerk-Passw0rd";
        var first = await host.ClientForAsync(userName, oneTime);
        (await first.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = oneTime, newPassword = password })).EnsureSuccessStatusCode();

        var clerk = await host.ClientForAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, (await clerk.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/system/schedules")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PutAsJsonAsync($"/api/system/schedules/{Editable}", new { paused = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync($"/api/system/schedules/{Editable}/run", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync("/api/system/schedules")).StatusCode);
    }

    /// <summary>The per-second job runs at most once per poll, so n new runs of it prove n polls have happened.</summary>
    Task WaitForPollsAsync(int polls)
    {
        var target = host.Ledger.Count(EverySecond) + polls;
        return Eventually.TrueAsync(() => host.Ledger.Count(EverySecond) >= target, $"{polls} more scheduler polls");
    }

    static async Task<ScheduleView> GetAsync(HttpClient client, string key) =>
        (await client.GetFromJsonAsync<ScheduleView>($"/api/system/schedules/{key}"))!;
}
