using Crm.Abstractions.Contracts;
using Crm.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Dictionaries.Tests;

/// <summary>IDataDictionary as other modules get it: from the real host with the plugin loaded, on the seeded database.</summary>
public sealed class DataDictionaryTests(CrmHostFactory host) : IClassFixture<CrmHostFactory>
{
    IDataDictionary Dictionary => host.Services.GetRequiredService<IDataDictionary>();

    [Fact]
    public async Task Full_path_of_a_district_names_province_city_and_district()
    {
        Assert.Equal("广东省 / 深圳市 / 南山区", await Dictionary.GetPathAsync(DictionaryTypes.Region, "440305"));
        Assert.Equal("C / 制造业", (await Dictionary.FindAsync(DictionaryTypes.Industry, "C")) is { } c ? $"{c.Code} / {c.Name}" : null);
    }

    [Theory]
    [InlineData("潜在客户", "001")]
    [InlineData("　潜在客户 ", "001")]   // ideographic and trailing spaces
    [InlineData("成交", "003")]
    [InlineData("００３", "003")]         // full-width digits
    [InlineData("003", "003")]
    [InlineData("已流失", "004")]
    [InlineData("不存在的状态", null)]
    public async Task Labels_and_aliases_resolve_to_codes(string label, string? code) =>
        Assert.Equal(code, await Dictionary.ResolveCodeAsync(DictionaryTypes.CustomerStatus, label));

    [Fact]
    public async Task A_label_that_names_two_entries_resolves_to_nothing_rather_than_a_guess()
    {
        // 朝阳区 is a district of Beijing (110105) and of Changchun (220104); 南山区 of Shenzhen and of Hegang.
        Assert.Null(await Dictionary.ResolveCodeAsync(DictionaryTypes.Region, "朝阳区"));
        Assert.Null(await Dictionary.ResolveCodeAsync(DictionaryTypes.Region, "南山区"));
        Assert.Equal("440304", await Dictionary.ResolveCodeAsync(DictionaryTypes.Region, "福田区"));
        Assert.Equal("65", await Dictionary.ResolveCodeAsync(DictionaryTypes.Industry, "软件和信息技术服务业"));
    }

    [Fact]
    public async Task A_label_of_an_entry_and_of_one_below_it_resolves_to_the_deeper_entry()
    {
        // 教育 is the 门类 P and its only 大类 83; 房地产业 is K and 70: the same thing, the 大类 more specific.
        Assert.Equal("83", await Dictionary.ResolveCodeAsync(DictionaryTypes.Industry, "教育"));
        Assert.Equal("70", await Dictionary.ResolveCodeAsync(DictionaryTypes.Industry, "房地产业"));
        Assert.Equal("97", await Dictionary.ResolveCodeAsync(DictionaryTypes.Industry, "国际组织"));
    }

    [Fact]
    public async Task Children_of_a_city_are_its_districts_in_order()
    {
        var districts = await Dictionary.ListAsync(DictionaryTypes.Region, "440300");
        Assert.Contains(districts, d => d.Code == "440305" && d.Name == "南山区");
        Assert.All(districts, d => Assert.StartsWith("4403", d.Code));
        Assert.Equal(31, (await Dictionary.ListAsync(DictionaryTypes.Region)).Count);
    }

    [Fact]
    public async Task Codes_are_valid_only_in_their_type()
    {
        Assert.True(await Dictionary.IsValidAsync(DictionaryTypes.TicketPriority, "001", forNewRecords: true));
        Assert.False(await Dictionary.IsValidAsync(DictionaryTypes.TicketPriority, "440305", forNewRecords: false));
        Assert.False(await Dictionary.IsValidAsync("no_such_type", "001", forNewRecords: false));
    }
}
