import DispatchModel

/// One column of a scenario file: its English key (what `ScenarioWriter` writes),
/// its Chinese name (shown in messages) and the other accepted header spellings.
public struct ColumnSpec: Sendable, Hashable {
  public let key: String
  public let chinese: String
  public let aliases: [String]
  public let required: Bool

  init(_ key: String, _ chinese: String, _ aliases: [String] = [], required: Bool = false) {
    self.key = key
    self.chinese = chinese
    self.aliases = aliases
    self.required = required
  }

  /// Every accepted spelling, canonical names first.
  public var names: [String] { [key, chinese] + aliases }
  /// "联系上限 capacity", the way messages name a column.
  public var displayName: String { "\(chinese) \(key)" }
}

/// One file of a scenario folder.
public struct FileSpec: Sendable, Hashable {
  /// The canonical (English) file name, e.g. "instructors.csv".
  public let name: String
  /// Other accepted file names (Chinese), matched like headers.
  public let aliases: [String]
  /// A required file must exist and hold at least one data row.
  public let required: Bool
  public let columns: [ColumnSpec]

  public func column(_ key: String) -> ColumnSpec { columns.first { $0.key == key }! }
}

/// Scenario folder format v1 (Documentation/ScenarioFormat.md is the user's copy of this table).
public enum ScenarioFormat {
  public static let version = 1

  public static let instructors = FileSpec(name: "instructors.csv", aliases: ["指导员.csv"], required: true, columns: [
    ColumnSpec("id", "编号", ["工号", "指导员编号"], required: true),
    ColumnSpec("name", "姓名", ["指导员姓名"], required: true),
    ColumnSpec("unit", "选派单位", ["单位", "单位编号", "后盾单位"], required: true),
    ColumnSpec("region", "区域", ["所在区域", "区域编号"], required: true),
    ColumnSpec("capacity", "联系上限", ["上限", "联系企业上限"], required: true),
    ColumnSpec("skills", "特长", ["专长", "技能"]),
    ColumnSpec("station", "指导站"),
    ColumnSpec("roles", "可任职务", ["职务"]),
    ColumnSpec("days_per_month", "每月天数", ["每月工作日"]),
    ColumnSpec("kind", "类型", ["专兼职"]),
  ])

  public static let organizations = FileSpec(name: "organizations.csv", aliases: ["组织.csv", "企业.csv"], required: true, columns: [
    ColumnSpec("id", "编号", ["组织编号", "企业编号"], required: true),
    ColumnSpec("name", "名称", ["企业名称", "组织名称"], required: true),
    ColumnSpec("region", "区域", ["所在区域", "区域编号"], required: true),
    ColumnSpec("industry", "行业", ["所属行业"], required: true),
    ColumnSpec("kind", "类别", ["类型"]),
    ColumnSpec("size", "规模"),
    ColumnSpec("party_status", "党组织状态", ["党建状态"]),
    ColumnSpec("needs", "需求"),
    ColumnSpec("workload_days", "每月需要天数", ["工作量天数"]),
    ColumnSpec("key_project", "重点项目"),
    ColumnSpec("roles", "需要职务"),
    ColumnSpec("current_instructor", "现任指导员"),
  ])

  public static let units = FileSpec(name: "units.csv", aliases: ["单位.csv", "选派单位.csv"], required: true, columns: [
    ColumnSpec("id", "编号", ["单位编号"], required: true),
    ColumnSpec("name", "名称", ["单位名称"], required: true),
    ColumnSpec("functions", "职能"),
  ])

  public static let regions = FileSpec(name: "regions.csv", aliases: ["区域.csv"], required: false, columns: [
    ColumnSpec("id", "编号", ["区域编号"], required: true),
    ColumnSpec("name", "名称", ["区域名称"], required: true),
    ColumnSpec("grid", "网格"),
    ColumnSpec("station", "指导站"),
    ColumnSpec("remote", "边远", ["偏远"]),
    ColumnSpec("neighbours", "相邻区域", ["neighbors"]),
    ColumnSpec("latitude", "纬度", ["lat"]),
    ColumnSpec("longitude", "经度", ["lon", "lng"]),
  ])

  public static let wishes = FileSpec(name: "wishes.csv", aliases: ["志愿.csv"], required: false, columns: [
    ColumnSpec("from", "志愿方", ["提出方"], required: true),
    ColumnSpec("to", "志愿对象", ["对象"], required: true),
    ColumnSpec("rank", "志愿顺序", ["排序"], required: true),
  ])

  public static let scores = FileSpec(name: "scores.csv", aliases: ["分数.csv"], required: false, columns: [
    ColumnSpec("organization", "组织", ["企业"], required: true),
    ColumnSpec("instructor", "指导员", required: true),
    ColumnSpec("score", "分数", ["得分"], required: true),
  ])

  public static let overrides = FileSpec(name: "overrides.csv", aliases: ["指定.csv"], required: false, columns: [
    ColumnSpec("organization", "组织", ["企业"], required: true),
    ColumnSpec("instructor", "指导员", required: true),
    ColumnSpec("action", "操作", ["处理"], required: true),
  ])

  public static let settings = FileSpec(name: "settings.csv", aliases: ["设置.csv"], required: false, columns: [
    ColumnSpec("key", "设置", ["项目"], required: true),
    ColumnSpec("value", "值", ["取值"], required: true),
  ])

  /// Whether a file's unknown columns are kept with their rows (`LedgerField`) and carried into
  /// the plan: the instructors' and organizations' (联系电话, 地址, 负责人 …); other files' are ignored.
  public static func keepsExtraColumns(_ file: FileSpec) -> Bool { file == instructors || file == organizations }

  /// The table a file or worksheet name stands for: `instructors.csv`, `指导员.csv`, a sheet
  /// `指导员` or `Instructors`, a workbook `指导员.xlsx` (matched after `normalizedToken`).
  public static func table(named name: String) -> FileSpec? {
    let token = stem(ValueParser.normalizedToken(name))
    guard !token.isEmpty else { return nil }
    return files.first { ([$0.name] + $0.aliases).contains { stem(ValueParser.normalizedToken($0)) == token } }
  }

  private static func stem(_ token: String) -> String {
    for suffix in [".csv", ".xlsx", ".xlsm"] where token.hasSuffix(suffix) { return String(token.dropLast(suffix.count)) }
    return token
  }

  /// All files, in file-name order (the order of `inputSHA256`).
  public static let files: [FileSpec] = [instructors, organizations, overrides, regions, scores, settings, units, wishes]

  // MARK: - Value vocabularies (canonical value first; matched after `normalizedToken`)

  static let employmentKinds: [(EmploymentKind, [String])] = [
    (.fullTime, ["full-time", "专职", "全职"]),
    (.partTime, ["part-time", "兼职"]),
  ]
  static let organizationKinds: [(OrganizationKind, [String])] = [
    (.enterprise, ["enterprise", "企业", "非公企业"]),
    (.social, ["social", "社会组织"]),
  ]
  static let sizes: [(OrganizationSize, [String])] = [
    (.aboveScale, ["above-scale", "规模以上", "规上"]),
    (.medium, ["medium", "中型"]),
    (.small, ["small", "小型"]),
    (.micro, ["micro", "微型"]),
  ]
  static let partyStatuses: [(PartyStatus, [String])] = [
    (.organization, ["organization", "已建党组织", "已建立党组织", "已建"]),
    (.members, ["members", "有党员", "有党员未建组织", "有党员未建立党组织"]),
    (.none, ["none", "无党员"]),
  ]
  static let roles: [(DispatchRole, [String])] = [
    (.instructor, ["instructor", "指导员", "党建工作指导员"]),
    (.firstSecretary, ["first-secretary", "第一书记"]),
    (.firstChairman, ["first-chairman", "第一主席"]),
  ]
  static let actions: [(OverrideAction, [String])] = [
    (.lock, ["lock", "锁定", "指定"]),
    (.forbid, ["forbid", "禁止", "回避"]),
  ]
  static let reaches: [(ReachRule, [String])] = [
    (.any, ["any", "不限"]),
    (.sameRegion, ["same-region", "同区域"]),
    (.adjacentRegion, ["adjacent-region", "相邻区域"]),
    (.sameGrid, ["same-grid", "同网格"]),
  ]
  static let trueWords = ["yes", "true", "1", "是", "y", "√", "✓"]
  static let falseWords = ["no", "false", "0", "否", "n", "×", "✗"]

  // MARK: - Settings keys

  /// One settings.csv key, how to read it and where it lives in `ScenarioSettings`.
  struct SettingSpec {
    enum Target {
      /// A whole number in the range (a `NumberDomain`).
      case count(WritableKeyPath<ScenarioSettings, Int>, ClosedRange<Int>)
      /// A whole number in the range, or empty / `off` / `不限` for "not set".
      case optionalCount(WritableKeyPath<ScenarioSettings, Int?>, ClosedRange<Int>)
      /// yes / no (see `trueWords`, `falseWords`).
      case flag(WritableKeyPath<ScenarioSettings, Bool>)
      /// One of `reaches`.
      case reach
      /// Free text (trimmed); empty = not set.
      case text(WritableKeyPath<ScenarioSettings, String?>)
    }
    let key: String
    let chinese: String
    let target: Target
  }

  /// Computed, because key paths are not `Sendable`.
  static var settingSpecs: [SettingSpec] { [
    .init(key: "weight_skill_match", chinese: "特长匹配分", target: .count(\.weights.skillMatch, NumberDomain.weight)),
    .init(key: "max_skill_matches", chinese: "特长匹配上限", target: .count(\.weights.maxSkillMatches, NumberDomain.skillMatches)),
    .init(key: "weight_counterpart", chinese: "对口分", target: .count(\.weights.counterpart, NumberDomain.weight)),
    .init(key: "weight_same_region", chinese: "同区域分", target: .count(\.weights.sameRegion, NumberDomain.weight)),
    .init(key: "weight_adjacent_region", chinese: "相邻区域分", target: .count(\.weights.adjacentRegion, NumberDomain.weight)),
    .init(key: "weight_same_grid", chinese: "同网格分", target: .count(\.weights.sameGrid, NumberDomain.weight)),
    .init(key: "weight_same_station", chinese: "同指导站分", target: .count(\.weights.sameStation, NumberDomain.weight)),
    .init(key: "weight_instructor_wish", chinese: "指导员志愿分", target: .count(\.weights.instructorWish, NumberDomain.weight)),
    .init(key: "weight_organization_wish", chinese: "组织志愿分", target: .count(\.weights.organizationWish, NumberDomain.weight)),
    .init(key: "wish_rank_step", chinese: "志愿递减分", target: .count(\.weights.wishRankStep, NumberDomain.weight)),
    .init(key: "weight_mutual_wish", chinese: "双向选择加分", target: .count(\.weights.mutualWishBonus, NumberDomain.weight)),
    .init(key: "weight_continuity", chinese: "留任分", target: .count(\.weights.continuity, NumberDomain.weight)),
    .init(key: "reach", chinese: "选派范围", target: .reach),
    .init(key: "require_full_coverage", chinese: "必须全覆盖", target: .flag(\.requireFullCoverage)),
    .init(key: "default_workload_days", chinese: "默认每月天数", target: .count(\.defaultWorkloadDays, NumberDomain.days)),
    // The office rules (RuleSettings).
    .init(key: "key_project_exclusive", chinese: "重点项目专人", target: .flag(\.rules.keyProjectExclusive)),
    .init(key: "mix", chinese: "建与未建搭配", target: .flag(\.rules.mix)),
    .init(key: "capacity_in_days", chinese: "按天数计算上限", target: .flag(\.rules.capacityInDays)),
    .init(key: "minimum_load", chinese: "最少联系数", target: .count(\.rules.minimumLoad, NumberDomain.capacity)),
    .init(key: "unit_min_instructors", chinese: "单位最少选派人数", target: .optionalCount(\.rules.unitMinimumInstructors, NumberDomain.instructorCount)),
    .init(key: "unit_max_instructors", chinese: "单位最多选派人数", target: .optionalCount(\.rules.unitMaximumInstructors, NumberDomain.instructorCount)),
    .init(key: "allow_dual_role", chinese: "允许一人兼任", target: .flag(\.rules.allowDualRole)),
    .init(key: "max_distance_km", chinese: "最远距离公里", target: .optionalCount(\.maximumDistanceKilometres, NumberDomain.distanceKilometres)),
    // Soft rules: a weight makes the rule soft (each violation costs that many points).
    .init(key: "key_project_exclusive_weight", chinese: "重点项目专人权重", target: .optionalCount(\.rules.keyProjectExclusiveWeight, NumberDomain.softWeight)),
    .init(key: "mix_weight", chinese: "建与未建搭配权重", target: .optionalCount(\.rules.mixWeight, NumberDomain.softWeight)),
    .init(key: "minimum_load_weight", chinese: "最少联系数权重", target: .optionalCount(\.rules.minimumLoadWeight, NumberDomain.softWeight)),
    .init(key: "unit_quota_weight", chinese: "单位名额权重", target: .optionalCount(\.rules.unitQuotaWeight, NumberDomain.softWeight)),
    .init(key: "dual_role_weight", chinese: "一人兼任权重", target: .optionalCount(\.rules.dualRoleWeight, NumberDomain.softWeight)),
    .init(key: "reach_weight", chinese: "选派范围权重", target: .optionalCount(\.reachWeight, NumberDomain.softWeight)),
    // What the notices print (text).
    .init(key: "office_name", chinese: "发文机关", target: .text(\.officeName)),
    .init(key: "office_contact", chinese: "联系方式", target: .text(\.officeContact)),
  ] }

  /// Words that leave an optional setting unset.
  static let unsetWords = ["off", "none", "不限", "无"]

  /// Columns that hold an id or a reference to one (any file): read width-folded
  /// (`ValueParser.identifier`), and refused with any control character in them.
  public static let identifierKeys: Set<String> = [
    "id", "unit", "region", "current_instructor", "neighbours", "from", "to", "organization", "instructor",
  ]

  /// How many unknown ids of one reading get a did-you-mean suggestion (each costs O(ids)).
  static let suggestionBudget = 100

  /// Upper bound of scores.csv scores.
  public static let maxScore = NumberDomain.givenScore.upperBound
}
