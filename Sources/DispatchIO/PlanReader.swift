import DispatchModel
import Foundation

/// One slot of a previous plan as read from its `plan.csv`.
public struct PreviousAssignment: Sendable, Hashable {
  /// The 1-based line in plan.csv.
  public var line: Int
  public var organization: OrganizationID
  public var role: DispatchRole
  /// nil when the slot was open.
  public var instructor: InstructorID?
  /// The pair score written in the plan (nil when open or not a number).
  public var score: Int?
}

/// A previous plan folder, read only (nothing in it is ever written).
public struct PreviousPlan: Sendable {
  public var folder: URL
  public var assignments: [PreviousAssignment]

  /// The instructor of each slot that had one.
  public var assigned: [PreviousAssignment] { assignments.filter { $0.instructor != nil } }
}

/// Reads `plan.csv` as `PlanTable` writes it (UTF-8 with BOM, CRLF; Chinese headers
/// 组织编号, 职务, 指导员编号, 得分 …; English keys accepted too). Problems are located
/// as `file:line:column` with the scenario reader's `InputIssue`s.
public struct PlanReader: Sendable {
  public static let fileName = "plan.csv"

  static let columns = [
    ColumnSpec("organization", "组织编号", ["organization_id"], required: true),
    ColumnSpec("role", "职务", ["职务名称"], required: true),
    ColumnSpec("instructor", "指导员编号", ["instructor_id"], required: true),
    ColumnSpec("score", "得分"),
  ]

  public init() {}

  /// Reads `folder/plan.csv` (or `folder` itself when it names a .csv file).
  public func read(folder: URL) throws(InputErrors) -> PreviousPlan {
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory)
    guard exists else { throw InputErrors(issues: [InputIssue(file: folder.path, problem: .folderMissing)]) }
    let file = isDirectory.boolValue ? folder.appendingPathComponent(Self.fileName) : folder
    var issues: [InputIssue] = []
    guard let table = LocatedTable.load(file, columns: Self.columns, issues: &issues) else { throw InputErrors(issues: issues) }
    var seen: [String: Int] = [:]
    var out: [PreviousAssignment] = []
    let roleColumn = Self.columns[1]
    for row in table.rows {
      let organization = table.value("organization", in: row)
      let roleText = table.value("role", in: row)
      let instructor = table.value("instructor", in: row)
      guard !organization.isEmpty else {
        issues.append(InputIssue(file: table.fileName, line: row.line, column: table.header("organization"), problem: .missingValue(Self.columns[0])))
        continue
      }
      // The ledger's rule for ids: no control or invisible character (a hand-edited plan.csv with
      // one would otherwise name an organization or instructor that silently is not on the ledger).
      var badID = false
      for (key, spec, value) in [("organization", Self.columns[0], organization), ("instructor", Self.columns[2], instructor)] {
        if let scalar = ValueParser.controlCharacter(in: value, allowingLineBreaks: false) {
          issues.append(InputIssue(file: table.fileName, line: row.line, column: table.header(key), problem: .controlCharacter(spec, codePoint: scalar.value)))
          badID = true
        }
      }
      if badID { continue }
      let role: DispatchRole
      if roleText.isEmpty {
        role = .instructor
      } else if let parsed = ValueParser.choice(roleText, ScenarioFormat.roles) {
        role = parsed
      } else {
        issues.append(InputIssue(file: table.fileName, line: row.line, column: table.header("role"), problem: .unknownValue(
          roleColumn, value: roleText, allowed: ScenarioFormat.roles.flatMap { $0.1.prefix(2) },
          suggestion: ValueParser.nearest(to: roleText, among: ScenarioFormat.roles.flatMap(\.1)))))
        continue
      }
      let key = organization + "\u{1}" + role.rawValue
      if let first = seen[key] {
        issues.append(InputIssue(file: table.fileName, line: row.line, column: table.header("organization"), problem: .duplicateSlot(firstLine: first)))
        continue
      }
      seen[key] = row.line
      let scoreText = table.value("score", in: row)
      out.append(PreviousAssignment(
        line: row.line, organization: OrganizationID(organization), role: role,
        instructor: instructor.isEmpty ? nil : InstructorID(instructor), score: ValueParser.integer(scoreText)))
    }
    if !issues.isEmpty { throw InputErrors(issues: issues) }
    return PreviousPlan(folder: folder, assignments: out)
  }
}
