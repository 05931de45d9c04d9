//===----------------------------------------------------------------------===//
// Quarterly re-planning (每季度动态调整): a new plan that keeps organizations with
// their previous instructor where that is worth it, within a hard move budget.
//
// Continuity: the previous instructor of an organization becomes its
// `current_instructor`, and `weight_continuity` (settings.csv; 30 when the
// scenario leaves it 0, `Replanner.defaultContinuity`) is added to that pair's score.
//
// Moves: a *keepable* pair is (slot, previous instructor) where the organization
// and the instructor still exist and the pair is still allowed (an arc). A
// keepable slot *moves* when the new plan gives it another instructor or none.
// Some moves can be forced (the instructor's capacity shrank, a lock, two slots
// of a closed … ): `forcedMoves` = keepable − the most keepable pairs that fit
// together (capacities and locks), computed exactly by a pure assignment solve.
// `--max-moves N` is the hard rule "at most forcedMoves + N keepable slots move"
// (`SideRule.maximumMoves`); with N = 0 everything that can be kept is kept.
//
// Exact solve of the budget (two paths, both exact):
//  1. Lagrangian / parametric search with the native solver: add λ ≥ 0 to the
//     score of every keepable pair and solve the pure problem. The number of
//     moves is non-increasing in λ. If the plan at λ = 0 is within budget it is
//     the unconstrained optimum, so optimal. If some λ gives *exactly* the budget
//     (moves = limit), the plan is optimal for the constrained problem too:
//     for any plan y within budget at the same coverage,
//        s(y) ≤ s(x) + λ·(kept(x) − kept(y)) ≤ s(x)   since kept(y) ≥ kept(x).
//     (x maximises coverage first, and coverage cannot exceed x's.) The smallest
//     such λ is found by bisection on integers.
//  2. Otherwise (the budget falls on a tie breakpoint, loads or other side
//     rules): GLPK's MIP with the rule, started from the best plan of path 1
//     within budget (`SolveLimits.incumbent`), under the time limit.
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchModel
import DispatchScoring
import Foundation
import Synchronization

/// One assigned slot of the previous plan.
public struct PreviousPair: Sendable, Hashable {
  public var organization: OrganizationID
  public var role: DispatchRole
  public var instructor: InstructorID
  public init(organization: OrganizationID, role: DispatchRole, instructor: InstructorID) {
    self.organization = organization
    self.role = role
    self.instructor = instructor
  }
}

/// What happened to one organization slot between the previous plan and the new one.
public struct SlotChange: Sendable, Hashable {
  public enum Status: String, Sendable, Hashable, CaseIterable {
    case new, dropped, kept, moved, open
    public var chineseName: String {
      switch self {
      case .new: "新增"
      case .dropped: "移除"
      case .kept: "保持"
      case .moved: "调整"
      case .open: "空缺"
      }
    }
  }
  public var organization: OrganizationID
  public var organizationName: String
  public var role: DispatchRole
  public var status: Status
  public var previous: InstructorID?
  public var current: InstructorID?
  /// Why (moved, dropped, open): "instructor left", "better fit by 12 points", …
  public var reason: String
  /// New pair score − previous pair score (both without continuity), for kept/moved.
  public var scoreChange: Int?
}

/// The model of a re-planning run: the scenario with continuity set, and the keepable pairs.
public struct ReplanSetup: Sendable {
  public let model: PlanningModel
  /// Continuity points added to a kept pair.
  public let continuity: Int
  /// Keepable (row, previous column) pairs, in row order.
  public let keepRows: [Int]
  public let keepColumns: [Int]
  /// Keepable slots that must move whatever the budget (capacity, locks).
  public let forcedMoves: Int
  /// Previous pairs naming an organization or instructor absent from the scenario, or a slot it no longer has.
  public let dropped: [(pair: PreviousPair, reason: String)]
  /// Previous column per row (-1 none), for every row whose previous instructor still exists.
  public let previousColumn: [Int32]
  /// The previous plan mapped onto the new rows (-1 where nothing can be kept): the warm start.
  public let previousAssignment: [Int32]

  public var keepable: Int { keepRows.count }

  /// Moves of `columnOfRow` against the keepable pairs.
  public func moves(_ columnOfRow: [Int32]) -> Int {
    zip(keepRows, keepColumns).filter { columnOfRow[$0.0] != Int32($0.1) }.count
  }
}

/// One solve under a move budget.
public struct ReplanSolve: Sendable {
  public var record: SolveRecord
  public var moves: Int
  /// The move budget asked for (beyond forced moves); nil for none.
  public var maxMoves: Int?
  /// How the budget was met: "lagrangian λ=…", "unconstrained", "glpk".
  public var method: String
  /// Native solves spent in the parametric search.
  public var searchSolves: Int
}

public struct Replanner: Sendable {
  /// `weight_continuity` used when the scenario's is 0.
  public static let defaultContinuity = 30

  public let solvers: SolverSelection
  public var builder: ProblemBuilder

  public init(solvers: SolverSelection, builder: ProblemBuilder = ProblemBuilder()) {
    self.solvers = solvers
    self.builder = builder
  }

  /// The scenario with the previous instructors as current ones and the continuity weight.
  public static func continuityScenario(_ scenario: Scenario, previous: [PreviousPair], continuity: Int? = nil) -> Scenario {
    var result = scenario
    let index = ScenarioIndex(scenario)
    var firstInstructor: [OrganizationID: InstructorID] = [:]
    for pair in previous.sorted(by: { ($0.organization, $0.role) < ($1.organization, $1.role) })
    where firstInstructor[pair.organization] == nil && index.instructorIndex[pair.instructor] != nil {
      firstInstructor[pair.organization] = pair.instructor
    }
    for o in result.organizations.indices {
      if let i = firstInstructor[result.organizations[o].id] { result.organizations[o].currentInstructor = i }
    }
    let weight = continuity ?? (scenario.settings.weights.continuity == 0 ? defaultContinuity : scenario.settings.weights.continuity)
    result.settings.weights.continuity = weight
    return result
  }

  /// The re-plan's model and keepable pairs; the forced moves by an exact assignment solve under `limits`
  /// (the command's time limit and stop flag: its time counts against the command's promise).
  public func prepare(_ scenario: Scenario, previous: [PreviousPair], continuity: Int? = nil,
                      limits: SolveLimits) throws(PlanningError) -> ReplanSetup {
    let withContinuity = Self.continuityScenario(scenario, previous: previous, continuity: continuity)
    let model = try builder.build(withContinuity)
    let index = ScenarioIndex(withContinuity)
    var rowOfSlot: [SlotKey: Int] = [:]
    for (row, slot) in model.slots.enumerated() {
      rowOfSlot[SlotKey(organization: withContinuity.organizations[slot.organization].id, role: slot.role)] = row
    }
    var dropped: [(PreviousPair, String)] = []
    var previousColumn = [Int32](repeating: -1, count: model.problem.rowCount)
    var keep: [(Int, Int)] = []
    for pair in previous.sorted(by: { ($0.organization, $0.role) < ($1.organization, $1.role) }) {
      guard index.organizationIndex[pair.organization] != nil else {
        dropped.append((pair, "organization no longer on the ledger / 组织已不在台账（注销）")); continue
      }
      // The slot is checked before the instructor: a slot that is gone is dropped whether or not its
      // instructor left too (otherwise the pair would appear nowhere in the changes).
      guard let row = rowOfSlot[SlotKey(organization: pair.organization, role: pair.role)] else {
        let left = index.instructorIndex[pair.instructor] == nil
        dropped.append((pair, "the organization no longer needs this role / 组织不再需要该职务（规则变化）"
          + (left ? "; the instructor left too / 原指导员也已离任" : ""))); continue
      }
      guard let column = index.instructorIndex[pair.instructor] else {
        // The slot stays; it is reported as moved ("instructor left") by `changes`.
        continue
      }
      previousColumn[row] = Int32(column)
      if model.problem.arcIndex(row: row, column: column) != nil { keep.append((row, column)) }
    }
    keep.sort { $0 < $1 }
    let keepRows = keep.map(\.0), keepColumns = keep.map(\.1)
    // The most keepable pairs that fit together: keep arcs (score 1) and locks, nothing else.
    var arcs: [Arc] = []
    var lockArc = Set<Int>()
    for (row, column) in model.problem.locks {
      let a = model.problem.arcIndex(row: row, column: column)!
      arcs.append(Arc(row: row, column: column, score: 0, load: model.problem.load(ofArc: a)))
      lockArc.insert(row)
    }
    for (row, column) in keep where !(lockArc.contains(row)) {
      let a = model.problem.arcIndex(row: row, column: column)!
      arcs.append(Arc(row: row, column: column, score: 1, load: model.problem.load(ofArc: a)))
    }
    var forced = 0
    var warm = [Int32](repeating: -1, count: model.problem.rowCount)
    if !keep.isEmpty {
      do {
        let keepProblem = try AssignmentProblem(
          rowCount: model.problem.rowCount, columnCapacities: model.problem.columnCapacities, arcs: arcs, locks: model.problem.locks)
        var keepLimits = limits
        keepLimits.incumbent = nil
        keepLimits.lagrangianStart = nil
        // Its objective counts kept pairs, not points: the progress shows its phase only.
        keepLimits.control = limits.control?.phasesOnly
        let record = try solvers.solve(keepProblem, choice: .auto, limits: keepLimits)
        warm = record.outcome.columnOfRow
        forced = zip(keepRows, keepColumns).filter { warm[$0.0] != Int32($0.1) }.count
      } catch {
        forced = 0
      }
    }
    return ReplanSetup(
      model: model, continuity: withContinuity.settings.weights.continuity, keepRows: keepRows, keepColumns: keepColumns,
      forcedMoves: forced, dropped: dropped, previousColumn: previousColumn, previousAssignment: warm)
  }

  /// The problem of `setup` with `bonus` added to every keepable pair and optional side rules added.
  static func problem(_ setup: ReplanSetup, bonus: Int64, extraRules: [SideRule] = []) -> AssignmentProblem {
    let base = setup.model.problem
    guard bonus != 0 || !extraRules.isEmpty else { return base }
    var arcs = base.allArcs
    if bonus != 0 {
      var isKeep = Set<Int>()
      for (row, column) in zip(setup.keepRows, setup.keepColumns) { isKeep.insert(row &* base.columnCount &+ column) }
      for k in arcs.indices where isKeep.contains(arcs[k].row &* base.columnCount &+ arcs[k].column) { arcs[k].score += bonus }
    }
    // Valid by construction: the same arcs, locks and capacities as a problem that was valid.
    return try! AssignmentProblem(rowCount: base.rowCount, columnCapacities: base.columnCapacities, arcs: arcs, locks: base.locks,
                                  coverage: base.coverage, sideRules: base.sideRules + extraRules)
  }

  /// Solves `setup` with at most `maxMoves` moves beyond the forced ones (nil: no budget, continuity bonus only).
  /// `cache` memoises the parametric search across calls (a sweep).
  public func solve(
    _ setup: ReplanSetup, maxMoves: Int?, choice: SolverChoice = .auto, limits: SolveLimits, cache: ReplanCache? = nil
  ) throws(SolverError) -> ReplanSolve {
    let cache = cache ?? ReplanCache()
    let base = setup.model.problem
    // One deadline for the whole solve: the repair, the probes and the MIP each get what is left of it
    // (half a second at least, so that each can still answer).
    let deadline = Deadline(limits: limits)
    func timeLeft() -> Double? { limits.timeLimit.map { _ in max(0.5, deadline.secondsLeft) } }
    // The previous plan repaired over the neighbourhood of the changes: a feasible plan for every
    // bonus λ (only scores change), computed once per setup and shared by the sweep's budgets, and only
    // when a budget is not met by the unconstrained optimum (a start within the budget for its MIP): the
    // whole problem's own incumbent search and descent from the bound need none (measured on huangshan:
    // the repair took 7 s of a 13 s re-plan and did not shorten the proof). Its time counts against the limit.
    func repaired() -> RepairedPrevious? {
      var repairLimits = limits
      repairLimits.timeLimit = timeLeft()
      return cache.repaired { repairPrevious(setup, problem: base, choice: choice, limits: repairLimits) }.0
    }
    func at(_ lambda: Int64, _ given: SolveLimits? = nil) throws(SolverError) -> SolveRecord {
      if let hit = cache.record(at: lambda) { return hit }
      var warmLimits = given ?? limits
      if given == nil { warmLimits.timeLimit = timeLeft() }
      if warmLimits.incumbent == nil { warmLimits.incumbent = cache.repairedPrevious?.plan ?? setup.previousAssignment }
      let record = try solvers.solve(Self.problem(setup, bonus: lambda), choice: choice, limits: warmLimits)
      cache.store(record, at: lambda)
      return record
    }
    let before = cache.solves
    let zero = try at(0)
    guard let maxMoves else {
      return ReplanSolve(record: zero, moves: setup.moves(zero.outcome.columnOfRow), maxMoves: nil, method: "continuity bonus only, no move budget", searchSolves: cache.solves - before)
    }
    let limit = setup.forcedMoves + max(0, maxMoves)
    let movesAt0 = setup.moves(zero.outcome.columnOfRow)
    if movesAt0 <= limit {
      return ReplanSolve(record: zero, moves: movesAt0, maxMoves: maxMoves, method: "the unconstrained optimum is within budget", searchSolves: cache.solves - before)
    }
    var best: SolveRecord?
    if base.isPureAssignment && (choice == .auto || choice == .native) {
      // Bisection for the smallest λ with moves(λ) ≤ limit.
      let maxScore = (0..<base.arcCount).reduce(Int64(0)) { max($0, abs(base.arcScores[$1])) }
      var span: Int64 = 1
      for row in 0..<base.rowCount {
        let arcs = base.arcs(ofRow: row)
        guard let hi = arcs.map({ base.arcScores[$0] }).max(), let lo = arcs.map({ base.arcScores[$0] }).min() else { continue }
        span += hi - lo
      }
      var high = min(2 * span + 1, maximumScoreMagnitude - maxScore)
      var low: Int64 = 0  // moves(low) > limit
      var top = try at(high)
      if setup.moves(top.outcome.columnOfRow) <= limit {
        while high - low > 1 {
          let mid = low + (high - low) / 2
          let record = try at(mid)
          if setup.moves(record.outcome.columnOfRow) <= limit { high = mid; top = record } else { low = mid }
        }
        let moves = setup.moves(top.outcome.columnOfRow)
        let scoreless = Self.rescore(top, setup: setup)
        if moves == limit && top.outcome.status.isOptimal {
          return ReplanSolve(record: scoreless, moves: moves, maxMoves: maxMoves,
                             method: "exact: parametric continuity bonus λ=\(high) meets the budget exactly (Lagrangian certificate)",
                             searchSolves: cache.solves - before)
        }
        best = scoreless
      }
    }
    let rule = SideRule.maximumMoves(rows: setup.keepRows, columns: setup.keepColumns, limit: limit)
    let ruled = Self.problem(setup, bonus: 0, extraRules: [rule])
    func withinBudget(_ plans: [[Int32]?]) -> [[Int32]] {
      plans.compactMap { $0 }.filter { $0.count == ruled.rowCount && SolutionChecker.violations($0, in: ruled).isEmpty }
    }
    var mipLimits = limits
    if best == nil && !base.isPureAssignment && base.coverage == .requireAll && zero.outcome.status.isOptimal && limits.timeLimit.map({ $0 > 2 }) ?? true {
      // Parametric probes with the MIP (side rules): the bonus raised by λ so that plans over budget lose
      // to a plan within it — λ > s(x0) − s(y) for the unconstrained optimum x0 and a plan y within budget
      // (without one, the continuity bonus again, doubled while the probe's plan is over budget, at most
      // four probes and half the time limit). A probe's optimum z keeps as many pairs as pays; when
      // moves(z) = limit exactly, z is optimal for the budget (the certificate of step 1 above: for w within
      // budget, s(w) ≤ s(z) + λ·(kept(z) − kept(w)) ≤ s(z)); otherwise, within budget, it starts the MIP.
      let start = withinBudget([limits.incumbent, repaired()?.plan]).max { SolutionChecker.objective(of: $0, in: ruled) < SolutionChecker.objective(of: $1, in: ruled) }
      var lambda = start.map { max(1, zero.outcome.objective.score - SolutionChecker.objective(of: $0, in: ruled).score + 1) } ?? Int64(max(1, setup.continuity))
      let clock = Stopwatch()
      var probeLimits = limits
      probeLimits.incumbent = start ?? repaired()?.plan
      for _ in 0..<4 {
        // A probe may use what is left of the first half of the time limit.
        probeLimits.timeLimit = limits.timeLimit.map { max(0.5, min(deadline.secondsLeft, $0 / 2 - clock.seconds)) }
        guard let probe = try? at(lambda, probeLimits), probe.outcome.status.isOptimal, probe.violations.isEmpty else { break }
        let moves = setup.moves(probe.outcome.columnOfRow)
        if moves == limit {
          return ReplanSolve(record: Self.rescore(probe, setup: setup), moves: moves, maxMoves: maxMoves,
                             method: "exact: the MIP with the continuity bonus raised by λ=\(lambda) meets the budget exactly (Lagrangian certificate)",
                             searchSolves: cache.solves - before)
        }
        if moves < limit { best = Self.rescore(probe, setup: setup); break }
        guard lambda < maximumScoreMagnitude / 4, limits.timeLimit.map({ clock.seconds < $0 / 2 }) ?? true else { break }
        lambda *= 2
        probeLimits.incumbent = probe.outcome.columnOfRow
      }
    }
    // GLPK with the rule, from the best plan known within budget: the parametric search's, the one
    // the caller offers (a sweep hands each budget the plan of the budget below), or the previous plan.
    let starts = withinBudget([best?.outcome.columnOfRow, limits.incumbent, repaired()?.plan, setup.previousAssignment])
    // The first of the best (stable: the parametric plan, then the offered one, then the previous plan).
    mipLimits.incumbent = starts.reduce(nil as [Int32]?) { kept, plan in
      guard let kept else { return plan }
      return SolutionChecker.objective(of: plan, in: ruled) > SolutionChecker.objective(of: kept, in: ruled) ? plan : kept
    } ?? setup.previousAssignment
    mipLimits.timeLimit = timeLeft()
    let record = try solvers.solve(ruled, choice: choice == .native ? .glpk : choice, limits: mipLimits)
    var result = record
    // The record is about the problem with the rule; report it against the plain problem's scores (identical arcs).
    if let best, best.outcome.objective > record.outcome.objective {
      // GLPK stopped short of the parametric plan: that plan is within budget but not proven optimal
      // for the budget (its status and bound were about the bonus problem); GLPK's bound still holds.
      result = best
      result.outcome.status = .feasible
      result.outcome.bound = record.outcome.bound.flatMap { $0 >= best.outcome.objective ? $0 : nil }
    }
    return ReplanSolve(record: result, moves: setup.moves(result.outcome.columnOfRow), maxMoves: maxMoves,
                       method: "MIP with the move-budget rule (glpk), warm-started", searchSolves: cache.solves - before)
  }

  /// A record from a bonus problem, with the objective recomputed on the real scores.
  static func rescore(_ record: SolveRecord, setup: ReplanSetup) -> SolveRecord {
    var r = record
    r.outcome.objective = SolutionChecker.objective(of: record.outcome.columnOfRow, in: setup.model.problem)
    r.outcome.bound = r.outcome.objective
    r.outcome.duals = nil
    r.violations = SolutionChecker.violations(r.outcome.columnOfRow, in: setup.model.problem, claimed: r.outcome.objective)
    return r
  }

  /// One line per organization slot of either plan: new, dropped, kept, moved or open, with the reason.
  public static func changes(_ setup: ReplanSetup, previous: [PreviousPair], columnOfRow: [Int32]) -> [SlotChange] {
    let model = setup.model
    let scenario = model.scenario
    let index = ScenarioIndex(scenario)
    var previousOfSlot: [SlotKey: InstructorID] = [:]
    for pair in previous { previousOfSlot[SlotKey(organization: pair.organization, role: pair.role)] = pair.instructor }
    var out: [SlotChange] = []
    for (row, slot) in model.slots.enumerated() {
      let organization = scenario.organizations[slot.organization]
      let previousID = previousOfSlot[SlotKey(organization: organization.id, role: slot.role)]
      let column = Int(columnOfRow[row])
      let currentID = column >= 0 ? scenario.instructors[column].id : nil
      // The scorer adds continuity to the organization's current instructor (the previous plan's
      // first role), in every role slot; that, not the slot's own previous instructor, is what to take off.
      let continuityColumn = organization.currentInstructor.flatMap { index.instructorIndex[$0] }
      func pairScore(_ c: Int) -> Int? {
        model.problem.arcIndex(row: row, column: c).map { Int(model.problem.arcScores[$0]) - (c == continuityColumn ? setup.continuity : 0) }
      }
      var change = SlotChange(organization: organization.id, organizationName: organization.name, role: slot.role, status: .new,
                              previous: previousID, current: currentID, reason: "", scoreChange: nil)
      guard let previousID else {
        change.status = currentID == nil ? .open : .new
        change.reason = currentID == nil ? "not covered / 未覆盖" : "not in the previous plan / 上期方案中没有"
        out.append(change); continue
      }
      let previousColumn = index.instructorIndex[previousID]
      if let c = previousColumn, c == column {
        change.status = .kept
        change.reason = c == continuityColumn ? "kept, continuity +\(setup.continuity) / 保持" : "kept / 保持"
        out.append(change); continue
      }
      change.status = currentID == nil ? .open : .moved
      if previousColumn == nil {
        change.reason = "instructor left / 指导员离任"
      } else if model.problem.arcIndex(row: row, column: previousColumn!) == nil {
        change.reason = "rule change: the previous pair is no longer allowed / 规则变化，原配对不再允许"
      } else if model.problem.lockedColumn[row] >= 0 {
        change.reason = "office lock / 办公室锁定"
      } else if column >= 0, let new = pairScore(column), let old = pairScore(previousColumn!), new > old {
        change.reason = "better fit by \(new - old) points / 更匹配 +\(new - old) 分"
        change.scoreChange = new - old
      } else {
        if column >= 0, let new = pairScore(column), let old = pairScore(previousColumn!) { change.scoreChange = new - old }
        change.reason = "capacity: the previous instructor's places went to others / 原指导员名额用于其他组织"
      }
      out.append(change)
    }
    for (pair, reason) in setup.dropped {
      out.append(SlotChange(organization: pair.organization, organizationName: "", role: pair.role, status: .dropped,
                            previous: pair.instructor, current: nil, reason: reason, scoreChange: nil))
    }
    return out.sorted { ($0.organization, $0.role) < ($1.organization, $1.role) }
  }
}

/// Memoised parametric solves (λ → record), shared by the points of a sweep. Its state sits
/// behind a `Mutex`, so sharing it between threads is checked by the compiler, not promised.
public final class ReplanCache: Sendable {
  private struct State {
    var records: [Int64: SolveRecord] = [:]
    var solves = 0
    var repaired: RepairedPrevious??
  }
  private let state = Mutex(State())
  public init() {}

  /// The solves stored so far (each parametric solve that was not a cache hit).
  public var solves: Int { state.withLock { $0.solves } }

  func record(at lambda: Int64) -> SolveRecord? { state.withLock { $0.records[lambda] } }

  /// The repaired previous plan (see `Replanner.repairPrevious`), made by `make` on the first call.
  /// Callers solve one after another (a sweep), so `make` runs outside the lock without duplication.
  /// `fresh`: made by this call.
  func repaired(_ make: () -> RepairedPrevious?) -> (RepairedPrevious?, fresh: Bool) {
    if let known = state.withLock({ $0.repaired }) { return (known, false) }
    let made = make()
    state.withLock { $0.repaired = .some(made) }
    return (made, true)
  }

  /// The repaired previous plan, once made.
  public var repairedPrevious: RepairedPrevious? { state.withLock { $0.repaired ?? nil } }


  func store(_ record: SolveRecord, at lambda: Int64) {
    state.withLock { $0.records[lambda] = record; $0.solves += 1 }
  }
}

struct SlotKey: Hashable {
  var organization: OrganizationID
  var role: DispatchRole
}
