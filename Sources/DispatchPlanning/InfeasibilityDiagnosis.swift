import AssignmentCore
import DispatchModel

//===----------------------------------------------------------------------===//
// InfeasibilityDiagnosis — when full coverage is required and impossible, which
// organizations cannot all be covered, and why.
//
// Either a capacity shortage (a Hall violator): a set R of slots whose eligible
// instructors N(R) have less capacity than R needs — Σ_{r∈R} (smallest load of
// r) > Σ_{c∈N(R)} capacity(c), a locked slot counting only its locked
// instructor. The set the solver found is shrunk greedily (drop a slot while
// the rest is still short), so the list is as small as this search finds.
// Or, when no such set exists (the pure problem could cover everything), the
// office's rules in force are what blocks full coverage.
//===----------------------------------------------------------------------===//

public struct InfeasibilityDiagnosis: Sendable, Equatable {
  /// The slots that cannot all be covered, as (organization, role), in row order.
  public var organizations: [OrganizationID]
  /// Every instructor eligible for any of them.
  public var eligibleInstructors: [InstructorID]
  /// Their total capacity (places, or days with `capacity_in_days`).
  public var capacity: Int
  /// What the slots need at least.
  public var demand: Int
  /// True when the shortage above proves infeasibility; false when the rules in force block coverage instead.
  public var capacityShortage: Bool
  /// The office's rules in force, when they are the reason.
  public var blockingRules: [String]

  /// Diagnoses `uncoverable` rows (the solver's set; may be empty) of `model`.
  public static func diagnose(uncoverable: [Int], model: PlanningModel) -> InfeasibilityDiagnosis {
    let problem = model.problem
    func neighbourhood(_ row: Int) -> [Int] {
      let locked = Int(problem.lockedColumn[row])
      return locked >= 0 ? [locked] : problem.arcs(ofRow: row).map { Int(problem.arcColumns[$0]) }
    }
    func demand(_ row: Int) -> Int {
      let locked = Int(problem.lockedColumn[row])
      if locked >= 0, let arc = problem.arcIndex(row: row, column: locked) { return problem.load(ofArc: arc) }
      return problem.arcs(ofRow: row).map(problem.load(ofArc:)).min() ?? 1
    }
    func shortage(_ rows: [Int]) -> (demand: Int, capacity: Int, columns: Set<Int>) {
      let columns = Set(rows.flatMap(neighbourhood))
      return (rows.reduce(0) { $0 + demand($1) }, columns.reduce(0) { $0 + problem.columnCapacities[$1] }, columns)
    }
    var rows = uncoverable.sorted()
    if shortage(rows).demand > shortage(rows).capacity {
      for row in rows.reversed() {
        let rest = rows.filter { $0 != row }
        let s = shortage(rest)
        if s.demand > s.capacity { rows = rest }
      }
    }
    let (need, capacity, columns) = shortage(rows)
    let isShort = !rows.isEmpty && need > capacity
    var organizations: [OrganizationID] = []
    for row in rows {
      let id = model.scenario.organizations[model.slots[row].organization].id
      if organizations.last != id { organizations.append(id) }
    }
    return InfeasibilityDiagnosis(
      organizations: organizations, eligibleInstructors: columns.sorted().map { model.scenario.instructors[$0].id },
      capacity: capacity, demand: need, capacityShortage: isShort,
      blockingRules: isShort ? [] : RuleCatalog.inForce(model.scenario.settings).map(\.key))
  }

  /// One or two sentences for the terminal and the report.
  public var text: String {
    if capacityShortage {
      return "无法全覆盖 full coverage is impossible: organizations \(organizations.map(\.rawValue).joined(separator: ", ")) "
        + "need \(demand) but their \(eligibleInstructors.count) eligible instructor(s) (\(eligibleInstructors.map(\.rawValue).joined(separator: ", "))) "
        + "have only \(capacity) in total."
    }
    let rules = blockingRules.isEmpty ? "the reach, roles, locks and forbids" : blockingRules.joined(separator: ", ")
    let named = organizations.isEmpty ? "" : " (organizations involved: \(organizations.map(\.rawValue).joined(separator: ", ")))"
    return "无法全覆盖 full coverage is impossible under the rules in force: \(rules)\(named); capacity alone would suffice."
  }
}
