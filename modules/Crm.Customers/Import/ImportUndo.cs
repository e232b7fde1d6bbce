using System.Globalization;
using System.Text.Json;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Crm.Customers.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Customers.Import;

/// <summary>Undoes a batch from what it recorded (<see cref="ImportChange"/>): customers it created are deleted for
/// good with their contacts and tags, customers it updated get their previous values back, contacts it added are
/// removed. A customer someone changed since (another version, follow-ups, needs or attachments added) is left as it
/// is and reported; the rest is undone. Audited.</summary>
internal sealed class ImportUndo(CustomersDbContext db, IAuditLog audit, IAuditReason reason)
{
    const int Chunk = 500;

    public async Task<Outcome<ImportUndoResult>> UndoAsync(ImportBatch batch, CancellationToken ct)
    {
        if (batch.Status is ImportStatus.Running or ImportStatus.Uploaded)
            return Outcome<ImportUndoResult>.Conflicting(batch.Status == ImportStatus.Running ? "导入正在进行，完成或中断后才能撤销" : "该批次还没有导入数据");
        if (batch.Status == ImportStatus.Undone) return Outcome<ImportUndoResult>.Conflicting("该批次已经撤销过了");

        var changes = await db.ImportChanges.AsNoTracking().Where(c => c.BatchId == batch.Id).OrderBy(c => c.Row).ToListAsync(ct);
        var refused = new List<ImportUndoRefusal>();
        var importedUntil = batch.FinishedAt ?? DateTime.UtcNow;
        int removed = 0, restored = 0;
        reason.Reason = $"撤销导入批次 #{batch.Id}";

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var created = changes.Where(c => c.Kind == ImportChangeKind.Created).ToList();
            foreach (var part in created.Chunk(Chunk))
            {
                var edited = await EditedAsync(part, importedUntil, ct);
                foreach (var change in part.Where(c => edited.ContainsKey(c.CustomerId)))
                    refused.Add(new ImportUndoRefusal(change.Row, change.CustomerId, edited[change.CustomerId].Code, edited[change.CustomerId].Reason));
                var ids = part.Select(c => c.CustomerId).Where(id => !edited.ContainsKey(id)).ToList();
                // Hard delete: contacts and tags go with the customer (cascade), and the name index with it (trigger).
                if (ids.Count > 0) removed += await db.Customers.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(ct);
            }

            // Last row first, as the import's own order reversed (the primary contact it added goes after the others).
            foreach (var change in changes.Where(c => c.Kind is ImportChangeKind.Updated or ImportChangeKind.ContactAdded).OrderByDescending(c => c.Row))
            {
                var problem = change.Kind == ImportChangeKind.Updated ? await RestoreAsync(change, ct) : await RemoveContactAsync(change, ct);
                if (problem is null)
                {
                    restored++;
                    continue;
                }
                var code = await db.Customers.Where(c => c.Id == change.CustomerId).Select(c => c.Code).FirstOrDefaultAsync(ct) ?? "";
                refused.Add(new ImportUndoRefusal(change.Row, change.CustomerId, code, problem));
            }

            var tracked = await db.ImportBatches.FirstAsync(b => b.Id == batch.Id, ct);
            tracked.Status = ImportStatus.Undone;
            tracked.UndoneAt = DateTime.UtcNow;
            tracked.Message = $"已撤销：删除新增客户 {removed} 个，恢复 {restored} 个" + (refused.Count > 0 ? $"；{refused.Count} 个客户在导入后被修改过，未撤销" : "");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            batch.Status = tracked.Status;
            batch.UndoneAt = tracked.UndoneAt;
            batch.Message = tracked.Message;
        }
        await audit.WriteAsync(new AuditRecord("undo-import", nameof(ImportBatch), batch.Id.ToString(CultureInfo.InvariantCulture),
            Summary: $"撤销导入「{batch.FileName}」（SHA-256 {batch.Sha256}）：删除 {removed} 个新增客户，恢复 {restored} 项更新，{refused.Count} 项因导入后被修改未撤销"), ct);
        return new ImportUndoResult(removed, restored, refused);
    }

    /// <summary>Created customers that someone touched since the import: why each one is kept.</summary>
    async Task<Dictionary<long, (string Code, string Reason)>> EditedAsync(ImportChange[] part, DateTime importedUntil, CancellationToken ct)
    {
        var ids = part.Select(c => c.CustomerId).ToList();
        var result = new Dictionary<long, (string, string)>();
        var customers = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.Code, c.Version, c.UpdatedAt }).ToListAsync(ct);
        var followUps = await db.FollowUps.Where(f => ids.Contains(f.CustomerId)).Select(f => f.CustomerId).Distinct().ToListAsync(ct);
        var needs = await db.Needs.Where(n => ids.Contains(n.CustomerId)).Select(n => n.CustomerId).Distinct().ToListAsync(ct);
        var attachments = await db.Attachments.Where(a => ids.Contains(a.CustomerId)).Select(a => a.CustomerId).Distinct().ToListAsync(ct);
        foreach (var c in customers)
        {
            var why = c.Version != 0 ? "导入后被编辑过" : followUps.Contains(c.Id) ? "导入后添加了跟进记录"
                : needs.Contains(c.Id) ? "导入后添加了需求" : attachments.Contains(c.Id) ? "导入后添加了附件"
                : c.UpdatedAt > importedUntil ? "导入后被修改过（如添加了联系人）" : null;
            if (why is not null) result[c.Id] = (c.Code, why + "，未删除");
        }
        return result;
    }

    /// <summary>Puts back the values an update replaced, if the customer is still as the import left it.</summary>
    async Task<string?> RestoreAsync(ImportChange change, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var customer = await db.Customers.Include(c => c.Tags).FirstOrDefaultAsync(c => c.Id == change.CustomerId, ct);
        if (customer is null) return "客户已被删除，未恢复";
        if (customer.Version != change.VersionAfter) return "导入后被编辑过，未恢复";
        var before = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(change.BeforeJson ?? "{}", ImportJson.Options) ?? [];
        foreach (var (name, value) in before)
        {
            if (name == ImportChangeColumns.Tags)
            {
                var tags = value.Deserialize<int[]>(ImportJson.Options) ?? [];
                customer.Tags.RemoveAll(t => !tags.Contains(t.TagId));
                foreach (var tag in tags.Where(t => customer.Tags.All(x => x.TagId != t)))
                    customer.Tags.Add(new CustomerTag { CustomerId = customer.Id, TagId = tag });
                continue;
            }
            var property = db.Entry(customer).Property(name);
            property.CurrentValue = value.Deserialize(property.Metadata.ClrType, ImportJson.Options);
        }
        if (change.ContactId is { } contactId)
            await db.Contacts.Where(x => x.Id == contactId && x.Version == 0).ExecuteDeleteAsync(ct);
        customer.Version++;
        customer.UpdatedAt = DateTime.UtcNow;
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 })
        {
            return "原来的名称、信用代码或身份证号已被其他客户使用，未恢复";
        }
    }

    /// <summary>Removes a contact the batch added, unless it was edited since.</summary>
    async Task<string?> RemoveContactAsync(ImportChange change, CancellationToken ct)
    {
        if (change.ContactId is not { } contactId) return null;
        var contact = await db.Contacts.AsNoTracking().Where(x => x.Id == contactId).Select(x => new { x.Version, x.IsPrimary }).FirstOrDefaultAsync(ct);
        if (contact is null) return null;
        if (contact.Version != 0) return "导入的联系人后来被编辑过，未删除";
        if (contact.IsPrimary && await db.Contacts.AnyAsync(x => x.CustomerId == change.CustomerId && x.Id != contactId, ct))
            return "导入的联系人是主要联系人，且客户后来又添加了其他联系人，未删除";
        await db.Contacts.Where(x => x.Id == contactId).ExecuteDeleteAsync(ct);
        return null;
    }
}
