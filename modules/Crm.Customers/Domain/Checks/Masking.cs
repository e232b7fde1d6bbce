using System.Text.RegularExpressions;

namespace Crm.Customers.Domain;

/// <summary>脱敏: personal data as shown to users without the permission to reveal it. A value that is not in the
/// expected form is never shown more than its last four characters.</summary>
internal static partial class Masking
{
    /// <summary>"13812345678" → "138****5678".</summary>
    public static string? Mobile(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return PhoneNumbers.NormalizeMobile(value) is { } mobile ? $"{mobile[..3]}****{mobile[^4..]}" : AllButLastFour(value);
    }

    /// <summary>"0755-86013388" → "0755-****3388"; area code and extension stay, the subscriber number keeps its last 4.</summary>
    public static string? Landline(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        // Stored numbers in the canonical shape are masked by it even when they fail today's rules (a subscriber
        // number starting with 1, say): the area code gives nothing away.
        var landline = PhoneNumbers.NormalizeLandline(value) ?? (CanonicalLandline().IsMatch(value.Trim()) ? value.Trim() : null);
        if (landline is null) return AllButLastFour(value);
        var parts = landline.Split('-');
        parts[1] = new string('*', parts[1].Length - 4) + parts[1][^4..];
        return string.Join('-', parts);
    }

    /// <summary>"11010519491231002X" → "110105********002X": the address code and the last 4, never the birth date.</summary>
    public static string? IdNumber(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return ResidentId.Normalize(value) is { Length: 18 } id ? $"{id[..6]}********{id[^4..]}" : AllButLastFour(value);
    }

    /// <summary>"zhang@example.com" → "z***@example.com".</summary>
    public static string? Email(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var email = EmailAddress.Normalize(value)!;
        return EmailAddress.IsValid(email) ? $"{email[0]}***{email[email.IndexOf('@')..]}" : AllButLastFour(value);
    }

    [GeneratedRegex(@"^0\d{2,3}-\d{7,8}(-\d{1,6})?$")]
    private static partial Regex CanonicalLandline();

    // A short value would be given away by its last four characters, so it is masked whole.
    private static string AllButLastFour(string value)
    {
        value = value.Trim();
        var shown = value.Length >= 8 ? 4 : 0;
        return new string('*', value.Length - shown) + value[^shown..];
    }
}
