using System.Globalization;

namespace Crm.Customers.Domain;

/// <summary>居民身份证号码 (GB 11643-1999): six-digit address code, birth date yyyyMMdd, three-digit sequence and an
/// ISO 7064 MOD 11-2 check character (digit or X).</summary>
internal static class ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";
    private static readonly DateOnly EarliestBirth = new(1900, 1, 1);

    // The server's local date: the host runs on China time, where the user's "today" is.
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    /// <summary>Trimmed, spaces removed, full-width folded, a lower-case x made X; null when blank.</summary>
    public static string? Normalize(string? input) => HalfWidth.Compact(input);

    /// <summary>True for a well-formed number (expects the output of <see cref="Normalize"/>).</summary>
    public static bool IsValid(string normalized) => IsValid(normalized, Today);

    /// <summary>As <see cref="IsValid(string)"/>, with the date a birth date may not be after.</summary>
    public static bool IsValid(string normalized, DateOnly today) => Problem(normalized, today) is null;

    /// <summary>What is wrong with the input, for the user; null when it is a valid number.</summary>
    public static string? Explain(string? input) => Explain(input, Today);

    /// <summary>As <see cref="Explain(string?)"/>, with the date a birth date may not be after.</summary>
    public static string? Explain(string? input, DateOnly today) =>
        Normalize(input) is { } number ? Problem(number, today) : "居民身份证号码不能为空";

    private static string? Problem(string number, DateOnly today)
    {
        if (number.Length != 18) return "居民身份证号码应为 18 位";
        if (number.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9') || number[17] is not (>= '0' and <= '9' or 'X'))
            return "居民身份证号码应为 17 位数字加 1 位数字或 X";
        if (!IsProvince((number[0] - '0') * 10 + number[1] - '0')) return "居民身份证号码的地区码不正确";
        if (!DateOnly.TryParseExact(number.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth < EarliestBirth || birth > today)
            return "居民身份证号码中的出生日期不正确";
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (number[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11] == number[17] ? null : "居民身份证号码校验位不正确";
    }

    // Provinces (GB/T 2260), plus 71 Taiwan, 81/82/83 residence permits for Hong Kong, Macao and Taiwan residents
    // and 91 for foreigners' permanent residence cards.
    private static bool IsProvince(int code) => code is
        (>= 11 and <= 15) or (>= 21 and <= 23) or (>= 31 and <= 37) or (>= 41 and <= 46) or (>= 50 and <= 54)
        or (>= 61 and <= 65) or 71 or 81 or 82 or 83 or 91;
}
