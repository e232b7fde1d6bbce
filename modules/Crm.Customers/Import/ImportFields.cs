using System.Text;
using Crm.Abstractions.Contracts;
using Crm.Customers.Domain;

namespace Crm.Customers.Import;

/// <summary>The fields a column can be mapped to, per kind of file, with the header names recognised for each
/// (Chinese and English), and the automatic mapping of a file's headers.</summary>
internal static class ImportFields
{
    public const string Code = "code";
    public const string Name = "name";
    public const string Kind = "kind";
    public const string CreditCode = "creditCode";
    public const string IdNumber = "idNumber";
    public const string Industry = "industryCode";
    public const string Region = "regionCode";
    public const string Size = "sizeCode";
    public const string FoundedOn = "foundedOn";
    public const string Address = "address";
    public const string Source = "sourceCode";
    public const string Status = "statusCode";
    public const string AnnualAmount = "annualAmount";
    public const string ValueTier = "valueTierCode";
    public const string Owner = "owner";
    public const string Remarks = "remarks";
    public const string Competitors = "competitors";
    public const string RelatedProjects = "relatedProjects";
    public const string ContractDate = "contractDate";
    public const string ContractAmount = "contractAmount";
    public const string FirstPaymentDate = "firstPaymentDate";
    public const string ServiceExpiryDate = "serviceExpiryDate";
    public const string Satisfaction = "satisfaction";
    public const string Tags = "tags";

    public const string ContactPrefix = "contact.";
    public const string ContactName = "contact.name";
    public const string ContactPosition = "contact.position";
    public const string ContactMobile = "contact.mobile";
    public const string ContactOfficePhone = "contact.officePhone";
    public const string ContactEmail = "contact.email";
    public const string ContactOtherId = "contact.otherId";
    public const string ContactDecisionRole = "contact.decisionRoleCode";
    public const string ContactIsPrimary = "contact.isPrimary";

    // A contacts file names its customer by one of these.
    public const string CustomerCode = "customer.code";
    public const string CustomerCreditCode = "customer.creditCode";
    public const string CustomerName = "customer.name";

    const string Basic = "基本信息";
    const string Business = "经营信息";
    const string Milestones = "里程碑";
    const string Contact = "联系人";
    const string Customer = "客户";

    static readonly ImportField[] ContactFields =
    [
        new(ContactName, "联系人", Contact, false, null, ["联系人", "联系人姓名", "主要联系人", "联系人名称", "contact", "contactname", "contact name"]),
        new(ContactPosition, "职位", Contact, false, null, ["职位", "职务", "岗位", "联系人职位", "position", "title", "job title"]),
        new(ContactMobile, "手机", Contact, false, null, ["手机", "手机号", "手机号码", "联系电话", "移动电话", "联系人手机", "联系方式", "mobile", "mobile phone", "cell", "cellphone", "phone"]),
        new(ContactOfficePhone, "办公电话", Contact, false, null, ["办公电话", "座机", "固定电话", "公司电话", "电话", "办公室电话", "office phone", "telephone", "tel", "landline"]),
        new(ContactEmail, "邮箱", Contact, false, null, ["邮箱", "电子邮箱", "电子邮件", "邮件", "邮箱地址", "email", "e-mail", "mail"]),
        new(ContactOtherId, "其他联系方式", Contact, false, null, ["其他联系方式", "微信", "微信号", "钉钉", "qq", "wechat", "other"]),
        new(ContactDecisionRole, "决策链角色", Contact, false, DictionaryTypes.DecisionRole, ["决策链角色", "决策角色", "角色", "decision role", "role"]),
    ];

    public static readonly IReadOnlyList<ImportField> Customers =
    [
        new(Code, "客户编码", Basic, false, null, ["客户编码", "客户编号", "编码", "编号", "code", "customer code", "customer no"]),
        new(Name, "客户名称", Basic, true, null, ["客户名称", "公司名称", "企业名称", "单位名称", "客户全称", "公司全称", "名称", "客户", "name", "company", "company name", "customer", "customer name"]),
        new(Kind, "客户类型", Basic, false, DictionaryTypes.CustomerKind, ["客户类型", "类型", "客户类别", "kind", "type", "customer type"]),
        new(CreditCode, "统一社会信用代码", Basic, false, null, ["统一社会信用代码", "信用代码", "社会信用代码", "统一信用代码", "税号", "纳税人识别号", "credit code", "uscc"]),
        new(IdNumber, "身份证号", Basic, false, null, ["身份证号", "身份证", "身份证号码", "居民身份证号码", "证件号码", "id number", "id no"]),
        new(Industry, "行业", Basic, false, DictionaryTypes.Industry, ["行业", "所属行业", "行业分类", "行业类别", "industry"]),
        new(Region, "地区", Basic, false, DictionaryTypes.Region, ["地区", "所在地区", "区域", "省市区", "所在地", "行政区划", "region", "area"]),
        new(Size, "企业规模", Basic, false, DictionaryTypes.CompanySize, ["企业规模", "规模", "人员规模", "公司规模", "size", "company size"]),
        new(FoundedOn, "成立日期", Basic, false, null, ["成立日期", "成立时间", "注册日期", "成立年份", "founded", "founded on", "founding date"]),
        new(Address, "地址", Basic, false, null, ["地址", "详细地址", "公司地址", "注册地址", "通讯地址", "address"]),
        new(Source, "客户来源", Business, false, DictionaryTypes.CustomerSource, ["客户来源", "来源", "来源渠道", "获客渠道", "source"]),
        new(Status, "客户状态", Business, false, DictionaryTypes.CustomerStatus, ["客户状态", "状态", "合作状态", "status"]),
        new(AnnualAmount, "年交易额", Business, false, null, ["年交易额", "年交易金额", "年采购额", "年销售额", "年度交易额", "annual amount", "annual revenue"]),
        new(ValueTier, "价值等级", Business, false, DictionaryTypes.ValueTier, ["价值等级", "客户等级", "客户价值", "客户级别", "value tier", "tier"]),
        new(Owner, "负责人", Business, false, null, ["负责人", "销售负责人", "客户经理", "业务员", "所属销售", "跟进人", "owner", "sales"]),
        new(Tags, "标签", Business, false, null, ["标签", "客户标签", "tags", "tag"]),
        new(Remarks, "备注", Business, false, null, ["备注", "说明", "备注信息", "remarks", "remark", "note", "notes"]),
        new(Competitors, "竞争对手", Business, false, null, ["竞争对手", "竞品", "competitors"]),
        new(RelatedProjects, "关联项目", Business, false, null, ["关联项目", "相关项目", "related projects", "projects"]),
        new(ContractDate, "签约日期", Milestones, false, null, ["签约日期", "合同日期", "签约时间", "contract date"]),
        new(ContractAmount, "合同金额", Milestones, false, null, ["合同金额", "签约金额", "contract amount"]),
        new(FirstPaymentDate, "首付款日期", Milestones, false, null, ["首付款日期", "首次回款日期", "首款日期", "first payment date"]),
        new(ServiceExpiryDate, "服务到期日", Milestones, false, null, ["服务到期日", "服务到期日期", "到期日期", "到期日", "service expiry", "expiry date"]),
        new(Satisfaction, "满意度", Milestones, false, DictionaryTypes.Satisfaction, ["满意度", "客户满意度", "satisfaction"]),
        .. ContactFields,
    ];

    public static readonly IReadOnlyList<ImportField> Contacts =
    [
        new(CustomerCode, "客户编码", Customer, false, null, ["客户编码", "客户编号", "编码", "code", "customer code"]),
        new(CustomerCreditCode, "统一社会信用代码", Customer, false, null, ["统一社会信用代码", "信用代码", "社会信用代码", "税号", "credit code", "uscc"]),
        new(CustomerName, "客户名称", Customer, false, null, ["客户名称", "公司名称", "企业名称", "单位名称", "客户全称", "客户", "company", "company name", "customer", "customer name"]),
        new(ContactName, "联系人", Contact, true, null, ["联系人", "联系人姓名", "姓名", "名称", "name", "contact", "contact name"]),
        .. ContactFields.Where(f => f.Key != ContactName),
        new(ContactIsPrimary, "主要联系人", Contact, false, null, ["主要联系人", "是否主要联系人", "主联系人", "首要联系人", "primary", "is primary"]),
    ];

    public static IReadOnlyList<ImportField> For(ImportKind kind) => kind == ImportKind.Contacts ? Contacts : Customers;

    public static ImportField? Find(ImportKind kind, string key) => For(kind).FirstOrDefault(f => f.Key == key);

    /// <summary>The field key per column, guessed from the headers; a field goes to the first column that names it.</summary>
    public static IReadOnlyList<string?> Suggest(ImportKind kind, IReadOnlyList<string> headers)
    {
        var byHeader = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in For(kind))
            foreach (var synonym in field.Synonyms.Prepend(field.Label).Prepend(field.Key))
                byHeader.TryAdd(NormalizeHeader(synonym), field.Key);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        return headers.Select(h => byHeader.TryGetValue(NormalizeHeader(h), out var key) && taken.Add(key) ? key : null).ToList();
    }

    /// <summary>A header as compared: trimmed, full-width folded, spaces, underscores and markers such as *, （必填） or
    /// a trailing colon removed, Latin letters lower-cased.</summary>
    public static string NormalizeHeader(string header)
    {
        var text = new StringBuilder(header.Length);
        foreach (var raw in header)
        {
            var c = HalfWidth.Fold(raw);
            if (char.IsWhiteSpace(c) || c is '*' or '_' or ':' or '：' or '★' or '※') continue;
            text.Append(char.ToLowerInvariant(c));
        }
        var result = text.ToString();
        foreach (var marker in Markers) result = result.Replace(marker, "", StringComparison.Ordinal);
        return result;
    }

    static readonly string[] Markers = ["(必填)", "(选填)", "(可选)", "(必选)", "(required)", "(optional)", "[必填]", "[选填]", "必填", "选填"];
}
