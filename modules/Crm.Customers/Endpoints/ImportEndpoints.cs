using Crm.Abstractions.Results;
using Crm.Customers.Import;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace Crm.Customers.Endpoints;

/// <summary>The import API under <c>/api/customers/imports</c> and <c>/api/customers/import-mappings</c>, all with
/// <see cref="CustomerPermissions.Import"/>. A batch of someone else is 404 unless the user has
/// <see cref="CustomerPermissions.Merge"/> (data administrators).</summary>
internal static class ImportEndpoints
{
    public static IEndpointRouteBuilder MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/customers/imports").WithTags("客户导入").RequireAuthorization(CustomerPermissions.Import).DisableAntiforgery();

        // Multipart form: file, kind (customers|contacts), optional encoding, sheet and mapping (a template name).
        // The size limit is the module's own setting (checked before reading), not the server's default body limit.
        imports.MapPost("", async (HttpRequest request, ImportService service, CancellationToken ct) =>
        {
            var upload = await ImportUploadForm.ReadAsync(request, service, ct);
            return (IResult)upload.ToCreated(u => $"/api/customers/imports/{u.Batch.Id}");
        }).WithMetadata(new NoRequestSizeLimit());
        imports.MapGet("", async (long? after, int? take, ImportService service, CancellationToken ct) =>
            TypedResults.Ok(await service.HistoryAsync(after, take ?? 50, ct)));
        imports.MapGet("/{id:long}", async (long id, ImportService service, CancellationToken ct) =>
            (await service.GetAsync(id, ct)).ToHttp());
        imports.MapPost("/{id:long}/analyze", async (long id, ImportOptions options, ImportService service, CancellationToken ct) =>
            (await service.AnalyzeAsync(id, options, ct)).ToHttp());
        imports.MapPost("/{id:long}/run", async (long id, ImportOptions options, ImportService service, CancellationToken ct) =>
            Accepted(id, await service.StartAsync(id, options, ct)));
        imports.MapPost("/{id:long}/resume", async (long id, ImportService service, CancellationToken ct) =>
            Accepted(id, await service.ResumeAsync(id, ct)));
        imports.MapGet("/{id:long}/errors", async (long id, ImportService service, CancellationToken ct) =>
        {
            var outcome = await service.ErrorFileAsync(id, ct);
            return outcome.Value is { } file ? TypedResults.PhysicalFile(file.Path, file.ContentType, file.FileName) : (IResult)outcome.ToHttp();
        });
        imports.MapPost("/{id:long}/undo", async (long id, ImportService service, CancellationToken ct) =>
            (await service.UndoAsync(id, ct)).ToHttp());

        var mappings = app.MapGroup("/api/customers/import-mappings").WithTags("客户导入").RequireAuthorization(CustomerPermissions.Import).DisableAntiforgery();
        mappings.MapGet("", async (ImportKind? kind, ImportMappings service, CancellationToken ct) =>
            TypedResults.Ok(await service.ListAsync(kind, ct)));
        mappings.MapGet("/{name}", async (string name, ImportMappings service, CancellationToken ct) =>
            (await service.GetAsync(name, ct)).ToHttp());
        mappings.MapPut("/{name}", async (string name, ImportMappingInput input, ImportMappings service, CancellationToken ct) =>
            (await service.SaveAsync(name, input, ct)).ToHttp());
        mappings.MapDelete("/{name}", async (string name, ImportMappings service, CancellationToken ct) =>
            (await service.DeleteAsync(name, ct)).ToNoContent());
        return app;
    }

    /// <summary>202 with the batch (its progress is polled with GET), or the problem.</summary>
    static IResult Accepted(long id, Outcome<ImportBatchView> outcome) =>
        outcome.Value is { } batch && outcome.Succeeded ? TypedResults.Accepted($"/api/customers/imports/{id}", batch) : outcome.ToHttp();

    sealed class NoRequestSizeLimit : IRequestSizeLimitMetadata
    {
        public long? MaxRequestBodySize => null;
    }
}
