using System.Globalization;
using Crm.Abstractions.Contracts;
using Crm.Customers.Pages.Shared;

namespace Crm.Customers.Domain;

/// <summary>A column of the customer export (客户导出): the key the API and the export dialog use, the header of the
/// file, and how a customer's cell is made. Codes go out as their labels, times in China time, amounts without
/// separators, so that the file reads as the pages do and imports back.</summary>
internal sealed record CustomerExportColumn(string Key, string Header, Func<CustomerExportRow, ValueTask<string>> Value)
{
    /// <summary>Personal data: masked as everywhere else unless the user may both export and reveal it.</summary>
    public bool Personal { get; init; }

    /// <summary>Every column, in the order of the file.</summary>
    public static IReadOnlyList<CustomerExportColumn> All { get; } =
    [
        Text("code", "客户编号", r => r.Customer.Code),
        Text("name", "客户名称", r => r.Customer.Name),
        Text("kind", "客户类型", r => CustomerText.Of(r.Customer.Kind)),
        Text("creditCode", "统一社会信用代码", r => r.Customer.CreditCode),
        Protected("idNumber", "身份证号", PiiField.IdNumber, r => r.Customer.IdNumberCipher),
        Label("industry", "行业", DictionaryTypes.Industry, c => c.IndustryCode),
        new("region", "地区", r => r.Cells.RegionAsync(r.Customer.RegionCode)),
        Label("size", "企业规模", DictionaryTypes.CompanySize, c => c.SizeCode),
        Label("source", "客户来源", DictionaryTypes.CustomerSource, c => c.SourceCode),
        Label("status", "客户状态", DictionaryTypes.CustomerStatus, c => c.StatusCode),
        Text("annualAmount", "年交易额", r => Amount(r.Customer.AnnualAmount)),
        Label("tier", "价值等级", DictionaryTypes.ValueTier, c => c.ValueTierCode),
        Text("owner", "负责人", r => r.Owner?.DisplayName),
        Text("department", "部门", r => r.Department),
        Text("contact", "主要联系人", r => r.Contact?.Name),
        Text("position", "联系人职位", r => r.Contact?.Position),
        Protected("mobile", "手机", PiiField.Mobile, r => r.Contact?.MobileCipher),
        Protected("officePhone", "办公电话", PiiField.OfficePhone, r => r.Contact?.OfficePhoneCipher),
        Protected("email", "邮箱", PiiField.Email, r => r.Contact?.EmailCipher),
        Text("tags", "标签", r => string.Join("；", r.Tags.Select(t => t.Name))),
        Text("lastFollowUp", "最近跟进", r => CustomerText.Minute(r.Customer.LastFollowUpAt)),
        Text("churnRisk", "流失风险", r => r.ChurnRisk ? "是" : "否"),
        Text("address", "详细地址", r => r.Customer.Address),
        Text("foundedOn", "成立日期", r => CustomerText.Date(r.Customer.FoundedOn)),
        Text("contractDate", "签约日期", r => CustomerText.Date(r.Customer.ContractDate)),
        Text("contractAmount", "合同金额", r => Amount(r.Customer.ContractAmount)),
        Text("firstPaymentDate", "首次回款日期", r => CustomerText.Date(r.Customer.FirstPaymentDate)),
        Text("serviceExpiryDate", "服务到期日期", r => CustomerText.Date(r.Customer.ServiceExpiryDate)),
        Text("satisfaction", "满意度", r => r.Customer.Satisfaction?.ToString(CultureInfo.InvariantCulture)),
        Text("abnormal", "异常状态", r => CustomerText.Of(r.Customer.Abnormal)),
        Text("competitors", "竞争对手", r => r.Customer.Competitors),
        Text("relatedProjects", "关联项目", r => r.Customer.RelatedProjects),
        Text("remarks", "备注", r => r.Customer.Remarks),
        Text("created", "创建时间", r => CustomerText.Minute(r.Customer.CreatedAt)),
        Text("updated", "更新时间", r => CustomerText.Minute(r.Customer.UpdatedAt)),
    ];

    /// <summary>What the export has without a choice: the customer list's columns shown by default.</summary>
    public static IReadOnlyList<string> Defaults { get; } = ["code", "name", "status", "tier", "industry", "owner", "contact", "mobile", "tags", "updated"];

    static CustomerExportColumn Text(string key, string header, Func<CustomerExportRow, string?> value) =>
        new(key, header, r => ValueTask.FromResult(value(r) ?? ""));

    static CustomerExportColumn Label(string key, string header, string dictionaryType, Func<Customer, string?> code) =>
        new(key, header, r => r.Cells.LabelAsync(dictionaryType, code(r.Customer)));

    static CustomerExportColumn Protected(string key, string header, PiiField field, Func<CustomerExportRow, string?> cipher) =>
        new(key, header, r => ValueTask.FromResult(r.Cells.Personal(cipher(r), field))) { Personal = true };

    static string? Amount(decimal? yuan) => yuan?.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>What one row of the export is made from; contacts, tags and users are fetched per chunk of customers.</summary>
internal sealed record CustomerExportRow(Customer Customer, Contact? Contact, IReadOnlyList<TagView> Tags, UserInfo? Owner, string? Department,
    bool ChurnRisk, CustomerExportCells Cells);

/// <summary>The cells that need more than the row: dictionary labels, looked up once per code for the whole export, and
/// personal data, masked as the list masks it or, for a user who may reveal it, in full.</summary>
internal sealed class CustomerExportCells(DictionaryLabels labels, PersonalData personal, bool reveal, CancellationToken ct)
{
    readonly Dictionary<(string Type, string Code), string> known = [];

    public async ValueTask<string> LabelAsync(string dictionaryType, string? code)
    {
        if (code is null) return "";
        if (!known.TryGetValue((dictionaryType, code), out var label))
            known[(dictionaryType, code)] = label = (await labels.OfAsync(dictionaryType, code, ct))!.Name;
        return label;
    }

    /// <summary>The full path (广东省 / 深圳市 / 南山区), as the list shows it: district names repeat across the country.</summary>
    public async ValueTask<string> RegionAsync(string? code)
    {
        if (code is null) return "";
        if (!known.TryGetValue((DictionaryTypes.Region, code), out var path))
            known[(DictionaryTypes.Region, code)] = path = await labels.PathAsync(DictionaryTypes.Region, code, ct) ?? code;
        return path;
    }

    public string Personal(string? cipher, PiiField field) => (reveal ? personal.Reveal(cipher) : personal.Masked(cipher, field)) ?? "";
}
