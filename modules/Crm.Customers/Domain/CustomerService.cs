using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Events;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>Creating, changing, deleting and restoring customers: every rule of the archive in one place, used by the
/// pages, the API and (later) the import. Reads go through <see cref="CustomerAccess"/>, so out-of-scope is 404.</summary>
internal sealed class CustomerService(
    CustomersDbContext db,
    CustomerAccess access,
    PersonalData personal,
    DictionaryLabels labels,
    TagRules tagRules,
    CustomerViews views,
    IAuditReason auditReason,
    IAuditLog audit,
    ICrmEventBus events)
{
    const string What = "客户";

    /// <summary>A customer in scope; a deleted one only for users who may restore it.</summary>
    public async Task<Outcome<CustomerDetail>> GetAsync(long id, bool deleted, CancellationToken ct) =>
        (!deleted || access.User.HasPermission(CustomerPermissions.Delete)) && await access.FindAsync(id, ct, deleted) is { } customer
            ? await views.DetailAsync(customer, ct)
            : Outcome<CustomerDetail>.Missing(What);

    public async Task<Outcome<CustomerDetail>> CreateAsync(CustomerInput input, CancellationToken ct)
    {
        // Nothing an earlier operation of the circuit left tracked is saved with the new customer.
        db.ChangeTracker.Clear();
        var user = access.User;
        var errors = new FieldErrors();
        var customer = new Customer { OwnerId = input.OwnerId ?? user.UserId ?? Guid.Empty, StatusCode = input.StatusCode ?? CustomerStatus.Potential };
        var owner = await ApplyAsync(customer, input, isNew: true, errors, ct);

        Contact? contact = null;
        if (input.PrimaryContact is { } contactInput)
        {
            contact = new Contact { IsPrimary = true };
            ContactRules.Apply(contact, contactInput with { IsPrimary = true }, personal, errors, "primaryContact.");
            await labels.CheckAsync(errors, "primaryContact.decisionRoleCode", "决策链角色", DictionaryTypes.DecisionRole, contact.DecisionRoleCode, null, ct);
        }
        var tagIds = input.TagIds ?? [];
        if (await tagRules.CheckAsync(tagIds, ct) is { } tagError) errors.Add("tagIds", tagError);
        if (customer.ValueTierManual && string.IsNullOrWhiteSpace(input.Reason))
            errors.Add("reason", CustomerRules.ManualTierNeedsReason);
        if (errors.Any) return Outcome<CustomerDetail>.Invalid(errors);
        if (await DuplicateAsync(customer, ct) is { } duplicate) return Outcome<CustomerDetail>.Invalid(duplicate);

        var now = DateTime.UtcNow;
        customer.DepartmentId = owner!.DepartmentId;
        customer.CreatedAt = customer.UpdatedAt = now;
        customer.CreatedBy = user.UserId;
        if (contact is not null)
        {
            contact.CreatedAt = contact.UpdatedAt = now;
            customer.Contacts.Add(contact);
        }
        await ReplaceTagsAsync(customer, tagIds, ct);

        auditReason.Reason = input.Reason;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            customer.Code = CodeSequence.Format(await CodeSequence.ReserveAsync(db, 1, ct));
            db.Customers.Add(customer);
            if (await SaveAsync(ct) is { } conflict) return Outcome<CustomerDetail>.Invalid(conflict);
            await transaction.CommitAsync(ct);
        }
        await WriteTagChangeAsync(customer, ct);
        await events.PublishAsync(new CustomerCreated(customer.Id, customer.Code, customer.Name, customer.OwnerId, customer.DepartmentId), ct);
        return await views.DetailAsync(customer, ct);
    }

    public async Task<Outcome<CustomerDetail>> UpdateAsync(long id, CustomerInput input, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } customer) return Outcome<CustomerDetail>.Missing(What);
        await db.Entry(customer).Collection(c => c.Tags).LoadAsync(ct);
        if (input.Version is { } version && version != customer.Version)
            return Outcome<CustomerDetail>.Stale(await views.DetailAsync(customer, ct));

        var before = (customer.Name, customer.CreditCode, customer.StatusCode, customer.OwnerId, customer.ValueTierCode, customer.ValueTierManual);
        var errors = new FieldErrors();
        if (input.OwnerId is { } ownerId) customer.OwnerId = ownerId;
        if (input.StatusCode is { } status) customer.StatusCode = status;
        var owner = await ApplyAsync(customer, input, isNew: false, errors, ct);
        // Saved by a person: whatever the import flagged (待修正) has been looked at.
        customer.ReviewNote = null;
        if (input.TagIds is { } tagIds && await tagRules.CheckAsync(tagIds, ct) is { } tagError) errors.Add("tagIds", tagError);

        var keyChanged = before.Name != customer.Name || before.CreditCode != customer.CreditCode || before.StatusCode != customer.StatusCode
            || before.OwnerId != customer.OwnerId || before.ValueTierCode != customer.ValueTierCode || before.ValueTierManual != customer.ValueTierManual;
        if (keyChanged && string.IsNullOrWhiteSpace(input.Reason))
            errors.Add("reason", CustomerRules.KeyChangeNeedsReason);
        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return Outcome<CustomerDetail>.Invalid(errors);
        }
        if (await DuplicateAsync(customer, ct) is { } duplicate)
        {
            db.ChangeTracker.Clear();
            return Outcome<CustomerDetail>.Invalid(duplicate);
        }
        customer.DepartmentId = owner?.DepartmentId ?? customer.DepartmentId;
        if (input.TagIds is { } newTags) await ReplaceTagsAsync(customer, newTags, ct);

        var changed = db.Entry(customer).Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
            .Select(p => p.Metadata.Name).ToList();
        if (changed.Count == 0 && !db.ChangeTracker.HasChanges()) return await views.DetailAsync(customer, ct);
        customer.UpdatedAt = DateTime.UtcNow;
        customer.Version++;
        auditReason.Reason = input.Reason?.Trim();
        try
        {
            if (await SaveAsync(ct) is { } conflict) return Outcome<CustomerDetail>.Invalid(conflict);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await StaleAsync(id, ct);
        }

        if (pendingTagChange is not null) changed.Add("Tags");
        await WriteTagChangeAsync(customer, ct);
        await events.PublishAsync(new CustomerUpdated(customer.Id, changed), ct);
        if (before.StatusCode != customer.StatusCode)
            await events.PublishAsync(new CustomerStatusChanged(customer.Id, before.StatusCode, customer.StatusCode, auditReason.Reason), ct);
        if (before.OwnerId != customer.OwnerId)
            await events.PublishAsync(new CustomerOwnerChanged(customer.Id, before.OwnerId, customer.OwnerId, auditReason.Reason), ct);
        return await views.DetailAsync(customer, ct);
    }

    /// <summary>Soft delete (回收站): the customer disappears from lists and lookups and can be restored.</summary>
    public async Task<Outcome<bool>> DeleteAsync(long id, string? reason, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } customer) return Outcome<bool>.Missing(What);
        customer.DeletedAt = customer.UpdatedAt = DateTime.UtcNow;
        customer.Version++;
        auditReason.Reason = reason?.Trim();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Outcome<CustomerDetail>> RestoreAsync(long id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct, deleted: true) is not { } customer) return Outcome<CustomerDetail>.Missing(What);
        if (customer.MergedIntoId is { } survivor)
            return Outcome<CustomerDetail>.Conflicting($"不能恢复：该客户已合并到客户 #{survivor}，联系人和跟进记录都已移到那里");
        if (await DuplicateAsync(customer, ct) is { } duplicate)
            return Outcome<CustomerDetail>.Conflicting("不能恢复：" + string.Join("；", duplicate.ToDictionary().SelectMany(e => e.Value)));
        customer.DeletedAt = null;
        customer.UpdatedAt = DateTime.UtcNow;
        customer.Version++;
        await db.SaveChangesAsync(ct);
        return await views.DetailAsync(customer, ct);
    }

    /// <summary>Shows an individual customer's ID number in full, for a user with the reveal permission; audited.</summary>
    public async Task<Outcome<RevealedValue>> RevealIdNumberAsync(long id, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } customer) return Outcome<RevealedValue>.Missing(What);
        await audit.WriteAsync(new AuditRecord("reveal", nameof(Customer), id.ToString(), Summary: $"查看客户 {customer.Code} 的完整身份证号"), ct);
        return new RevealedValue(PiiField.IdNumber, personal.Reveal(customer.IdNumberCipher));
    }

    /// <summary>Adds or removes tags of one customer; the limit of custom tags holds.</summary>
    public async Task<Outcome<CustomerDetail>> SetTagsAsync(long id, IReadOnlyList<int> tagIds, CancellationToken ct)
    {
        if (await access.FindAsync(id, ct) is not { } customer) return Outcome<CustomerDetail>.Missing(What);
        if (await tagRules.CheckAsync(tagIds, ct) is { } tagError) return Outcome<CustomerDetail>.Invalid("tagIds", tagError);
        await db.Entry(customer).Collection(c => c.Tags).LoadAsync(ct);
        await ReplaceTagsAsync(customer, tagIds, ct);
        if (pendingTagChange is null) return await views.DetailAsync(customer, ct);
        // Tags are part of the customer's form: a form opened before this change must be stale.
        customer.UpdatedAt = DateTime.UtcNow;
        customer.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            pendingTagChange = null;
            return await StaleAsync(id, ct);
        }
        await WriteTagChangeAsync(customer, ct);
        await events.PublishAsync(new CustomerUpdated(customer.Id, ["Tags"]), ct);
        return await views.DetailAsync(customer, ct);
    }

    /// <summary>Someone saved between our read and our write: the 409 shows what is there now (404 if it is gone).</summary>
    async Task<Outcome<CustomerDetail>> StaleAsync(long id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        return await access.FindAsync(id, ct) is { } current ? Outcome<CustomerDetail>.Stale(await views.DetailAsync(current, ct)) : Outcome<CustomerDetail>.Missing(What);
    }

    /// <summary>Sets the customer's tags and records the change in the audit log as one field, old → new names (the
    /// links themselves are not audited entities).</summary>
    async Task ReplaceTagsAsync(Customer customer, IReadOnlyList<int> tagIds, CancellationToken ct)
    {
        var wanted = tagIds.ToHashSet();
        var before = customer.Tags.Select(t => t.TagId).ToHashSet();
        if (before.SetEquals(wanted)) return;
        customer.Tags.RemoveAll(t => !wanted.Contains(t.TagId));
        foreach (var tagId in wanted.Where(t => !before.Contains(t)))
            customer.Tags.Add(new CustomerTag { CustomerId = customer.Id, TagId = tagId });
        var names = await db.Tags.AsNoTracking().Where(t => before.Contains(t.Id) || wanted.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        string Names(IEnumerable<int> ids) => string.Join("、", ids.Select(id => names.GetValueOrDefault(id, id.ToString())).Order(StringComparer.Ordinal));
        pendingTagChange = new AuditFieldChange("Tags", Names(before), Names(wanted));
    }

    AuditFieldChange? pendingTagChange;

    async Task WriteTagChangeAsync(Customer customer, CancellationToken ct)
    {
        if (pendingTagChange is null) return;
        await audit.WriteAsync(new AuditRecord("update", nameof(Customer), customer.Id.ToString(), [pendingTagChange], auditReason.Reason), ct);
        pendingTagChange = null;
    }

    /// <summary>Copies and checks the form's fields onto the customer (<see cref="CustomerRules"/>), then the dictionary
    /// codes and the owner; returns the owner (null when unknown).</summary>
    async Task<UserInfo?> ApplyAsync(Customer customer, CustomerInput input, bool isNew, FieldErrors errors, CancellationToken ct)
    {
        var previous = isNew ? null : CustomerRules.DictionaryCodes(customer);
        CustomerRules.Apply(customer, input, isNew, personal, errors);
        var codes = CustomerRules.DictionaryCodes(customer);
        for (var i = 0; i < CustomerRules.DictionaryChecks.Count; i++)
        {
            var check = CustomerRules.DictionaryChecks[i];
            await labels.CheckAsync(errors, check.Field, check.Label, check.TypeCode, codes[i], previous?[i], ct);
        }

        var owner = await access.FindUserAsync(customer.OwnerId, ct);
        var unchangedOwner = !isNew && db.Entry(customer).Property(c => c.OwnerId).OriginalValue == customer.OwnerId;
        if (!unchangedOwner && await access.CheckOwnerAsync(owner, ct) is { } ownerProblem) errors.Add("ownerId", ownerProblem);
        return owner;
    }

    /// <summary>Name, credit code and ID number are unique among customers not deleted — including those outside the
    /// user's scope (the message then says only that it exists, not whose it is).</summary>
    async Task<FieldErrors?> DuplicateAsync(Customer customer, CancellationToken ct)
    {
        var others = db.Customers.AsNoTracking().Where(c => c.DeletedAt == null && c.Id != customer.Id);
        var errors = new FieldErrors();
        if (await others.AnyAsync(c => c.NameKey == customer.NameKey, ct))
            errors.Add("name", CustomerRules.DuplicateName(customer.Name));
        if (customer.CreditCode is { } code && await others.AnyAsync(c => c.CreditCode == code, ct))
            errors.Add("creditCode", CustomerRules.DuplicateCreditCode(code));
        if (customer.IdNumberHash is { } hash && await others.AnyAsync(c => c.IdNumberHash == hash, ct))
            errors.Add("idNumber", CustomerRules.DuplicateIdNumber);
        return errors.Any ? errors : null;
    }

    /// <summary>Saves; a unique index hit by a concurrent writer becomes the same field error as the check above.</summary>
    async Task<FieldErrors?> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && e.InnerException?.Message is { } message && message.Contains("UNIQUE"))
        {
            db.ChangeTracker.Clear();
            return message.Contains("NameKey") ? new FieldErrors().Add("name", "客户名称已存在")
                : message.Contains("CreditCode") ? new FieldErrors().Add("creditCode", "统一社会信用代码已被其他客户使用")
                : message.Contains("IdNumberHash") ? new FieldErrors().Add("idNumber", CustomerRules.DuplicateIdNumber)
                : new FieldErrors().Add("", "保存失败：数据重复");
        }
    }
}
