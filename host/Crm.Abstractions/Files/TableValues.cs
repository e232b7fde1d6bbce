using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Crm.Abstractions.Files;

/// <summary>Reads the values people type into spreadsheets — dates as 2024/3/5, 2024年3月5日 or an Excel serial number,
/// amounts as ¥1,234.50 or 1.2万, yes/no as 是/否 — the same way in every import. Full-width digits and punctuation
/// (１２３４，２０２４／３／５) are folded first. Each method returns false for anything it does not recognise, so
/// that the import can name the cell, instead of guessing.</summary>
public static partial class TableValues
{
    /// <summary>Excel serial numbers are read only with five digits (1927-05-18 … 2173-10-14): a date column holding
    /// "2024" means a year, and six digits are a postcode or a yyyyMM rather than a day 800 years away.</summary>
    const int MinSerial = 10_000, MaxSerial = 99_999;

    /// <summary>2024/3/5, 2024-03-05, 2024.3.5, 2024年3月5日, 20240305, "2024-03-05 00:00:00" (the time is dropped) or
    /// an Excel serial day number such as 45356 or 45356.0. Four-digit years only: 3/5/2024 and 24/3/5 are ambiguous.</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        date = default;
        var value = Fold(text);
        if (value.Length == 0) return false;
        if (SerialNumber().Match(value) is { Success: true } serial)
            return serial.Groups["fraction"].Value.TrimEnd('0').Length == 0 && FromSerial(serial.Groups["days"].Value, out date);
        var match = DateAndTime().Match(value);
        return match.Success && DateOf(match, out date) && (!match.Groups["hour"].Success || TimeOf(match, out _));
    }

    /// <summary>A date with an optional time to the minute, as China time (2024/3/5 14:30, 2024-03-05 14:30:59 →
    /// 14:30, 2024年3月5日, an Excel serial with a fraction of a day such as 45356.6041666667 → 14:30, rounded to the
    /// minute). The result's kind is unspecified: convert it with <see cref="ChinaTime.ToUtc"/>.</summary>
    public static bool TryParseDateTime(string? text, out DateTime dateTime)
    {
        dateTime = default;
        var value = Fold(text);
        if (value.Length == 0) return false;
        if (SerialNumber().Match(value) is { Success: true } serial)
        {
            if (!FromSerial(serial.Groups["days"].Value, out var day)) return false;
            var fraction = serial.Groups["fraction"].Success ? double.Parse("0." + serial.Groups["fraction"].Value, CultureInfo.InvariantCulture) : 0;
            var minutes = (int)Math.Round(fraction * 24 * 60, MidpointRounding.AwayFromZero);
            dateTime = day.ToDateTime(TimeOnly.MinValue).AddMinutes(minutes);
            return true;
        }
        var match = DateAndTime().Match(value);
        if (!match.Success || !DateOf(match, out var date)) return false;
        var time = TimeOnly.MinValue;
        if (match.Groups["hour"].Success && !TimeOf(match, out time)) return false;
        dateTime = date.ToDateTime(time);
        return true;
    }

    /// <summary>1234, -12.5, 1,234.50 (thousands separators in groups of three), ¥1234 / ￥1234 / RMB 1234, 1234元,
    /// 1.2万 = 12000, 3亿, 1.5万元. Not a percentage: see <see cref="TryParsePercent"/>.</summary>
    public static bool TryParseDecimal(string? text, out decimal value)
    {
        value = default;
        var match = Amount().Match(Fold(text));
        if (!match.Success) return false;
        var number = match.Groups["number"].Value;
        if (number.Contains(',') && !GroupedThousands().IsMatch(number.Split('.')[0].TrimStart('+', '-'))) return false;
        if (!decimal.TryParse(number.Replace(",", ""), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            return false;
        try
        {
            value *= match.Groups["unit"].Value switch { "万" => 10_000m, "亿" => 100_000_000m, _ => 1m };
        }
        catch (OverflowException)
        {
            return false;
        }
        return true;
    }

    /// <summary>A percentage as a fraction: "12.5%" and "12.5％" → 0.125. A number without the sign is taken as the
    /// fraction itself, as Excel stores a cell showing 12.5% (0.125).</summary>
    public static bool TryParsePercent(string? text, out decimal fraction)
    {
        fraction = default;
        var match = Percent().Match(Fold(text));
        if (!match.Success) return false;
        fraction = decimal.Parse(match.Groups["number"].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (match.Groups["percent"].Success) fraction /= 100m;
        return true;
    }

    /// <summary>是/否, 有/无, Y/N, yes/no, true/false (any case), 1/0, and Excel's TRUE/FALSE.</summary>
    public static bool TryParseBool(string? text, out bool value)
    {
        switch (Fold(text).ToLowerInvariant())
        {
            case "是" or "有" or "y" or "yes" or "true" or "1":
                value = true;
                return true;
            case "否" or "无" or "n" or "no" or "false" or "0":
                value = false;
                return true;
            default:
                value = default;
                return false;
        }
    }

    /// <summary>Trimmed, with full-width forms folded (NFKC: １ → 1, ／ → /, ： → :, ％ → %, ￥ → ¥, the ideographic
    /// space → space).</summary>
    static string Fold(string? text) => string.IsNullOrWhiteSpace(text) ? "" : text.Normalize(NormalizationForm.FormKC).Trim();

    static bool DateOf(Match match, out DateOnly date)
    {
        date = default;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (year < 1000 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    // Seconds are read to check them and then dropped: CRM times are kept to the minute.
    static bool TimeOf(Match match, out TimeOnly time)
    {
        time = default;
        var hour = int.Parse(match.Groups["hour"].Value, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var second = match.Groups["second"].Success ? int.Parse(match.Groups["second"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59 || second > 59) return false;
        time = new TimeOnly(hour, minute);
        return true;
    }

    /// <summary>Excel's day numbers count from 1900-01-01 = 1 and include 1900-02-29, which never was (kept from
    /// Lotus 1-2-3); every serial in the accepted range is after it, so day 0 is 1899-12-30.</summary>
    static bool FromSerial(string days, out DateOnly date)
    {
        date = default;
        if (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) || serial is < MinSerial or > MaxSerial) return false;
        date = new DateOnly(1899, 12, 30).AddDays(serial);
        return true;
    }

    [GeneratedRegex(@"^(?<days>[0-9]{5})(\.(?<fraction>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex SerialNumber();

    [GeneratedRegex(@"^(?:(?<year>[0-9]{4})(?<sep>[-/.])(?<month>[0-9]{1,2})\k<sep>(?<day>[0-9]{1,2})|(?<year>[0-9]{4})年\s*(?<month>[0-9]{1,2})月\s*(?<day>[0-9]{1,2})[日号]?|(?<year>[0-9]{4})(?<month>[0-9]{2})(?<day>[0-9]{2}))(?:(?:\s+|T)(?<hour>[0-9]{1,2})[:时](?<minute>[0-9]{2})分?(?::(?<second>[0-9]{2})(?:\.[0-9]+)?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateAndTime();

    [GeneratedRegex(@"^(?:¥|RMB|CNY)?\s*(?<number>[+-]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(?<unit>万|亿)?\s*元?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Amount();

    [GeneratedRegex(@"^(?<number>[+-]?[0-9]+(?:\.[0-9]+)?)\s*(?<percent>%)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Percent();

    [GeneratedRegex(@"^[0-9]{1,3}(,[0-9]{3})*$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupedThousands();
}
