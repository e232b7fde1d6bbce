using System.Text;

namespace Crm.Customers.Domain;

/// <summary>The distinctive part of a company name, for finding possible duplicates (疑似重复): the normalised name
/// (<see cref="CustomerNameKey"/>) without bracketed parts, a leading province or city, and the company-form suffix.
/// 深圳市腾讯科技有限公司, 腾讯科技（深圳）有限公司 and 腾讯科技股份有限公司 all have the core 腾讯科技. Deterministic
/// (a fixed list, not the region dictionary), because cores are stored and indexed.</summary>
internal static class CustomerNameCore
{
    // Longest first, so that 股份有限公司 is removed whole rather than leaving 股份.
    static readonly string[] Suffixes =
    [
        "集团股份有限公司", "股份有限公司", "集团有限责任公司", "有限责任公司", "集团有限公司", "有限公司", "股份公司", "集团公司", "总公司",
        "分公司", "合伙企业", "个体工商户", "公司", "集团", "工作室", "CO.,LTD.", "CO.,LTD", "CO.LTD", "LTD.", "LTD", "INC.", "INC",
    ];

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
        var text = core.ToString();
        text = StripSuffix(text);
        text = StripRegion(StripRegion(text, Provinces), Cities);
        text = StripSuffix(text);
        return text.Length >= 2 ? text : key;
    }

    static string StripSuffix(string text)
    {
        foreach (var suffix in Suffixes)
            if (text.Length > suffix.Length && text.EndsWith(suffix, StringComparison.Ordinal))
                return text[..^suffix.Length];
        return text;
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
            return rest.Length >= 2 ? rest : text;
        }
        return text;
    }
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
