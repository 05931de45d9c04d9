import AssignmentCore
import DispatchModel

//===----------------------------------------------------------------------===//
// PlanExplainer — why this instructor, and why not the next-best ones.
//
// For each role slot of one organization: the planned instructor with the
// score breakdown, and the best-scoring eligible alternatives (top k by pair
// score, ties by instructor order). For each alternative, what choosing it
// would cost the plan, computed EXACTLY: the problem is re-solved with that
// pair locked (every other lock kept) and the cost is the plan's objective
// minus the locked optimum (coverage first, then score). When the plan came
// with duals (the native solver, pure problems), the arc's reduced cost
// rowDual + columnDual − score is also given: a quick lower bound on the score
// cost (valid when the lock does not change the coverage).
//
// Two ways to price an alternative (`PlanExplainer.Pricing`):
// - `.exact`: the re-solve above. Used for pure problems (the native solver, ~0.1 s on a
//   city) and for proven-optimal plans of small rule problems; the cost is then exact.
// - `.exchange`: for plans with rules that are large or not proven optimal (a MIP
//   re-solve per alternative took minutes on a city). The pair is put in and the
//   cheapest single exchange that keeps every rule is found: the planned row moves
//   to the alternative, and, when that breaks a rule or a capacity, one other row of
//   the alternative's column moves to another column (or to the freed one), every
//   candidate checked by `SolutionChecker`, cheapest first (coverage, then score, then
//   row and column order). When no single exchange keeps the rules, the injected `repair`
//   (the rule-keeping local search's repairs, no improvement) runs from the cheapest
//   capacity-feasible starts with the pair locked, and the best checked plan is taken.
//   The cost is then measured against the current plan: a plan
//   with that pair exists that scores this much less; the best such plan may lose less.
// Either way the other organizations whose instructor would change are named.
//
// Complexity: exact — k re-solves per slot; exchange — O(cap · m) candidate plans per
// alternative, each O(n) to build, checked in order until one keeps the rules.
//===----------------------------------------------------------------------===//

/// One candidate instructor for a slot and what choosing him means.
public struct CandidateExplanation: Sendable, Equatable {
  public var instructor: InstructorID
  public var instructorName: String
  public var score: Int
  public var breakdown: [ScoreTerm]
  /// The optimum with this pair locked; nil when no plan with that lock exists
  /// (the lock breaks a rule, an office lock or full coverage).
  public var lockedObjective: ObjectiveValue?
  /// Slots the plan would lose by the lock (0 for the planned pair).
  public var coverageCost: Int?
  /// Score the plan would lose by the lock, at equal coverage (exact; 0 for the planned pair).
  public var scoreCost: Int64?
  /// The duals' reduced cost of the pair: a lower bound on `scoreCost`, when duals exist.
  public var reducedCost: Int64?
  /// Why the lock is impossible, when it is.
  public var impossible: String?
  /// True when the cost is the exact loss against the optimum with the pair locked; false when it
  /// is measured against the current plan (a plan with the pair that loses this much exists).
  public var exact = true
  /// Other slots whose instructor would change (from the plan to the priced one).
  public var otherMoves: [OtherMove] = []
}

/// Another organization's slot that changes instructor when an alternative is chosen.
public struct OtherMove: Sendable, Equatable {
  public var organization: OrganizationID
  public var role: DispatchRole
  /// The instructor in the plan, nil when the slot was open.
  public var from: InstructorID?
  /// The instructor it would get, nil when it would be left open.
  public var to: InstructorID?
}

/// One slot of the organization: who has it, and the alternatives.
public struct SlotExplanation: Sendable, Equatable {
  public var role: DispatchRole
  /// The planned instructor, or nil when the slot is open.
  public var planned: CandidateExplanation?
  public var alternatives: [CandidateExplanation]
  /// How many instructors were eligible for the slot at all.
  public var eligibleCount: Int
}

public struct OrganizationExplanation: Sendable, Equatable {
  public var organization: OrganizationID
  public var organizationName: String
  /// The plan's objective, against which the costs are measured.
  public var objective: ObjectiveValue
  public var slots: [SlotExplanation]
}

public enum ExplainError: Error, Equatable, Sendable, CustomStringConvertible {
  case unknownOrganization(OrganizationID)
  case solving(SolverError)

  public var description: String {
    switch self {
    case .unknownOrganization(let id): "组织不存在 no organization \(id.rawValue.quotedEcho) in the scenario"
    case .solving(let error): "重新求解失败 re-solving with a locked pair failed: \(error)"
    }
  }
}

public struct PlanExplainer: Sendable {
  /// How alternatives are priced (see the file header).
  public enum Pricing: Sendable, Equatable {
    case exact
    case exchange
  }

  public let solvers: SolverSelection
  public let choice: SolverChoice
  public let limits: SolveLimits
  public var pricing: Pricing
  /// Repairs a plan (capacities kept) so it keeps the rules of the problem it is given (locks kept), or nil.
  public var repair: (@Sendable (AssignmentProblem, [Int32]) -> [Int32]?)?

  public init(solvers: SolverSelection, choice: SolverChoice = .auto, limits: SolveLimits = .none, pricing: Pricing = .exact,
              repair: (@Sendable (AssignmentProblem, [Int32]) -> [Int32]?)? = nil) {
    self.solvers = solvers
    self.choice = choice
    self.limits = limits
    self.pricing = pricing
    self.repair = repair
  }

  /// Exact for pure problems and for proven-optimal plans of small rule problems; else exchange.
  public static func pricing(for problem: AssignmentProblem, planIsOptimal: Bool) -> Pricing {
    if problem.sideRules.isEmpty && problem.arcLoads.isEmpty { return .exact }
    return planIsOptimal && problem.arcCount <= 50_000 ? .exact : .exchange
  }

  /// Explains `organization`'s slots in the plan `outcome` of `model`.
  public func explain(
    _ organization: OrganizationID, model: PlanningModel, outcome: AssignmentOutcome, alternatives: Int = 5
  ) throws(ExplainError) -> OrganizationExplanation {
    let scenario = model.scenario
    guard let o = scenario.organizations.firstIndex(where: { $0.id == organization }) else { throw .unknownOrganization(organization) }
    let problem = model.problem
    var slots: [SlotExplanation] = []
    for (row, slot) in model.slots.enumerated() where slot.organization == o {
      let plannedColumn = Int(outcome.columnOfRow[row])
      let arcs = problem.arcs(ofRow: row)
      let ranked = arcs.filter { Int(problem.arcColumns[$0]) != plannedColumn }
        .sorted { (-problem.arcScores[$0], problem.arcColumns[$0]) < (-problem.arcScores[$1], problem.arcColumns[$1]) }
      let planned = plannedColumn >= 0 ? try candidate(row: row, column: plannedColumn, model: model, outcome: outcome, locked: false) : nil
      var others: [CandidateExplanation] = []
      for arc in ranked.prefix(alternatives) {
        others.append(try candidate(row: row, column: Int(problem.arcColumns[arc]), model: model, outcome: outcome, locked: true))
      }
      slots.append(SlotExplanation(role: slot.role, planned: planned, alternatives: others, eligibleCount: arcs.count))
    }
    return OrganizationExplanation(organization: organization, organizationName: scenario.organizations[o].name,
                                   objective: outcome.objective, slots: slots)
  }

  private func candidate(
    row: Int, column: Int, model: PlanningModel, outcome: AssignmentOutcome, locked: Bool
  ) throws(ExplainError) -> CandidateExplanation {
    let problem = model.problem
    let arc = problem.arcIndex(row: row, column: column)!
    let instructor = model.scenario.instructors[column]
    var result = CandidateExplanation(
      instructor: instructor.id, instructorName: instructor.name, score: Int(problem.arcScores[arc]),
      breakdown: model.scorer.breakdown(organization: model.slots[row].organization, instructor: column),
      reducedCost: outcome.duals.map { $0.reducedCost(of: problem, arc: arc, row: row) })
    guard locked else {
      result.lockedObjective = outcome.objective
      result.coverageCost = 0
      result.scoreCost = 0
      return result
    }
    if problem.lockedColumn[row] >= 0 {
      result.impossible = "办公室已锁定该岗位 the office locked this slot to another instructor"
      return result
    }
    let priced = pricing == .exact ? try lockedOptimum(row: row, column: column, problem: problem)
      : exchange(row: row, column: column, plan: outcome.columnOfRow, problem: problem)
    switch priced {
    case .success(let plan):
      let value = SolutionChecker.objective(of: plan, in: problem)
      result.lockedObjective = value
      result.coverageCost = outcome.objective.covered - value.covered
      result.scoreCost = outcome.objective.score - value.score
      result.exact = pricing == .exact
      result.otherMoves = (0..<problem.rowCount).filter { $0 != row && plan[$0] != outcome.columnOfRow[$0] }.map { r in
        let instructor = { (c: Int32) in c < 0 ? nil : model.scenario.instructors[Int(c)].id }
        return OtherMove(organization: model.scenario.organizations[model.slots[r].organization].id, role: model.slots[r].role,
                         from: instructor(outcome.columnOfRow[r]), to: instructor(plan[r]))
      }
    case .failure(let reason):
      result.impossible = reason.message
    }
    return result
  }

  /// The cheapest single exchange that puts `row` on `column` and keeps every rule (file header), or why none does.
  func exchange(row: Int, column: Int, plan: [Int32], problem: AssignmentProblem, checks: Int = exchangeChecks) -> Result<[Int32], Impossible> {
    func score(_ r: Int, _ c: Int32) -> Int64? {
      c < 0 ? 0 : problem.arcIndex(row: r, column: Int(c)).map { problem.arcScores[$0] }
    }
    let old = plan[row]
    guard let gain = score(row, Int32(column)), let lost = score(row, old) else {
      return .failure(Impossible(message: "不可行 not an eligible pair"))
    }
    var base = plan
    base[row] = Int32(column)
    // (coverage lost, score lost, tie order) and the change on top of `base`.
    var candidates: [(coverage: Int, loss: Int64, order: Int, move: (row: Int, to: Int32)?)] = [(0, lost - gain, -1, nil)]
    let held = (0..<problem.rowCount).filter { $0 != row && plan[$0] == Int32(column) && problem.lockedColumn[$0] < 0 }
    for q in held {
      guard let here = score(q, Int32(column)) else { continue }
      for arc in problem.arcs(ofRow: q) where Int(problem.arcColumns[arc]) != column {
        let to = problem.arcColumns[arc]
        candidates.append((0, lost - gain + here - problem.arcScores[arc], q * problem.columnCount + Int(to), (q, to)))
      }
      if problem.coverage != .requireAll {
        candidates.append((1, lost - gain + here, q * problem.columnCount + problem.columnCount, (q, -1)))
      }
    }
    candidates.sort { ($0.coverage, $0.loss, $0.order) < ($1.coverage, $1.loss, $1.order) }
    var fitting: [[Int32]] = []  // capacity-feasible starts, cheapest first, for the repair
    for candidate in candidates.prefix(checks) {
      var trial = base
      if let move = candidate.move { trial[move.row] = move.to }
      let broken = SolutionChecker.violations(trial, in: problem)
      if broken.isEmpty { return .success(trial) }
      if fitting.count < Self.repairStarts, !broken.contains(where: { if case .overCapacity = $0 { true } else { false } }) {
        fitting.append(trial)
      }
    }
    if let repair, let locked = try? AssignmentProblem(
      rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: problem.allArcs,
      locks: problem.locks + [(row, column)], coverage: problem.coverage, sideRules: problem.sideRules) {
      var best: (value: ObjectiveValue, plan: [Int32])?
      for start in fitting {
        guard let plan = repair(locked, start), plan[row] == Int32(column), SolutionChecker.violations(plan, in: problem).isEmpty else { continue }
        let value = SolutionChecker.objective(of: plan, in: problem)
        if best.map({ value > $0.value }) ?? true { best = (value, plan) }
      }
      if let best { return .success(best.plan) }
    }
    return .failure(Impossible(message: "一次调换做不到 no single exchange keeps every rule with this pair; "
      + "lock it in pairs.csv and plan again to see the best plan with it"))
  }

  /// Candidate exchanges checked per alternative, cheapest first.
  static let exchangeChecks = 150
  /// Capacity-feasible starts handed to the repair, cheapest first.
  static let repairStarts = 6

  struct Impossible: Error { var message: String }

  /// The optimum plan of `problem` with (row, column) locked, or why there is none.
  private func lockedOptimum(row: Int, column: Int, problem: AssignmentProblem) throws(ExplainError) -> Result<[Int32], Impossible> {
    let lockedProblem: AssignmentProblem
    do {
      lockedProblem = try AssignmentProblem(
        rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: problem.allArcs,
        locks: problem.locks + [(row, column)], coverage: problem.coverage, sideRules: problem.sideRules)
    } catch {
      return .failure(Impossible(message: "容量已被锁定占满 the instructor's capacity is taken by office locks (\(error))"))
    }
    let record: SolveRecord
    do { record = try solvers.solve(lockedProblem, choice: choice, limits: limits) } catch { throw .solving(error) }
    if record.outcome.status.isInfeasible {
      return .failure(Impossible(message: "锁定后无可行方案 no plan satisfies the rules and full coverage with this pair"))
    }
    return .success(record.outcome.columnOfRow)
  }
}
