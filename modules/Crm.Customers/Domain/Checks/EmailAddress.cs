namespace Crm.Customers.Domain;

/// <summary>邮箱: a plain address (local@domain) as mail servers accept it; quoted local parts and IP-literal domains
/// are refused because nobody types them into a CRM and they mostly hide mistakes.</summary>
internal static class EmailAddress
{
    public const int MaxLength = 254;

    // RFC 5322 atext, plus the dot between atoms.
    private const string LocalSpecials = "!#$%&'*+-/=?^_`{|}~.";

    /// <summary>Trimmed, full-width folded (＠ and ． included), domain lower-cased; the local part keeps its case because
    /// the receiving server owns it. Null when blank.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var email = HalfWidth.Fold(input).Trim();
        var at = email.LastIndexOf('@');
        return at < 0 ? email : email[..(at + 1)] + email[(at + 1)..].ToLowerInvariant();
    }

    /// <summary>True for a plain address (expects the output of <see cref="Normalize"/>).</summary>
    public static bool IsValid(string normalized)
    {
        if (normalized.Length > MaxLength) return false;
        var at = normalized.IndexOf('@');
        if (at <= 0 || at != normalized.LastIndexOf('@')) return false;
        return IsLocalPart(normalized.AsSpan(0, at)) && IsDomain(normalized.AsSpan(at + 1));
    }

    /// <summary>What is wrong with the address, for the user; null when it is valid.</summary>
    public static string? Explain(string? input) =>
        Normalize(input) is not { } email ? "邮箱不能为空"
        : IsValid(email) ? null
        : "邮箱格式不正确";

    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local.Length > 64 || local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal)) return false;
        foreach (var c in local)
            if (!char.IsAsciiLetterOrDigit(c) && !LocalSpecials.Contains(c)) return false;
        return true;
    }

    // Labels of letters, digits and inner hyphens; letters may be non-ASCII for internationalized domains (例子.中国).
    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        var lastLabelHasLetter = false;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-') return false;
            lastLabelHasLetter = false;
            foreach (var c in label)
            {
                if (char.IsLetter(c)) lastLabelHasLetter = true;
                else if (!char.IsDigit(c) && c != '-') return false;
            }
            labels++;
        }
        // A top-level domain is never all digits, which also keeps out "user@192.168.1.1".
        return labels >= 2 && lastLabelHasLetter;
    }
}
