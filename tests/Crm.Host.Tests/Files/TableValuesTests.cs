using Crm.Abstractions.Files;

namespace Crm.Host.Tests.Files;

/// <summary>Values as people type them into spreadsheets, and the ones an import must refuse rather than guess.</summary>
public sealed class TableValuesTests
{
    [Theory]
    [InlineData("2024/3/5")]
    [InlineData("2024-03-05")]
    [InlineData("2024.3.5")]
    [InlineData("2024年3月5日")]
    [InlineData("2024年03月05日")]
    [InlineData("2024年3月5号")]
    [InlineData("20240305")]
    [InlineData("2024-03-05 00:00:00")]
    [InlineData("2024/3/5 14:30")]
    [InlineData("2024-03-05T08:00:00")]
    [InlineData(" 2024-03-05 ")]
    [InlineData("２０２４／３／５")]
    [InlineData("２０２４年３月５日")]
    [InlineData("45356")]
    [InlineData("45356.0")]
    [InlineData("45356.00")]
    public void A_date_is_read_in_every_common_form(string text)
    {
        Assert.True(TableValues.TryParseDate(text, out var date), text);
        Assert.Equal(new DateOnly(2024, 3, 5), date);
    }

    [Theory]
    [InlineData("2024/2/30")]
    [InlineData("2023-02-29")]
    [InlineData("2024/13/1")]
    [InlineData("2024-03-05 25:00")]
    [InlineData("2024-3/5")]
    [InlineData("3/5/2024")]
    [InlineData("24/3/5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("2024")]
    [InlineData("45356.5")]
    [InlineData("202403")]
    [InlineData("-45356")]
    [InlineData("20241305")]
    public void A_value_that_is_not_a_clear_date_is_refused(string? text)
    {
        Assert.False(TableValues.TryParseDate(text, out _), text);
    }

    [Fact]
    public void Excel_serial_numbers_count_the_1900_leap_day_that_never_was()
    {
        Assert.True(TableValues.TryParseDate("45292", out var newYear));
        Assert.Equal(new DateOnly(2024, 1, 1), newYear);
        Assert.True(TableValues.TryParseDate("45351", out var leapDay));
        Assert.Equal(new DateOnly(2024, 2, 29), leapDay);
        Assert.True(TableValues.TryParseDate("10000", out var first));
        Assert.Equal(new DateOnly(1927, 5, 18), first);
    }

    [Theory]
    [InlineData("2024/3/5 14:30", "2024-03-05 14:30")]
    [InlineData("2024-03-05 14:30:59", "2024-03-05 14:30")]
    [InlineData("2024-03-05 9:05", "2024-03-05 09:05")]
    [InlineData("2024年3月5日 14时30分", "2024-03-05 14:30")]
    [InlineData("2024-03-05", "2024-03-05 00:00")]
    [InlineData("20240305", "2024-03-05 00:00")]
    [InlineData("2024-03-05T14:30:00.000", "2024-03-05 14:30")]
    [InlineData("45356.6041666667", "2024-03-05 14:30")]
    [InlineData("45356.99999", "2024-03-06 00:00")]
    [InlineData("45356", "2024-03-05 00:00")]
    [InlineData("２０２４／３／５　１４：３０", "2024-03-05 14:30")]
    public void A_date_and_time_is_read_to_the_minute(string text, string expected)
    {
        Assert.True(TableValues.TryParseDateTime(text, out var value), text);
        Assert.Equal(expected, value.ToString("yyyy-MM-dd HH:mm"));
        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
    }

    [Theory]
    [InlineData("2024-03-05 24:00")]
    [InlineData("2024-03-05 14:60")]
    [InlineData("2024-03-05 14:30:61")]
    [InlineData("2024/2/30 10:00")]
    [InlineData("明天下午")]
    [InlineData("14:30")]
    public void A_time_that_does_not_exist_is_refused(string text)
    {
        Assert.False(TableValues.TryParseDateTime(text, out _), text);
    }

    [Theory]
    [InlineData("1234", "1234")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("+86", "86")]
    [InlineData("1,234.50", "1234.50")]
    [InlineData("1,234,567", "1234567")]
    [InlineData("¥1234", "1234")]
    [InlineData("￥1,234.5", "1234.5")]
    [InlineData("RMB 1234", "1234")]
    [InlineData("1234元", "1234")]
    [InlineData("1234 元", "1234")]
    [InlineData("1.2万", "12000")]
    [InlineData("1.5万元", "15000")]
    [InlineData("3亿", "300000000")]
    [InlineData("１２３４．５", "1234.5")]
    [InlineData("１，２３４", "1234")]
    [InlineData(" 0.5 ", "0.5")]
    public void An_amount_is_read_with_currency_signs_units_and_separators(string text, string expected)
    {
        Assert.True(TableValues.TryParseDecimal(text, out var value), text);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("12,34")]
    [InlineData("1,2345")]
    [InlineData("1.2.3")]
    [InlineData("12.5%")]
    [InlineData("1.2千")]
    [InlineData("万")]
    [InlineData("1e5")]
    [InlineData("12 34")]
    public void A_value_that_is_not_an_amount_is_refused(string? text)
    {
        Assert.False(TableValues.TryParseDecimal(text, out _), text);
    }

    [Theory]
    [InlineData("12.5%", "0.125")]
    [InlineData("12.5％", "0.125")]
    [InlineData("100%", "1")]
    [InlineData("-5 %", "-0.05")]
    [InlineData("0.125", "0.125")]
    public void A_percentage_is_read_as_a_fraction(string text, string expected)
    {
        Assert.True(TableValues.TryParsePercent(text, out var value), text);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("百分之十")]
    [InlineData("12.5%%")]
    [InlineData("1.2万%")]
    [InlineData("")]
    public void A_value_that_is_not_a_percentage_is_refused(string text)
    {
        Assert.False(TableValues.TryParsePercent(text, out _), text);
    }

    [Theory]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("有", true)]
    [InlineData("无", false)]
    [InlineData("Y", true)]
    [InlineData("n", false)]
    [InlineData("TRUE", true)]
    [InlineData("False", false)]
    [InlineData("yes", true)]
    [InlineData("NO", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData(" 是 ", true)]
    [InlineData("１", true)]
    public void A_yes_or_no_is_read_in_chinese_and_english(string text, bool expected)
    {
        Assert.True(TableValues.TryParseBool(text, out var value), text);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("也许")]
    [InlineData("2")]
    [InlineData("")]
    [InlineData("是的吧")]
    public void A_value_that_is_not_yes_or_no_is_refused(string text)
    {
        Assert.False(TableValues.TryParseBool(text, out _), text);
    }
}
