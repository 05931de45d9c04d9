import DispatchModel
import Foundation

/// The rows of a `changes.csv` (the format `ChangeSetWriter` in DispatchGenerator writes:
/// `action,kind,id,field,value`), read into domain values. DispatchGenerator turns
/// them into a `ChangeSet`; this reader only needs the model, so it lives with the
/// other readers and their located errors.
public struct ChangeRecords: Sendable {
  public var opened: [Organization] = []
  public var closed: [OrganizationID] = []
  public var grown: [(organization: OrganizationID, size: OrganizationSize)] = []
  public var partyOrganized: [OrganizationID] = []
  public var left: [InstructorID] = []
  public var joined: [Instructor] = []
}

public struct ChangeTableReader: Sendable {
  public static let fileName = "changes.csv"

  static let columns = [
    ColumnSpec("action", "操作", ["变动", "变动类型", "变更类型"], required: true),
    ColumnSpec("kind", "对象", ["对象类型"]),
    ColumnSpec("id", "编号", ["组织编号", "企业编号", "指导员编号"], required: true),
    ColumnSpec("field", "字段", ["变更字段"]),
    ColumnSpec("value", "值", ["新值", "取值"]),
  ]

  /// The wide form's columns: every column of organizations.csv and instructors.csv but the id,
  /// keyed `wide:<key>` (a key both files have, such as name or region, is one column; the
  /// English `kind` is the change's object, so the wide kind column goes by 类别 / 类型 only).
  static let wideColumns: [ColumnSpec] = {
    var namesByKey: [(key: String, names: [String])] = []
    for column in ScenarioFormat.organizations.columns + ScenarioFormat.instructors.columns where column.key != "id" {
      let names = ([column.chinese] + column.aliases + [column.key]).filter { $0 != "kind" }
      if let index = namesByKey.firstIndex(where: { $0.key == column.key }) {
        namesByKey[index].names += names.filter { !namesByKey[index].names.contains($0) }
      } else {
        namesByKey.append((column.key, names))
      }
    }
    return namesByKey.map { ColumnSpec("wide:" + $0.key, $0.names[0], Array($0.names.dropFirst())) }
  }()

  /// Verbs and objects, English or Chinese (新增/注销/变更 组织, 离任/新任 指导员), also run together
  /// in the action cell with the object left empty (新增组织). First spelling is canonical.
  static let actions: [(String, [String])] = [
    ("open", ["open", "新增", "新建", "成立", "新设"]),
    ("close", ["close", "注销", "撤销", "关闭", "停业"]),
    ("update", ["update", "变更", "更新", "修改"]),
    ("leave", ["leave", "离任", "调离", "离职", "退出"]),
    ("join", ["join", "新任", "加入", "新增指导员"]),
  ]
  static let kinds: [(String, [String])] = [
    ("organization", ["organization", "组织", "企业", "非公企业", "社会组织", "两新组织"]),
    ("instructor", ["instructor", "指导员", "党建工作指导员"]),
  ]

  /// (action, kind) as canonical tokens (`open`, `organization` …), or the tokens as given when unknown.
  static func canonical(action rawAction: String, kind rawKind: String) -> (action: String, kind: String) {
    var actionToken = ValueParser.normalizedToken(rawAction), kindToken = ValueParser.normalizedToken(rawKind)
    if kindToken.isEmpty {
      // 新增组织, 离任指导员: the object at the end of the verb.
      for (kind, names) in kinds {
        if let name = names.map(ValueParser.normalizedToken).first(where: { actionToken.hasSuffix($0) && actionToken != $0 }) {
          actionToken = String(actionToken.dropLast(name.count))
          kindToken = kind
          break
        }
      }
    }
    let kind = kinds.first { $0.1.contains { ValueParser.normalizedToken($0) == kindToken } }?.0 ?? kindToken
    var action = actions.first { $0.1.contains { ValueParser.normalizedToken($0) == actionToken } }?.0 ?? actionToken
    // 新增 指导员 is a new instructor (join).
    if action == "open" && kind == "instructor" { action = "join" }
    return (action, kind)
  }

  /// A field named by key or by a column name of organizations.csv / instructors.csv (规模 → size),
  /// as the token the reader switches on (`partystatus`).
  static func fieldToken(_ text: String) -> String {
    if let column = CSVTableParsing.column(named: text, in: ScenarioFormat.organizations.columns + ScenarioFormat.instructors.columns) {
      return ValueParser.normalizedToken(column.key)
    }
    return ValueParser.normalizedToken(text)
  }

  /// The wide form as the long form: one record per filled column (action, kind, id, field, value),
  /// on the wide row's line; a row with no filled column stays one record (a close or leave).
  static func longForm(_ table: LocatedTable) -> LocatedTable {
    let wide = table.columns.filter { $0.key.hasPrefix("wide:") }.sorted { $0.value < $1.value }
    var rows: [CSVRecord] = []
    for row in table.rows {
      let head = ["action", "kind", "id"].map { table.value($0, in: row) }
      let filled = wide.compactMap { key, _ -> [String]? in
        let value = table.value(key, in: row)
        return value.isEmpty ? nil : head + [table.header(key), value]
      }
      rows += (filled.isEmpty ? [head + ["", ""]] : filled).map { CSVRecord(line: row.line, fields: $0) }
    }
    var headers = table.headers
    headers["field"] = "字段"
    headers["value"] = "值"
    return LocatedTable(fileName: table.fileName, columns: ["action": 0, "kind": 1, "id": 2, "field": 3, "value": 4], headers: headers,
                        rows: rows, sheet: table.sheet, columnsAreCells: false)
  }

  /// Ids the scenario has: closes, updates and leaves must name one; opens and joins must not.
  public var organizations: Set<String>
  public var instructors: Set<String>
  /// Units and regions the scenario has: an opened organization's region and a joined
  /// instructor's unit and region must name one, as in the ledger (nil: not checked).
  public var units: Set<String>?
  public var regions: Set<String>?
  /// Unit and region names (normalised, `ValueParser.normalizedToken`) → the one id they name,
  /// so that a change may name them as the ledger may (an ambiguous name is left out).
  public var unitIDsByName: [String: String]
  public var regionIDsByName: [String: String]

  public init(organizations: Set<String>, instructors: Set<String>, units: Set<String>? = nil, regions: Set<String>? = nil,
              unitIDsByName: [String: String] = [:], regionIDsByName: [String: String] = [:]) {
    self.organizations = organizations
    self.instructors = instructors
    self.units = units
    self.regions = regions
    self.unitIDsByName = unitIDsByName
    self.regionIDsByName = regionIDsByName
  }

  /// Normalised name → id, for names that stand for exactly one id (`unitIDsByName`, `regionIDsByName`).
  public static func uniqueNames(_ pairs: [(name: String, id: String)]) -> [String: String] {
    var ids: [String: Set<String>] = [:]
    for (name, id) in pairs { ids[ValueParser.normalizedToken(name), default: []].insert(id) }
    return ids.compactMapValues { $0.count == 1 ? $0.first : nil }
  }

  /// A unit or region as written: its id, or the id its name stands for.
  func reference(_ value: String, known: Set<String>?, byName: [String: String]) -> String {
    let id = ValueParser.identifier(value)
    guard let known, !known.contains(id) else { return id }
    return byName[ValueParser.normalizedToken(value)] ?? id
  }

  /// Reads `url` (a changes.csv or a workbook such as 变动.xlsx, or a folder holding a changes.csv).
  /// - Throws: `InputErrors`, every problem with file and line: unknown actions and
  ///   ids, bad field values, and contradictions (closing and updating the same
  ///   organization, opening an id twice, leaving and joining …).
  public func read(_ url: URL) throws(InputErrors) -> ChangeRecords {
    var isDirectory: ObjCBool = false
    let file = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
      ? url.appendingPathComponent(Self.fileName) : url
    var issues: [InputIssue] = []
    guard let given = LocatedTable.load(file, columns: Self.columns + Self.wideColumns, issues: &issues) else { throw InputErrors(issues: issues) }
    let isWide = given.columns["field"] == nil && given.columns.keys.contains { $0.hasPrefix("wide:") }
    let table = isWide ? Self.longForm(given) : given
    func report(_ problem: InputProblem, _ row: CSVRecord, _ key: String?) { issues.append(table.issue(problem, row, key)) }
    // The ledger's cell rules: no control characters in an id, a unit or a region; tabs and line breaks only in other text.
    for row in table.rows {
      for (key, index) in table.columns.sorted(by: { $0.value < $1.value }) where index < row.fields.count {
        let strict = key != "value" || ["unit", "region"].contains(Self.fieldToken(table.value("field", in: row)))
        if let scalar = ValueParser.controlCharacter(in: ValueParser.trim(row.fields[index]), allowingLineBreaks: !strict),
           let column = Self.columns.first(where: { $0.key == key }) {
          report(.controlCharacter(column, codePoint: scalar.value), row, key)
        }
        if let length = ValueParser.tooLongForACell(row.fields[index]), let column = Self.columns.first(where: { $0.key == key }) {
          report(.cellTooLong(column, length: length), row, key)
        }
      }
    }
    var suggestionsLeft = ScenarioFormat.suggestionBudget
    var candidates: [ReferenceKind: SuggestionIndex] = [:]
    func unknown(_ kind: ReferenceKind, _ id: String, among known: Set<String>) -> InputProblem {
      guard suggestionsLeft > 0 else { return .unknownReference(kind, id, suggestion: nil) }
      suggestionsLeft -= 1
      if candidates[kind] == nil { candidates[kind] = SuggestionIndex(known.sorted()) }
      return .unknownReference(kind, id, suggestion: candidates[kind]!.nearest(to: id))
    }
    /// A whole number in `domain` (`NumberDomain`), or a located error.
    func number(_ field: String, _ value: String, _ domain: ClosedRange<Int>, _ row: CSVRecord) -> Int? {
      guard let v = ValueParser.integer(value), domain.contains(v) else {
        report(.badChangeField(field: field, value: value,
                               expected: "a whole number \(domain.lowerBound)…\(domain.upperBound) / \(domain.lowerBound) 至 \(domain.upperBound) 的整数"), row, "value")
        return nil
      }
      return v
    }

    // Field rows of opened organizations / joined instructors, in file order.
    var openFields: [String: (line: Int, fields: [(String, String, CSVRecord)])] = [:], openOrder: [String] = []
    var joinFields: [String: (line: Int, fields: [(String, String, CSVRecord)])] = [:], joinOrder: [String] = []
    var closedAt: [String: Int] = [:], updatedAt: [String: Int] = [:], leftAt: [String: Int] = [:]
    var records = ChangeRecords()
    var grownSeen: [String: Int] = [:], organizedSeen: [String: Int] = [:]

    for row in table.rows {
      let (action, kind) = Self.canonical(action: table.value("action", in: row), kind: table.value("kind", in: row))
      let id = table.value("id", in: row)
      let field = Self.fieldToken(table.value("field", in: row))
      let value = table.value("value", in: row)
      guard !id.isEmpty else { report(.missingValue(Self.columns[2]), row, "id"); continue }
      switch (action, kind) {
      case ("open", "organization"):
        if organizations.contains(id) { report(.idExists(.organization, id), row, "id"); continue }
        if let line = closedAt[id] ?? updatedAt[id] {
          report(.contradictoryChange(id: id, firstLine: line, detail: "opened and closed or updated / 同时新增与注销或更新"), row, "id"); continue
        }
        if openFields[id] == nil { openFields[id] = (row.line, []); openOrder.append(id) }
        openFields[id]!.fields.append((field, value, row))
      case ("close", "organization"):
        guard organizations.contains(id) else {
          report(unknown(.organization, id, among: organizations), row, "id"); continue
        }
        if let line = closedAt[id] { report(.contradictoryChange(id: id, firstLine: line, detail: "closed twice / 重复注销"), row, "id"); continue }
        if let line = updatedAt[id] { report(.contradictoryChange(id: id, firstLine: line, detail: "closed and updated / 既注销又更新"), row, "id"); continue }
        closedAt[id] = row.line
        records.closed.append(OrganizationID(id))
      case ("update", "organization"):
        guard organizations.contains(id) else {
          report(unknown(.organization, id, among: organizations), row, "id"); continue
        }
        if let line = closedAt[id] { report(.contradictoryChange(id: id, firstLine: line, detail: "updated and closed / 既更新又注销"), row, "id"); continue }
        switch field {
        case "size":
          guard let size = ValueParser.choice(value, ScenarioFormat.sizes) else {
            report(.badChangeField(field: "size", value: value, expected: "above-scale, medium, small, micro"), row, "value"); continue
          }
          if let line = grownSeen[id] { report(.contradictoryChange(id: id, firstLine: line, detail: "size changed twice / 规模重复变更"), row, "id"); continue }
          grownSeen[id] = row.line
          records.grown.append((OrganizationID(id), size))
        case "partystatus":
          guard ValueParser.choice(value, ScenarioFormat.partyStatuses) == .organization else {
            report(.badChangeField(field: "party_status", value: value, expected: "organization (已建党组织)"), row, "value"); continue
          }
          if organizedSeen[id] == nil { organizedSeen[id] = row.line; records.partyOrganized.append(OrganizationID(id)) }
        default:
          report(.badChangeField(field: table.value("field", in: row), value: value, expected: "size or party_status"), row, "field"); continue
        }
        if updatedAt[id] == nil { updatedAt[id] = row.line }
      case ("leave", "instructor"):
        guard instructors.contains(id) else {
          report(unknown(.instructor, id, among: instructors), row, "id"); continue
        }
        if let line = leftAt[id] { report(.contradictoryChange(id: id, firstLine: line, detail: "left twice / 重复离任"), row, "id"); continue }
        leftAt[id] = row.line
        records.left.append(InstructorID(id))
      case ("join", "instructor"):
        if instructors.contains(id) { report(.idExists(.instructor, id), row, "id"); continue }
        if joinFields[id] == nil { joinFields[id] = (row.line, []); joinOrder.append(id) }
        joinFields[id]!.fields.append((field, value, row))
      default:
        report(.unknownChange(action: table.value("action", in: row), kind: table.value("kind", in: row)), row, "action")
      }
    }

    for id in openOrder {
      let (line, fields) = openFields[id]!
      var o = Organization(id: OrganizationID(id), name: "", region: RegionID(""), industry: "")
      var seenField: [String: Int] = [:]
      for (field, value, row) in fields where !field.isEmpty {
        if let first = seenField[field] {
          report(.contradictoryChange(id: id, firstLine: first, detail: "field \(field) given twice / 字段重复"), row, "field"); continue
        }
        seenField[field] = row.line
        switch field {
        case "name": o.name = value
        case "region":
          let region = reference(value, known: regions, byName: regionIDsByName)
          o.region = RegionID(region)
          if let regions, !regions.contains(region) { report(unknown(.region, region, among: regions), row, "value") }
        case "industry": o.industry = value
        case "kind":
          guard let v = ValueParser.choice(value, ScenarioFormat.organizationKinds) else { report(.badChangeField(field: "kind", value: value, expected: "enterprise, social"), row, "value"); continue }
          o.kind = v
        case "size":
          guard let v = ValueParser.choice(value, ScenarioFormat.sizes) else { report(.badChangeField(field: "size", value: value, expected: "above-scale, medium, small, micro"), row, "value"); continue }
          o.size = v
        case "partystatus":
          guard let v = ValueParser.choice(value, ScenarioFormat.partyStatuses) else { report(.badChangeField(field: "party_status", value: value, expected: "organization, members, none"), row, "value"); continue }
          o.partyStatus = v
        case "needs": o.needs = ValueParser.list(value)
        case "workloaddays":
          guard let v = number("workload_days", value, NumberDomain.days, row) else { continue }
          o.workloadDays = v
        case "keyproject":
          guard let v = ValueParser.boolean(value) else { report(.badChangeField(field: "key_project", value: value, expected: "yes or no"), row, "value"); continue }
          o.keyProject = v
        case "roles":
          var roles: [DispatchRole] = []
          for item in ValueParser.list(value) {
            guard let r = ValueParser.choice(item, ScenarioFormat.roles) else { report(.badChangeField(field: "roles", value: item, expected: "instructor, first-secretary, first-chairman"), row, "value"); continue }
            if !roles.contains(r) { roles.append(r) }
          }
          o.roles = roles
        default: report(.badChangeField(field: table.value("field", in: row), value: value, expected: "a column key of organizations.csv"), row, "field")
        }
      }
      for (key, present) in [("name", !o.name.isEmpty), ("region", !o.region.rawValue.isEmpty), ("industry", !o.industry.isEmpty)] where !present {
        issues.append(table.issue(.missingChangeField(id: id, field: key), CSVRecord(line: line, fields: []), "id"))
      }
      records.opened.append(o)
    }
    for id in joinOrder {
      let (line, fields) = joinFields[id]!
      var name = "", unit = "", region = "", capacity: Int?, skills: [String] = [], station: String?, roles: [DispatchRole] = []
      var days: Int?, kind: EmploymentKind?
      var seenField: [String: Int] = [:]
      for (field, value, row) in fields where !field.isEmpty {
        if let first = seenField[field] {
          report(.contradictoryChange(id: id, firstLine: first, detail: "field \(field) given twice / 字段重复"), row, "field"); continue
        }
        seenField[field] = row.line
        switch field {
        case "name": name = value
        case "unit":
          unit = reference(value, known: units, byName: unitIDsByName)
          if let units, !units.contains(unit) { report(unknown(.unit, unit, among: units), row, "value") }
        case "region":
          region = reference(value, known: regions, byName: regionIDsByName)
          if let regions, !regions.contains(region) { report(unknown(.region, region, among: regions), row, "value") }
        case "capacity":
          guard let v = number("capacity", value, NumberDomain.capacity, row) else { continue }
          capacity = v
        case "dayspermonth":
          guard let v = number("days_per_month", value, NumberDomain.days, row) else { continue }
          days = v
        case "skills": skills = ValueParser.list(value)
        case "station": station = value.isEmpty ? nil : value
        case "roles":
          for item in ValueParser.list(value) {
            guard let r = ValueParser.choice(item, ScenarioFormat.roles) else { report(.badChangeField(field: "roles", value: item, expected: "instructor, first-secretary, first-chairman"), row, "value"); continue }
            if !roles.contains(r) { roles.append(r) }
          }
        case "kind":
          guard let v = ValueParser.choice(value, ScenarioFormat.employmentKinds) else { report(.badChangeField(field: "kind", value: value, expected: "full-time, part-time"), row, "value"); continue }
          kind = v
        default: report(.badChangeField(field: table.value("field", in: row), value: value, expected: "a column key of instructors.csv"), row, "field")
        }
      }
      for (key, present) in [("name", !name.isEmpty), ("unit", !unit.isEmpty), ("region", !region.isEmpty), ("capacity", capacity != nil)] where !present {
        issues.append(table.issue(.missingChangeField(id: id, field: key), CSVRecord(line: line, fields: []), "id"))
      }
      records.joined.append(Instructor(
        id: InstructorID(id), name: name, unit: UnitID(unit), region: RegionID(region), capacity: capacity ?? 0,
        skills: skills, station: station, roles: roles, daysPerMonth: days, kind: kind))
    }
    let errors = issues.filter { $0.severity == .error }
    if !errors.isEmpty { throw InputErrors(issues: issues.sorted { ($0.line ?? 0) < ($1.line ?? 0) }) }
    return records
  }
}
