using Crm.Customers.Domain;

namespace Crm.Customers.Tests.Checks;

/// <summary>When two legal names are the same company, and how a name is kept for display.</summary>
public sealed class CustomerNameKeyTests
{
    [Theory]
    [InlineData("腾讯科技（深圳）有限公司")]
    [InlineData("腾讯科技(深圳)有限公司")]
    [InlineData(" 腾讯科技 (深圳) 有限公司 ")]
    [InlineData("腾讯科技【深圳】有限公司")]
    [InlineData("腾讯科技〔深圳〕有限公司")]
    [InlineData("腾讯科技［深圳］有限公司")]
    [InlineData("腾讯科技｛深圳｝有限公司")]
    [InlineData("腾讯科技〈深圳〉有限公司")]
    [InlineData("腾讯科技《深圳》有限公司")]
    [InlineData("腾讯科技「深圳」有限公司")]
    [InlineData("腾讯科技『深圳』有限公司")]
    [InlineData("腾讯科技〖深圳〗有限公司")]
    [InlineData("腾讯科技[深圳]有限公司")]
    [InlineData("腾讯科技{深圳}有限公司")]
    [InlineData("腾讯科技<深圳>有限公司")]
    [InlineData("腾讯科技　（深圳）\t有限公司")]
    public void Bracket_kinds_and_white_space_do_not_make_another_company(string name) =>
        Assert.Equal("腾讯科技(深圳)有限公司", CustomerNameKey.Normalize(name));

    [Theory]
    [InlineData("ＡＢＣ贸易有限公司", "ABC贸易有限公司")]
    [InlineData("abc贸易有限公司", "ABC贸易有限公司")]
    [InlineData("Abc 贸易 有限公司", "ABC贸易有限公司")]
    [InlineData("深圳市１２３科技有限公司", "深圳市123科技有限公司")]
    [InlineData("Ｈ＆Ｍ（中国）", "H&M(中国)")]
    public void Latin_letters_and_digits_compare_half_width_and_upper_case(string name, string key) =>
        Assert.Equal(key, CustomerNameKey.Normalize(name));

    [Fact]
    public void Different_names_keep_different_keys() =>
        Assert.NotEqual(CustomerNameKey.Normalize("腾讯科技（深圳）有限公司"), CustomerNameKey.Normalize("腾讯科技（北京）有限公司"));

    [Fact]
    public void A_blank_name_has_an_empty_key() => Assert.Equal("", CustomerNameKey.Normalize(" 　 "));

    [Theory]
    [InlineData("  腾讯科技（深圳）有限公司 ", "腾讯科技（深圳）有限公司")]
    [InlineData("ABC   Trading\t Co., Ltd.", "ABC Trading Co., Ltd.")]
    [InlineData("北京　　某某 有限公司", "北京 某某 有限公司")]
    [InlineData("腾讯科技(深圳)有限公司", "腾讯科技(深圳)有限公司")]     // brackets stay as typed
    [InlineData("ＡＢＣ（中国）", "ＡＢＣ（中国）")]                  // nothing is folded for display
    [InlineData("  ", "")]
    public void Display_form_is_trimmed_with_inner_white_space_collapsed_and_nothing_else_changed(string name, string display) =>
        Assert.Equal(display, CustomerNameKey.Display(name));
}
