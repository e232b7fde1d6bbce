using Crm.Customers.Domain;

namespace Crm.Customers.Tests.Checks;

/// <summary>Mainland mobile and office numbers as people type them, reduced to one canonical form.</summary>
public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("13812345678")]
    [InlineData(" 138 1234 5678 ")]
    [InlineData("138-1234-5678")]
    [InlineData("+86 138 1234 5678")]
    [InlineData("+86-13812345678")]
    [InlineData("+8613812345678")]
    [InlineData("8613812345678")]
    [InlineData("0086 13812345678")]
    [InlineData("(+86) 138 1234 5678")]
    [InlineData("１３８１２３４５６７８")]    // full-width digits
    [InlineData("１３８－１２３４－５６７８")] // full-width dashes
    [InlineData("138　1234　5678")]         // ideographic spaces
    public void Mobile_numbers_are_reduced_to_their_11_digits(string input) =>
        Assert.Equal("13812345678", PhoneNumbers.NormalizeMobile(input));

    [Theory]
    [InlineData("19912345678")]
    [InlineData("16612345678")]
    [InlineData("14712345678")]
    public void Every_second_digit_from_3_to_9_is_a_mobile_prefix(string input) =>
        Assert.Equal(input, PhoneNumbers.NormalizeMobile(input));

    [Theory]
    [InlineData("12345678901")]     // second digit 2
    [InlineData("11012345678")]     // second digit 1
    [InlineData("23812345678")]     // not starting with 1
    [InlineData("1381234567")]      // 10 digits
    [InlineData("138123456789")]    // 12 digits
    [InlineData("+1 415 555 0100")] // another country
    [InlineData("+85291234567")]    // Hong Kong
    [InlineData("138.1234.5678")]
    [InlineData("138 1234 567a")]
    [InlineData("13812+345678")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_mobile_number(string? input) => Assert.Null(PhoneNumbers.NormalizeMobile(input));

    [Fact]
    public void Mobile_problems_are_explained()
    {
        Assert.Null(PhoneNumbers.ExplainMobile("+86 138 1234 5678"));
        Assert.Equal("手机号应为 11 位中国大陆手机号码", PhoneNumbers.ExplainMobile("12345678901"));
        Assert.Equal("手机号不能为空", PhoneNumbers.ExplainMobile(" "));
    }

    [Theory]
    [InlineData("0755-87654321", "0755-87654321")]
    [InlineData("0755 87654321", "0755-87654321")]
    [InlineData("075587654321", "0755-87654321")]
    [InlineData("(0755)87654321", "0755-87654321")]
    [InlineData("（0755）8765 4321", "0755-87654321")]     // full-width brackets, subscriber typed in two groups
    [InlineData("0755-8765-4321", "0755-87654321")]
    [InlineData("+86 755 8765 4321", "0755-87654321")]     // national 0 dropped after the country code
    [InlineData("+86 (0)755 87654321", "0755-87654321")]
    [InlineData("+86 0755 87654321", "0755-87654321")]
    [InlineData("0086-755-87654321", "0755-87654321")]
    [InlineData("86 755 87654321", "0755-87654321")]
    [InlineData("010-62345678", "010-62345678")]          // Beijing
    [InlineData("01062345678", "010-62345678")]
    [InlineData("+86 10 62345678", "010-62345678")]
    [InlineData("021-52345678", "021-52345678")]          // Shanghai
    [InlineData("020 3234 5678", "020-32345678")]          // Guangzhou
    [InlineData("0371-6234567", "0371-6234567")]           // seven-digit subscriber number
    [InlineData("０７５５－８７６５４３２１", "0755-87654321")]
    public void Office_numbers_get_the_canonical_area_code_dash_number_form(string input, string expected) =>
        Assert.Equal(expected, PhoneNumbers.NormalizeLandline(input));

    [Theory]
    [InlineData("010-62345678-123")]
    [InlineData("010-62345678 转 123")]
    [InlineData("010-62345678转123")]
    [InlineData("010 6234 5678 分机 123")]
    [InlineData("010-62345678 ext. 123")]
    [InlineData("010-62345678 EXT 123")]
    [InlineData("010-62345678#123")]
    [InlineData("010-62345678x123")]
    [InlineData("(010) 62345678 X 123")]
    [InlineData("01062345678-123")]
    [InlineData("+86 10 6234 5678 转 123")]
    public void Extensions_are_kept_after_a_dash(string input) =>
        Assert.Equal("010-62345678-123", PhoneNumbers.NormalizeLandline(input));

    [Fact]
    public void An_extension_has_up_to_six_digits()
    {
        Assert.Equal("0755-87654321-123456", PhoneNumbers.NormalizeLandline("0755-87654321转123456"));
        Assert.Null(PhoneNumbers.NormalizeLandline("0755-87654321转1234567"));
        Assert.Null(PhoneNumbers.NormalizeLandline("0755-87654321转"));
        Assert.Null(PhoneNumbers.NormalizeLandline("0755-87654321转12a"));
    }

    [Theory]
    [InlineData("87654321")]               // no area code
    [InlineData("8765-4321")]
    [InlineData("755-87654321")]           // area code without its 0 and without a country code
    [InlineData("0755-07654321")]          // subscriber number starting with 0
    [InlineData("0755-17654321")]          // subscriber number starting with 1
    [InlineData("0755-654321")]            // 6 digits
    [InlineData("0755-876543210")]         // 9 digits
    [InlineData("011-62345678")]           // 01 other than 010
    [InlineData("0255-87654321")]          // 02X area codes have three digits
    [InlineData("0155-87654321")]
    [InlineData("13812345678")]            // a mobile number
    [InlineData("0755-87654321-12-3")]
    [InlineData("0755-87654321转123-4")]
    [InlineData("+1 212 5551234")]
    [InlineData("0755-8765432a")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_an_office_number(string? input) => Assert.Null(PhoneNumbers.NormalizeLandline(input));

    [Fact]
    public void Office_number_problems_are_explained()
    {
        Assert.Null(PhoneNumbers.ExplainLandline("(0755) 8765 4321"));
        Assert.Equal("办公电话应包含区号，如 0755-86013388", PhoneNumbers.ExplainLandline("8765 4321"));
        Assert.Equal("办公电话应包含区号，如 0755-86013388", PhoneNumbers.ExplainLandline("6234567"));
        Assert.Equal("办公电话格式不正确，应为 区号-号码 或 区号-号码-分机，如 010-12345678-123",
            PhoneNumbers.ExplainLandline("0755-87654321转1234567"));
        Assert.Equal("办公电话不能为空", PhoneNumbers.ExplainLandline(""));
    }
}
