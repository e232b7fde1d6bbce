using System.Text;

namespace Crm.Customers.Domain;

/// <summary>The distinctive part of a company name, for finding possible duplicates (疑似重复): the normalised name
/// (<see cref="CustomerNameKey"/>) without bracketed parts, a leading place (province, city, then a district or zone)
/// and the company-form suffix. 深圳市腾讯科技有限公司, 腾讯科技（深圳）有限公司 and 腾讯科技股份有限公司 all have the
/// core 腾讯科技. A place stays when what would remain is only trade words: 上海汽车 and 广州汽车 are different
/// companies, not two 汽车. Deterministic (fixed lists, not the region dictionary), because cores are stored and indexed.</summary>
internal static class CustomerNameCore
{
    // Longest first, so that 股份有限公司 is removed whole rather than leaving 股份.
    static readonly string[] Suffixes =
    [
        "集团股份有限公司", "股份有限公司", "集团有限责任公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司", "集团公司", "总公司",
        "分公司", "合伙企业", "个体工商户", "公司", "集团", "工作室", "经营部", "门市部", "商行", "总厂", "分厂", "厂",
        "CO.,LTD.", "CO.,LTD", "CO.LTD", "LTD.", "LTD", "INC.", "INC",
    ];

    // The legal form inside a branch's name: 招商银行股份有限公司深圳分行 is 招商银行深圳分行.
    static readonly string[] InnerForms = ["股份有限公司", "有限责任公司", "有限公司"];
    static readonly string[] BranchWords = ["分公司", "分行", "支行", "分店", "办事处", "营业部", "分厂"];

    static readonly string[] Provinces =
    [
        "内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区", "香港特别行政区", "澳门特别行政区",
        "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
        "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆",
        "香港", "澳门",
    ];

    // Prefecture-level cities and the larger county-level ones that appear in company names.
    static readonly string[] Cities =
    [
        "石家庄", "唐山", "秦皇岛", "邯郸", "邢台", "保定", "张家口", "承德", "沧州", "廊坊", "衡水", "太原", "大同", "阳泉", "长治", "晋城",
        "朔州", "晋中", "运城", "忻州", "临汾", "吕梁", "呼和浩特", "包头", "乌海", "赤峰", "通辽", "鄂尔多斯", "呼伦贝尔", "沈阳", "大连",
        "鞍山", "抚顺", "本溪", "丹东", "锦州", "营口", "阜新", "辽阳", "盘锦", "铁岭", "葫芦岛", "长春", "吉林", "四平", "辽源",
        "通化", "白山", "松原", "白城", "哈尔滨", "齐齐哈尔", "鸡西", "鹤岗", "双鸭山", "大庆", "伊春", "佳木斯", "七台河", "牡丹江", "黑河",
        "绥化", "南京", "无锡", "徐州", "常州", "苏州", "南通", "连云港", "淮安", "盐城", "扬州", "镇江", "泰州", "宿迁", "昆山", "江阴",
        "张家港", "常熟", "杭州", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "舟山", "台州", "丽水", "义乌", "慈溪", "余姚",
        "合肥", "芜湖", "蚌埠", "淮南", "马鞍山", "淮北", "铜陵", "安庆", "黄山", "滁州", "阜阳", "宿州", "六安", "亳州", "池州", "宣城",
        "福州", "厦门", "莆田", "三明", "泉州", "漳州", "南平", "龙岩", "宁德", "晋江", "南昌", "景德镇", "萍乡", "九江", "新余", "鹰潭",
        "赣州", "吉安", "宜春", "抚州", "上饶", "济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海", "日照",
        "临沂", "德州", "聊城", "滨州", "菏泽", "郑州", "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌", "漯河",
        "三门峡", "南阳", "商丘", "信阳", "周口", "驻马店", "武汉", "黄石", "十堰", "宜昌", "襄阳", "鄂州", "荆门", "孝感", "荆州", "黄冈",
        "咸宁", "随州", "长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "广州",
        "韶关", "深圳", "珠海", "汕头", "佛山", "江门", "湛江", "茂名", "肇庆", "惠州", "梅州", "汕尾", "河源", "阳江", "清远", "东莞",
        "中山", "潮州", "揭阳", "云浮", "南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州", "贵港", "玉林", "百色", "贺州", "河池",
        "来宾", "崇左", "海口", "三亚", "儋州", "成都", "自贡", "攀枝花", "泸州", "德阳", "绵阳", "广元", "遂宁", "内江", "乐山", "南充",
        "眉山", "宜宾", "广安", "达州", "雅安", "巴中", "资阳", "贵阳", "六盘水", "遵义", "安顺", "毕节", "铜仁", "昆明", "曲靖", "玉溪",
        "保山", "昭通", "丽江", "普洱", "临沧", "拉萨", "日喀则", "西安", "铜川", "宝鸡", "咸阳", "渭南", "延安", "汉中", "榆林", "安康",
        "商洛", "兰州", "嘉峪关", "金昌", "白银", "天水", "武威", "张掖", "平凉", "酒泉", "庆阳", "定西", "陇南", "西宁", "海东", "银川",
        "石嘴山", "吴忠", "固原", "中卫", "乌鲁木齐", "克拉玛依", "吐鲁番", "哈密", "喀什", "伊犁",
    ];

    static readonly string[] RegionWords = ["省", "市", "自治区", "特别行政区"];

    // A district, county, town or zone after the city: 南山区, 浦东新区, 苏州工业园区, 张家港保税区, 长安镇.
    static readonly string[] DistrictWords = ["经济技术开发区", "高新技术产业开发区", "开发区", "保税区", "园区", "新区", "区", "县", "镇"];

    // Words that name a trade, not a company: a place followed only by these is the company's name (上海汽车, 南京银行,
    // 北京大学, 深圳市人民医院, 海南航空控股), so the place stays in the core.
    static readonly string[] TradeWords =
    [
        "汽车", "银行", "商业银行", "农村商业银行", "农商银行", "信用社", "保险", "证券", "信托", "医药", "药业", "制药", "医院", "人民医院",
        "中医院", "中心医院", "妇幼保健院", "大学", "学院", "中学", "小学", "幼儿园", "啤酒", "酒业", "旅游", "航空", "控股", "投资", "实业",
        "贸易", "商贸", "科技", "化纤", "化工", "钢铁", "电力", "电网", "供电", "燃气", "水务", "热力", "供热", "公交", "地铁", "港务", "机场",
        "城投", "建设", "建工", "建筑", "工程", "机械", "工程机械", "电子", "电器", "电气", "能源", "新能源", "物流", "物业", "房地产", "地产",
        "置业", "百货", "商业", "发展", "开发", "市政", "交通", "铁路", "烟草", "广播电视", "电视台", "日报", "报业", "出版", "文化", "传媒",
        "体育", "餐饮", "火锅", "人民", "中心", "管理", "服务", "咨询", "技术", "信息", "网络", "软件", "通信", "移动", "联通", "电信", "第一", "第二", "第三",
        "第四", "第五", "第六", "第七", "第八", "第九", "第十",
    ];

    /// <summary>The core of a name; the normalised name itself when removing the parts would leave fewer than two
    /// characters (北京市 stays 北京市).</summary>
    public static string Of(string name)
    {
        var key = CustomerNameKey.Normalize(name);
        var core = new StringBuilder(key.Length);
        var depth = 0;
        foreach (var c in key)
        {
            if (c == '(') depth++;
            else if (c == ')') depth = Math.Max(0, depth - 1);
            else if (depth == 0) core.Append(c);
        }
        var text = StripSuffix(WithoutInnerForm(core.ToString()));
        text = StripSuffix(StripPlace(text));
        return text.Length >= 2 ? text : key;
    }

    /// <summary>Whether the text is made of trade words only (so it does not tell one company from another).</summary>
    internal static bool IsTradeWords(string text)
    {
        // reachable[i]: text[..i] splits into trade words.
        var reachable = new bool[text.Length + 1];
        reachable[0] = true;
        for (var i = 0; i < text.Length; i++)
        {
            if (!reachable[i]) continue;
            foreach (var word in TradeWords)
                if (string.CompareOrdinal(text, i, word, 0, word.Length) == 0 && i + word.Length <= text.Length) reachable[i + word.Length] = true;
        }
        return reachable[text.Length];
    }

    static string WithoutInnerForm(string text)
    {
        foreach (var branch in BranchWords)
        {
            if (!text.EndsWith(branch, StringComparison.Ordinal)) continue;
            foreach (var form in InnerForms)
            {
                var at = text.LastIndexOf(form, StringComparison.Ordinal);
                if (at > 0 && at + form.Length < text.Length - branch.Length) return text[..at] + text[(at + form.Length)..];
            }
        }
        return text;
    }

    static string StripSuffix(string text)
    {
        foreach (var suffix in Suffixes)
            if (text.Length > suffix.Length && text.EndsWith(suffix, StringComparison.Ordinal))
                return text[..^suffix.Length];
        return text;
    }

    /// <summary>Removes a leading 中国 before a place, the province, the city and then a district — each only when what
    /// remains still names a company (two characters or more, not trade words alone).</summary>
    static string StripPlace(string text)
    {
        var rest = text;
        if (rest.StartsWith("中国", StringComparison.Ordinal) && Keeps(rest[2..]) && (StartsWithAny(rest[2..], Provinces) || StartsWithAny(rest[2..], Cities)))
            rest = rest[2..];
        var afterProvince = StripRegion(rest, Provinces);
        var afterCity = StripRegion(afterProvince, Cities);
        return afterCity.Length == rest.Length ? rest : StripDistrict(afterCity);
    }

    static string StripRegion(string text, string[] names)
    {
        foreach (var name in names)
        {
            if (!text.StartsWith(name, StringComparison.Ordinal)) continue;
            var rest = text[name.Length..];
            foreach (var word in RegionWords)
                if (rest.StartsWith(word, StringComparison.Ordinal))
                {
                    rest = rest[word.Length..];
                    break;
                }
            return Keeps(rest) ? rest : text;
        }
        return text;
    }

    static string StripDistrict(string text)
    {
        for (var i = 0; i <= 6 && i < text.Length; i++)
            foreach (var word in DistrictWords)
                if (i + word.Length >= 2 && string.CompareOrdinal(text, i, word, 0, word.Length) == 0 && i + word.Length <= text.Length)
                    return Keeps(text[(i + word.Length)..]) ? text[(i + word.Length)..] : text;
        return text;
    }

    static bool Keeps(string rest)
    {
        var core = StripSuffix(rest);
        return core.Length >= 2 && !IsTradeWords(core);
    }

    static bool StartsWithAny(string text, string[] names) => names.Any(n => text.StartsWith(n, StringComparison.Ordinal));
}

/// <summary>How alike two names are: the Jaccard similarity of their character trigrams (as PostgreSQL's pg_trgm,
/// with the string padded so that short names still have trigrams), 0 to 1. Compare cores
/// (<see cref="CustomerNameCore"/>), not full names, or every 有限公司 looks alike.</summary>
internal static class NameSimilarity
{
    public const double PossibleDuplicate = 0.8;

    public static double Trigram(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return a.Length == b.Length ? 1 : 0;
        if (string.Equals(a, b, StringComparison.Ordinal)) return 1;
        var first = Trigrams(a);
        var second = Trigrams(b);
        var shared = first.Count(second.Contains);
        return (double)shared / (first.Count + second.Count - shared);
    }

    public static HashSet<string> Trigrams(string text)
    {
        var padded = "  " + text + " ";
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= padded.Length; i++) set.Add(padded.Substring(i, 3));
        return set;
    }
}
