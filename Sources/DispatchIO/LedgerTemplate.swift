/// The office's starting point (`dispatch template`): every table of the format with Chinese
/// headers and one example row that passes `dispatch validate`, the ledger columns offices keep
/// (联系电话, 地址 …) as examples of columns carried through, and notes (说明) generated from
/// `ScenarioFormat`, so the template can never disagree with the reader.
public enum LedgerTemplate {
  public struct Table: Sendable {
    public let spec: FileSpec
    /// The sheet name and CSV file name without extension (指导员, 组织 …).
    public let chineseName: String
    public let header: [String]
    public let example: [String]
    /// Per column: an id, code or phone number (stored as text in a workbook), a whole number, or text.
    public let kinds: [CellKind]
  }

  public enum CellKind: Sendable { case identifier, number, text }

  /// Ledger columns the format does not know, shown in the template as kept columns.
  static let extraColumns: [String: [(header: String, example: String, kind: CellKind)]] = [
    ScenarioFormat.instructors.name: [("联系电话", "13800000000", .identifier)],
    ScenarioFormat.organizations.name: [
      ("地址", "屯溪区黄山东路1号", .text), ("负责人", "李四", .text), ("联系电话", "0559-2500000", .identifier),
      ("统一社会信用代码", "91341000MA2N000000", .identifier), ("备注", "", .text),
    ],
  ]

  /// One example row per table, by column key; consistent across tables (I001 of U01 in R01 …).
  static let examples: [String: [String: String]] = [
    ScenarioFormat.instructors.name: [
      "id": "I001", "name": "张三", "unit": "U01", "region": "R01", "capacity": "3", "skills": "党务;经营管理",
      "station": "城关指导站", "roles": "指导员", "days_per_month": "", "kind": "专职",
    ],
    ScenarioFormat.organizations.name: [
      "id": "O001", "name": "黄山示例科技有限公司", "region": "R01", "industry": "制造", "kind": "企业", "size": "小型",
      "party_status": "有党员", "needs": "党务", "workload_days": "", "key_project": "否", "roles": "", "current_instructor": "",
    ],
    ScenarioFormat.units.name: ["id": "U01", "name": "区市场监督管理局", "functions": "市场监管;工商"],
    ScenarioFormat.regions.name: [
      "id": "R01", "name": "城关镇", "grid": "城区网格", "station": "城关指导站", "remote": "否", "neighbours": "",
      "latitude": "", "longitude": "",
    ],
    ScenarioFormat.wishes.name: ["from": "I001", "to": "O001", "rank": "1"],
    ScenarioFormat.scores.name: ["organization": "O001", "instructor": "I001", "score": "60"],
    ScenarioFormat.overrides.name: ["organization": "O001", "instructor": "I001", "action": "指定"],
    ScenarioFormat.settings.name: ["key": "同区域分", "value": "20"],
  ]

  static let identifierKeys: Set<String> = ["id", "unit", "region", "current_instructor", "from", "to", "organization", "instructor"]
  static let numberKeys: Set<String> = ["capacity", "days_per_month", "workload_days", "rank", "score"]

  /// Required tables first, in the order a clerk fills them in.
  public static var tables: [Table] {
    let order = [ScenarioFormat.units, ScenarioFormat.regions, ScenarioFormat.instructors, ScenarioFormat.organizations,
                 ScenarioFormat.wishes, ScenarioFormat.overrides, ScenarioFormat.scores, ScenarioFormat.settings]
    return order.map { spec in
      let extras = extraColumns[spec.name] ?? []
      let example = examples[spec.name] ?? [:]
      return Table(
        spec: spec, chineseName: chineseName(spec),
        header: spec.columns.map(\.chinese) + extras.map(\.header),
        example: spec.columns.map { example[$0.key] ?? "" } + extras.map(\.example),
        kinds: spec.columns.map { identifierKeys.contains($0.key) ? .identifier : numberKeys.contains($0.key) ? .number : .text }
          + extras.map(\.kind))
    }
  }

  /// 指导员 for instructors.csv: the first Chinese file name without its extension.
  public static func chineseName(_ spec: FileSpec) -> String {
    let name = spec.aliases.first ?? spec.name
    return name.hasSuffix(".csv") ? String(name.dropLast(4)) : name
  }

  /// The notes: how to fill in the ledger, then one row per column (table, column, required, other spellings).
  public static var notes: [[String]] {
    var rows: [[String]] = [
      ["党建工作指导员选派台账 填写说明 (DispatchPlanner ledger template)"],
      ["每张表一个工作表（或一个 CSV 文件），表名和列名可用中文或英文；列的顺序不限。"],
      ["标“必填”的列必须有，且每行都要填写；示例行请改成本地数据后再使用。"],
      ["单位、指导员、组织三张表必须有；区域、志愿、指定、分数、设置可以删除。"],
      ["表中其他列（联系电话、地址、负责人、统一社会信用代码、备注……）会原样保留，带入方案和通知书。"],
      ["编号、电话、信用代码请设为文本格式，以免 001 变成 1。列表用分号分隔，如 党务;经营管理。"],
      ["填好后：dispatch validate 台账.xlsx 检查，dispatch plan 台账.xlsx 生成方案。"],
      ["详见 Documentation/ScenarioFormat.md。"],
      [],
      ["表 table", "列 column", "必填 required", "英文名及其他写法 other names"],
    ]
    for table in tables {
      for column in table.spec.columns {
        rows.append([table.chineseName, column.chinese, column.required ? "必填" : "", ([column.key] + column.aliases).joined(separator: ", ")])
      }
      for extra in extraColumns[table.spec.name] ?? [] {
        rows.append([table.chineseName, extra.header, "", "台账附加列，原样保留 kept as written"])
      }
    }
    return rows
  }
}
