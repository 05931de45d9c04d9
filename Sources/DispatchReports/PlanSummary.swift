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

  /// Why full coverage is impossible (`InfeasibilityDiagnosis`), in summary.json.
  public struct Infeasibility: Sendable, Codable, Equatable {
    public var organizations: [String]
    public var eligibleInstructors: [String]
    public var capacity: Int
    public var demand: Int
    public var capacityShortage: Bool
    public var blockingRules: [String]
    public var explanation: String

    public init(_ diagnosis: InfeasibilityDiagnosis) {
      organizations = diagnosis.organizations.map(\.rawValue)
      eligibleInstructors = diagnosis.eligibleInstructors.map(\.rawValue)
      capacity = diagnosis.capacity
      demand = diagnosis.demand
      capacityShortage = diagnosis.capacityShortage
      blockingRules = diagnosis.blockingRules
      explanation = diagnosis.text
    }

    enum CodingKeys: String, CodingKey {
      case organizations, capacity, demand, explanation
      case eligibleInstructors = "eligible_instructors"
      case capacityShortage = "capacity_shortage"
      case blockingRules = "blocking_rules"
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
  /// "optimal", "feasible", "coverage-unproven" (a time limit stopped the solver before coverage was proven) or "infeasible".
  public var status: String
  public var optimal: Bool
  /// Upper bound on the score at the plan's coverage (equal to `objective` when optimal); never
  /// below `objective`. Nil when the solver proved nothing at this coverage (see `coverageBound`).
  public var bound: Int?
  /// Relative gap of the objective to the bound (0 when optimal).
  public var gap: Double?
  /// Set when coverage itself is not proven: the most slots the solver could not rule out
  /// (more than `assigned`). Status is then "coverage-unproven" and `bound`/`gap` are nil, since a
  /// score bound at a higher coverage says nothing about the score at this one.
  public var coverageBound: Int?
  /// Candidate pairs removed by reduced-cost fixing before GLPK ran (warm GLPK path only).
  public var prunedArcs: Int?
  public var checkerPassed: Bool
  public var checkerFindings: [String]
  public var wishes: WishCounts
  /// Pairs who both rank each other above what the plan gives them (see `StabilityAudit`).
  public var blockingPairs: Int
  public var inputSHA256: String
  public var timings: Timings
  /// The scenario folder the plan was made from, so `dispatch explain` can find it.
  public var scenarioPath: String?
  /// Whether the plan was made with `--scores-only` (the model depends on it).
  public var scoresOnly: Bool?
  /// Every office rule by key: in force or not, satisfied (per the checker), figures.
  public var rules: [String: RuleStatus]?
  /// Present when full coverage was required and is impossible.
  public var infeasibility: Infeasibility?
  /// The blocking pairs themselves, for the report (not in summary.json: a summary read back has none).
  public var blockingPairList: [BlockingPair] = []
  /// True when the solve was stopped on request (Ctrl-C, a cancel button) before it finished: the best plan so far.
  public var stoppedOnRequest: Bool?
  /// A re-plan's origin: the previous plan it continued, with its fingerprint (nil for a plan).
  public var replan: ReplanOrigin?
  /// The Lagrangian multipliers of the solve's bound, per slot "organization/role", in thousandths of a point
  /// relative to the slot's pair in this plan (`LagrangianPrices`); nil when no Lagrangian bound ran. The next
  /// quarter's re-plan from this plan starts its bound there. A hint: any values give a valid bound.
  public var lagrangianPrices: [String: Int64]?

  /// Where a re-plan came from (summary.json `replan`): the previous plan's place and fingerprint,
  /// the change set and the continuity bonus, so anyone can check which plan it continued and
  /// `dispatch compare` re-derives the bonus from the previous plan.
  public struct ReplanOrigin: Sendable, Codable, Equatable {
    /// The previous plan as given (`--previous`): a plan folder or a plan.csv.
    public var previousPlan: String
    /// SHA-256 of the previous plan's plan.csv when it was read.
    public var previousPlanSHA256: String
    /// SHA-256 of its manifest.json (nil: a plan.csv given directly, no manifest).
    public var previousManifestSHA256: String?
    /// The scenario input the previous plan was made from (its manifest's `input_sha256`).
    public var previousInputSHA256: String?
    /// The change set applied before re-planning, and its SHA-256.
    public var changes: String?
    public var changesSHA256: String?
    /// The continuity bonus per kept pair.
    public var continuity: Int

    public init(previousPlan: String, previousPlanSHA256: String, previousManifestSHA256: String?, previousInputSHA256: String?,
                changes: String?, changesSHA256: String?, continuity: Int) {
      self.previousPlan = previousPlan
      self.previousPlanSHA256 = previousPlanSHA256
      self.previousManifestSHA256 = previousManifestSHA256
      self.previousInputSHA256 = previousInputSHA256
      self.changes = changes
      self.changesSHA256 = changesSHA256
      self.continuity = continuity
    }

    enum CodingKeys: String, CodingKey {
      case changes, continuity
      case previousPlan = "previous_plan"
      case previousPlanSHA256 = "previous_plan_sha256"
      case previousManifestSHA256 = "previous_manifest_sha256"
      case previousInputSHA256 = "previous_input_sha256"
      case changesSHA256 = "changes_sha256"
    }
  }

  enum CodingKeys: String, CodingKey {
    case scenario, organizations, instructors, slots, objective, assigned, unassigned, solver, status, optimal, bound, gap, wishes, timings
    case instructorsUsed = "instructors_used"
    case blockingPairs = "blocking_pairs"
    case solverReason = "solver_reason"
    case prunedArcs = "pruned_arcs"
    case checkerPassed = "checker_passed"
    case checkerFindings = "checker_findings"
    case inputSHA256 = "input_sha256"
    case scenarioPath = "scenario_path"
    case scoresOnly = "scores_only"
    case coverageBound = "coverage_bound"
    case rules, infeasibility, replan
    case stoppedOnRequest = "stopped_on_request"
    case lagrangianPrices = "lagrangian_prices"
  }

  public init(
    scenarioName: String, model: PlanningModel, plan: DispatchPlan, record: SolveRecord, inputSHA256: String, timings: Timings,
    scenarioPath: String? = nil, scoresOnly: Bool = false, infeasibility: InfeasibilityDiagnosis? = nil
  ) throws(PlanningError) {
    scenario = scenarioName
    self.infeasibility = infeasibility.map(Infeasibility.init)
    let audit = try RuleCatalog.audit(model: model, columnOfRow: record.outcome.columnOfRow, violations: record.violations)
    rules = Dictionary(audit.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    self.scenarioPath = scenarioPath
    self.scoresOnly = scoresOnly
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
    (bound, gap, coverageBound) = Self.honestBound(record.outcome)
    if coverageBound != nil { status = "coverage-unproven" }
    prunedArcs = record.outcome.prunedArcs
    lagrangianPrices = LagrangianPrices.prices(model: model, columnOfRow: record.outcome.columnOfRow,
                                               multipliers: record.outcome.lagrangianMultipliers)
    stoppedOnRequest = record.stoppedOnRequest ? true : nil
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
    blockingPairList = StabilityAudit.blockingPairs(plan: plan, model: model)
    blockingPairs = blockingPairList.count
    self.inputSHA256 = inputSHA256
    self.timings = timings
  }

  /// The bound and gap as the summary shows them, at the plan's own lexicographic level:
  /// a bound at a higher coverage proves nothing about the score (coverage unproven: the
  /// coverage bound instead); a bound below the plan at its own coverage is no bound at all.
  static func honestBound(_ outcome: AssignmentOutcome) -> (bound: Int?, gap: Double?, coverageBound: Int?) {
    if outcome.status.isOptimal { return (Int(outcome.objective.score), 0, nil) }
    guard let b = outcome.bound else { return (nil, nil, nil) }
    if b.covered > outcome.objective.covered { return (nil, nil, b.covered) }
    guard b.covered == outcome.objective.covered, b.score >= outcome.objective.score else { return (nil, nil, nil) }
    return (Int(b.score), outcome.relativeGap, nil)
  }

  /// `summary.json`: sorted keys, pretty printed, UTF-8 (Chinese left unescaped).
  /// - Throws: the encoder's error, e.g. for a figure that is not a finite number (JSON has no NaN).
  public func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }

  /// A few lines for the terminal.
  public func text(outputFolder: String) -> String {
    var lines: [String] = []
    lines.append("方案 plan: \(scenario) → \(outputFolder)")
    lines.append("  求解器 solver   \(solver) (\(solverReason))")
    let gapText = gap.map { $0 == 0 ? "" : String(format: ", gap %.4f%%", $0 * 100) } ?? ""
    let boundText = bound.map { optimal ? "" : ", bound \($0)" } ?? ""
    let proof = optimal ? " (proven optimal)" : status == "feasible" ? " (未证明最优 not proven optimal)"
      : coverageBound.map { " (覆盖数未证明 coverage not proven: up to \($0) slots may be coverable; the score is not proven either)" } ?? ""
    lines.append("  状态 status     \(status)\(proof)\(boundText)\(gapText)")
    if stoppedOnRequest == true { lines.append("  中断 stopped    已按要求中断，这是目前最好的方案 stopped on request: the best plan found so far") }
    lines.append("  覆盖 covered    \(assigned)/\(slots) slots of \(organizations) organizations; \(unassigned) open")
    let penalties = (rules ?? [:]).values.reduce(0) { $0 + $1.penalty }
    lines.append("  得分 score      \(objective)" + (penalties > 0 ? " (soft-rule penalties included: −\(penalties))" : ""))
    lines.append("  指导员 used     \(instructorsUsed)/\(instructors)")
    lines.append("  双向选择 wishes  mutual \(wishes.mutual), instructor-only \(wishes.instructorOnly), organization-only \(wishes.organizationOnly); blocking pairs \(blockingPairs)")
    let ruleLines = (rules ?? [:]).values.filter(\.inForce).sorted { $0.key < $1.key }
      .map { rule in
        guard let weight = rule.softWeight else { return "\(rule.key) \(rule.satisfied ? "satisfied" : "BROKEN")" }
        return "\(rule.key) soft \(weight): \(rule.violations) violation(s), −\(rule.penalty)"
      }
    if !ruleLines.isEmpty { lines.append("  规则 rules      " + ruleLines.joined(separator: "; ")) }
    if let infeasibility { lines.append("  不可行 why      " + infeasibility.explanation) }
    lines.append("  校验 check      \(checkerPassed ? "passed" : "FAILED: " + checkerFindings.joined(separator: "; "))")
    lines.append(String(format: "  用时 time       read %.3f s, build %.3f s, solve %.3f s, total %.3f s", timings.read, timings.build, timings.solve, timings.total))
    return lines.joined(separator: "\n")
  }
}
