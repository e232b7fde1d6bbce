using Crm.Abstractions.Results;
using Crm.Customers.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crm.Customers.Endpoints;

/// <summary>客户移交 under <c>/api/customers/handover</c>, for holders of <see cref="CustomerPermissions.Handover"/>.</summary>
internal static class HandoverEndpoints
{
    public static RouteGroupBuilder MapHandoverEndpoints(this RouteGroupBuilder customers)
    {
        var handover = customers.MapGroup("/handover").RequireAuthorization(CustomerPermissions.Handover);
        handover.MapGet("/preview", async (Guid fromUserId, HandoverService service, CancellationToken ct) =>
            TypedResults.Ok(await service.PreviewAsync(fromUserId, ct)));
        handover.MapPost("", async (HandoverInput input, HandoverService service, CancellationToken ct) =>
            (await service.HandOverAsync(input, ct)).ToHttp());
        return customers;
    }
}
