using Crm.Abstractions.Results;
using Crm.Customers.Import;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Crm.Customers.Endpoints;

/// <summary>Reads the upload form as a stream (the file goes straight to the data folder, never into memory) and
/// refuses a file over the size limit before reading it when the request says how long it is.</summary>
internal static class ImportUploadForm
{
    // Multipart boundaries and the small form fields around the file.
    const long FormOverhead = 16 * 1024;

    public static async Task<Outcome<ImportUpload>> ReadAsync(HttpRequest request, ImportService service, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
            return Outcome<ImportUpload>.Invalid("file", "请以 multipart/form-data 表单上传一个文件");
        if (request.ContentLength is { } length && length - FormOverhead > service.MaxBytes)
            return Outcome<ImportUpload>.Invalid("file", ImportService.TooLarge(length, service.MaxBytes));

        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        ImportService.StoredUpload? stored = null;
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (stored is not null) return Outcome<ImportUpload>.Invalid("file", "每次上传一个文件");
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "";
                    var outcome = await service.StoreAsync(fileName, section.Body, ct);
                    if (!outcome.Succeeded) return outcome.As<ImportUpload>();
                    stored = outcome.Value;
                }
                else
                {
                    using var text = new StreamReader(section.Body);
                    fields[name] = await text.ReadToEndAsync(ct);
                }
            }
            if (stored is null) return Outcome<ImportUpload>.Invalid("file", "请选择要导入的文件");

            var kindText = fields.GetValueOrDefault("kind");
            ImportKind kind;
            if (string.IsNullOrWhiteSpace(kindText)) kind = ImportKind.Customers;
            else if (!Enum.TryParse(kindText, ignoreCase: true, out kind) || !Enum.IsDefined(kind))
                return Outcome<ImportUpload>.Invalid("kind", "导入类型只能是 customers（客户）或 contacts（联系人）");
            var upload = await service.UploadAsync(stored, kind, Blank(fields.GetValueOrDefault("encoding")), Blank(fields.GetValueOrDefault("sheet")),
                Blank(fields.GetValueOrDefault("mapping")), ct);
            if (upload.Succeeded) stored = null;
            return upload;
        }
        finally
        {
            stored?.Discard();
        }
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
