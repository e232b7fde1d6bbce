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
        var customers = db.Customers.AsNoTracking();
        var (where, count) = typeCode switch
        {
            DictionaryTypes.Industry => ("行业", await customers.LongCountAsync(c => c.IndustryCode == code, cancellationToken)),
            DictionaryTypes.Region => ("地区", await customers.LongCountAsync(c => c.RegionCode == code, cancellationToken)),
            DictionaryTypes.CompanySize => ("企业规模", await customers.LongCountAsync(c => c.SizeCode == code, cancellationToken)),
            DictionaryTypes.CustomerSource => ("客户来源", await customers.LongCountAsync(c => c.SourceCode == code, cancellationToken)),
            DictionaryTypes.CustomerStatus => ("客户状态", await customers.LongCountAsync(c => c.StatusCode == code, cancellationToken)),
            DictionaryTypes.ValueTier => ("价值等级", await customers.LongCountAsync(c => c.ValueTierCode == code, cancellationToken)),
            DictionaryTypes.DecisionRole => ("联系人 · 决策链角色", await db.Contacts.LongCountAsync(c => c.DecisionRoleCode == code, cancellationToken)),
            DictionaryTypes.FollowUpMethod => ("跟进记录 · 跟进方式", await db.FollowUps.LongCountAsync(f => f.MethodCode == code, cancellationToken)),
            DictionaryTypes.NeedType => ("需求 · 需求类型", await db.Needs.LongCountAsync(n => n.TypeCode == code, cancellationToken)),
            _ => ("", 0L),
        };
        return count > 0 ? [new DictionaryUsage(CustomerPermissions.ModuleId, "客户档案 · " + where, count)] : [];
    }
}
