using System.Text;

namespace Crm.Customers.Domain;

/// <summary>Mainland China phone numbers: 手机号 and 办公电话 (fixed line with area code), as users type them —
/// with +86, spaces, dashes, brackets, full-width digits and extensions — reduced to one canonical form.</summary>
internal static class PhoneNumbers
{
    // Longest first, so "ext" wins over the "x" inside it.
    private static readonly string[] ExtensionMarkers = ["分机", "转", "ext", "#", "x"];

    /// <summary>The 11 digits of a mainland mobile number (1, then 3–9, then 9 digits), or null.</summary>
    public static string? NormalizeMobile(string? input)
    {
        if (!TrySplitGroups(input, out var groups, out var plus)) return null;
        var number = string.Concat(groups);
        if (number.StartsWith("0086", StringComparison.Ordinal)) number = number[4..];
        else if (number.StartsWith("86", StringComparison.Ordinal) && (plus || number.Length == 13)) number = number[2..];
        else if (plus) return null;
        return number.Length == 11 && number[0] == '1' && number[1] is >= '3' and <= '9' ? number : null;
    }

    /// <summary>"0755-86013388" or "010-62345678-123" for a mainland fixed-line number with its area code, or null.</summary>
    public static string? NormalizeLandline(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        var text = HalfWidth.Fold(input).ToLowerInvariant();
        string? extension = null;
        foreach (var marker in ExtensionMarkers)
        {
            var at = text.IndexOf(marker, StringComparison.Ordinal);
            if (at < 0) continue;
            extension = text[(at + marker.Length)..].Trim().TrimStart('.', ':').Trim();
            text = text[..at];
            break;
        }
        if (!TrySplitGroups(text, out var groups, out var plus) || !DropCountryCode(groups, plus)) return null;

        string area, subscriber;
        var next = 1;
        if (AreaCodeLength(groups[0]) == groups[0].Length)
        {
            area = groups[0];
            if (groups.Count > 1 && groups[1].Length is 7 or 8) (subscriber, next) = (groups[1], 2);
            else if (groups.Count > 2 && (groups[1].Length + groups[2].Length) is 7 or 8) (subscriber, next) = (groups[1] + groups[2], 3);
            else return null;
        }
        else
        {
            // All in one run of digits ("075512345678"): the area code's own shape says where it ends.
            var length = AreaCodeLength(groups[0]);
            if (length == 0) return null;
            (area, subscriber) = (groups[0][..length], groups[0][length..]);
        }
        if (subscriber.Length is not (7 or 8) || subscriber[0] is '0' or '1') return null;

        // A dash after the subscriber number introduces the extension ("010-12345678-123").
        if (next < groups.Count)
        {
            if (extension is not null || next != groups.Count - 1) return null;
            extension = groups[next];
        }
        if (extension is not null && (extension.Length is 0 or > 6 || extension.AsSpan().ContainsAnyExceptInRange('0', '9')))
            return null;
        return extension is null ? $"{area}-{subscriber}" : $"{area}-{subscriber}-{extension}";
    }

    /// <summary>What is wrong with the mobile number, for the user; null when it is valid.</summary>
    public static string? ExplainMobile(string? input) =>
        string.IsNullOrWhiteSpace(input) ? "手机号不能为空"
        : NormalizeMobile(input) is null ? "手机号应为 11 位中国大陆手机号码"
        : null;

    /// <summary>What is wrong with the office number, for the user; null when it is valid.</summary>
    public static string? ExplainLandline(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return "办公电话不能为空";
        if (NormalizeLandline(input) is not null) return null;
        // The usual mistake is leaving out the area code, so it gets the hint that says so.
        return TrySplitGroups(input, out var groups, out _) && string.Concat(groups) is { Length: 7 or 8 } digits && digits[0] != '0'
            ? "办公电话应包含区号，如 0755-86013388"
            : "办公电话格式不正确，应为 区号-号码 或 区号-号码-分机，如 010-12345678-123";
    }

    // 010 and 02X are the three-digit area codes; every other one is 0 + (3–9) + two digits.
    private static int AreaCodeLength(string digits) => digits switch
    {
        _ when digits.StartsWith("010", StringComparison.Ordinal) => 3,
        _ when digits.StartsWith("02", StringComparison.Ordinal) && digits.Length >= 3 => 3,
        [ '0', >= '3' and <= '9', _, _, ..] => 4,
        _ => 0,
    };

    // "+86 (0)755 ..." / "0086 10 ..." / "86-755-...": the national 0 is dropped after the country code, so put it back.
    // A domestic number always starts with 0, so a leading 86 can only be the country code.
    private static bool DropCountryCode(List<string> groups, bool plus)
    {
        var first = groups[0];
        string rest;
        if (first.StartsWith("0086", StringComparison.Ordinal)) rest = first[4..];
        else if (first.StartsWith("86", StringComparison.Ordinal)) rest = first[2..];
        else return !plus;
        groups.RemoveAt(0);
        if (rest.Length > 0) groups.Insert(0, rest);
        if (groups.Count > 0 && groups[0] == "0") groups.RemoveAt(0);
        if (groups.Count == 0) return false;
        if (groups[0][0] != '0') groups[0] = "0" + groups[0];
        return true;
    }

    // Digit runs between spaces, dashes and brackets; a + may only lead. False for anything else.
    private static bool TrySplitGroups(string? input, out List<string> groups, out bool plus)
    {
        groups = [];
        plus = false;
        if (string.IsNullOrWhiteSpace(input)) return false;
        var group = new StringBuilder();
        foreach (var raw in input)
        {
            var c = HalfWidth.Fold(raw);
            if (char.IsAsciiDigit(c))
            {
                group.Append(c);
                continue;
            }
            if (c == '+' && !plus && groups.Count == 0 && group.Length == 0) plus = true;
            else if (!(char.IsWhiteSpace(c) || c is '-' or '(' or ')')) return false;
            if (group.Length > 0) groups.Add(group.ToString());
            group.Clear();
        }
        if (group.Length > 0) groups.Add(group.ToString());
        return groups.Count > 0;
    }
}
