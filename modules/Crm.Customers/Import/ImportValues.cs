using System.Globalization;
using System.Text;

namespace Crm.Customers.Import;

/// <summary>How cell text is cleaned before the archive's rules see it: trimmed, full-width digits, letters and spaces
/// folded, a leading apostrophe (Excel's "this is text" mark, also added to formula-like cells of our error files)
/// dropped; numbers with thousands separators, ¥/元 and 万/亿; brackets in names made uniform. The original text stays
/// in the row for the report and the error file.</summary>
internal static class ImportValues
{
    /// <summary>Trimmed and folded; "" when blank.</summary>
    public static string Clean(string? cell)
    {
        if (string.IsNullOrWhiteSpace(cell)) return "";
        var text = FoldAlphanumeric(cell).Trim();
        if (text.Length > 1 && text[0] == '\'') text = text[1..].TrimStart();
        return text;
    }

    /// <summary>Full-width digits, Latin letters and the ideographic space to ASCII; Chinese punctuation (，。（）) stays.</summary>
    public static string FoldAlphanumeric(string text)
    {
        var folded = false;
        foreach (var c in text)
            if (c is '\u3000' or >= '\uFF10' and <= '\uFF19' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A' or '\u00A0')
            {
                folded = true;
                break;
            }
        if (!folded) return text;
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    '\u3000' or '\u00A0' => ' ',
                    >= '\uFF10' and <= '\uFF19' or >= '\uFF21' and <= '\uFF3A' or >= '\uFF41' and <= '\uFF5A' => (char)(c - 0xFEE0),
                    _ => c,
                };
            }
        });
    }

    /// <summary>A company name with its brackets made uniform: full-width （） when the name is Chinese (as on a business
    /// licence), ASCII () otherwise; every other bracket kind becomes the same pair.</summary>
    public static string Name(string name)
    {
        var chinese = name.Any(c => c is >= '\u4E00' and <= '\u9FFF');
        var (open, close) = chinese ? ('（', '）') : ('(', ')');
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
            text.Append(c switch
            {
                '(' or '（' or '[' or '【' or '〔' or '［' or '〖' => open,
                ')' or '）' or ']' or '】' or '〕' or '］' or '〗' => close,
                _ => c,
            });
        return text.ToString();
    }

    /// <summary>An amount in yuan: "1,234.5", "¥1234", "12万", "1.2亿元", "RMB 500"; false when it is not a number.</summary>
    public static bool TryParseAmount(string text, out decimal amount)
    {
        amount = 0;
        var compact = new StringBuilder(text.Length);
        foreach (var c in text)
            if (!char.IsWhiteSpace(c) && c is not (',' or '，' or '¥' or '￥' or '元')) compact.Append(c);
        var value = compact.ToString();
        if (value.StartsWith("RMB", StringComparison.OrdinalIgnoreCase)) value = value[3..];
        if (value.StartsWith("CNY", StringComparison.OrdinalIgnoreCase)) value = value[3..];
        var factor = 1m;
        if (value.EndsWith('万')) (factor, value) = (10_000m, value[..^1]);
        else if (value.EndsWith('亿')) (factor, value) = (100_000_000m, value[..^1]);
        if (value.Length == 0 || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return false;
        amount = decimal.Round(number * factor, 2, MidpointRounding.AwayFromZero);
        return true;
    }

    /// <summary>A whole number such as a satisfaction score ("4", "4.0", "4分").</summary>
    public static bool TryParseInteger(string text, out int value)
    {
        var trimmed = text.TrimEnd('分', '星').Trim();
        if (int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        if (decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)d;
            return true;
        }
        return false;
    }

    static readonly char[] TagSeparators = ['、', ',', '，', ';', '；', '|', '｜'];

    /// <summary>Tag names of a cell: separated by 、,，;；| and trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<string> TagNames(string text) =>
        text.Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>是/否 and the like for a yes/no column; null when it is neither.</summary>
    public static bool? YesNo(string text) => text.ToLowerInvariant() switch
    {
        "是" or "y" or "yes" or "true" or "1" or "√" or "✓" or "主要" => true,
        "否" or "n" or "no" or "false" or "0" or "×" or "" => false,
        _ => null,
    };

    // Until the host's TableValues.TryParseDate is merged (i6-tables): the formats the issue names.
    static readonly string[] DateFormats = ["yyyy-M-d", "yyyy/M/d", "yyyy.M.d", "yyyyMMdd", "yyyy年M月d日", "yyyy-M-d H:m:s", "yyyy/M/d H:m:s", "yyyy-M-d H:m", "yyyy/M/d H:m"];

    /// <summary>A date as people type it: 2024/3/5, 2024-03-05, 2024年3月5日, or an Excel serial number (45356).</summary>
    public static bool TryParseDate(string text, out DateOnly date)
    {
        date = default;
        var value = text.Trim();
        if (DateTime.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2_958_466)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        return false;
    }
}
