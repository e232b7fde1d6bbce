using Crm.Abstractions.Contracts;
using Crm.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Crm.Customers.Domain;

/// <summary>Tells the dictionaries module which entries customers use, so that an entry in use is disabled rather
/// than deleted. Deleted customers count too: they can be restored.</summary>
internal sealed class CustomerDictionaryUsage(CustomersDbContext db) : IDictionaryUsageProvider
{
    public async Task<IReadOnlyList<DictionaryUsage>> CountUsageAsync(string typeCode, string code, CancellationToken cancellationToken = default)
    {
        var usages = new List<DictionaryUsage>();
        foreach (var field in DictionaryFields.All.Where(f => f.TypeCode == typeCode))
        {
            var count = field.Entity switch
            {
                nameof(Customer) => await CountAsync(db.Customers, field.Property, code, cancellationToken),
                nameof(Contact) => await CountAsync(db.Contacts, field.Property, code, cancellationToken),
                nameof(FollowUp) => await CountAsync(db.FollowUps, field.Property, code, cancellationToken),
                nameof(Need) => await CountAsync(db.Needs, field.Property, code, cancellationToken),
                _ => throw new InvalidOperationException($"No table for dictionary field {field.Entity}.{field.Property}"),
            };
            if (count > 0) usages.Add(new DictionaryUsage(CustomerPermissions.ModuleId, "客户档案 · " + field.Label, count));
        }
        return usages;
    }

    static Task<long> CountAsync<T>(IQueryable<T> rows, string property, string code, CancellationToken ct) where T : class =>
        rows.AsNoTracking().LongCountAsync(e => EF.Property<string>(e, property) == code, ct);
}
