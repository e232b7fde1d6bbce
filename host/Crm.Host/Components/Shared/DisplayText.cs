using Crm.Abstractions.Security;

namespace Crm.Host.Components.Shared;

/// <summary>How values are shown in the UI: China time, Chinese names of enums.</summary>
public static class DisplayText
{
    static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A UTC time from the database as China time, to the minute or second.</summary>
    public static string ChinaTime(DateTime? utc, bool seconds = false) =>
        utc is { } value
            ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), China).ToString(seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm")
            : "";

    /// <summary>A date picked in China time as the UTC instant it starts.</summary>
    public static DateTime ChinaDateToUtc(DateTime chinaDate) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(chinaDate.Date, DateTimeKind.Unspecified), China);

    public static string Of(DataScopeKind kind) => kind switch
    {
        DataScopeKind.Own => "本人",
        DataScopeKind.Department => "本部门",
        DataScopeKind.DepartmentTree => "本部门及下级部门",
        DataScopeKind.All => "全部",
        _ => kind.ToString(),
    };
}
