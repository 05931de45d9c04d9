import AssignmentCore
import DispatchModel

//===----------------------------------------------------------------------===//
// Locks that contradict a hard office rule: infeasible input, found before any
// solver runs (issue 13: such a scenario ended as "the plan failed the
// independent check", exit 70, instead of a plain reason and exit 65).
//
// A lock is hard and always holds, whatever the coverage, so each check below
// proves that *no* plan exists — not merely that full coverage is impossible:
//  - minimum load: the locked instructor is used, so he must reach the minimum
//    (unless he holds an exclusive row); the most he can take is
//    min(capacity, Σ over his rows of the row's load) — below the minimum, no plan.
//  - unit maximum: the distinct instructors a unit's locks use exceed its maximum.
//  - exclusive: an instructor locked to an exclusive (key-project) slot and to another slot.
//  - distinct roles: two role slots of one organization locked to the same instructor.
// Soft rules never contradict (breaking them costs points). What these checks do
// not catch (e.g. mix with locks alone, a unit minimum no instructor can meet) the
// planner reports generically when no plan exists at all (`noPlanAtAll`).
// Cost: O(arcs + rules · columns).
//===----------------------------------------------------------------------===//

/// A hard rule no plan can keep: the reason, in the domain's words.
public enum RuleContradiction: Sendable, Equatable, CustomStringConvertible {
  case minimumLoadUnreachable(instructor: InstructorID, lockedTo: OrganizationID, minimum: Int, most: Int)
  case unitMaximumExceeded(unit: UnitID, maximum: Int, lockedInstructors: [InstructorID])
  case exclusiveShared(instructor: InstructorID, keyProject: OrganizationID, other: OrganizationID)
  case rolesShareInstructor(organization: OrganizationID, instructor: InstructorID)
  /// No plan satisfies the locks and the hard rules in force (found by the solver, not by a check above).
  case noPlanAtAll(rules: [String])

  public var description: String {
    switch self {
    case .minimumLoadUnreachable(let i, let o, let minimum, let most):
      "锁定与最少联系数矛盾 lock \(o.rawValue.echoed)–\(i.rawValue.echoed) contradicts minimum_load: \(i.rawValue.echoed) is used, so must take at least \(minimum), "
        + "but can take at most \(most) (capacity and eligible organizations)"
    case .unitMaximumExceeded(let unit, let maximum, let locked):
      "锁定与单位最多选派人数矛盾 locks use \(locked.count) instructor(s) of unit \(unit.rawValue.echoed) (\(locked.map(\.rawValue).echoedList())), "
        + "but unit_max_instructors is \(maximum)"
    case .exclusiveShared(let i, let key, let other):
      "锁定与重点项目专人矛盾 \(i.rawValue.echoed) is locked to key project \(key.rawValue.echoed) (a dedicated instructor) and also to \(other.rawValue.echoed)"
    case .rolesShareInstructor(let o, let i):
      "锁定与一人一职矛盾 two roles of \(o.rawValue.echoed) are locked to the same instructor \(i.rawValue.echoed), but allow_dual_role = no"
    case .noPlanAtAll(let rules):
      "无可行方案 no plan satisfies the locks and the hard rules in force (\(rules.isEmpty ? "locks only" : rules.joined(separator: ", "))); "
        + "remove a lock or relax a rule (or give it a weight, making it soft)"
    }
  }

  /// Every contradiction between `model`'s locks and its hard side rules, in a fixed order.
  public static func find(in model: PlanningModel) -> [RuleContradiction] {
    let problem = model.problem, scenario = model.scenario
    let locks = problem.locks
    guard !locks.isEmpty else { return [] }
    func organization(_ row: Int) -> OrganizationID { scenario.organizations[model.slots[row].organization].id }
    func instructor(_ column: Int) -> InstructorID { scenario.instructors[column].id }
    var lockedRows = [[Int]](repeating: [], count: problem.columnCount)
    for (row, column) in locks { lockedRows[column].append(row) }
    let hard = problem.sideRules.filter { $0.softWeight == nil }
    let exclusive = Set(hard.compactMap { if case .exclusive(let r) = $0 { r } else { nil } })
    let anyExclusive = SideRule.exclusiveRows(in: problem.sideRules)
    var found: [RuleContradiction] = []
    for rule in hard {
      switch rule {
      case .minimumLoad(let column, let minimum):
        guard let row = lockedRows[column].first, !lockedRows[column].contains(where: anyExclusive.contains) else { continue }
        var most = 0
        for r in 0..<problem.rowCount {
          if let arc = problem.arcIndex(row: r, column: column) { most += problem.load(ofArc: arc); if most >= minimum { break } }
        }
        most = min(most, problem.columnCapacities[column])
        if most < minimum {
          found.append(.minimumLoadUnreachable(instructor: instructor(column), lockedTo: organization(row), minimum: minimum, most: most))
        }
      case .usedColumns(let columns, _, let maximum):
        let locked = columns.filter { !lockedRows[$0].isEmpty }
        if locked.count > maximum, let first = locked.first {
          found.append(.unitMaximumExceeded(unit: scenario.instructors[first].unit, maximum: maximum, lockedInstructors: locked.map(instructor)))
        }
      case .exclusive(let row):
        let column = Int(problem.lockedColumn[row])
        if column >= 0, let other = lockedRows[column].first(where: { $0 != row }), !exclusive.contains(other) || other > row {
          found.append(.exclusiveShared(instructor: instructor(column), keyProject: organization(row), other: organization(other)))
        }
      case .distinctColumns(let rows):
        var seen = Set<Int32>()
        for row in rows where problem.lockedColumn[row] >= 0 && !seen.insert(problem.lockedColumn[row]).inserted {
          found.append(.rolesShareInstructor(organization: organization(row), instructor: instructor(Int(problem.lockedColumn[row]))))
        }
      default: continue
      }
    }
    return found
  }
}
