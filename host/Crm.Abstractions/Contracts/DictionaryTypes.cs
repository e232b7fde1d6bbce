namespace Crm.Abstractions.Contracts;

/// <summary>Codes of the dictionary types the product ships (数据字典), for modules that store their codes.</summary>
public static class DictionaryTypes
{
    /// <summary>行政区划 GB/T 2260: province → city → district, 6-digit codes (440305 = 深圳市南山区).</summary>
    public const string Region = "region";
    /// <summary>国民经济行业分类 GB/T 4754-2017: section (A–T) → division (01–97).</summary>
    public const string Industry = "industry";
    public const string CustomerKind = "customer_kind";
    public const string CustomerSource = "customer_source";
    public const string CustomerStatus = "customer_status";
    public const string ValueTier = "value_tier";
    public const string CompanySize = "company_size";
    public const string DecisionRole = "decision_role";
    public const string FollowUpMethod = "followup_method";
    public const string NeedType = "need_type";
    public const string SalesStage = "sales_stage";
    public const string ContractStatus = "contract_status";
    public const string PaymentMethod = "payment_method";
    public const string TicketStatus = "ticket_status";
    public const string TicketPriority = "ticket_priority";
    public const string TicketCategory = "ticket_category";
    public const string Satisfaction = "satisfaction";
}
