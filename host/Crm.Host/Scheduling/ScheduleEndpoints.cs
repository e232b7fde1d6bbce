using Crm.Abstractions.Results;
using Crm.Host.Identity;

namespace Crm.Host.Scheduling;

/// <summary>The schedules API (定时任务) under <c>/api/system/schedules</c>, for holders of <see cref="HostPermissions.Schedules"/>.</summary>
internal static class ScheduleEndpoints
{
    public static IEndpointRouteBuilder MapScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        var schedules = app.MapGroup("/api/system/schedules").WithTags("定时任务").RequireAuthorization(HostPermissions.Schedules).DisableAntiforgery();
        schedules.MapGet("/", async (ScheduleAdminService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)));
        schedules.MapGet("/{key}", async (string key, ScheduleAdminService service, CancellationToken ct) => (await service.GetAsync(key, ct)).ToHttp());
        schedules.MapGet("/{key}/runs", async (string key, int? take, ScheduleAdminService service, CancellationToken ct) =>
            (await service.RecentRunsAsync(key, take ?? 20, ct)).ToHttp());
        schedules.MapPut("/{key}", async (string key, ScheduleInput input, ScheduleAdminService service, CancellationToken ct) =>
            (await service.UpdateAsync(key, input, ct)).ToHttp());
        schedules.MapPost("/{key}/run", async (string key, ScheduleAdminService service, CancellationToken ct) =>
            (await service.RunNowAsync(key, ct)).ToHttp());
        return app;
    }
}
