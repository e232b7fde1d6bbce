using Crm.Abstractions.Results;
using Crm.Dictionaries.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Crm.Dictionaries.Endpoints;

/// <summary>Export and import of a type's entries (CSV/XLSX), on the group that requires
/// <see cref="DictionaryPermissions.Manage"/>. The rules are in <see cref="DictionaryTransfer"/>.</summary>
internal static class DictionaryTransferEndpoints
{
    /// <summary>Largest file accepted for import.</summary>
    public const long MaxImportBytes = 10 * 1024 * 1024;

    public static RouteGroupBuilder MapDictionaryTransferEndpoints(this RouteGroupBuilder manage)
    {
        manage.MapGet("/types/{code}/export", async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> (
            string code, string? format, DictionaryTransfer transfer, CancellationToken ct) =>
        {
            var outcome = await transfer.ExportAsync(code, format, ct);
            if (outcome.Errors is not null) return Invalid(outcome);
            if (!outcome.Succeeded) return Problem(outcome);
            var file = outcome.Value!;
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        });

        manage.MapPost("/types/{code}/import", async Task<Results<Ok<DictionaryImportResult>, ValidationProblem, ProblemHttpResult>> (
            string code, HttpRequest request, DictionaryTransfer transfer, CancellationToken ct) =>
        {
            if (!request.HasFormContentType) return BadFile("请以 multipart/form-data 上传文件（字段名 file）");
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            if (file is null || file.Length == 0) return BadFile("请选择要导入的文件（字段名 file）");
            if (file.Length > MaxImportBytes) return BadFile($"文件不能超过 {MaxImportBytes / 1024 / 1024} MB");
            var encoding = Value(form, request, "encoding");
            var dryRunText = Value(form, request, "dryRun");
            var dryRun = false;
            if (dryRunText is not null && !bool.TryParse(dryRunText, out dryRun)) return BadFile("dryRun 只能是 true 或 false");

            await using var content = new MemoryStream();
            await file.CopyToAsync(content, ct);
            content.Position = 0;
            var outcome = await transfer.ImportAsync(code, content, file.FileName, encoding, dryRun, ct);
            return outcome.Errors is not null ? Invalid(outcome) : outcome.ToHttp();
        }).DisableAntiforgery();
        return manage;
    }

    static string? Value(IFormCollection form, HttpRequest request, string key) =>
        form.TryGetValue(key, out var fromForm) && !string.IsNullOrWhiteSpace(fromForm) ? fromForm.ToString()
        : request.Query.TryGetValue(key, out var fromQuery) && !string.IsNullOrWhiteSpace(fromQuery) ? fromQuery.ToString()
        : null;

    static ProblemHttpResult BadFile(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "文件无法导入", detail: detail);

    // Unlike OutcomeHttp's 400, a file's problems carry their own title and all of them as one line in detail
    // (e.g. the reader's message for an unreadable file).
    static ValidationProblem Invalid<T>(Outcome<T> outcome) =>
        TypedResults.ValidationProblem(outcome.Errors!, detail: outcome.ErrorText, title: "文件无法导入");

    // The export answers with a file, not Ok<T>, so it takes only OutcomeHttp's 404 and 409.
    static ProblemHttpResult Problem<T>(Outcome<T> outcome) =>
        outcome.NotFound is { } missing ? OutcomeHttp.NotFound(missing) : OutcomeHttp.Conflict(outcome.Conflict!, outcome.Current);
}
