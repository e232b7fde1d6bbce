namespace Crm.Abstractions;

/// <summary>China Standard Time (Asia/Shanghai): times are stored in UTC and shown to users in China time.</summary>
public static class ChinaTime
{
    public const string ZoneId = "Asia/Shanghai";

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    /// <summary>A UTC time (as stored) in China time.</summary>
    public static DateTime FromUtc(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>A wall-clock time in China (e.g. a date picked in the UI) as UTC.</summary>
    public static DateTime ToUtc(DateTime chinaTime) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(chinaTime, DateTimeKind.Unspecified), Zone);

    /// <summary>For display: "2026-11-23 21:05:00" in China time, or <paramref name="empty"/> for no value.</summary>
    public static string Format(DateTime? utc, string empty = "") =>
        utc is { } value ? FromUtc(value).ToString("yyyy-MM-dd HH:mm:ss") : empty;

    public static string Format(DateTimeOffset? value, string empty = "") =>
        value is { } v ? TimeZoneInfo.ConvertTime(v, Zone).ToString("yyyy-MM-dd HH:mm:ss") : empty;
}
