using Crm.Customers.Domain;

namespace Crm.Customers.Tests.Checks;

/// <summary>How alike two name cores are (trigram similarity, as PostgreSQL's pg_trgm), shown on the duplicates page.</summary>
public sealed class NameSimilarityTests
{
    [Theory]
    [InlineData("腾讯科技", "腾讯科技")]
    [InlineData("", "")]
    public void The_same_text_is_1(string a, string b) => Assert.Equal(1.0, NameSimilarity.Trigram(a, b));

    [Theory]
    [InlineData("腾讯科技", "")]
    [InlineData("腾讯科技", "格力电器")]
    [InlineData("华为", "小米")]
    public void Texts_without_a_shared_trigram_are_0(string a, string b) => Assert.Equal(0.0, NameSimilarity.Trigram(a, b));

    [Fact]
    public void A_core_with_words_added_is_partly_alike() =>
        // "  腾", " 腾讯", "腾讯科", "讯科技" of 8 distinct trigrams in all.
        Assert.Equal(0.5, NameSimilarity.Trigram("腾讯科技", "腾讯科技发展"), 3);

    [Theory]
    [InlineData("海康威视数字技术", "海康威视数字技朮")]
    [InlineData("先导智能装备制造", "先导智能装备制作")]
    public void One_different_character_at_the_end_of_a_long_core_stays_a_possible_duplicate(string a, string b) =>
        Assert.True(NameSimilarity.Trigram(a, b) >= 0.6, $"{a} / {b}: {NameSimilarity.Trigram(a, b)}");

    [Theory]
    [InlineData("腾讯科技", "腾讯音乐娱乐科技")]
    [InlineData("美的电器", "美的制冷设备")]
    [InlineData("上海汽车", "广州汽车")]
    public void Related_but_different_companies_stay_below_the_duplicate_threshold(string a, string b) =>
        Assert.True(NameSimilarity.Trigram(a, b) < NameSimilarity.PossibleDuplicate, $"{a} / {b}: {NameSimilarity.Trigram(a, b)}");

    [Theory]
    [InlineData("腾讯科技", "腾讯科技发展")]
    [InlineData("字节跳动", "字节跳动科技")]
    [InlineData("ABCTRADING", "ABCTRADE")]
    public void It_is_symmetric(string a, string b) => Assert.Equal(NameSimilarity.Trigram(a, b), NameSimilarity.Trigram(b, a));
}
