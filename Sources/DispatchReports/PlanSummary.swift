import AssignmentCore
import DispatchModel
import DispatchPlanning
import Foundation

/// The first screen of every plan (after JuMP's `solution_summary`): what was
/// solved, by which back end, how well, and how long it took. Written as
/// `summary.json` with sorted keys.
public struct PlanSummary: Sendable, Codable, Equatable {
  public struct Timings: Sendable, Codable, Equatable {
    public var read: Double
    public var build: Double
    public var solve: Double
    public var check: Double
    public var total: Double
    public init(read: Double, build: Double, solve: Double, check: Double, total: Double) {
      self.read = read
      self.build = build
      self.solve = solve
      self.check = check
      self.total = total
    }
  }

  public struct WishCounts: Sendable, Codable, Equatable {
    public var mutual = 0
    public var instructorOnly = 0
    public var organizationOnly = 0
    public var none = 0
    enum CodingKeys: String, CodingKey {
      case mutual, none
      case instructorOnly = "instructor_only"
      case organizationOnly = "organization_only"
    }
  }

  public var scenario: String
  public var organizations: Int
  public var instructors: Int
  public var slots: Int
  /// Sum of the pair scores in the plan.
  public var objective: Int
  public var assigned: Int
  public var unassigned: Int
  public var instructorsUsed: Int
  public var solver: String
  public var solverReason: String
  /// "optimal", "feasible" or "infeasible".
  public var status: String
  public var optimal: Bool
  /// Upper bound on the score at the plan's coverage (equal to `objective` when optimal).
  public var bound: Int?
  /// Relative gap of the objective to the bound (0 when optimal).
  public var gap: Double?
  /// Candidate pairs removed by reduced-cost fixing before GLPK ran (warm GLPK path only).
  public var prunedArcs: Int?
  public var checkerPassed: Bool
  public var checkerFindings: [String]
  public var wishes: WishCounts
  /// Pairs who both rank each other above what the plan gives them (see `StabilityAudit`).
  public var blockingPairs: Int
  public var inputSHA256: String
  public var timings: Timings

  enum CodingKeys: String, CodingKey {
    case scenario, organizations, instructors, slots, objective, assigned, unassigned, solver, status, optimal, bound, gap, wishes, timings
    case instructorsUsed = "instructors_used"
    case blockingPairs = "blocking_pairs"
    case solverReason = "solver_reason"
    case prunedArcs = "pruned_arcs"
    case checkerPassed = "checker_passed"
    case checkerFindings = "checker_findings"
    case inputSHA256 = "input_sha256"
  }

  public init(
    scenarioName: String, model: PlanningModel, plan: DispatchPlan, record: SolveRecord, inputSHA256: String, timings: Timings
  ) {
    scenario = scenarioName
    organizations = model.scenario.organizations.count
    instructors = model.scenario.instructors.count
    slots = model.slots.count
    objective = plan.totalScore
    assigned = plan.assignments.count
    unassigned = plan.uncovered.count
    instructorsUsed = Set(plan.assignments.map(\.instructor)).count
    solver = record.outcome.solverName
    solverReason = record.reason
    switch record.outcome.status {
    case .optimal: status = "optimal"
    case .feasible: status = "feasible"
    case .infeasible: status = "infeasible"
    }
    optimal = record.outcome.status.isOptimal
    bound = record.outcome.bound.map { Int($0.score) }
    gap = record.outcome.relativeGap
    prunedArcs = record.outcome.prunedArcs
    checkerPassed = record.violations.isEmpty
    checkerFindings = record.violations.map(\.description)
    var counts = WishCounts()
    let organizationIndex = ScenarioIndex(model.scenario)
    for assignment in plan.assignments {
      guard let o = organizationIndex.organizationIndex[assignment.organization],
            let i = organizationIndex.instructorIndex[assignment.instructor] else { continue }
      switch model.scorer.wishKind(organization: o, instructor: i) {
      case .mutual: counts.mutual += 1
      case .instructorOnly: counts.instructorOnly += 1
      case .organizationOnly: counts.organizationOnly += 1
      case .none: counts.none += 1
      }
    }
    wishes = counts
    blockingPairs = StabilityAudit.blockingPairs(plan: plan, model: model).count
    self.inputSHA256 = inputSHA256
    self.timings = timings
  }

  /// `summary.json`: sorted keys, pretty printed, UTF-8 (Chinese left unescaped).
  public func json() -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding a struct of plain values cannot fail.
    return (try? encoder.encode(self)) ?? Data()
  }

  /// A few lines for the terminal.
  public func text(outputFolder: String) -> String {
    var lines: [String] = []
    lines.append("方案 plan: \(scenario) → \(outputFolder)")
    lines.append("  求解器 solver   \(solver) (\(solverReason))")
    let gapText = gap.map { $0 == 0 ? "" : String(format: ", gap %.4f%%", $0 * 100) } ?? ""
    let boundText = bound.map { optimal ? "" : ", bound \($0)" } ?? ""
    lines.append("  状态 status     \(status)\(optimal ? " (proven optimal)" : "")\(boundText)\(gapText)")
    lines.append("  覆盖 covered    \(assigned)/\(slots) slots of \(organizations) organizations; \(unassigned) open")
    lines.append("  得分 score      \(objective)")
    lines.append("  指导员 used     \(instructorsUsed)/\(instructors)")
    lines.append("  双向选择 wishes  mutual \(wishes.mutual), instructor-only \(wishes.instructorOnly), organization-only \(wishes.organizationOnly); blocking pairs \(blockingPairs)")
    lines.append("  校验 check      \(checkerPassed ? "passed" : "FAILED: " + checkerFindings.joined(separator: "; "))")
    lines.append(String(format: "  用时 time       read %.3f s, build %.3f s, solve %.3f s, total %.3f s", timings.read, timings.build, timings.solve, timings.total))
    return lines.joined(separator: "\n")
  }
}
