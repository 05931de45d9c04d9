// Word lists for believable Chinese names of people, townships, enterprises and
// social organizations, and the small vocabularies (skills from unit functions,
// needs from an organization's traits) the generator draws on. Arrays only, so
// every draw is in a fixed order.
import DispatchModel

enum NameBank {
  /// Common surnames, roughly in order of frequency.
  static let surnames = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
    "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
    "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "方",
  ]
  static let givenCharacters = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
    "刚", "桂", "英", "华", "文", "建", "国", "红", "玉", "兰", "志", "海", "波", "辉", "鹏", "斌", "宇", "浩", "凯", "健",
    "俊", "帆", "琳", "晨", "阳", "林", "欣", "婷", "雪", "峰", "春", "梅", "东", "亮", "飞", "宁", "新", "荣", "庆", "安",
  ]
  /// Two-character stems for townships and streets (with 镇, 乡 or 街道 appended).
  static let townshipStems = [
    "城关", "东关", "西岭", "南湖", "北山", "桥头", "河口", "柳林", "石门", "新华", "龙泉", "青山", "白沙", "黄岭", "三河",
    "五里", "清溪", "安乐", "长宁", "太平", "永和", "兴隆", "丰乐", "高桥", "梅林", "桃源", "杨村", "马鞍", "金山", "凤凰",
    "红星", "万安", "古城", "洪田", "溪口", "岩寺", "碧阳", "上庄", "宏村", "渔亭", "王村", "富溪", "郑坑", "篁墩", "潜口",
    "呈坎", "杨湾", "富林", "蓝田", "鹤城", "木溪", "双河", "松柏", "沙坪", "官庄", "李家", "河西", "新城", "南关", "北门",
    "云岭", "杏花", "泉水", "铁佛", "杨柳", "石桥", "大坪", "小河", "横塘", "竹林",
  ]
  /// Two-character brand words for enterprise names.
  static let brandWords = [
    "徽润", "鑫源", "恒达", "华信", "宏发", "瑞丰", "金桥", "兴业", "顺达", "永泰", "天成", "博远", "正和", "佳美", "新纪",
    "宏图", "汇通", "嘉禾", "立信", "同聚", "明珠", "昌盛", "绿源", "祥和", "荣达", "锦程", "安泰", "众鑫", "德润", "宝丰",
    "泰和", "云峰", "新锐", "康宁", "盛世", "东方", "诚信", "远航", "卓越", "福临",
  ]

  /// How an enterprise of an industry names itself (after place and brand).
  static func enterpriseSuffix(_ industry: String) -> String {
    switch industry {
    case "茶业": "茶业有限公司"
    case "食品": "食品有限公司"
    case "商贸", "批发零售": "商贸有限公司"
    case "餐饮": "餐饮管理有限公司"
    case "住宿": "酒店管理有限公司"
    case "旅游": "旅游开发有限公司"
    case "文化": "文化传媒有限公司"
    case "制造": "机械制造有限公司"
    case "电子信息": "电子科技有限公司"
    case "软件": "软件科技有限公司"
    case "新材料": "新材料科技有限公司"
    case "新能源": "新能源有限公司"
    case "化工": "化工有限公司"
    case "印染": "印染有限公司"
    case "水洗": "水洗有限公司"
    case "建材": "建材有限公司"
    case "矿业": "矿业有限公司"
    case "能源": "能源有限公司"
    case "建筑": "建筑工程有限公司"
    case "房地产": "置业有限公司"
    case "物业": "物业服务有限公司"
    case "物流", "交通": "物流有限公司"
    case "外贸": "进出口有限公司"
    case "电子商务": "电子商务有限公司"
    case "金融": "小额贷款有限公司"
    case "医药": "医药有限公司"
    case "医疗": "医院有限公司"
    case "养老": "养老服务有限公司"
    case "幼教": "幼儿园有限公司"
    case "培训", "教育": "培训学校有限公司"
    case "农业": "农业开发有限公司"
    case "林业", "木材": "林业有限公司"
    case "人力资源", "劳务": "人力资源有限公司"
    case "服务": "服务有限公司"
    default: "\(industry)有限公司"
    }
  }

  /// How a social organization of an industry names itself (after place).
  static func socialSuffix(_ industry: String, variant: Int) -> String {
    switch industry {
    case "行业协会": ["个体劳动者协会", "餐饮行业协会", "旅游协会", "茶叶行业协会", "建筑业协会", "物流协会"][variant % 6]
    case "商会": ["工商联商会", "异地商会", "青年企业家商会", "女企业家商会"][variant % 4]
    case "社会服务": ["社会工作服务中心", "志愿者协会", "社区服务中心", "家庭服务中心"][variant % 4]
    case "养老": ["老年协会", "居家养老服务中心", "敬老服务中心"][variant % 3]
    case "慈善": ["慈善会", "红十字志愿服务队", "助学促进会"][variant % 3]
    case "教育", "培训", "幼教": ["民办幼儿园", "职业培训学校", "教育促进会"][variant % 3]
    case "文化": ["书画协会", "文化艺术促进会", "摄影家协会"][variant % 3]
    case "医疗": ["民办医院", "医学会", "康复服务中心"][variant % 3]
    default: "\(industry)促进会"
    }
  }

  /// Skills an instructor brings from the unit's functions (a 税务 cadre knows tax).
  static func skills(fromFunction function: String) -> [String] {
    switch function {
    case "税务", "金融": ["财税"]
    case "环保", "生态环境": ["环保"]
    case "经贸", "商务": ["经贸"]
    case "招商", "园区管委", "发改": ["招商"]
    case "工商", "市场监管": ["市场监管"]
    case "经科", "经信", "科技": ["经营管理"]
    case "人社", "司法": ["法律"]
    case "总工会": ["工会"]
    default: []
    }
  }

  /// Industries whose enterprises typically ask for environmental advice.
  static let pollutingIndustries: Set<String> = ["化工", "印染", "水洗", "建材", "矿业", "能源", "制造"]
  static let tradingIndustries: Set<String> = ["商贸", "外贸", "电子商务", "批发零售"]
}
