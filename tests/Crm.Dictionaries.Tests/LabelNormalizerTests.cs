using Crm.Dictionaries.Domain;

namespace Crm.Dictionaries.Tests;

/// <summary>How labels typed or imported by people are compared with names and aliases.</summary>
public sealed class LabelNormalizerTests
{
    [Theory]
    [InlineData("潜在客户", "潜在客户")]
    [InlineData("  潜在客户　", "潜在客户")]          // half- and full-width spaces around
    [InlineData("ＶＩＰ客户", "vip客户")]             // full-width letters, case folded
    [InlineData("００１", "001")]                    // full-width digits
    [InlineData("（深圳）分公司", "(深圳)分公司")]     // full-width brackets
    [InlineData("技术　 服务", "技术 服务")]           // inner white space collapsed
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Labels_are_compared_trimmed_half_width_and_case_folded(string? label, string expected) =>
        Assert.Equal(expected, LabelNormalizer.Normalize(label));
}
