using Crm.Customers.Domain;

namespace Crm.Customers.Tests.Checks;

/// <summary>统一社会信用代码 as GB 32100-2015 defines it, checked against codes companies publish.</summary>
public sealed class CreditCodeTests
{
    // Published codes: Huawei (its Wikipedia infobox), both Tencent companies, Sinopec and Baosteel (company reports on
    // check-china.com and chinacheckup.com), Alibaba (China) as widely quoted.
    [Theory]
    [InlineData("914403001922038216")] // 华为技术有限公司
    [InlineData("91440300708461136T")] // 深圳市腾讯计算机系统有限公司
    [InlineData("9144030071526726XG")] // 腾讯科技（深圳）有限公司
    [InlineData("91110000710926094P")] // 中国石油化工股份有限公司
    [InlineData("91310000631696382C")] // 宝山钢铁股份有限公司
    [InlineData("91330100799655058B")] // 阿里巴巴（中国）有限公司
    public void Codes_published_by_real_companies_are_valid(string code)
    {
        Assert.True(CreditCode.IsValid(code));
        Assert.Null(CreditCode.Explain(code));
    }

    [Theory]
    [InlineData(" 91440300708461136T ", "91440300708461136T")]
    [InlineData("91440300 708461136 t", "91440300708461136T")]
    [InlineData("９１４４０３００７０８４６１１３６Ｔ", "91440300708461136T")] // typed with a full-width input method
    [InlineData("9144　0300708461136t", "91440300708461136T")]               // ideographic space
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Input_is_trimmed_compacted_folded_to_half_width_and_upper_cased(string? input, string? expected) =>
        Assert.Equal(expected, CreditCode.Normalize(input));

    [Fact]
    public void A_lower_case_code_typed_with_spaces_is_accepted_after_normalizing() =>
        Assert.Null(CreditCode.Explain(" 9144 0300 7084 6113 6t "));

    [Theory]
    [InlineData("91440300708461136A")] // Tencent with the check character changed
    [InlineData("914403001922038217")] // Huawei with the check digit changed
    [InlineData("91440300708461163T")] // two characters swapped
    public void A_wrong_check_character_is_refused(string code)
    {
        Assert.False(CreditCode.IsValid(code));
        Assert.Equal("统一社会信用代码校验位不正确", CreditCode.Explain(code));
    }

    [Theory]
    [InlineData("9144030070846113IT")]
    [InlineData("9144030070846113OT")]
    [InlineData("9144030070846113ZT")]
    [InlineData("9144030070846113ST")]
    [InlineData("9144030070846113VT")]
    [InlineData("9144030070846113-T")]
    public void Letters_the_standard_leaves_out_and_other_characters_are_refused(string code)
    {
        Assert.False(CreditCode.IsValid(code));
        Assert.Equal("统一社会信用代码含有不允许的字符（I、O、S、V、Z 不使用）", CreditCode.Explain(code));
    }

    [Theory]
    [InlineData("91440300708461136")]
    [InlineData("91440300708461136TT")]
    [InlineData("708461136")]           // the old organization code alone
    public void A_code_of_any_length_but_18_is_refused(string code)
    {
        Assert.False(CreditCode.IsValid(code));
        Assert.Equal("统一社会信用代码应为 18 位", CreditCode.Explain(code));
    }

    [Fact]
    public void The_region_must_be_digits_even_when_the_check_character_matches()
    {
        const string letterInRegion = "91A403007084611363"; // check character computed for this body
        Assert.False(CreditCode.IsValid(letterInRegion));
        Assert.Equal("统一社会信用代码第 3–8 位应为行政区划数字", CreditCode.Explain(letterInRegion));
    }

    [Fact]
    public void IsValid_expects_a_normalized_code() => Assert.False(CreditCode.IsValid("91440300708461136t"));

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void A_blank_code_is_explained(string? input) => Assert.Equal("统一社会信用代码不能为空", CreditCode.Explain(input));
}
