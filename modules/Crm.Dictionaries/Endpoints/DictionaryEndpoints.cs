using Crm.Abstractions.Results;
using Crm.Dictionaries.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crm.Dictionaries.Endpoints;

/// <summary>The dictionaries API under <c>/api/dictionaries</c>: reading for every signed-in user, changes with
/// <see cref="DictionaryPermissions.Manage"/>. The rules are in <see cref="DictionaryService"/>.</summary>
internal static class DictionaryEndpoints
{
    public static IEndpointRouteBuilder MapDictionaryEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/dictionaries").WithTags("数据字典").RequireAuthorization(DictionaryPermissions.Read).DisableAntiforgery();
        var manage = api.MapGroup("").RequireAuthorization(DictionaryPermissions.Manage);

        api.MapGet("/types", async (DictionaryService dictionaries, CancellationToken ct) => TypedResults.Ok(await dictionaries.ListTypesAsync(ct)));
        api.MapGet("/types/{code}", async (string code, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.GetTypeAsync(code, ct)).ToHttp());
        manage.MapPost("/types", async (DictionaryTypeInput input, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.CreateTypeAsync(input, ct)).ToHttp());
        manage.MapPut("/types/{code}", async (string code, DictionaryTypeInput input, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.UpdateTypeAsync(code, input, ct)).ToHttp());
        manage.MapDelete("/types/{code}", async (string code, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.DeleteTypeAsync(code, ct)).ToNoContent());
        manage.MapPut("/types/{code}/order", async (string code, DictionaryOrderInput input, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.ReorderAsync(code, input, ct)).ToHttp());

        const string entry = "/types/{code}/entries/{entryCode}";
        api.MapGet("/types/{code}/entries", async (string code, string? parent, bool? includeDisabled, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.ListEntriesAsync(code, parent, includeDisabled ?? false, ct)).ToHttp());
        api.MapGet(entry, async (string code, string entryCode, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.GetEntryAsync(code, entryCode, ct)).ToHttp());
        api.MapGet(entry + "/usage", async (string code, string entryCode, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.GetUsageAsync(code, entryCode, ct)).ToHttp());
        manage.MapPost("/types/{code}/entries", async (string code, DictionaryEntryInput input, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.CreateEntryAsync(code, input, ct)).ToHttp());
        manage.MapPut(entry, async (string code, string entryCode, DictionaryEntryInput input, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.UpdateEntryAsync(code, entryCode, input, ct)).ToHttp());
        manage.MapDelete(entry, async (string code, string entryCode, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.DeleteEntryAsync(code, entryCode, ct)).ToNoContent());
        manage.MapPost(entry + "/enable", async (string code, string entryCode, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.SetEnabledAsync(code, entryCode, true, ct)).ToHttp());
        manage.MapPost(entry + "/disable", async (string code, string entryCode, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.SetEnabledAsync(code, entryCode, false, ct)).ToHttp());
        manage.MapPost(entry + "/move", async (string code, string entryCode, DictionaryMoveInput input, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.MoveAsync(code, entryCode, input.Direction, ct)).ToHttp());
        manage.MapPost(entry + "/aliases", async (string code, string entryCode, DictionaryAliasInput input, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.AddAliasAsync(code, entryCode, input.Label, ct)).ToHttp());
        manage.MapDelete(entry + "/aliases/{label}", async (string code, string entryCode, string label, DictionaryService dictionaries, CancellationToken ct) =>
            (await dictionaries.RemoveAliasAsync(code, entryCode, label, ct)).ToHttp());
        manage.MapDictionaryTransferEndpoints();
        return app;
    }
}
