using Crm.Abstractions.Contracts;

namespace Crm.Customers.Domain;

/// <summary>A stored property that holds a dictionary code: which entity, which property, which dictionary type, and
/// what users call it.</summary>
internal sealed record DictionaryField(string Entity, string Property, string TypeCode, string Label);

/// <summary>The module's dictionary-coded properties, in one table for the usage count the dictionaries module asks
/// for (an entry in use can't be deleted) and for the labels on the change history.</summary>
internal static class DictionaryFields
{
    public static readonly IReadOnlyList<DictionaryField> All =
    [
        new(nameof(Customer), nameof(Customer.IndustryCode), DictionaryTypes.Industry, "行业"),
        new(nameof(Customer), nameof(Customer.RegionCode), DictionaryTypes.Region, "地区"),
        new(nameof(Customer), nameof(Customer.SizeCode), DictionaryTypes.CompanySize, "企业规模"),
        new(nameof(Customer), nameof(Customer.SourceCode), DictionaryTypes.CustomerSource, "客户来源"),
        new(nameof(Customer), nameof(Customer.StatusCode), DictionaryTypes.CustomerStatus, "客户状态"),
        new(nameof(Customer), nameof(Customer.ValueTierCode), DictionaryTypes.ValueTier, "价值等级"),
        new(nameof(Contact), nameof(Contact.DecisionRoleCode), DictionaryTypes.DecisionRole, "联系人 · 决策链角色"),
        new(nameof(FollowUp), nameof(FollowUp.MethodCode), DictionaryTypes.FollowUpMethod, "跟进记录 · 跟进方式"),
        new(nameof(Need), nameof(Need.TypeCode), DictionaryTypes.NeedType, "需求 · 需求类型"),
    ];

    public static DictionaryField? Find(string entity, string property) =>
        All.FirstOrDefault(f => f.Entity == entity && f.Property == property);
}
