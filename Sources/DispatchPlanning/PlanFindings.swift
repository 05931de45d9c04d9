import AssignmentCore
import DispatchModel

//===----------------------------------------------------------------------===//
// A plan given as (organization, role, instructor) lines — a plan.csv read back,
// perhaps edited by hand — put onto a scenario's model and checked there, with
// every finding in the domain's words (`dispatch compare` re-derives scores and
// checks this way instead of trusting a summary.json written before the edit).
//===----------------------------------------------------------------------===//

/// One line of a plan to check.
public struct PlanLine: Sendable, Hashable {
  public var line: Int
  public var organization: OrganizationID
  public var role: DispatchRole
  public var instructor: InstructorID
  public init(line: Int, organization: OrganizationID, role: DispatchRole, instructor: InstructorID) {
    self.line = line
    self.organization = organization
    self.role = role
    self.instructor = instructor
  }
}

/// What is wrong with a plan against the scenario and its rules.
public enum PlanFinding: Sendable, Hashable, CustomStringConvertible {
  case unknownOrganization(line: Int, OrganizationID)
  case unknownInstructor(line: Int, InstructorID)
  case unknownSlot(line: Int, OrganizationID, DispatchRole)
  case pairNotAllowed(OrganizationID, DispatchRole, InstructorID)
  case overCapacity(InstructorID, load: Int, capacity: Int)
  case lockBroken(OrganizationID, locked: InstructorID, found: InstructorID?)
  case uncovered(OrganizationID, DispatchRole)
  case ruleBroken(rule: String, detail: String)

  public var description: String {
    switch self {
    case .unknownOrganization(let line, let o): "line \(line): organization \(o) is not on the ledger / 组织不在台账中"
    case .unknownInstructor(let line, let i): "line \(line): instructor \(i) is not on the ledger / 指导员不在台账中"
    case .unknownSlot(let line, let o, let role): "line \(line): \(o) has no \(role.chineseName) slot / 该组织无此职务"
    case .pairNotAllowed(let o, let role, let i): "\(o) \(role.chineseName) – \(i): not an allowed pair (reach, role or forbid) / 不允许的配对"
    case .overCapacity(let i, let load, let capacity): "\(i) carries \(load), over the capacity \(capacity) / 超出联系上限"
    case .lockBroken(let o, let locked, let found):
      "\(o) is locked to \(locked) but has \(found?.rawValue ?? "nobody") / 违反锁定"
    case .uncovered(let o, let role): "\(o) \(role.chineseName) is open although full coverage is required / 要求全覆盖但未覆盖"
    case .ruleBroken(let rule, let detail): "rule \(rule) broken / 违反规则: \(detail)"
    }
  }
}

/// A plan put onto a model: its assignment by row, and what is wrong with it.
public struct CheckedPlan: Sendable {
  public var columnOfRow: [Int32]
  public var findings: [PlanFinding]

  /// Maps `lines` onto `model` and checks the result with the independent checker.
  public init(lines: [PlanLine], model: PlanningModel) {
    let scenario = model.scenario, problem = model.problem
    let index = ScenarioIndex(scenario)
    var rowOf: [OrganizationID: [DispatchRole: Int]] = [:]
    for (row, slot) in model.slots.enumerated() { rowOf[scenario.organizations[slot.organization].id, default: [:]][slot.role] = row }
    var columnOfRow = [Int32](repeating: -1, count: problem.rowCount)
    var findings: [PlanFinding] = []
    for line in lines {
      guard let roles = rowOf[line.organization] else { findings.append(.unknownOrganization(line: line.line, line.organization)); continue }
      guard let column = index.instructorIndex[line.instructor] else { findings.append(.unknownInstructor(line: line.line, line.instructor)); continue }
      guard let row = roles[line.role] else { findings.append(.unknownSlot(line: line.line, line.organization, line.role)); continue }
      columnOfRow[row] = Int32(column)
    }
    func slot(_ row: Int) -> (OrganizationID, DispatchRole) { (scenario.organizations[model.slots[row].organization].id, model.slots[row].role) }
    func instructor(_ column: Int) -> InstructorID { scenario.instructors[column].id }
    // Load by column over every line given, allowed pair or not: a hand edit to a forbidden pair still takes a place.
    var load = [Int](repeating: 0, count: problem.columnCount)
    let perSlot = scenario.settings.rules.capacityInDays
    for (row, column) in columnOfRow.enumerated() where column >= 0 {
      if let arc = problem.arcIndex(row: row, column: Int(column)) { load[Int(column)] += problem.load(ofArc: arc) } else {
        let organization = scenario.organizations[model.slots[row].organization]
        load[Int(column)] += perSlot ? max(1, organization.workloadDays ?? scenario.settings.defaultWorkloadDays) : 1
      }
    }
    var reportedCapacity = Set<Int>()
    for violation in SolutionChecker.violations(columnOfRow, in: problem) {
      switch violation {
      case .notAnArc(let row, let column):
        let (o, role) = slot(row)
        findings.append(.pairNotAllowed(o, role, instructor(column)))
      case .overCapacity(let column, _, let capacity):
        reportedCapacity.insert(column)
        findings.append(.overCapacity(instructor(column), load: load[column], capacity: capacity))
      case .lockBroken(let row, let locked, let found):
        findings.append(.lockBroken(slot(row).0, locked: instructor(locked), found: found >= 0 ? instructor(found) : nil))
      case .uncoveredRow(let row):
        let (o, role) = slot(row)
        findings.append(.uncovered(o, role))
      case .sideRuleBroken(let rule, _):
        findings.append(Self.describe(rule, model: model, columnOfRow: columnOfRow))
      case .wrongLength, .objectiveMismatch:
        continue  // cannot happen: the assignment is built here, no objective is claimed
      }
    }
    // The checker counts allowed pairs only; a forbidden pair still uses a place.
    for column in 0..<problem.columnCount where !reportedCapacity.contains(column) && load[column] > problem.columnCapacities[column] {
      findings.append(.overCapacity(instructor(column), load: load[column], capacity: problem.columnCapacities[column]))
    }
    self.columnOfRow = columnOfRow
    self.findings = findings
  }

  static func describe(_ rule: SideRule, model: PlanningModel, columnOfRow: [Int32]) -> PlanFinding {
    let scenario = model.scenario
    func organization(_ row: Int) -> OrganizationID { scenario.organizations[model.slots[row].organization].id }
    func instructor(_ column: Int) -> InstructorID { scenario.instructors[column].id }
    switch rule {
    case .exclusive(let row):
      let c = columnOfRow[row]
      let others = c >= 0 ? columnOfRow.indices.filter { $0 != row && columnOfRow[$0] == c }.map { organization($0).rawValue } : []
      return .ruleBroken(rule: "key_project_exclusive", detail: "key project \(organization(row))'s instructor also covers \(others.joined(separator: ", "))")
    case .mix:
      return .ruleBroken(rule: "mix", detail: "an instructor with several organizations lacks one with (or one without) a party organization")
    case .minimumLoad(let column, let minimum):
      return .ruleBroken(rule: "minimum_load", detail: "\(instructor(column)) is used below the minimum \(minimum)")
    case .usedColumns(let columns, let minimum, let maximum):
      let used = columns.filter { columnOfRow.contains(Int32($0)) }.count
      let unit = columns.first.map { scenario.instructors[$0].unit.rawValue } ?? "?"
      return .ruleBroken(rule: "unit_quotas", detail: "unit \(unit) has \(used) instructors sent, allowed \(minimum)…\(maximum)")
    case .distinctColumns(let rows):
      return .ruleBroken(rule: "allow_dual_role", detail: "two roles of \(rows.first.map { organization($0).rawValue } ?? "?") share one instructor")
    case .maximumMoves(_, _, let limit):
      return .ruleBroken(rule: "max_moves", detail: "more than \(limit) moves")
    case .soft(let inner, _):
      return describe(inner, model: model, columnOfRow: columnOfRow)
    }
  }
}
