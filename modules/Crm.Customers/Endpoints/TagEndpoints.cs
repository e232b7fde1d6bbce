using Crm.Abstractions.Results;
using Crm.Customers.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crm.Customers.Endpoints;

/// <summary>Tags under <c>/api/customers/tags</c>: every reader of customers sees the tag system; changing it needs
/// <see cref="CustomerPermissions.ManageTags"/>.</summary>
internal static class TagEndpoints
{
    public static IEndpointRouteBuilder MapTagEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/customers/tags").WithTags("客户标签").RequireAuthorization(CustomerPermissions.Read).DisableAntiforgery();
        var manage = api.MapGroup("").RequireAuthorization(CustomerPermissions.ManageTags);

        api.MapGet("", async (TagService tags, CancellationToken ct) => TypedResults.Ok(await tags.ListAsync(ct)));
        api.MapGet("/dimensions", async (TagService tags, CancellationToken ct) => TypedResults.Ok(await tags.DimensionsAsync(ct)));
        manage.MapGet("/review", async (TagService tags, CancellationToken ct) => TypedResults.Ok(await tags.ReviewAsync(ct)));
        manage.MapPost("/dimensions", async (TagDimensionInput input, TagService tags, CancellationToken ct) => (await tags.CreateDimensionAsync(input, ct)).ToHttp());
        manage.MapPost("", async (TagInput input, TagService tags, CancellationToken ct) => (await tags.CreateAsync(input, ct)).ToHttp());
        manage.MapPut("/{id:int}", async (int id, TagNameInput input, TagService tags, CancellationToken ct) => (await tags.RenameAsync(id, input, ct)).ToHttp());
        manage.MapDelete("/{id:int}", async (int id, TagService tags, CancellationToken ct) => (await tags.DeleteAsync(id, ct)).ToNoContent());
        manage.MapPost("/{id:int}/synonyms", async (int id, TagNameInput input, TagService tags, CancellationToken ct) => (await tags.AddSynonymAsync(id, input, ct)).ToHttp());
        manage.MapDelete("/{id:int}/synonyms/{name}", async (int id, string name, TagService tags, CancellationToken ct) => (await tags.RemoveSynonymAsync(id, name, ct)).ToHttp());
        manage.MapPost("/{id:int}/merge", async (int id, TagMergeInput input, TagService tags, CancellationToken ct) => (await tags.MergeAsync(id, input, ct)).ToHttp());
        return app;
    }
}
