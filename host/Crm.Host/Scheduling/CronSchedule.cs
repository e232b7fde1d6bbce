using Crm.Abstractions.Results;
using Cronos;
using Crm.Host.Api;

namespace Crm.Host.Scheduling;

/// <summary>A validated cron expression in a time zone. Five fields (minute hour day month weekday) is standard cron;
/// six fields put seconds first. Occurrences are computed in the zone (daylight saving handled by Cronos) and returned in UTC.</summary>
internal sealed class CronSchedule
{
    readonly CronExpression expression;

    CronSchedule(CronExpression expression, string cron, TimeZoneInfo zone)
    {
        this.expression = expression;
        Cron = cron;
        Zone = zone;
    }

    /// <summary>The expression with its fields separated by single spaces, as stored.</summary>
    public string Cron { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>The first occurrence strictly after <paramref name="utc"/>, or null if there is none.</summary>
    public DateTime? NextAfter(DateTime utc) => expression.GetNextOccurrence(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>Parses and checks both values, adding field errors <c>cron</c> / <c>timeZone</c> (in Chinese) for what is wrong.</summary>
    public static CronSchedule? Parse(string? cron, string? timeZone, FieldErrors errors)
    {
        var expression = ParseCron(cron, errors, out var normalized);
        TimeZoneInfo? zone = null;
        if (string.IsNullOrWhiteSpace(timeZone))
            errors.Add("timeZone", "时区不能为空");
        else if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone.Trim(), out zone))
            errors.Add("timeZone", $"未知的时区: {timeZone.Trim()}（例如 Asia/Shanghai）");
        if (expression is null || zone is null) return null;
        var schedule = new CronSchedule(expression, normalized, zone);
        if (schedule.NextAfter(DateTime.UtcNow) is null)
        {
            errors.Add("cron", "Cron 表达式无效: 此表达式以后不会再触发");
            return null;
        }
        return schedule;
    }

    /// <summary>Parses a stored schedule; null (with the reason) when the stored values are no longer valid.</summary>
    public static CronSchedule? TryParse(string cron, string timeZone, out string? error)
    {
        var errors = new FieldErrors();
        var schedule = Parse(cron, timeZone, errors);
        error = schedule is null ? string.Join("；", errors.ToDictionary().SelectMany(e => e.Value)) : null;
        return schedule;
    }

    static CronExpression? ParseCron(string? cron, FieldErrors errors, out string normalized)
    {
        var fields = (cron ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        normalized = string.Join(' ', fields);
        if (fields.Length == 0)
        {
            errors.Add("cron", "Cron 表达式不能为空");
            return null;
        }
        // Macros such as @daily are one field; six fields mean seconds come first.
        var format = fields.Length switch
        {
            1 when fields[0].StartsWith('@') => CronFormat.Standard,
            5 => CronFormat.Standard,
            6 => CronFormat.IncludeSeconds,
            _ => (CronFormat?)null,
        };
        if (format is null)
        {
            errors.Add("cron", $"Cron 表达式无效: 应为 5 段（分 时 日 月 周）或 6 段（秒 分 时 日 月 周），实际为 {fields.Length} 段");
            return null;
        }
        try
        {
            return CronExpression.Parse(normalized, format.Value);
        }
        catch (CronFormatException ex)
        {
            errors.Add("cron", $"Cron 表达式无效: {ex.Message}");
            return null;
        }
    }
}
