using Crm.Abstractions.Results;
using Crm.Host.Identity;

namespace Crm.Host.Email;

/// <summary>The outbox API (<c>/api/system/outbox</c>): list, retry, test e-mail. Rules are in <see cref="OutboxAdminService"/>.</summary>
internal static class OutboxEndpoints
{
    public static IEndpointRouteBuilder MapOutboxEndpoints(this IEndpointRouteBuilder app)
    {
        var outbox = app.MapGroup("/api/system/outbox").WithTags("邮件发件箱").RequireAuthorization(HostPermissions.Outbox).DisableAntiforgery();
        outbox.MapGet("/", async (string? status, int? take, OutboxAdminService service, CancellationToken ct) =>
            (await service.ListAsync(status, take, ct)).ToHttp());
        outbox.MapGet("/smtp", (OutboxAdminService service) => TypedResults.Ok(service.SmtpSettings()));
        outbox.MapPost("/{id:guid}/retry", async (Guid id, OutboxAdminService service, CancellationToken ct) =>
            (await service.RetryAsync(id, ct)).ToHttp());
        outbox.MapPost("/test", async (TestEmailRequest request, OutboxAdminService service, CancellationToken ct) =>
            (await service.SendTestAsync(request.To, ct)).ToHttp());
        return app;
    }
}
