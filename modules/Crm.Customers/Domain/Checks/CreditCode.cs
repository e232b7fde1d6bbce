namespace Crm.Customers.Domain;

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters — registration authority, category, six-digit region,
/// nine-character organization code and a MOD 31 check character.</summary>
internal static class CreditCode
{
    // I, O, S, V and Z are left out by the standard so they can't be misread as 1, 0, 5, U and 2.
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    // 3^i mod 31 (GB 32100, after GB/T 17710).
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Trimmed, spaces removed, full-width folded, upper-cased; null when blank.</summary>
    public static string? Normalize(string? input) => HalfWidth.Compact(input);

    /// <summary>True for a well-formed code (expects the output of <see cref="Normalize"/>).</summary>
    public static bool IsValid(string normalized) => Problem(normalized) is null;

    /// <summary>What is wrong with the input, for the user; null when it is a valid code.</summary>
    public static string? Explain(string? input) =>
        Normalize(input) is { } code ? Problem(code) : "统一社会信用代码不能为空";

    // The authority and category characters are not checked against their tables: those tables grow with new
    // registration authorities, and the check character already catches typing mistakes.
    private static string? Problem(string code)
    {
        if (code.Length != 18) return "统一社会信用代码应为 18 位";
        if (code.AsSpan().ContainsAnyExcept(Alphabet)) return "统一社会信用代码含有不允许的字符（I、O、S、V、Z 不使用）";
        if (code.AsSpan(2, 6).ContainsAnyExceptInRange('0', '9')) return "统一社会信用代码第 3–8 位应为行政区划数字";
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(code[i]) * Weights[i];
        return Alphabet[(31 - sum % 31) % 31] == code[17] ? null : "统一社会信用代码校验位不正确";
    }
}
