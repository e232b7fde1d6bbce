using Crm.Abstractions.Results;
using Crm.Customers.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Crm.Customers.Endpoints;

/// <summary>Needs under <c>/api/customers/{id}/needs</c>: read with the customers group's permission, change with edit.</summary>
internal static class NeedEndpoints
{
    public static RouteGroupBuilder MapNeedEndpoints(this RouteGroupBuilder customers)
    {
        var needs = customers.MapGroup("/{id:long}/needs");
        needs.MapGet("", async (long id, NeedService service, CancellationToken ct) => (await service.ListAsync(id, ct)).ToHttp());
        needs.MapPost("", async (long id, NeedInput input, NeedService service, CancellationToken ct) =>
            (await service.CreateAsync(id, input, ct)).ToCreated(n => $"/api/customers/{id}/needs/{n.Id}")).RequireAuthorization(CustomerPermissions.Edit);
        needs.MapPut("/{needId:long}", async (long id, long needId, NeedInput input, NeedService service, CancellationToken ct) =>
            (await service.UpdateAsync(id, needId, input, ct)).ToHttp()).RequireAuthorization(CustomerPermissions.Edit);
        needs.MapDelete("/{needId:long}", async (long id, long needId, NeedService service, CancellationToken ct) =>
            (await service.DeleteAsync(id, needId, ct)).ToNoContent()).RequireAuthorization(CustomerPermissions.Edit);
        return customers;
    }
}
