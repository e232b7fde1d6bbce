using Crm.Abstractions.Contracts;
using Crm.Dictionaries.Data;

namespace Crm.Dictionaries.Tests;

/// <summary>The shipped reference data, as the initial migration inserts it.</summary>
public sealed class ReferenceDataTests
{
    static readonly IReadOnlyList<ReferenceData.SeedType> Types = ReferenceData.Load();

    static ReferenceData.SeedType Type(string code) => Types.Single(t => t.Code == code);

    [Fact]
    public void Regions_have_all_31_provincial_level_divisions()
    {
        var provinces = Type(DictionaryTypes.Region).Entries.Where(e => e.ParentCode is null).ToList();
        Assert.Equal(31, provinces.Count);
        Assert.Contains(provinces, p => p.Code == "440000" && p.Name == "广东省");
        Assert.Contains(provinces, p => p.Code == "110000" && p.Name == "北京市");
    }

    [Fact]
    public void Nanshan_district_of_Shenzhen_has_its_real_code_under_Shenzhen_under_Guangdong()
    {
        var regions = Type(DictionaryTypes.Region).Entries.ToDictionary(e => e.Code);
        var nanshan = regions["440305"];
        Assert.Equal("南山区", nanshan.Name);
        Assert.Equal("440300", nanshan.ParentCode);
        Assert.Equal("深圳市", regions["440300"].Name);
        Assert.Equal("440000", regions["440300"].ParentCode);
    }

    [Fact]
    public void Every_district_hangs_under_its_city_and_every_city_under_its_province()
    {
        var regions = Type(DictionaryTypes.Region).Entries.ToDictionary(e => e.Code);
        foreach (var entry in regions.Values.Where(e => e.ParentCode is not null))
        {
            var parent = regions[entry.ParentCode!];
            // GB/T 2260: a district's city is its first four digits + 00, a city's province its first two + 0000.
            var expected = parent.ParentCode is null ? entry.Code[..2] + "0000" : entry.Code[..4] + "00";
            Assert.True(entry.ParentCode == expected, $"{entry.Code} {entry.Name} is under {entry.ParentCode}, expected {expected}");
        }
        Assert.True(regions.Count > 3000, $"{regions.Count} regions");
    }

    [Fact]
    public void Industries_have_the_20_sections_and_97_divisions_of_GB_T_4754_2017()
    {
        var industry = Type(DictionaryTypes.Industry).Entries;
        Assert.Equal(Enumerable.Range('A', 20).Select(c => ((char)c).ToString()), industry.Where(e => e.ParentCode is null).Select(e => e.Code));
        var divisions = industry.Where(e => e.ParentCode is not null).ToList();
        Assert.Equal(Enumerable.Range(1, 97).Select(i => i.ToString("00")), divisions.Select(e => e.Code));
        Assert.Equal("C", divisions.Single(d => d.Name == "计算机、通信和其他电子设备制造业").ParentCode);
        Assert.Equal("I", divisions.Single(d => d.Code == "65").ParentCode);
    }

    [Fact]
    public void Customer_status_has_the_four_states_and_their_historical_labels()
    {
        var status = Type(DictionaryTypes.CustomerStatus).Entries;
        Assert.Equal(["潜在", "意向", "成交", "流失"], status.Select(e => e.Name));
        Assert.Contains("潜在客户", status[0].Aliases);
    }

    [Fact]
    public void Every_type_of_the_product_is_shipped()
    {
        var codes = typeof(DictionaryTypes).GetFields().Select(f => (string)f.GetValue(null)!).Order();
        Assert.Equal(codes, Types.Select(t => t.Code).Order());
        Assert.Equal(["线索", "初步接洽", "方案报价", "谈判中", "已成交", "已失败"], Type(DictionaryTypes.SalesStage).Entries.Select(e => e.Name));
        Assert.Equal(["待处理", "处理中", "已完成", "已关闭"], Type(DictionaryTypes.TicketStatus).Entries.Select(e => e.Name));
        Assert.Equal(["紧急", "重要", "一般"], Type(DictionaryTypes.TicketPriority).Entries.Select(e => e.Name));
    }
}
