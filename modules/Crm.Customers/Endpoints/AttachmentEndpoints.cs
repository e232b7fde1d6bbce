using Crm.Abstractions.Results;
using Crm.Customers.Domain;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Crm.Customers.Endpoints;

/// <summary>Attachments under <c>/api/customers/{id}/attachments</c>: list and download with read, upload (multipart
/// form: one <c>file</c>, optional <c>needId</c>) and delete with edit.</summary>
internal static class AttachmentEndpoints
{
    public static RouteGroupBuilder MapAttachmentEndpoints(this RouteGroupBuilder customers)
    {
        var attachments = customers.MapGroup("/{id:long}/attachments");
        attachments.MapGet("", async (long id, long? needId, AttachmentService service, CancellationToken ct) =>
            (await service.ListAsync(id, needId, ct)).ToHttp());
        // Sent as a download (Content-Disposition: attachment, UTF-8 file name), never shown inline in the browser.
        attachments.MapGet("/{attachmentId:long}", async (long id, long attachmentId, AttachmentService service, CancellationToken ct) =>
        {
            var outcome = await service.OpenAsync(id, attachmentId, ct);
            return outcome.Value is { } file ? TypedResults.PhysicalFile(file.Path, file.ContentType, file.FileName) : (IResult)outcome.ToHttp();
        });
        attachments.MapPost("", async (long id, HttpRequest request, AttachmentService service, CancellationToken ct) =>
        {
            if (!request.HasFormContentType) return OutcomeHttp.Validation("file", "请以 multipart/form-data 表单上传一个文件");
            var form = await request.ReadFormAsync(ct);
            if (form.Files.Count != 1) return OutcomeHttp.Validation("file", "每次上传一个文件");
            long? needId = null;
            if (form.TryGetValue("needId", out var needText) && !string.IsNullOrWhiteSpace(needText))
            {
                if (!long.TryParse(needText, out var parsed)) return OutcomeHttp.Validation("needId", "需求编号无效");
                needId = parsed;
            }
            var file = form.Files[0];
            await using var content = file.OpenReadStream();
            return (IResult)(await service.UploadAsync(id, needId, file.FileName, file.Length, content, ct)).ToCreated(a => $"/api/customers/{id}/attachments/{a.Id}");
        }).RequireAuthorization(CustomerPermissions.Edit);
        attachments.MapDelete("/{attachmentId:long}", async (long id, long attachmentId, AttachmentService service, CancellationToken ct) =>
            (await service.DeleteAsync(id, attachmentId, ct)).ToNoContent()).RequireAuthorization(CustomerPermissions.Edit);
        return customers;
    }
}
