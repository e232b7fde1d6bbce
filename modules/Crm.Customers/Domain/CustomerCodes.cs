using Crm.Abstractions.Contracts;

namespace Crm.Customers.Domain;

/// <summary>客户类型. Decides which identifier a customer carries: a credit code or a resident ID number.</summary>
public enum CustomerKind
{
    /// <summary>企业</summary>
    Enterprise = 1,
    /// <summary>个人</summary>
    Individual = 2,
}

/// <summary>Codes of <see cref="DictionaryTypes.CustomerStatus"/> the module's rules refer to (潜在 / 意向 / 成交 / 流失).</summary>
public static class CustomerStatus
{
    public const string Potential = "001";
    public const string Intent = "002";
    public const string Deal = "003";
    public const string Lost = "004";
}

/// <summary>客户价值等级: codes of <see cref="DictionaryTypes.ValueTier"/>, computed from the annual transaction amount.</summary>
public static class ValueTier
{
    public const string High = "001";
    public const string Mid = "002";
    public const string Normal = "003";

    public const decimal HighFrom = 500_000m;
    public const decimal MidFrom = 100_000m;

    /// <summary>high ≥ 500,000 yuan a year; mid 100,000–500,000; normal below (or unknown).</summary>
    public static string For(decimal? annualAmount) => annualAmount switch
    {
        >= HighFrom => High,
        >= MidFrom => Mid,
        _ => Normal,
    };
}

/// <summary>异常状态: a flag on a customer with its handling progress.</summary>
public enum AbnormalState
{
    None = 0,
    /// <summary>联系人离职</summary>
    ContactLeft = 1,
    /// <summary>号码失效</summary>
    NumberDead = 2,
    /// <summary>流失风险</summary>
    ChurnRisk = 3,
}

/// <summary>需求优先级</summary>
public enum NeedPriority
{
    High = 1,
    Mid = 2,
    Low = 3,
}
