using System.Text;
using Crm.Abstractions.Files;

namespace Crm.Customers.Import;

/// <summary>How cell text is cleaned before the archive's rules see it: trimmed, full-width digits, letters and spaces
/// folded, a leading apostrophe (Excel's "this is text" mark, also added to formula-like cells of our error files)
/// dropped; brackets in names made uniform. The original text stays
/// in the row for the report and the error file. Dates, amounts and yes/no are read by the host's
/// <see cref="TableValues"/>, as every import does.</summary>
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

    /// <summary>A whole number such as a satisfaction score ("4", "4.0", "4分").</summary>
    public static bool TryParseInteger(string text, out int value)
    {
        value = 0;
        if (!TableValues.TryParseDecimal(text.TrimEnd('分', '星'), out var number) || number != decimal.Truncate(number) || number is < int.MinValue or > int.MaxValue)
            return false;
        value = (int)number;
        return true;
    }

    static readonly char[] TagSeparators = ['、', ',', '，', ';', '；', '|', '｜'];

    /// <summary>Tag names of a cell: separated by 、,，;；| and trimmed, empty ones dropped.</summary>
    public static IReadOnlyList<string> TagNames(string text) =>
        text.Split(TagSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
