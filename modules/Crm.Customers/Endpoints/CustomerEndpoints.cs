using Crm.Abstractions.Results;
using Crm.Customers.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Crm.Customers.Endpoints;

/// <summary>The customers API under <c>/api/customers</c>. Every route checks a permission here and the data scope in
/// the service: an id outside the user's scope is 404.</summary>
internal static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapTagEndpoints();
        app.MapImportEndpoints();
        var api = app.MapGroup("/api/customers").WithTags("客户档案").RequireAuthorization(CustomerPermissions.Read).DisableAntiforgery();

        api.MapGet("", async ([AsParameters] CustomerListQuery q, CustomerQuery customers, CancellationToken ct) =>
            (await customers.ListAsync(q.ToFilter(), q.Sort ?? CustomerSort.UpdatedDesc, q.Cursor, q.Take ?? 50, ct)).ToHttp());
        api.MapGet("/count", async ([AsParameters] CustomerFilterQuery q, CustomerQuery customers, CancellationToken ct) =>
            TypedResults.Ok(await customers.CountAsync(q.ToFilter(), ct)));
        api.MapGet("/churn-risk/count", async (CustomerQuery customers, CancellationToken ct) =>
            TypedResults.Ok(await customers.CountAsync(new CustomerFilter { ChurnRisk = true }, ct)));
        api.MapGet("/{id:long}/history", async (long id, int? take, CustomerHistory history, CancellationToken ct) =>
            (await history.ForAsync(id, take ?? 200, ct)).ToHttp());
        api.MapGet("/{id:long}", async (long id, bool? deleted, CustomerService customers, CancellationToken ct) =>
            (await customers.GetAsync(id, deleted ?? false, ct)).ToHttp());
        api.MapPost("", async (CustomerInput input, CustomerService customers, CancellationToken ct) =>
            (await customers.CreateAsync(input, ct)).ToCreated(c => $"/api/customers/{c.Id}")).RequireAuthorization(CustomerPermissions.Create);
        api.MapPut("/{id:long}", async (long id, CustomerInput input, CustomerService customers, CancellationToken ct) =>
            (await customers.UpdateAsync(id, input, ct)).ToHttp()).RequireAuthorization(CustomerPermissions.Edit);
        api.MapPut("/{id:long}/tags", async (long id, TagIdsInput input, CustomerService customers, CancellationToken ct) =>
            (await customers.SetTagsAsync(id, input.TagIds ?? [], ct)).ToHttp()).RequireAuthorization(CustomerPermissions.Edit);
        api.MapDelete("/{id:long}", async (long id, string? reason, CustomerService customers, CancellationToken ct) =>
            (await customers.DeleteAsync(id, reason, ct)).ToNoContent()).RequireAuthorization(CustomerPermissions.Delete);
        api.MapPost("/{id:long}/restore", async (long id, CustomerService customers, CancellationToken ct) =>
            (await customers.RestoreAsync(id, ct)).ToHttp()).RequireAuthorization(CustomerPermissions.Delete);
        api.MapPost("/{id:long}/reveal-id-number", async (long id, CustomerService customers, CancellationToken ct) =>
            (await customers.RevealIdNumberAsync(id, ct)).ToHttp()).RequireAuthorization(CustomerPermissions.RevealPii);

        var contacts = api.MapGroup("/{id:long}/contacts");
        contacts.MapGet("", async (long id, ContactService service, CancellationToken ct) => (await service.ListAsync(id, ct)).ToHttp());
        contacts.MapPost("", async (long id, ContactInput input, ContactService service, CancellationToken ct) =>
            (await service.CreateAsync(id, input, ct)).ToCreated(c => $"/api/customers/{id}/contacts/{c.Id}")).RequireAuthorization(CustomerPermissions.Edit);
        contacts.MapPut("/{contactId:long}", async (long id, long contactId, ContactInput input, ContactService service, CancellationToken ct) =>
            (await service.UpdateAsync(id, contactId, input, ct)).ToHttp()).RequireAuthorization(CustomerPermissions.Edit);
        contacts.MapPost("/{contactId:long}/primary", async (long id, long contactId, ContactService service, CancellationToken ct) =>
            (await service.MakePrimaryAsync(id, contactId, ct)).ToHttp()).RequireAuthorization(CustomerPermissions.Edit);
        contacts.MapDelete("/{contactId:long}", async (long id, long contactId, ContactService service, CancellationToken ct) =>
            (await service.DeleteAsync(id, contactId, ct)).ToNoContent()).RequireAuthorization(CustomerPermissions.Edit);
        contacts.MapPost("/{contactId:long}/reveal", async (long id, long contactId, PiiField field, ContactService service, CancellationToken ct) =>
            (await service.RevealAsync(id, contactId, field, ct)).ToHttp()).RequireAuthorization(CustomerPermissions.RevealPii);
        api.MapNeedEndpoints().MapFollowUpEndpoints().MapAttachmentEndpoints().MapHandoverEndpoints().MapExportEndpoints();
        return app;
    }
}

/// <summary>The list's query string: the filters, then <c>&amp;sort=NameAsc&amp;cursor=…&amp;take=50</c>.</summary>
internal sealed record CustomerListQuery : CustomerFilterQuery
{
    [FromQuery] public CustomerSort? Sort { get; init; }
    [FromQuery] public string? Cursor { get; init; }
    [FromQuery] public int? Take { get; init; }
}

internal sealed record TagIdsInput(IReadOnlyList<int>? TagIds);
