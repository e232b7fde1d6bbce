using System.Text;

namespace Crm.Dictionaries.Domain;

/// <summary>How labels and aliases are compared: trimmed, full-width letters, digits, punctuation and spaces folded to
/// half-width, inner white space collapsed, Latin letters lower-cased. "　潜在客户 " and "潜在客户" are the same label.</summary>
public static class LabelNormalizer
{
    public static string Normalize(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return "";
        var builder = new StringBuilder(label.Length);
        var space = false;
        foreach (var raw in label)
        {
            var c = raw switch
            {
                '\u3000' => ' ',                                  // ideographic space
                >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0), // full-width ASCII block
                _ => raw,
            };
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
