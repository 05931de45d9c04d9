/// Which industries a sending unit's function serves (对口选派). A unit whose
/// functions name an industry directly also counts, so an office can extend
/// the table from `units.csv` alone. Documented in Documentation/Model.md.
public struct CounterpartTable: Sendable {
  /// Function → industries it serves. Social organizations are served by 民政
  /// whatever their industry (they register with civil affairs).
  public var industriesOfFunction: [String: Set<String>]

  public static let standard = CounterpartTable(industriesOfFunction: [
    "工商": ["商贸", "批发零售", "餐饮", "住宿", "服务", "食品"],
    "市场监管": ["商贸", "批发零售", "餐饮", "食品", "医药", "服务", "制造"],
    "税务": ["商贸", "金融", "房地产", "制造", "物流"],
    "环保": ["化工", "印染", "水洗", "建材", "矿业", "制造", "能源"],
    "生态环境": ["化工", "印染", "水洗", "建材", "矿业", "能源"],
    "经贸": ["商贸", "外贸", "制造", "物流", "电子商务"],
    "商务": ["商贸", "外贸", "电子商务", "餐饮", "住宿"],
    "招商": ["制造", "新能源", "电子信息", "新材料", "园区"],
    "发改": ["能源", "新能源", "建筑", "交通", "制造"],
    "经信": ["制造", "电子信息", "新材料", "软件"],
    "经科": ["制造", "电子信息", "软件", "新材料"],
    "科技": ["电子信息", "软件", "新材料", "医药"],
    "园区管委": ["制造", "园区", "印染", "水洗", "新材料"],
    "文旅": ["旅游", "文化", "住宿", "餐饮", "茶业"],
    "农业农村": ["农业", "茶业", "食品", "林业"],
    "林业": ["林业", "茶业", "木材"],
    "住建": ["建筑", "房地产", "物业"],
    "交通": ["交通", "物流"],
    "人社": ["人力资源", "劳务", "培训"],
    "教育": ["幼教", "培训", "教育"],
    "卫健": ["医疗", "医药", "养老"],
    "金融": ["金融"],
    "民政": ["社会服务", "行业协会", "商会", "养老", "慈善"],
  ])

  public init(industriesOfFunction: [String: Set<String>]) {
    self.industriesOfFunction = industriesOfFunction
  }

  /// Whether a unit with `functions` is a counterpart for `industry` (and `isSocial`).
  public func serves(functions: [String], industry: String, isSocial: Bool) -> Bool {
    for function in functions {
      if function == industry { return true }
      if isSocial && function == "民政" { return true }
      if industriesOfFunction[function]?.contains(industry) == true { return true }
    }
    return false
  }
}
