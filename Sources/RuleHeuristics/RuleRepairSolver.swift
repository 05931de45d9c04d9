//===----------------------------------------------------------------------===//
// RuleRepairSolver ("native-repair") — the honest fallback for problems with
// loads or side rules (the office's rules) when the MIP back end fails or runs
// out of time without a plan. It never claims optimality.
//
// BOUND. The pure relaxation: the same rows, arcs and locks, every side rule
// dropped, every load counted as 1 and column c's capacity taken as
// ⌊capacity[c] / (smallest load of c's arcs)⌋ (every row, when that load is 0).
// Every feasible plan of the real problem is feasible there (a column of
// capacity K whose arcs each load at least ℓ takes at most ⌊K/ℓ⌋ rows), so the
// relaxation's exact optimum — solved by `ShortestAugmentingPathSolver` — is a
// valid upper bound of the lexicographic objective. When the relaxation cannot
// cover every row although full coverage is required, neither can the real
// problem: the outcome is `.infeasible` with the relaxation's Hall violator.
//
// REPAIR. Starting from the relaxation's plan, repeat at most `maximumRounds`
// times: ask `SolutionChecker` what the plan breaks; for each broken rule, ban
// the arcs of the rows that must leave their column (the lowest scores go
// first) or close a column altogether (minimum load, too many columns of a
// unit); re-solve the relaxation without them. Rows pushed out find their next
// best place in the re-solve. If rules are still broken after the last round,
// the same choices are applied by eviction only (rows become open) until the
// plan is clean; eviction cannot open a column, so a lower bound on used
// columns, or locks that contradict the rules, may remain broken — then `solve`
// throws `.unsupported` with the rules it could not satisfy. With full coverage
// required, a repaired plan that leaves a row open also throws.
//
// LOCAL SEARCH. With only `exclusive` and `mix` rules, `RuleKeepingImprover` runs
// first from the relaxation's plan (a quarter of the time limit, at most 10 s);
// With full coverage, no locks and one mix rule, `MixLagrangianBound` then gives a
// bound below U and a second start (the columns' Lagrangian choices) for the local
// search; the better plan is returned when the checker accepts it, with
// min(U, Lagrangian bound) as its bound; otherwise the repair below.
//
// RESULT. Status `.feasible` (`.optimal` only when the plan meets the bound), `bound` = the relaxation optimum, so `relativeGap` says how far from
// optimal the plan can be at most. The plan is re-checked by `SolutionChecker`
// before it is returned.
//
// COMPLEXITY. At most `maximumRounds` + 1 native solves plus O(r) evictions,
// each followed by a check: O(rounds · (native solve + r log d + s)).
//===----------------------------------------------------------------------===//

import AssignmentCore
import Foundation
import NativeSolver

public struct RuleRepairSolver: AssignmentSolver {
  public var name: String { "native-repair" }
  public var capabilities: SolverCapabilities { SolverCapabilities(generalLoads: true, sideRules: true) }

  /// Re-solves of the relaxation before the eviction-only repair.
  public let maximumRounds: Int
  private let pure = ShortestAugmentingPathSolver()

  public init(maximumRounds: Int = 30) { self.maximumRounds = maximumRounds }

  /// Rows of `problem` that cannot all be covered even without its side rules
  /// (the relaxation's Hall violator), or nil when the relaxation covers every row.
  public func uncoverableRows(of problem: AssignmentProblem) throws(SolverError) -> [Int]? {
    let outcome = try pure.solve(RepairState(problem: problem).relaxation(coverage: .requireAll, solverName: name))
    if case .infeasible(let rows) = outcome.status { return rows }
    return nil
  }

  public func solve(_ problem: AssignmentProblem, limits: SolveLimits = .none) throws(SolverError) -> AssignmentOutcome {
    // Every phase below stops by the time limit's deadline (SolveClock.swift, EVERY PHASE).
    let deadline = Deadline(limits: limits)
    var state = RepairState(problem: problem)
    let relaxed = try pure.solve(state.relaxation(coverage: problem.coverage, solverName: name))
    let uncoverable: [Int]? = if case .infeasible(let rows) = relaxed.status { rows } else { nil }
    // The native solver's infeasible outcome carries its best plan under `.maximize`.
    var plan = relaxed.columnOfRow
    var log = ["native-repair: relaxation (side rules dropped, loads as units) \(relaxed.objective)"]

    // Exclusive and mix only: the rule-keeping local search from the relaxation's plan.
    if uncoverable == nil, RuleKeepingImprover.supports(problem) {
      let budget = limits.localSearchSeconds
      var improver = RuleKeepingImprover(problem: problem, timeBudget: budget)
      improver.deadline = deadline
      var best: (plan: [Int32], objective: ObjectiveValue)? = nil
      func offer(_ kept: [Int32]?, _ what: String) {
        guard let kept else { return }
        let objective = SolutionChecker.objective(of: kept, in: problem)
        guard SolutionChecker.violations(kept, in: problem, claimed: objective).isEmpty else { return }
        log.append("native-repair: rule-keeping local search (\(what)) \(objective)")
        if best.map({ objective > $0.objective }) ?? true { best = (kept, objective) }
      }
      offer(improver.improve(from: plan), "from the relaxation")
      var bound = relaxed.objective
      if let found = best, MixLagrangianBound.supports(problem), found.objective.covered == problem.rowCount,
         let (score, proposal, _) = MixLagrangianBound.boundAndProposal(
           problem, plan: plan, duals: relaxed.duals, target: found.objective.score,
           deadline: Deadline(secondsFromNow: limits.lagrangianSeconds).capped(by: deadline)) {
        if score < bound.score { bound = ObjectiveValue(covered: problem.rowCount, score: max(score, found.objective.score)) }
        log.append("native-repair: Lagrangian bound \(score)")
        if found.objective < bound { offer(improver.improve(from: proposal), "from the Lagrangian choices") }
      }
      if let best {
        return AssignmentOutcome(status: best.objective == bound ? .optimal : .feasible, columnOfRow: best.plan,
                                 objective: best.objective, bound: bound, solverName: name, log: log)
      }
      log.append("native-repair: the rule-keeping local search gave no plan; greedy repair")
    }

    var rounds = 0
    while rounds < maximumRounds && !deadline.hasPassed {
      let broken = state.brokenRules(plan)
      guard !broken.isEmpty else { break }
      let repair = state.repairs(for: broken, plan: plan)
      guard state.ban(repair, plan: plan) else { break }
      rounds += 1
      plan = try pure.solve(state.relaxation(coverage: .maximize, solverName: name)).columnOfRow
    }
    log.append("native-repair: \(rounds) re-solve(s); \(state.bannedArcs.count) pair(s) banned, \(state.closedColumns.count) column(s) closed")

    var evicted = 0
    while true {
      let broken = state.brokenRules(plan)
      if broken.isEmpty { break }
      let repair = state.repairs(for: broken, plan: plan)
      let rows = repair.rows + repair.columns.flatMap { column in plan.indices.filter { plan[$0] == Int32(column) } }
      let movable = Set(rows.filter { problem.lockedColumn[$0] < 0 && plan[$0] >= 0 })
      guard !movable.isEmpty else {
        throw .unsupported(solver: name, reason: "the greedy repair cannot satisfy: "
          + broken.prefix(3).map(\.description).joined(separator: "; "))
      }
      for row in movable { plan[row] = -1 }
      evicted += movable.count
    }
    if evicted > 0 { log.append("native-repair: \(evicted) row(s) left open to satisfy the rules") }

    let objective = SolutionChecker.objective(of: plan, in: problem)
    let remaining = SolutionChecker.violations(plan, in: problem, claimed: objective)
      .filter { if case .uncoveredRow = $0 { uncoverable == nil } else { true } }
    guard remaining.isEmpty else {
      throw .unsupported(solver: name, reason: "the repaired plan still breaks the problem: "
        + remaining.prefix(3).map(\.description).joined(separator: "; "))
    }
    if let uncoverable {
      return AssignmentOutcome(status: .infeasible(uncoverable: uncoverable), columnOfRow: plan, objective: objective,
                               bound: nil, solverName: name, log: relaxed.log + log)
    }
    return AssignmentOutcome(status: .feasible, columnOfRow: plan, objective: objective, bound: relaxed.objective,
                             solverName: name, log: log)
  }
}

/// What the repair asks for: rows that must leave their column, columns that must close.
private struct Repair {
  var rows: [Int] = []
  var columns: [Int] = []
}

/// The bans accumulated by the repair, and the pure relaxation they leave.
private struct RepairState {
  let problem: AssignmentProblem
  var bannedArcs = Set<Int>()
  var closedColumns = Set<Int>()
  private let lockedColumns: Set<Int>

  init(problem: AssignmentProblem) {
    self.problem = problem
    lockedColumns = Set(problem.lockedColumn.filter { $0 >= 0 }.map(Int.init))
  }

  /// The pure problem without side rules, loads counted as units, bans applied.
  func relaxation(coverage: CoverageRule, solverName: String) throws(SolverError) -> AssignmentProblem {
    var arcs: [Arc] = []
    var smallestLoad = [Int?](repeating: nil, count: problem.columnCount)
    for row in 0..<problem.rowCount {
      for arc in problem.arcs(ofRow: row) where !bannedArcs.contains(arc) {
        let column = Int(problem.arcColumns[arc])
        guard !closedColumns.contains(column) else { continue }
        arcs.append(Arc(row: row, column: column, score: problem.arcScores[arc]))
        smallestLoad[column] = min(smallestLoad[column] ?? .max, problem.load(ofArc: arc))
      }
    }
    let capacities = problem.columnCapacities.indices.map { column -> Int in
      guard let load = smallestLoad[column] else { return 0 }
      return load == 0 ? problem.rowCount : min(problem.rowCount, problem.columnCapacities[column] / load)
    }
    do {
      return try AssignmentProblem(rowCount: problem.rowCount, columnCapacities: capacities, arcs: arcs,
                                   locks: problem.locks, coverage: coverage)
    } catch {
      throw .unsupported(solver: solverName, reason: "the relaxation cannot be built: \(error)")
    }
  }

  /// What `plan` breaks, apart from open rows (the coverage is judged at the end).
  func brokenRules(_ plan: [Int32]) -> [SolutionChecker.Violation] {
    SolutionChecker.violations(plan, in: problem).filter { if case .uncoveredRow = $0 { false } else { true } }
  }

  func score(_ row: Int, _ plan: [Int32]) -> Int64 {
    problem.arcIndex(row: row, column: Int(plan[row])).map { problem.arcScores[$0] } ?? 0
  }

  func isLocked(_ row: Int) -> Bool { problem.lockedColumn[row] >= 0 }

  /// For every broken rule, the rows to move out and the columns to close.
  func repairs(for broken: [SolutionChecker.Violation], plan: [Int32]) -> Repair {
    var rowsOf = [[Int]](repeating: [], count: problem.columnCount)
    var load = [Int](repeating: 0, count: problem.columnCount)
    for (row, column) in plan.enumerated() where column >= 0 {
      rowsOf[Int(column)].append(row)
      load[Int(column)] += problem.arcIndex(row: row, column: Int(column)).map(problem.load(ofArc:)) ?? 0
    }
    /// All but the best row of `rows` (locked rows are kept first).
    func allButBest(_ rows: [Int]) -> [Int] {
      let ordered = rows.sorted { (isLocked($0) ? 1 : 0, score($0, plan), -$0) > (isLocked($1) ? 1 : 0, score($1, plan), -$1) }
      return Array(ordered.dropFirst())
    }
    var repair = Repair()
    for violation in broken {
      switch violation {
      case .overCapacity(let column, var used, let capacity):
        for row in rowsOf[column].filter({ !isLocked($0) }).sorted(by: { score($0, plan) < score($1, plan) }) where used > capacity {
          used -= problem.arcIndex(row: row, column: column).map(problem.load(ofArc:)) ?? 0
          repair.rows.append(row)
        }
      case .sideRuleBroken(.exclusive(let row), _):
        let column = Int(plan[row])
        let others = rowsOf[column].filter { $0 != row }
        repair.rows += others.contains(where: isLocked) ? [row] : others
      case .sideRuleBroken(.mix(let groupA, let groupB), _):
        let inA = Set(groupA), inB = Set(groupB)
        for rows in rowsOf where rows.count >= 2 && !(rows.contains(where: inA.contains) && rows.contains(where: inB.contains)) {
          repair.rows += allButBest(rows)
        }
      case .sideRuleBroken(.minimumLoad(let column, _), _):
        repair.columns.append(column)
      case .sideRuleBroken(.usedColumns(let columns, _, let maximum), _):
        let used = columns.filter { load[$0] > 0 }
        guard used.count > maximum else { continue }
        // Close the used columns that earn the least.
        let value = { (column: Int) in rowsOf[column].reduce(Int64(0)) { $0 + score($1, plan) } }
        repair.columns += used.sorted { (value($0), $0) < (value($1), $1) }.prefix(used.count - maximum)
      case .sideRuleBroken(.distinctColumns(let rows), _):
        for column in Set(rows.map { plan[$0] }) where column >= 0 {
          let sharing = rows.filter { plan[$0] == column }
          if sharing.count > 1 { repair.rows += allButBest(Array(Set(sharing))) }
        }
      default:
        continue  // not a rule the repair can act on; the final check reports it
      }
    }
    return repair
  }

  /// Bans the arcs the repair moves rows out of and closes its columns (never a
  /// locked row's arc, never a column with a lock); false when nothing new was banned.
  mutating func ban(_ repair: Repair, plan: [Int32]) -> Bool {
    var changed = false
    for row in repair.rows where !isLocked(row) && plan[row] >= 0 {
      if let arc = problem.arcIndex(row: row, column: Int(plan[row])) { changed = bannedArcs.insert(arc).inserted || changed }
    }
    for column in repair.columns where !lockedColumns.contains(column) {
      changed = closedColumns.insert(column).inserted || changed
    }
    return changed
  }
}
