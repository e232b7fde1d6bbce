using Crm.Abstractions.Results;
using Crm.Customers.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crm.Customers.Endpoints;

/// <summary>Follow-ups under <c>/api/customers/{id}/followups</c> and the open next actions under
/// <c>/api/customers/next-actions</c>. Reading the customer is enough to log a follow-up; who may change, delete or
/// complete one is decided in <see cref="FollowUpService"/> (author, action owner, or customers.edit).</summary>
internal static class FollowUpEndpoints
{
    public static RouteGroupBuilder MapFollowUpEndpoints(this RouteGroupBuilder customers)
    {
        customers.MapGet("/next-actions", async (bool? mine, int? take, FollowUpService service, CancellationToken ct) =>
            TypedResults.Ok(await service.OpenNextActionsAsync(mine ?? true, take ?? 100, ct)));

        var followUps = customers.MapGroup("/{id:long}/followups");
        followUps.MapGet("", async (long id, FollowUpService service, CancellationToken ct) => (await service.ListAsync(id, ct)).ToHttp());
        followUps.MapPost("", async (long id, FollowUpInput input, FollowUpService service, CancellationToken ct) =>
            (await service.CreateAsync(id, input, ct)).ToCreated(f => $"/api/customers/{id}/followups/{f.Id}"));
        followUps.MapPut("/{followUpId:long}", async (long id, long followUpId, FollowUpInput input, FollowUpService service, CancellationToken ct) =>
            (await service.UpdateAsync(id, followUpId, input, ct)).ToHttp());
        followUps.MapDelete("/{followUpId:long}", async (long id, long followUpId, FollowUpService service, CancellationToken ct) =>
            (await service.DeleteAsync(id, followUpId, ct)).ToNoContent());
        followUps.MapPost("/{followUpId:long}/done", async (long id, long followUpId, FollowUpService service, CancellationToken ct) =>
            (await service.CompleteNextActionAsync(id, followUpId, ct)).ToHttp());
        return customers;
    }
}
