using Crm.Customers.Domain;

namespace Crm.Customers.Tests.Checks;

/// <summary>脱敏: what users without the reveal permission see of personal data.</summary>
public sealed class MaskingTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+86 138 1234 5678", "138****5678")]
    [InlineData("１３８１２３４５６７８", "138****5678")]
    [InlineData("12345678901", "*******8901")]  // not a mobile number: only the last 4
    [InlineData("5678", "****")]                 // too short to give away 4 characters
    public void Mobile_numbers_show_the_first_3_and_last_4_digits(string value, string masked) =>
        Assert.Equal(masked, Masking.Mobile(value));

    [Theory]
    [InlineData("0755-12345678", "0755-****5678")]
    [InlineData("010-62345678-123", "010-****5678-123")]
    [InlineData("0755-87654321", "0755-****4321")]
    [InlineData("(0755) 8765 4321", "0755-****4321")]
    [InlineData("0371-6234567", "0371-***4567")]
    [InlineData("62345678", "****5678")]         // no area code: only the last 4
    [InlineData("x12", "***")]
    public void Office_numbers_show_the_area_code_last_4_digits_and_extension(string value, string masked) =>
        Assert.Equal(masked, Masking.Landline(value));

    [Theory]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("11010519491231002x", "110105********002X")]
    [InlineData("110105 19491231 002X", "110105********002X")]
    [InlineData("110105491231002", "***********1002")] // the old 15-digit form: only the last 4
    public void Id_numbers_show_the_address_code_and_last_4_never_the_birth_date(string value, string masked) =>
        Assert.Equal(masked, Masking.IdNumber(value));

    [Theory]
    [InlineData("zhang@example.com", "z***@example.com")]
    [InlineData(" Zhang@Example.com ", "Z***@example.com")]
    [InlineData("a@qq.com", "a***@qq.com")]
    [InlineData("zhang@localhost", "***********host")] // not a valid address: only the last 4
    [InlineData("zhang", "*****")]
    public void Email_addresses_show_the_first_character_and_the_domain(string value, string masked) =>
        Assert.Equal(masked, Masking.Email(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_masks_to_null(string? value)
    {
        Assert.Null(Masking.Mobile(value));
        Assert.Null(Masking.Landline(value));
        Assert.Null(Masking.IdNumber(value));
        Assert.Null(Masking.Email(value));
    }
}
