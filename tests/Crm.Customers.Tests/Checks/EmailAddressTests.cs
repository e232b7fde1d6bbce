using Crm.Customers.Domain;

namespace Crm.Customers.Tests.Checks;

/// <summary>邮箱 as people type them into a customer record.</summary>
public sealed class EmailAddressTests
{
    [Theory]
    [InlineData(" zhang@example.com ", "zhang@example.com")]
    [InlineData("Zhang.San@Example.COM", "Zhang.San@example.com")] // the local part keeps its case
    [InlineData("ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "zhang@example.com")]
    [InlineData("zhang＠qq.com", "zhang@qq.com")]
    [InlineData("no-at-sign", "no-at-sign")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Input_is_trimmed_folded_and_its_domain_lower_cased(string? input, string? expected) =>
        Assert.Equal(expected, EmailAddress.Normalize(input));

    [Theory]
    [InlineData("zhang@example.com")]
    [InlineData("zhang.san+crm@mail.example.com.cn")]
    [InlineData("12345678@qq.com")]
    [InlineData("a_b-c@sub-domain.example.org")]
    [InlineData("o'brien@example.ie")]
    [InlineData("info@例子.中国")]
    [InlineData("x@a.io")]
    public void Plain_addresses_are_valid(string email)
    {
        Assert.True(EmailAddress.IsValid(email));
        Assert.Null(EmailAddress.Explain(email));
    }

    [Theory]
    [InlineData("zhang")]
    [InlineData("@example.com")]
    [InlineData("zhang@")]
    [InlineData("zhang@example")]           // no dot in the domain
    [InlineData("zhang@@example.com")]
    [InlineData("zhang@li@example.com")]
    [InlineData("zhang san@example.com")]
    [InlineData("zhang@exa mple.com")]
    [InlineData("zhang@example..com")]
    [InlineData("zhang@.example.com")]
    [InlineData("zhang@example.com.")]
    [InlineData("zhang@-example.com")]
    [InlineData("zhang@example-.com")]
    [InlineData("zhang@exa_mple.com")]
    [InlineData("zhang@192.168.1.1")]
    [InlineData(".zhang@example.com")]
    [InlineData("zhang.@example.com")]
    [InlineData("zhang..san@example.com")]
    [InlineData("\"zhang\"@example.com")]
    [InlineData("张三@example.com")]
    [InlineData("zhang@example。com")]       // an ideographic full stop is not a dot
    public void Malformed_addresses_are_refused(string email)
    {
        Assert.False(EmailAddress.IsValid(EmailAddress.Normalize(email)!));
        Assert.Equal("邮箱格式不正确", EmailAddress.Explain(email));
    }

    [Fact]
    public void Addresses_are_at_most_254_characters()
    {
        var label = new string('a', 63);
        var domain = $"{label}.{label}.{label}.";
        var fits = new string('z', EmailAddress.MaxLength - domain.Length - 3) + "@" + domain + "cn";
        Assert.Equal(EmailAddress.MaxLength, fits.Length);
        Assert.True(EmailAddress.IsValid(fits));
        Assert.False(EmailAddress.IsValid("z" + fits));
    }

    [Fact]
    public void The_local_part_is_at_most_64_characters()
    {
        Assert.True(EmailAddress.IsValid(new string('a', 64) + "@example.com"));
        Assert.False(EmailAddress.IsValid(new string('a', 65) + "@example.com"));
    }

    [Fact]
    public void A_domain_label_is_at_most_63_characters()
    {
        Assert.True(EmailAddress.IsValid($"a@{new string('b', 63)}.com"));
        Assert.False(EmailAddress.IsValid($"a@{new string('b', 64)}.com"));
    }

    [Fact]
    public void A_blank_address_is_explained() => Assert.Equal("邮箱不能为空", EmailAddress.Explain("  "));
}
