using Crm.Customers.Domain;

namespace Crm.Customers.Tests.Checks;

/// <summary>The name core (名称核心) that puts possible duplicates together: the same company written with or without
/// its place, brackets and legal form has one core; different companies keep different ones.</summary>
public sealed class CustomerNameCoreTests
{
    [Theory]
    [InlineData("腾讯科技", "深圳市腾讯科技有限公司", "腾讯科技（深圳）有限公司", "腾讯科技股份有限公司", "腾讯科技(深圳) 有限公司")]
    [InlineData("大疆创新科技", "深圳市大疆创新科技有限公司", "大疆创新科技有限公司")]
    [InlineData("格力电器", "珠海格力电器股份有限公司", "格力电器（合肥）有限公司")]
    [InlineData("海尔", "海尔集团公司", "青岛海尔股份有限公司")]
    [InlineData("联想", "联想（北京）有限公司", "联想集团有限公司")]
    [InlineData("五粮液", "五粮液集团有限公司", "宜宾五粮液股份有限公司")]
    [InlineData("伊利实业", "伊利实业集团股份有限公司", "内蒙古伊利实业集团股份有限公司")]
    [InlineData("蒙牛乳业", "内蒙古蒙牛乳业（集团）股份有限公司", "蒙牛乳业（北京）有限责任公司")]
    [InlineData("片仔癀药业", "片仔癀药业股份有限公司", "漳州片仔癀药业股份有限公司")]
    [InlineData("科大讯飞", "科大讯飞股份有限公司", "合肥科大讯飞股份有限公司")]
    [InlineData("海康威视数字技术", "海康威视数字技术股份有限公司", "杭州海康威视数字技术股份有限公司")]
    [InlineData("汇川技术", "深圳市汇川技术股份有限公司", "苏州汇川技术有限公司")]
    [InlineData("同仁堂", "北京同仁堂股份有限公司", "中国北京同仁堂（集团）有限责任公司")]
    [InlineData("茅台酒", "贵州茅台酒股份有限公司", "中国贵州茅台酒厂（集团）有限责任公司")]
    [InlineData("美的电器", "佛山市顺德区美的电器有限公司", "美的电器有限公司")]
    [InlineData("凌志软件", "苏州工业园区凌志软件股份有限公司", "凌志软件股份有限公司")]
    [InlineData("长江国际港务", "张家港保税区长江国际港务有限公司", "长江国际港务有限公司")]
    [InlineData("张江高科技", "上海市浦东新区张江高科技有限公司", "张江高科技有限公司")]
    [InlineData("某某五金", "东莞市长安镇某某五金厂", "东莞市某某五金有限公司", "某某五金厂")]
    [InlineData("某某贸易", "宁波市江北区某某贸易商行", "宁波某某贸易有限公司")]
    [InlineData("某某茶叶", "杭州市西湖区某某茶叶经营部", "某某茶叶商行")]
    [InlineData("某某化工", "吉林省吉林市某某化工有限公司", "吉林某某化工有限公司")]
    [InlineData("某某科技", "广州市天河区某某科技工作室", "广州某某科技有限公司")]
    [InlineData("招商银行深圳分行", "招商银行股份有限公司深圳分行", "招商银行深圳分行")]
    [InlineData("中国工商银行深圳分行", "中国工商银行股份有限公司深圳分行", "中国工商银行深圳分行")]
    [InlineData("ABCTRADING", "ABC Trading Co., Ltd.", "ＡＢＣ Trading Co.,Ltd")]
    [InlineData("微软", "微软（中国）有限公司", "微软有限公司")]
    public void The_same_company_written_differently_has_one_core(string core, params string[] names) =>
        Assert.All(names, name => Assert.Equal(core, CustomerNameCore.Of(name)));

    [Theory]
    [InlineData("上海汽车集团股份有限公司", "上海汽车")]
    [InlineData("广州汽车集团股份有限公司", "广州汽车")]
    [InlineData("北京汽车集团有限公司", "北京汽车")]
    [InlineData("南京银行股份有限公司", "南京银行")]
    [InlineData("北京银行股份有限公司", "北京银行")]
    [InlineData("南京医药股份有限公司", "南京医药")]
    [InlineData("北京大学", "北京大学")]
    [InlineData("深圳市人民医院", "深圳市人民医院")]
    [InlineData("上海市第一人民医院", "上海市第一人民医院")]
    [InlineData("重庆啤酒股份有限公司", "重庆啤酒")]
    [InlineData("西藏旅游股份有限公司", "西藏旅游")]
    [InlineData("海南航空控股股份有限公司", "海南航空控股")]
    [InlineData("吉林化纤股份有限公司", "吉林化纤")]
    [InlineData("徐州工程机械集团有限公司", "徐州工程机械")]
    [InlineData("上海电气集团股份有限公司", "上海电气")]
    [InlineData("成都市武侯区火锅合伙企业（有限合伙）", "武侯区火锅")]
    public void A_place_followed_only_by_trade_words_is_part_of_the_name(string name, string core) =>
        Assert.Equal(core, CustomerNameCore.Of(name));

    [Theory]
    [InlineData("上海汽车集团股份有限公司", "广州汽车集团股份有限公司")]
    [InlineData("南京银行股份有限公司", "北京银行股份有限公司")]
    [InlineData("北京大学", "清华大学")]
    [InlineData("华为技术有限公司", "华为终端有限公司")]
    [InlineData("腾讯科技（深圳）有限公司", "深圳市腾讯计算机系统有限公司")]
    [InlineData("阿里巴巴（中国）有限公司", "阿里云计算有限公司")]
    [InlineData("中国银行股份有限公司", "中国工商银行股份有限公司")]
    [InlineData("招商银行股份有限公司", "招商银行股份有限公司深圳分行")]
    [InlineData("长城汽车股份有限公司", "重庆长安汽车股份有限公司")]
    [InlineData("山西汾酒股份有限公司", "山西杏花村汾酒厂股份有限公司")]
    public void Different_companies_keep_different_cores(string one, string other) =>
        Assert.NotEqual(CustomerNameCore.Of(one), CustomerNameCore.Of(other));

    [Theory]
    [InlineData("北京市", "北京市")]
    [InlineData("上海", "上海")]
    [InlineData("天津港股份有限公司", "天津港")]
    [InlineData("某某个体工商户", "某某")]
    [InlineData("张三餐饮店", "张三餐饮店")]
    [InlineData("中国银行", "中国银行")]
    public void A_name_that_would_lose_too_much_keeps_it(string name, string core) =>
        Assert.Equal(core, CustomerNameCore.Of(name));

    [Theory]
    [InlineData("汽车")]
    [InlineData("农村商业银行")]
    [InlineData("第一人民医院")]
    [InlineData("航空控股")]
    public void Trade_words_alone_name_no_company(string text) => Assert.True(CustomerNameCore.IsTradeWords(text));

    [Theory]
    [InlineData("腾讯科技")]
    [InlineData("白药")]
    [InlineData("汽车城")]
    public void A_distinctive_word_makes_a_name(string text) => Assert.False(CustomerNameCore.IsTradeWords(text));
}
