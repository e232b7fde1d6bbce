using System.Globalization;
using Crm.Abstractions;
using Crm.Customers.Domain;

namespace Crm.Customers.Pages.Shared;

/// <summary>How the customer pages show values in Chinese: enums, money, dates (times in China time).</summary>
internal static class CustomerText
{
    static readonly CultureInfo China = CultureInfo.GetCultureInfo("zh-CN");

    public static string Of(CustomerKind kind) => kind switch
    {
        CustomerKind.Enterprise => "企业",
        CustomerKind.Individual => "个人",
        _ => kind.ToString(),
    };

    public static string Of(AbnormalState state) => state switch
    {
        AbnormalState.None => "无",
        AbnormalState.ContactLeft => "联系人离职",
        AbnormalState.NumberDead => "号码失效",
        AbnormalState.ChurnRisk => "流失风险",
        _ => state.ToString(),
    };

    public static string Of(CustomerSort sort) => sort switch
    {
        CustomerSort.UpdatedDesc => "最近更新",
        CustomerSort.UpdatedAsc => "最早更新",
        CustomerSort.CreatedDesc => "最新创建",
        CustomerSort.CreatedAsc => "最早创建",
        CustomerSort.NameAsc => "名称 A→Z",
        CustomerSort.NameDesc => "名称 Z→A",
        CustomerSort.CodeAsc => "编号升序",
        CustomerSort.CodeDesc => "编号降序",
        _ => sort.ToString(),
    };

    public static string Money(decimal? yuan) => yuan is { } value ? "¥" + value.ToString("#,0.00", China) : "";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Time(DateTime? utc) => ChinaTime.Format(utc);

    /// <summary>A time to the minute, as follow-ups and lists show it.</summary>
    public static string Minute(DateTime? utc) => utc is { } value ? ChinaTime.FromUtc(value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Percent(double share) => share.ToString("0.0%", China);

    public static DateOnly? ToDate(DateTime? picked) => picked is { } value ? DateOnly.FromDateTime(value) : null;

    public static DateTime? FromDate(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);
}
