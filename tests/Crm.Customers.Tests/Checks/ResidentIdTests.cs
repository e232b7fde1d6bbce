using Crm.Customers.Domain;

namespace Crm.Customers.Tests.Checks;

/// <summary>居民身份证号码 as GB 11643-1999 defines it.</summary>
public sealed class ResidentIdTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    [Theory]
    [InlineData("11010519491231002X")] // the standard's own example
    [InlineData("44030519900101123X")] // computed: check X
    [InlineData("310104198002290014")] // computed: 29 February of a leap year
    [InlineData("110101200002290018")] // computed: 2000 is a leap year
    [InlineData("510104198812310037")] // computed
    [InlineData("11010519000101001X")] // computed: the earliest birth date allowed
    [InlineData("810000199001010027")] // computed: Hong Kong residents' residence permit
    public void Well_formed_numbers_are_valid(string number)
    {
        Assert.True(ResidentId.IsValid(number, Today));
        Assert.Null(ResidentId.Explain(number, Today));
    }

    [Fact]
    public void The_standards_example_is_valid_today() => Assert.True(ResidentId.IsValid("11010519491231002X"));

    [Theory]
    [InlineData(" 11010519491231002x ", "11010519491231002X")]
    [InlineData("110105 19491231 002x", "11010519491231002X")]
    [InlineData("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Input_is_trimmed_compacted_folded_and_x_upper_cased(string? input, string? expected) =>
        Assert.Equal(expected, ResidentId.Normalize(input));

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("110105194912310020")]
    [InlineData("11010519491231020X")] // two digits swapped
    public void A_wrong_check_character_is_refused(string number)
    {
        Assert.False(ResidentId.IsValid(number, Today));
        Assert.Equal("居民身份证号码校验位不正确", ResidentId.Explain(number, Today));
    }

    [Theory]
    [InlineData("110105199902300015")] // 30 February, check digit right
    [InlineData("110105190113010014")] // month 13
    [InlineData("110105189912310015")] // before 1900
    [InlineData("110105209901010012")] // after today
    public void A_birth_date_that_is_not_a_real_past_date_is_refused(string number)
    {
        Assert.False(ResidentId.IsValid(number, Today));
        Assert.Equal("居民身份证号码中的出生日期不正确", ResidentId.Explain(number, Today));
    }

    [Fact]
    public void A_birth_date_of_today_is_allowed_and_tomorrow_is_not()
    {
        Assert.True(ResidentId.IsValid("44030519900101123X", new DateOnly(1990, 1, 1)));
        Assert.False(ResidentId.IsValid("44030519900101123X", new DateOnly(1989, 12, 31)));
    }

    [Fact]
    public void The_first_two_digits_must_be_a_province()
    {
        const string province16 = "160105194912310029"; // check digit computed
        Assert.False(ResidentId.IsValid(province16, Today));
        Assert.Equal("居民身份证号码的地区码不正确", ResidentId.Explain(province16, Today));
    }

    [Theory]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002XX")]
    [InlineData("110105491231002")] // the old 15-digit form
    public void A_number_of_any_length_but_18_is_refused(string number) =>
        Assert.Equal("居民身份证号码应为 18 位", ResidentId.Explain(number, Today));

    [Theory]
    [InlineData("1101051949123100AX")]
    [InlineData("11010519491231002Y")]
    public void Only_digits_and_a_final_X_are_allowed(string number) =>
        Assert.Equal("居民身份证号码应为 17 位数字加 1 位数字或 X", ResidentId.Explain(number, Today));

    [Fact]
    public void A_blank_number_is_explained() => Assert.Equal("居民身份证号码不能为空", ResidentId.Explain("  "));
}
