using System.Text;

namespace Crm.Customers.Domain;

/// <summary>客户名称: the key under which legal names must be unique, and the form stored for display.
/// "深圳市腾讯计算机系统有限公司" typed with half-width brackets, extra spaces or a full-width Latin letter is still
/// the same company.</summary>
internal static class CustomerNameKey
{
    /// <summary>Trimmed, full-width folded, every bracket kind made ( or ), all white space removed, Latin letters
    /// upper-cased.</summary>
    public static string Normalize(string name)
    {
        var key = new StringBuilder(name.Length);
        foreach (var raw in name)
        {
            var c = HalfWidth.Fold(raw);
            if (char.IsWhiteSpace(c)) continue;
            key.Append(c switch
            {
                '(' or '[' or '{' or '<' or '【' or '〔' or '〈' or '《' or '「' or '『' or '〖' => '(',
                ')' or ']' or '}' or '>' or '】' or '〕' or '〉' or '》' or '」' or '』' or '〗' => ')',
                _ => char.ToUpperInvariant(c),
            });
        }
        return key.ToString();
    }

    /// <summary>Trimmed, inner white-space runs collapsed to one space; nothing else changed, because a legal name is
    /// shown as registered (with its full-width （）).</summary>
    public static string Display(string name)
    {
        var display = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c))
            {
                space = display.Length > 0;
                continue;
            }
            if (space) display.Append(' ');
            space = false;
            display.Append(c);
        }
        return display.ToString();
    }
}

/// <summary>Folds the full-width forms a Chinese input method types (＠, ０-９, Ａ-Ｚ, （）, the ideographic space) to
/// their ASCII counterparts, so every check in this folder sees what the user meant.</summary>
internal static class HalfWidth
{
    public static char Fold(char c) => c switch
    {
        '\u3000' => ' ',
        >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
        _ => c,
    };

    public static string Fold(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++) span[i] = Fold(source[i]);
    });

    /// <summary>Folded, with all white space removed and upper-cased; null when nothing is left. Identifiers such as
    /// credit codes and ID numbers are often typed in groups ("110105 19491231 002x").</summary>
    public static string? Compact(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var compact = new StringBuilder(input.Length);
        foreach (var raw in input)
        {
            var c = Fold(raw);
            if (!char.IsWhiteSpace(c)) compact.Append(char.ToUpperInvariant(c));
        }
        return compact.ToString();
    }
}
