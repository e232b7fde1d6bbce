using Crm.Customers.Domain;

namespace Crm.Customers.Data;

/// <summary>The tag system the product starts with: the dimensions of the domain document (industry, size, region,
/// cooperation status, value tier, need trait) plus one custom dimension, with common tags and synonyms.
/// Names here contain no brackets or spaces, so their key is the name itself.</summary>
internal static class TagSeed
{
    public const int CustomDimensionId = 7;

    public static readonly TagDimension[] Dimensions =
    [
        new() { Id = 1, Code = "industry", Name = "行业", IsSystem = true, Order = 1 },
        new() { Id = 2, Code = "size", Name = "规模", IsSystem = true, Order = 2 },
        new() { Id = 3, Code = "region", Name = "区域", IsSystem = true, Order = 3 },
        new() { Id = 4, Code = "cooperation", Name = "合作状态", IsSystem = true, Order = 4 },
        new() { Id = 5, Code = "value", Name = "价值层级", IsSystem = true, Order = 5 },
        new() { Id = 6, Code = "need_trait", Name = "需求特征", IsSystem = true, Order = 6 },
        new() { Id = CustomDimensionId, Code = "custom", Name = "自定义", IsSystem = false, Order = 7 },
    ];

    static readonly (int Dimension, string Name)[] Names =
    [
        (1, "制造业"), (1, "IT服务"), (1, "新能源"), (1, "金融"), (1, "医疗健康"), (1, "教育"), (1, "零售"), (1, "物流"),
        (2, "大型企业"), (2, "中型企业"), (2, "小微企业"),
        (3, "华北"), (3, "华东"), (3, "华南"), (3, "华中"), (3, "西南"), (3, "西北"), (3, "东北"),
        (4, "潜在客户"), (4, "意向客户"), (4, "成交客户"), (4, "流失客户"),
        (5, "高价值"), (5, "中价值"), (5, "普通价值"),
        (6, "技术导向"), (6, "价格敏感"), (6, "服务导向"),
        (7, "重点客户"), (7, "战略合作伙伴"), (7, "决策周期长"),
    ];

    public static readonly Tag[] Tags = Names
        .Select((t, i) => new Tag { Id = i + 1, DimensionId = t.Dimension, Name = t.Name, NameKey = t.Name.ToUpperInvariant() })
        .ToArray();

    public static readonly TagSynonym[] Synonyms =
    [
        new() { Id = 1, TagId = 1, Name = "工业", NameKey = "工业" },
        new() { Id = 2, TagId = 1, Name = "制造", NameKey = "制造" },
        new() { Id = 3, TagId = 2, Name = "软件", NameKey = "软件" },
        new() { Id = 4, TagId = 2, Name = "互联网", NameKey = "互联网" },
        new() { Id = 5, TagId = 23, Name = "高价值客户", NameKey = "高价值客户" },
        new() { Id = 6, TagId = 27, Name = "价格敏感型", NameKey = "价格敏感型" },
        new() { Id = 7, TagId = 26, Name = "技术优先型", NameKey = "技术优先型" },
    ];
}
