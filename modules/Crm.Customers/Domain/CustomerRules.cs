using Crm.Abstractions.Contracts;
using Crm.Abstractions.Results;

namespace Crm.Customers.Domain;

/// <summary>The field rules of a customer, without the database: what is required, formats and check digits,
/// lengths, ranges, the value tier. Used by <see cref="CustomerService"/> (which then checks dictionary codes, the
/// owner and uniqueness against the database) and by the import (which checks those against sets it loaded once).</summary>
internal static class CustomerRules
{
    /// <summary>A dictionary-coded field of the form: its API name, label and dictionary type.</summary>
    public sealed record DictionaryCheck(string Field, string Label, string TypeCode);

    /// <summary>The form's dictionary fields, in the order of <see cref="DictionaryCodes"/>.</summary>
    public static readonly IReadOnlyList<DictionaryCheck> DictionaryChecks =
    [
        new("industryCode", "行业", DictionaryTypes.Industry),
        new("regionCode", "地区", DictionaryTypes.Region),
        new("sizeCode", "企业规模", DictionaryTypes.CompanySize),
        new("sourceCode", "客户来源", DictionaryTypes.CustomerSource),
        new("statusCode", "客户状态", DictionaryTypes.CustomerStatus),
    ];

    public static string?[] DictionaryCodes(Customer c) => [c.IndustryCode, c.RegionCode, c.SizeCode, c.SourceCode, c.StatusCode];

    /// <summary>The message for a code that is not an enabled entry of its dictionary (or a disabled one newly chosen).</summary>
    public static string InvalidCode(string label, string code) => $"{label}「{code}」不是数据字典中有效的选项";

    /// <summary>Copies and checks the form's fields onto the customer; every problem is added to
    /// <paramref name="errors"/>, named by field. The status and owner are set by the caller.</summary>
    public static void Apply(Customer customer, CustomerInput input, bool isNew, PersonalData personal, FieldErrors errors)
    {
        errors.Required("name", "客户名称", input.Name).MaxLength("name", "客户名称", input.Name, 100);
        if (!string.IsNullOrWhiteSpace(input.Name))
        {
            customer.Name = CustomerNameKey.Display(input.Name);
            customer.NameKey = CustomerNameKey.Normalize(input.Name);
            customer.NameCore = CustomerNameCore.Of(input.Name);
            if (customer.NameKey.Length < 2) errors.Add("name", "客户名称至少 2 个字（填写营业执照上的全称）");
        }
        if (!Enum.IsDefined(input.Kind)) errors.Add("kind", "客户类型只能是企业或个人");
        customer.Kind = input.Kind;
        if (input.Kind == CustomerKind.Enterprise)
        {
            customer.IdNumberCipher = null;
            customer.IdNumberHash = null;
            // Optional for a lead whose licence nobody has seen yet; checked whenever it is given.
            customer.CreditCode = CreditCode.Normalize(input.CreditCode);
            if (customer.CreditCode is not null && CreditCode.Explain(customer.CreditCode) is { } problem) errors.Add("creditCode", problem);
        }
        else
        {
            customer.CreditCode = null;
            if (!string.IsNullOrWhiteSpace(input.CreditCode)) errors.Add("creditCode", "个人客户不填统一社会信用代码");
            if (input.IdNumber is not null || isNew)
            {
                if (ResidentId.Explain(input.IdNumber) is { } problem) errors.Add("idNumber", problem);
                else
                {
                    var stored = personal.Protect(ResidentId.Normalize(input.IdNumber));
                    (customer.IdNumberCipher, customer.IdNumberHash) = (stored.Cipher, stored.Hash);
                }
            }
        }
        customer.IndustryCode = InputText.Blank(input.IndustryCode);
        customer.RegionCode = InputText.Blank(input.RegionCode);
        customer.SizeCode = InputText.Blank(input.SizeCode);
        customer.SourceCode = InputText.Blank(input.SourceCode);

        if (input.FoundedOn is { } founded && founded > DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)))
            errors.Add("foundedOn", "成立日期不能晚于今天");
        customer.FoundedOn = input.FoundedOn;
        customer.Address = InputText.Blank(input.Address);
        errors.MaxLength("address", "地址", input.Address, 300);

        if (input.AnnualAmount is < 0) errors.Add("annualAmount", "年交易额不能为负数");
        customer.AnnualAmount = input.AnnualAmount;
        if (input.ValueTierCode is { Length: > 0 } tier)
        {
            if (tier is not (ValueTier.High or ValueTier.Mid or ValueTier.Normal)) errors.Add("valueTierCode", $"价值等级「{tier}」无效");
            customer.ValueTierManual = tier != ValueTier.For(input.AnnualAmount);
            customer.ValueTierCode = tier;
        }
        else
        {
            customer.ValueTierManual = false;
            customer.ValueTierCode = ValueTier.For(input.AnnualAmount);
        }

        customer.Remarks = InputText.Blank(input.Remarks);
        customer.Competitors = InputText.Blank(input.Competitors);
        customer.RelatedProjects = InputText.Blank(input.RelatedProjects);
        errors.MaxLength("remarks", "备注", input.Remarks, 2000).MaxLength("competitors", "竞争对手", input.Competitors, 1000)
            .MaxLength("relatedProjects", "关联项目", input.RelatedProjects, 1000);
        customer.ContractDate = input.ContractDate;
        if (input.ContractAmount is < 0) errors.Add("contractAmount", "合同金额不能为负数");
        customer.ContractAmount = input.ContractAmount;
        customer.FirstPaymentDate = input.FirstPaymentDate;
        customer.ServiceExpiryDate = input.ServiceExpiryDate;
        if (input.Satisfaction is < 1 or > 5) errors.Add("satisfaction", "满意度应为 1 到 5 分");
        customer.Satisfaction = input.Satisfaction;
        if (!Enum.IsDefined(input.Abnormal)) errors.Add("abnormal", "异常状态无效");
        customer.Abnormal = input.Abnormal;
        customer.AbnormalProgress = input.Abnormal == AbnormalState.None ? null : InputText.Blank(input.AbnormalProgress);
        errors.MaxLength("abnormalProgress", "处理进展", input.AbnormalProgress, 1000);
    }

    /// <summary>The key fields whose change needs a reason (name, credit code, status, owner, value tier).</summary>
    public const string KeyChangeNeedsReason = "修改客户名称、信用代码、状态、负责人或价值等级时必须填写原因";

    public const string ManualTierNeedsReason = "手动指定价值等级时必须填写原因";

    // Uniqueness among customers not deleted, whoever's they are: the messages say only that one exists.
    public static string DuplicateName(string name) => $"客户名称「{name}」已存在（全称相同的客户不能重复建档）";

    public static string DuplicateCreditCode(string code) => $"统一社会信用代码 {code} 已被其他客户使用";

    public const string DuplicateIdNumber = "该身份证号已被其他客户使用";
}
