namespace Crm.Customers.Demo;

/// <summary>Word lists the demo customers are built from. Names are a function of the customer's code number (see
/// <see cref="DemoNames"/>), so they are unique for as long as code numbers are, across any number of runs.</summary>
internal static class DemoWords
{
    /// <summary>Characters of a 字号 (trade name); none of them ends a place name (市, 县, 区 …), so a name cannot be
    /// read two ways.</summary>
    public static readonly char[] TradeNameChars =
        "华科鑫达泰恒通瑞宏盛兴源丰隆安康宁博远航天海金银嘉美德信诚和祥福润佳明辉光新立正中东南西北方元亨利贞鼎晟昌荣茂森林川江河湖山峰岳云星月阳春秋冬夏晨曦旭朗乐欣悦雅逸凯捷迅驰骏翔龙凤麒麟鹏鸿飞越腾跃升昊宇坤乾诺万千百亿众合联友邦汇聚集成创智慧思维尚品优选精锐卓领先启蓝青绿紫锦绣坚毅弘毅永久长胜威豪富贵吉如意顺宜舜尧禹汉唐宋明清"
            .Distinct().ToArray();

    /// <summary>Legal forms; no business term below ends with the word in front of 有限公司 here, for the same reason.</summary>
    public static readonly string[] LegalForms =
        ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "实业有限公司", "发展有限公司", "控股有限公司", "科技有限公司"];

    /// <summary>Business terms by GB/T 4754 section: every list has <see cref="TermsPerSection"/> entries and all
    /// entries are distinct, so the term's index is part of what makes a name unique.</summary>
    public const int TermsPerSection = 6;

    public static readonly IReadOnlyDictionary<string, (int Weight, string[] Terms)> Sections = new Dictionary<string, (int, string[])>
    {
        ["A"] = (3, ["农业", "生态农业", "农牧", "种植", "林业", "渔业"]),
        ["C"] = (30, ["智能制造", "机械", "电子", "新材料", "精密模具", "汽车零部件"]),
        ["D"] = (3, ["新能源", "电力", "燃气", "光伏", "能源", "水务"]),
        ["E"] = (8, ["建设", "建筑工程", "装饰", "路桥", "安装", "幕墙"]),
        ["F"] = (18, ["商贸", "贸易", "供应链", "百货", "电子商务", "进出口"]),
        ["G"] = (6, ["物流", "运输", "货运代理", "仓储", "快递", "航运"]),
        ["H"] = (3, ["餐饮", "酒店管理", "餐饮管理", "食品", "酒店", "餐饮连锁"]),
        ["I"] = (12, ["信息技术", "软件", "网络科技", "数据", "云计算", "通信"]),
        ["K"] = (3, ["置业", "房地产开发", "物业管理", "地产", "房产经纪", "不动产"]),
        ["L"] = (6, ["企业管理", "咨询", "人力资源", "广告", "会展", "商务服务"]),
        ["M"] = (5, ["生物科技", "检测", "设计", "节能环保", "工程技术", "科技"]),
        ["N"] = (1, ["环境工程", "园林", "市政", "环保", "水利", "绿化"]),
        ["P"] = (1, ["教育科技", "培训", "文化教育", "职业培训", "教育咨询", "留学服务"]),
        ["Q"] = (2, ["医疗器械", "医疗科技", "健康管理", "医药", "口腔", "康复"]),
        ["R"] = (1, ["文化传媒", "影视", "体育", "文化旅游", "娱乐", "传媒"]),
    };

    public static readonly char[] Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
            .Distinct().ToArray();

    public static readonly char[] GivenNameChars =
        "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲建国志文斌宇浩凯鹏辉晨阳雪梅琳晶婷慧颖欣怡佳俊宏海波峰亮鑫博彬飞帆航天宁安康乐蕾倩瑶璐薇琪睿哲轩泽铭翔"
            .Distinct().ToArray();

    public static readonly string[] SurnamePinyin =
        ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo"];

    public static readonly string[] GivenPinyin =
        ["wei", "fang", "na", "min", "jing", "li", "qiang", "lei", "jun", "yang", "yong", "yan", "jie", "juan", "tao", "ming", "chao", "xia", "ping", "gang", "hua", "yu", "hao", "kai", "peng", "hui", "chen", "xue", "lin", "ting"];

    public static readonly string[] MailDomains = ["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "aliyun.com", "139.com"];

    public static readonly string[] Positions = ["总经理", "副总经理", "采购经理", "采购专员", "技术总监", "IT经理", "财务经理", "行政主管", "销售总监", "项目经理", "运营总监", "董事长"];

    public static readonly string[] Streets = ["人民路", "解放路", "建设路", "中山路", "科技路", "创业路", "工业大道", "滨河路", "文化路", "长江路", "黄河路", "新华路", "和平路", "高新路", "迎宾大道", "学府路"];

    /// <summary>Mobile prefixes in use (1, then 3–9).</summary>
    public static readonly string[] MobilePrefixes =
        ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158", "159", "166", "173", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199"];

    /// <summary>Area code of the provincial capital, by the first two digits of the region code.</summary>
    public static readonly IReadOnlyDictionary<string, string> AreaCodes = new Dictionary<string, string>
    {
        ["11"] = "010", ["12"] = "022", ["13"] = "0311", ["14"] = "0351", ["15"] = "0471", ["21"] = "024", ["22"] = "0431",
        ["23"] = "0451", ["31"] = "021", ["32"] = "025", ["33"] = "0571", ["34"] = "0551", ["35"] = "0591", ["36"] = "0791",
        ["37"] = "0531", ["41"] = "0371", ["42"] = "027", ["43"] = "0731", ["44"] = "020", ["45"] = "0771", ["46"] = "0898",
        ["50"] = "023", ["51"] = "028", ["52"] = "0851", ["53"] = "0871", ["54"] = "0891", ["61"] = "029", ["62"] = "0931",
        ["63"] = "0971", ["64"] = "0951", ["65"] = "0991",
    };

    /// <summary>Seeded region tag (华北 …) by the first two digits of the region code.</summary>
    public static string AreaTag(string regionCode) => regionCode[..2] switch
    {
        "11" or "12" or "13" or "14" or "15" => "华北",
        "21" or "22" or "23" => "东北",
        "31" or "32" or "33" or "34" or "35" or "36" or "37" => "华东",
        "41" or "42" or "43" => "华中",
        "44" or "45" or "46" => "华南",
        "50" or "51" or "52" or "53" or "54" => "西南",
        _ => "西北",
    };

    /// <summary>Custom tags created once, beside the seeded ones.</summary>
    public static readonly string[] ExtraCustomTags =
    [
        "老客户转介绍", "年度大客户", "政府背景", "上市公司", "外资企业", "高新技术企业", "专精特新", "付款及时", "回款慢",
        "需要上门", "预算充足", "招投标客户", "渠道客户", "集团客户", "试用中", "续约关注", "投诉过", "口碑推荐", "展会获客", "海外业务",
    ];

    public static readonly string[] FollowUpSummaries =
    [
        "电话沟通需求，客户对产品功能比较感兴趣", "上门拜访，演示了系统主要功能", "发送了报价单和产品资料", "客户反馈预算需要下季度审批",
        "与采购经理确认了合同条款", "技术交流，解答了对接方面的问题", "回访使用情况，客户整体满意", "客户提出价格偏高，需要再谈",
        "微信沟通，约定下周见面", "参加客户组织的招标说明会", "催收第二期款项", "客户内部人员调整，需要重新对接",
    ];

    public static readonly string[] FollowUpResults = ["有意向", "待定", "需再跟进", "已报价", "已签约", "暂无需求"];

    public static readonly string[] NextActions = ["发送正式报价", "安排技术演示", "跟进合同审批", "确认付款进度", "预约上门拜访", "提交方案书"];
}
