using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Crm.Abstractions.Auditing;
using Crm.Abstractions.Contracts;
using Crm.Customers.Pages.Shared;
using Microsoft.EntityFrameworkCore.Query;

namespace Crm.Customers.Domain;

/// <summary>The fields a merge takes from one record or another (客户合并), in one table for the comparison, the
/// update of the surviving customer and its audit entry. A field carries the properties that only make sense together:
/// a name with its keys, an identifier with the customer's kind, an amount with its tier, an owner with the department.</summary>
internal static class MergeFields
{
    public static readonly IReadOnlyList<MergeField> All =
    [
        new("name", "客户名称", (c, _) => Task.FromResult<string?>(c.Name), null, P(c => c.Name), P(c => c.NameKey), P(c => c.NameCore)),
        // The kind goes with the identifier: an enterprise carries a credit code, an individual an ID number.
        new("creditCode", "统一社会信用代码 / 身份证号", (c, t) => Task.FromResult(t.Identity(c)), c => c.CreditCode is null && c.IdNumberCipher is null,
            P(c => c.Kind), P(c => c.CreditCode), P(c => c.IdNumberCipher), P(c => c.IdNumberHash)),
        new("industryCode", "行业", (c, t) => t.LabelAsync(DictionaryTypes.Industry, c.IndustryCode), null, P(c => c.IndustryCode)),
        new("regionCode", "地区", (c, t) => t.RegionAsync(c.RegionCode), null, P(c => c.RegionCode)),
        new("sizeCode", "企业规模", (c, t) => t.LabelAsync(DictionaryTypes.CompanySize, c.SizeCode), null, P(c => c.SizeCode)),
        new("foundedOn", "成立日期", (c, _) => Text(CustomerText.Date(c.FoundedOn)), null, P(c => c.FoundedOn)),
        new("address", "详细地址", (c, _) => Task.FromResult(c.Address), null, P(c => c.Address)),
        new("sourceCode", "客户来源", (c, t) => t.LabelAsync(DictionaryTypes.CustomerSource, c.SourceCode), null, P(c => c.SourceCode)),
        new("statusCode", "客户状态", (c, t) => t.LabelAsync(DictionaryTypes.CustomerStatus, c.StatusCode), null, P(c => c.StatusCode)),
        new("annualAmount", "年交易额与价值等级", (c, t) => t.AmountAsync(c), c => c.AnnualAmount is null && !c.ValueTierManual,
            P(c => c.AnnualAmount), P(c => c.ValueTierCode), P(c => c.ValueTierManual)),
        new("ownerId", "负责人", (c, t) => t.OwnerAsync(c.OwnerId), null, P(c => c.OwnerId), P(c => c.DepartmentId)),
        new("competitors", "竞争对手", (c, _) => Task.FromResult(c.Competitors), null, P(c => c.Competitors)),
        new("relatedProjects", "关联项目", (c, _) => Task.FromResult(c.RelatedProjects), null, P(c => c.RelatedProjects)),
        new("remarks", "备注", (c, _) => Task.FromResult(c.Remarks), null, P(c => c.Remarks)),
        new("contractDate", "签约日期", (c, _) => Text(CustomerText.Date(c.ContractDate)), null, P(c => c.ContractDate)),
        new("contractAmount", "合同金额", (c, _) => Text(CustomerText.Money(c.ContractAmount)), null, P(c => c.ContractAmount)),
        new("firstPaymentDate", "首次回款日期", (c, _) => Text(CustomerText.Date(c.FirstPaymentDate)), null, P(c => c.FirstPaymentDate)),
        new("serviceExpiryDate", "服务到期日期", (c, _) => Text(CustomerText.Date(c.ServiceExpiryDate)), null, P(c => c.ServiceExpiryDate)),
        new("satisfaction", "满意度", (c, _) => Text(c.Satisfaction is { } s ? $"{s} 分" : ""), null, P(c => c.Satisfaction)),
        new("abnormal", "异常状态", (c, _) => Text(c.Abnormal == AbnormalState.None ? "" : CustomerText.Of(c.Abnormal) + (c.AbnormalProgress is { } p ? "：" + p : "")),
            c => c.Abnormal == AbnormalState.None, P(c => c.Abnormal), P(c => c.AbnormalProgress)),
    ];

    public static MergeField? Find(string key) => All.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whose value a field takes when nobody chose: the survivor's when it has one, else the first record (in
    /// the order given) that has one, else the survivor's (empty) value.</summary>
    public static Customer DefaultSource(MergeField field, Customer survivor, IEnumerable<Customer> merged) =>
        !field.IsEmpty(survivor) ? survivor : merged.FirstOrDefault(c => !field.IsEmpty(c)) ?? survivor;

    static MergeProperty P<T>(Expression<Func<Customer, T>> property) => new MergeProperty<T>(property);

    static Task<string?> Text(string text) => Task.FromResult<string?>(text.Length == 0 ? null : text);
}

/// <summary>One row of the merge form: its API name (<see cref="Key"/>), what users call it, how a record's value reads,
/// and the customer properties taken together from the chosen record. Empty means the first property is null or
/// blank unless the field says otherwise.</summary>
internal sealed class MergeField(
    string key,
    string label,
    Func<Customer, MergeFieldText, Task<string?>> text,
    Func<Customer, bool>? isEmpty,
    params MergeProperty[] properties)
{
    public string Key => key;
    public string Label => label;
    public IReadOnlyList<MergeProperty> Properties => properties;

    public Task<string?> TextAsync(Customer customer, MergeFieldText texts) => text(customer, texts);

    public bool IsEmpty(Customer customer) => isEmpty?.Invoke(customer) ?? properties[0].Get(customer) is null or "";

    /// <summary>Whether two records hold the same value here (so taking one or the other changes nothing).</summary>
    public bool Same(Customer a, Customer b) => properties.All(p => MergeProperty.ValueEquals(p.Get(a), p.Get(b)));
}

/// <summary>A customer property a merge copies from one record to the survivor, with how the audit log treats it.</summary>
internal abstract class MergeProperty(PropertyInfo property)
{
    public string Name { get; } = property.Name;
    /// <summary>Left out of audit entries (keys and hashes derived from another property).</summary>
    public bool NotAudited { get; } = property.GetCustomAttribute<NotAuditedAttribute>() is not null;
    /// <summary>Recorded only as changed, never with its value (encrypted personal data).</summary>
    public bool Hidden { get; } = property.GetCustomAttribute<AuditValueHiddenAttribute>() is not null;

    public abstract object? Get(Customer customer);

    /// <summary>Adds "set this property to <paramref name="from"/>'s value" to a set-based update.</summary>
    public abstract void Copy(UpdateSettersBuilder<Customer> set, Customer from);

    /// <summary>The value as the audit log writes it (as the automatic entries do: invariant culture, times to the second).</summary>
    public string? Format(Customer customer) => Get(customer) switch
    {
        null => null,
        _ when Hidden => "***",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var value => value.ToString(),
    };

    public static bool ValueEquals(object? a, object? b) =>
        a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);
}

internal sealed class MergeProperty<T>(Expression<Func<Customer, T>> property)
    : MergeProperty((PropertyInfo)((MemberExpression)property.Body).Member)
{
    readonly Func<Customer, T> get = property.Compile();

    public override object? Get(Customer customer) => get(customer);

    public override void Copy(UpdateSettersBuilder<Customer> set, Customer from) => set.SetProperty(property, get(from));
}

/// <summary>What the merge comparison needs to show a value: dictionary labels, user names, masked personal data.</summary>
internal sealed class MergeFieldText(DictionaryLabels labels, PersonalData personal, IReadOnlyDictionary<Guid, UserInfo> users)
{
    public async Task<string?> LabelAsync(string type, string? code, CancellationToken ct = default) =>
        (await labels.OfAsync(type, code, ct))?.Name;

    public async Task<string?> RegionAsync(string? code) =>
        code is null ? null : await labels.PathAsync(DictionaryTypes.Region, code, default) ?? code;

    public Task<string?> OwnerAsync(Guid id) =>
        Task.FromResult<string?>(users.TryGetValue(id, out var user) ? user.DisplayName : id.ToString());

    public string? Identity(Customer c) => c.Kind == CustomerKind.Individual
        ? $"个人 · {personal.Masked(c.IdNumberCipher, PiiField.IdNumber) ?? "未填身份证号"}"
        : $"企业 · {c.CreditCode ?? "未填信用代码"}";

    public async Task<string?> AmountAsync(Customer c)
    {
        var tier = await LabelAsync(DictionaryTypes.ValueTier, c.ValueTierCode) + (c.ValueTierManual ? "（手动指定）" : "");
        return c.AnnualAmount is { } amount ? $"{CustomerText.Money(amount)} · {tier}" : tier;
    }
}
