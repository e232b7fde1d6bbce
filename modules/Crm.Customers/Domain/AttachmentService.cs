using System.Globalization;
using System.Security.Cryptography;
using Crm.Abstractions.Data;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Crm.Customers.Domain;

/// <summary>附件 of a customer (optionally of one of its needs). The content is stored once per SHA-256 under
/// <c>{data}/attachments/{sha[0..2]}/{sha}</c>; the name the user gave is kept in the row for display and download
/// only and never becomes part of a path. The content type follows from the extension, not from the client.</summary>
internal sealed class AttachmentService(CustomersDbContext db, CustomerAccess access, ICrmDatabase database, IOptions<CustomerSettings> settings)
{
    const string WhatCustomer = "客户";
    const string What = "附件";
    static readonly FileExtensionContentTypeProvider ContentTypes = new();

    string Root => Path.Combine(database.DataFolder, "attachments");

    public async Task<Outcome<IReadOnlyList<AttachmentView>>> ListAsync(long customerId, long? needId, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is null) return Outcome<IReadOnlyList<AttachmentView>>.Missing(WhatCustomer);
        var query = db.Attachments.AsNoTracking().Where(a => a.CustomerId == customerId);
        if (needId is { } need) query = query.Where(a => a.NeedId == need);
        return await query.OrderByDescending(a => a.Id).Select(a => View(a)).ToListAsync(ct);
    }

    /// <summary>Stores one uploaded file; <paramref name="length"/> is what the client declared, checked again while reading.</summary>
    public async Task<Outcome<AttachmentView>> UploadAsync(long customerId, long? needId, string? fileName, long length, Stream content, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is not { } customer) return Outcome<AttachmentView>.Missing(WhatCustomer);
        var limits = settings.Value;
        var name = DisplayName(fileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (name.Length == 0) return Outcome<AttachmentView>.Invalid("file", "请选择要上传的文件");
        if (!limits.AttachmentExtensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
            return Outcome<AttachmentView>.Invalid("file", $"不支持的文件类型「{(extension.Length == 0 ? "无扩展名" : extension)}」，允许的类型：{string.Join("、", limits.AttachmentExtensions)}");
        var tooLarge = $"文件不能超过 {Size(limits.AttachmentMaxBytes)}";
        if (length > limits.AttachmentMaxBytes) return Outcome<AttachmentView>.Invalid("file", tooLarge);
        if (length == 0) return Outcome<AttachmentView>.Invalid("file", "不能上传空文件");
        if (needId is { } need && !await db.Needs.AnyAsync(n => n.Id == need && n.CustomerId == customerId, ct))
            return Outcome<AttachmentView>.Invalid("needId", "需求不存在或不属于该客户");

        if (await StoreAsync(content, limits.AttachmentMaxBytes, ct) is not var (sha, size)) return Outcome<AttachmentView>.Invalid("file", tooLarge);
        var attachment = new Attachment
        {
            CustomerId = customerId,
            NeedId = needId,
            FileName = name,
            ContentType = ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream",
            Size = size,
            Sha256 = sha,
            UploadedBy = access.User.UserId,
            UploadedAt = DateTime.UtcNow,
        };
        db.Attachments.Add(attachment);
        customer.UpdatedAt = attachment.UploadedAt;
        await db.SaveChangesAsync(ct);
        return View(attachment);
    }

    public async Task<Outcome<AttachmentFile>> OpenAsync(long customerId, long attachmentId, CancellationToken ct)
    {
        if (await FindAsync(customerId, attachmentId, ct) is not var (_, attachment)) return Outcome<AttachmentFile>.Missing(What);
        var path = PathOf(attachment.Sha256);
        return File.Exists(path) ? new AttachmentFile(path, attachment.FileName, attachment.ContentType) : Outcome<AttachmentFile>.Missing("附件文件");
    }

    /// <summary>Deletes the row; the stored file goes when no other attachment has the same content.</summary>
    public async Task<Outcome<bool>> DeleteAsync(long customerId, long attachmentId, CancellationToken ct)
    {
        if (await FindAsync(customerId, attachmentId, ct) is not var (customer, attachment)) return Outcome<bool>.Missing(What);
        db.Attachments.Remove(attachment);
        customer.UpdatedAt = DateTime.UtcNow;
        await db.SaveChangesAsync(ct);
        if (!await db.Attachments.AnyAsync(a => a.Sha256 == attachment.Sha256, ct))
            File.Delete(PathOf(attachment.Sha256));
        return true;
    }

    /// <summary>Copies the content to a temporary file beside the store while hashing it, then moves it to its hash's
    /// place (same folder tree, so the move is a rename); identical content already stored is kept and the copy dropped.
    /// Null when the content is longer than <paramref name="maxBytes"/>.</summary>
    async Task<(string Sha, long Size)?> StoreAsync(Stream content, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}.tmp");
        try
        {
            string sha;
            long size = 0;
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > maxBytes) return null;
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            var target = PathOf(sha);
            if (!File.Exists(target))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                try
                {
                    File.Move(temp, target);
                }
                catch (IOException) when (File.Exists(target))
                {
                    // The same content arrived at the same moment from someone else: theirs is as good as ours.
                }
            }
            return (sha, size);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    string PathOf(string sha) => Path.Combine(Root, sha[..2], sha);

    /// <summary>The file name for display: the last part of whatever path the browser sent, without control characters.</summary>
    internal static string DisplayName(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim().TrimStart('.');
        return name.Length <= 255 ? name : name[..(255 - Path.GetExtension(name).Length)] + Path.GetExtension(name);
    }

    static string Size(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.##} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.##} KB");

    async Task<(Customer, Attachment)?> FindAsync(long customerId, long attachmentId, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is not { } customer) return null;
        return await db.Attachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.CustomerId == customerId, ct) is { } attachment ? (customer, attachment) : null;
    }

    static AttachmentView View(Attachment a) => new(a.Id, a.CustomerId, a.NeedId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt);
}

public sealed record AttachmentView(long Id, long CustomerId, long? NeedId, string FileName, string ContentType, long Size, string Sha256, Guid? UploadedBy, DateTime UploadedAt);

/// <summary>A stored attachment to send: where it is, and the name and type to send it with.</summary>
internal sealed record AttachmentFile(string Path, string FileName, string ContentType);
