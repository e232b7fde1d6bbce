using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Abstractions.Results;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>Contacts of a customer the user may see. A customer with contacts has exactly one primary contact:
/// the first becomes primary, a second primary is refused, and <see cref="MakePrimaryAsync"/> moves the flag.</summary>
internal sealed class ContactService(
    CustomersDbContext db,
    CustomerAccess access,
    PersonalData personal,
    DictionaryLabels labels,
    CustomerViews views,
    IAuditLog audit)
{
    const string WhatCustomer = "客户";
    const string What = "联系人";

    public async Task<Outcome<IReadOnlyList<ContactView>>> ListAsync(long customerId, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is null) return Outcome<IReadOnlyList<ContactView>>.Missing(WhatCustomer);
        var contacts = await db.Contacts.AsNoTracking().Where(x => x.CustomerId == customerId)
            .OrderByDescending(x => x.IsPrimary).ThenBy(x => x.Id).ToListAsync(ct);
        var list = new List<ContactView>();
        foreach (var contact in contacts) list.Add(await views.ContactAsync(contact, ct));
        return list;
    }

    public async Task<Outcome<ContactView>> CreateAsync(long customerId, ContactInput input, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is not { } customer) return Outcome<ContactView>.Missing(WhatCustomer);
        var primary = await db.Contacts.Where(x => x.CustomerId == customerId && x.IsPrimary).Select(x => x.Name).FirstOrDefaultAsync(ct);
        var contact = new Contact { CustomerId = customerId };
        var errors = new FieldErrors();
        ContactRules.Apply(contact, input with { IsPrimary = input.IsPrimary || primary is null }, personal, errors);
        await labels.CheckAsync(errors, "decisionRoleCode", "决策链角色", DictionaryTypes.DecisionRole, contact.DecisionRoleCode, null, ct);
        if (input.IsPrimary && primary is not null)
            errors.Add("isPrimary", $"已有主要联系人「{primary}」，每个客户只能有一个；请用“设为主要联系人”更换");
        if (errors.Any) return Outcome<ContactView>.Invalid(errors);
        contact.CreatedAt = contact.UpdatedAt = DateTime.UtcNow;
        db.Contacts.Add(contact);
        Touch(customer);
        await db.SaveChangesAsync(ct);
        return await views.ContactAsync(contact, ct);
    }

    public async Task<Outcome<ContactView>> UpdateAsync(long customerId, long contactId, ContactInput input, CancellationToken ct)
    {
        if (await FindAsync(customerId, contactId, ct) is not var (customer, contact)) return Outcome<ContactView>.Missing(What);
        if (input.Version is { } version && version != contact.Version)
            return Outcome<ContactView>.Stale(await views.ContactAsync(contact, ct));
        var errors = new FieldErrors();
        var wasPrimary = contact.IsPrimary;
        var previousRole = contact.DecisionRoleCode;
        ContactRules.Apply(contact, input with { IsPrimary = wasPrimary }, personal, errors);
        await labels.CheckAsync(errors, "decisionRoleCode", "决策链角色", DictionaryTypes.DecisionRole, contact.DecisionRoleCode, previousRole, ct);
        if (input.IsPrimary && !wasPrimary)
            errors.Add("isPrimary", "每个客户只能有一个主要联系人；请用“设为主要联系人”更换");
        if (!input.IsPrimary && wasPrimary)
            errors.Add("isPrimary", "主要联系人不能直接取消；请把另一位联系人设为主要联系人");
        if (errors.Any)
        {
            db.ChangeTracker.Clear();
            return Outcome<ContactView>.Invalid(errors);
        }
        if (!db.Entry(contact).Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
            return await views.ContactAsync(contact, ct);
        contact.UpdatedAt = DateTime.UtcNow;
        contact.Version++;
        Touch(customer);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await FindAsync(customerId, contactId, ct) is var (_, current) ? Outcome<ContactView>.Stale(await views.ContactAsync(current, ct)) : Outcome<ContactView>.Missing(What);
        }
        return await views.ContactAsync(contact, ct);
    }

    /// <summary>Makes this contact the primary one and the previous primary an ordinary contact, in one save.</summary>
    public async Task<Outcome<ContactView>> MakePrimaryAsync(long customerId, long contactId, CancellationToken ct)
    {
        if (await FindAsync(customerId, contactId, ct) is not var (customer, contact)) return Outcome<ContactView>.Missing(What);
        if (contact.IsPrimary) return await views.ContactAsync(contact, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var other in await db.Contacts.Where(x => x.CustomerId == customerId && x.IsPrimary).ToListAsync(ct))
        {
            other.IsPrimary = false;
            other.Version++;
        }
        // The unique index allows one primary per customer, so the old one is cleared first.
        await db.SaveChangesAsync(ct);
        contact.IsPrimary = true;
        contact.Version++;
        Touch(customer);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await views.ContactAsync(contact, ct);
    }

    public async Task<Outcome<bool>> DeleteAsync(long customerId, long contactId, CancellationToken ct)
    {
        if (await FindAsync(customerId, contactId, ct) is not var (customer, contact)) return Outcome<bool>.Missing(What);
        if (contact.IsPrimary && await db.Contacts.AnyAsync(x => x.CustomerId == customerId && x.Id != contactId, ct))
            return Outcome<bool>.Conflicting("这是主要联系人：请先把另一位联系人设为主要联系人，再删除");
        db.Contacts.Remove(contact);
        Touch(customer);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>One personal field in full, for a user with the reveal permission; written to the audit log.</summary>
    public async Task<Outcome<RevealedValue>> RevealAsync(long customerId, long contactId, PiiField field, CancellationToken ct)
    {
        if (await FindAsync(customerId, contactId, ct) is not var (customer, contact)) return Outcome<RevealedValue>.Missing(What);
        var (cipher, label) = field switch
        {
            PiiField.Mobile => (contact.MobileCipher, "手机号"),
            PiiField.OfficePhone => (contact.OfficePhoneCipher, "办公电话"),
            PiiField.Email => (contact.EmailCipher, "邮箱"),
            _ => (null, null),
        };
        if (label is null) return Outcome<RevealedValue>.Invalid("field", "只能查看联系人的手机号、办公电话或邮箱");
        await audit.WriteAsync(new AuditRecord("reveal", nameof(Contact), contact.Id.ToString(),
            Summary: $"查看客户 {customer.Code} 联系人「{contact.Name}」的完整{label}"), ct);
        return new RevealedValue(field, personal.Reveal(cipher));
    }

    async Task<(Customer, Contact)?> FindAsync(long customerId, long contactId, CancellationToken ct)
    {
        if (await access.FindAsync(customerId, ct) is not { } customer) return null;
        return await db.Contacts.FirstOrDefaultAsync(x => x.Id == contactId && x.CustomerId == customerId, ct) is { } contact ? (customer, contact) : null;
    }

    static void Touch(Customer customer) => customer.UpdatedAt = DateTime.UtcNow;
}
