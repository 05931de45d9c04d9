//===----------------------------------------------------------------------===//
// WarmStartedMIPSolver ("glpk-warm") — the MIP back end (GLPK) handed a small,
// warm model: pure relaxation solved natively, reduced-cost fixing, an incumbent,
// and independent components solved separately (issue 3 point 3, issue 4).
//
// COMPOSITION. `pure` is an exact solver of pure problems that returns duals (the
// native shortest-augmenting-path solver); `mip` is an exact solver of everything
// (GLPK). Both are injected; this type makes no GLPK call itself.
//
// WEIGHTED OBJECTIVE. The lexicographic objective (covered, score) is handled as
// W(A) = B·covered(A) + score(A) with the native solver's own penalty
// B = 2·S'·n' + 1 (S' = max(1, max |score| over the free rows' arcs), n' = free
// rows; arcs to columns that locks fill do not count), which exceeds any score difference, so W orders plans exactly like the
// lexicographic objective. All of it is Int64; nothing is floating point.
//
// BOUND U (step a). Let P be the problem without side rules (`withoutSideRules`);
// every plan of the full problem is a plan of P. The native optimum of P comes with
// duals x (rows), y (columns) in max form. For a free row r and an arc a = (r, c)
// let rc(a) = x_r + y_c − s(a). Checked here, in Int64, before anything is pruned:
//   y_c ≥ 0; rc(a) ≥ 0 on every free arc; x_r + B ≥ 0 on free rows (coverage
//   `.maximize` only); and U := Σ_locked s + Σ_free x_r + Σ_c cap'_c·y_c + B·rows
//   equals W(native plan) (cap'_c = capacity left after locks).
// Then for every plan A that respects the locks (writing s(a) = x_r + y_c − rc(a)
// on its free arcs, load'_A(c) ≤ cap'_c, and −B·(uncovered free rows)):
//   W(A) = U − Σ_{a ∈ A free} rc(a) − Σ_c (cap'_c − load'_A(c))·y_c
//            − Σ_{free r uncovered by A} (x_r + B)   ≤   U − Σ_{a ∈ A} rc(a).
// If the checks fail, nothing is pruned (the plain MIP runs, and the log says so).
//
// REDUCED-COST FIXING (step b). Given a feasible plan of the full problem with
// W = L, every arc with rc(a) > U − L is dropped: a plan using it has
// W ≤ U − rc(a) < L, so it is not better than the incumbent. The incumbent's own
// arcs all survive (W(inc) ≤ U − rc(a) for each of its arcs). Without an
// incumbent, a guessed threshold Δ is used instead: arcs with rc > Δ are dropped,
// the restricted problem (a subset of arcs: `keepingArcs`, its plans are plans of
// the full problem) is solved, and
//   bound(full) = max(bound(restricted), U − (Δ + 1)),
// since a plan using a dropped arc has W ≤ U − (Δ + 1). A plan whose W reaches
// that bound is optimal for the full problem; otherwise its W becomes L and the
// next round prunes with U − L (which proves it), and Δ grows (×4) when the
// restricted problem is infeasible, until nothing is dropped (the plain problem).
//
// INCUMBENT. The native plan itself if it satisfies every side rule (then it is
// optimal: W = U). With only exclusive and mix rules, `RuleKeepingImprover`'s
// local search from the native plan (optimal when it reaches U); then, with full
// coverage, no locks and one mix rule, `MixLagrangianBound` (dualised "each row
// once", the columns' subsets under exclusive + mix): its bound caps every bound
// reported (optimal when the incumbent reaches it), the columns' choices at its
// best multipliers start a second local search, and its per-arc bounds prune every
// arc whose plans all score below the incumbent (alongside the U − L pruning).
// With exclusive, mix and hard minimum-load rules: the local search without the minimum
// loads, then `MinimumLoadRepair` moves the rows of under-loaded instructors.
// Otherwise a repair for `exclusive` rules: each exclusive row
// that shares its column is locked there and the other rows' arcs to that column
// are removed; the pure problem is re-solved natively; repeated up to 8 times.
// The result is used only if SolutionChecker finds it feasible for the full problem.
//
// COMPONENTS (step e). After pruning, rows and columns are joined by the kept arcs,
// by `usedColumns` (its columns) and `distinctColumns` (its rows); `exclusive`,
// `mix` and `minimumLoad` act column by column and so stay inside a component
// (mix is given to every component, restricted to its rows). Components share no
// variable and no constraint, so the optimum is the sum of the components' optima
// and a bound is the sum of their (weighted) bounds; a component that is
// infeasible makes the whole restricted problem infeasible. With `workers` > 1 the
// components are solved concurrently (GLPK's environment is per thread) and combined
// in the same order as one worker would (largest first; the first infeasible or failed
// component decides), so every component solved to optimality gives the same plan
// for any worker count; only time shares differ (each component gets
// workers × its share of the arcs of the remaining time, at most all of it).
//
// SOFT RULES. A soft rule's penalty lowers a plan's score, so W(A) ≤ U − Σ rc(a) still
// holds and the pruning is unchanged. But penalties can exceed B, so W orders plans like
// the lexicographic objective only among plans of equal coverage: with coverage
// `.maximize` the warm path runs only when the relaxation's own plan is feasible (every
// hard rule kept) and covers every row — then the optimum covers every row, and the
// problem is solved as its `.requireAll` version (same optima); otherwise plain MIP.
// Incumbents: the relaxation's plan (it pays every penalty) and, with exclusive and mix
// rules only, the local search's plan of the hardened problem (it pays none).
//
// LOADS ≠ 1. Not warm-started: the pure relaxation would need a relaxation of the
// knapsack capacities whose duals the native solver does not provide; such
// problems go to `mip` unchanged (the log says so).
//
// PURE PROBLEMS. With no side rules the native plan is the incumbent (L = U), so
// only arcs with rc = 0 are kept; the MIP back end's LP on them must reach U,
// and the native duals certify its plan for the full problem (returned with it).
//===----------------------------------------------------------------------===//
import AssignmentCore
import Foundation
import RuleHeuristics
import Synchronization

public struct WarmStartedMIPSolver: AssignmentSolver {
  public let pure: any AssignmentSolver
  public let mip: any AssignmentSolver
  /// Split into independent components (off only to test that splitting changes nothing).
  public var splitComponents = true
  /// Threads that solve independent components concurrently (the outcome is combined in component
  /// order, so a proven optimum is the same plan for any count; see `solveSplit`).
  public var workers = OrderedParallel.defaultWorkers
  /// First pruning threshold without an incumbent, as a fraction of U's score part (at least `minimumDelta`).
  public var initialDeltaFraction = 0.00005
  public var minimumDelta: Int64 = 4

  public init(pure: any AssignmentSolver, mip: any AssignmentSolver) {
    self.pure = pure
    self.mip = mip
  }

  public var name: String { "glpk-warm" }
  public var capabilities: SolverCapabilities { SolverCapabilities(generalLoads: true, sideRules: true) }

  public func solve(_ problem: AssignmentProblem, limits: SolveLimits) throws(SolverError) -> AssignmentOutcome {
    let run = WarmRun(solver: self, problem: problem, limits: limits)
    var outcome = try run.run()
    outcome.log = run.notes + outcome.log
    outcome.statistics.overlay(run.statistics)
    return outcome
  }
}

/// The dual certificate of the pure relaxation: U and every arc's reduced cost.
struct RelaxationCertificate {
  let big: Int64
  let upper: Int64
  /// Reduced cost per arc; Int64.max for arcs a lock makes unusable.
  let reducedCost: [Int64]

  init?(problem: AssignmentProblem, plan: [Int32], duals: AssignmentDuals) {
    let n = problem.rowCount, m = problem.columnCount
    guard duals.rowDual.count == n, duals.columnDual.count == m else { return nil }
    var freeRows = 0
    var maxScore: Int64 = 1
    var residual = problem.columnCapacities
    for c in problem.lockedColumn where c >= 0 { residual[Int(c)] -= 1 }
    // The native solver's B: S' over the free rows' arcs to columns with capacity left after locks.
    for row in 0..<n where problem.lockedColumn[row] < 0 {
      freeRows += 1
      for arc in problem.arcs(ofRow: row) where residual[Int(problem.arcColumns[arc])] > 0 {
        maxScore = max(maxScore, abs(problem.arcScores[arc]))
      }
    }
    let (twice, o1) = (2 * maxScore).multipliedReportingOverflow(by: Int64(max(1, freeRows)))
    guard !o1 else { return nil }
    let big = twice + 1
    // Everything below stays far from overflow when big·(rows + 2) fits comfortably.
    guard Double(big) * Double(n + 2) < 4e18 / 4 else { return nil }
    var capLeft = problem.columnCapacities
    var upper: Int64 = 0
    var reduced = [Int64](repeating: Int64.max, count: problem.arcCount)
    for row in 0..<n {
      let locked = problem.lockedColumn[row]
      if locked >= 0 {
        guard let arc = problem.arcIndex(row: row, column: Int(locked)) else { return nil }
        capLeft[Int(locked)] -= 1
        upper += problem.arcScores[arc]
        reduced[arc] = 0
        continue
      }
      let x = duals.rowDual[row]
      if problem.coverage == .maximize { guard x >= -big else { return nil } }
      upper += x
      for arc in problem.arcs(ofRow: row) {
        let rc = x + duals.columnDual[Int(problem.arcColumns[arc])] - problem.arcScores[arc]
        guard rc >= 0 else { return nil }
        reduced[arc] = rc
      }
    }
    for column in 0..<m {
      let y = duals.columnDual[column]
      guard y >= 0 else { return nil }
      upper += Int64(max(0, capLeft[column])) * y
    }
    upper += big * Int64(n)
    self.big = big
    self.upper = upper
    self.reducedCost = reduced
    fixedCoverage = problem.coverage == .requireAll ? n : nil
    // U is the native plan's value without soft-rule penalties (the relaxation's objective).
    let gross = SolutionChecker.objective(of: plan, in: problem).score + SolutionChecker.penalty(of: plan, in: problem)
    guard big * Int64(plan.filter { $0 >= 0 }.count) + gross == upper else { return nil }
  }

  /// Every feasible plan's coverage, when the problem fixes it (`.requireAll`).
  let fixedCoverage: Int?

  func weighted(_ value: ObjectiveValue) -> Int64 { big * Int64(value.covered) + value.score }

  /// The lexicographic value that bounds every plan whose weighted value is at most `w`.
  func lexicographic(_ w: Int64) -> ObjectiveValue {
    // With coverage fixed, W − B·n is the score itself (soft penalties may exceed B/2).
    if let n = fixedCoverage { return ObjectiveValue(covered: n, score: w - big * Int64(n)) }
    let half = big / 2
    let q = (w + half) >= 0 ? (w + half) / big : -((-(w + half) + big - 1) / big)
    return ObjectiveValue(covered: Int(q), score: w - q * big)
  }
}

private final class WarmRun {
  let solver: WarmStartedMIPSolver
  /// The problem solved: the given one, or its `.requireAll` version (SOFT RULES in the header).
  var problem: AssignmentProblem
  let limits: SolveLimits
  let budget: TimeBudget
  /// The Lagrangian bound (weighted), when it is below U.
  var lagrangeW: Int64?
  /// Per arc, a bound on the score of every full-coverage plan using it (Lagrangian reduced costs).
  var lagrangeArcBound: [Int64]?
  /// The warm path's typed facts (skips, components), laid over the MIP back end's.
  var statistics = SolveStatistics()
  var notes: [String] = [] {
    didSet { if limits.verbose, let last = notes.last { FileHandle.standardError.write(Data("warm: \(last)\n".utf8)) } }
  }

  init(solver: WarmStartedMIPSolver, problem: AssignmentProblem, limits: SolveLimits) {
    self.solver = solver
    self.problem = problem
    self.limits = limits
    self.budget = TimeBudget(limits: limits)
  }

  var elapsed: Double { budget.clock.seconds }

  func remainingLimits(incumbent: [Int32]?, relaxation: RelaxationOptimum? = nil, share: Double = 1) -> SolveLimits {
    budget.remainingLimits(incumbent: incumbent, relaxation: relaxation, share: share)
  }

  var timeLeft: Bool { limits.timeLimit.map { elapsed < $0 - 0.5 } ?? true }

  func plain(_ skip: SolveStatistics.WarmStartSkip, _ why: String) throws(SolverError) -> AssignmentOutcome {
    statistics.warmStartSkipped = skip
    notes.append("warm start skipped: \(why); plain \(solver.mip.name)")
    return try solver.mip.solve(problem, limits: remainingLimits(incumbent: limits.incumbent))
  }

  func named(_ outcome: AssignmentOutcome) -> AssignmentOutcome {
    var o = outcome
    o.solverName = solver.name
    return o
  }

  var control: SolveControl? { limits.control }

  /// After a stop request: the incumbent as `feasible` with the best bound known, or no plan.
  func stopped(_ incumbent: [Int32]?, cert: RelaxationCertificate) throws(SolverError) -> AssignmentOutcome {
    guard let incumbent else { throw .stoppedWithoutSolution(solver: solver.name) }
    notes.append("stopped on request at \(fmt(elapsed)) s: the best plan so far")
    return try finish(incumbent, status: .feasible, boundW: min(cert.upper, lagrangeW ?? cert.upper), cert: cert)
  }

  func run() throws(SolverError) -> AssignmentOutcome {
    guard problem.arcLoads.isEmpty else { return try plain(.arcLoads, "arc loads ≠ 1 (no native relaxation with duals)") }
    control?.enter(.relaxation)
    let relaxed = problem.withoutSideRules()
    let native: AssignmentOutcome
    do { native = try solver.pure.solve(relaxed, limits: .none) } catch { return try plain(.pureSolverFailed, "\(solver.pure.name) failed on the pure relaxation: \(error)") }
    let nativeSeconds = elapsed
    if native.status.isInfeasible {
      notes.append("pure relaxation infeasible (\(solver.pure.name), \(fmt(nativeSeconds)) s): side rules only restrict, so the problem is infeasible")
      var o = named(native)
      o.columnOfRow = [Int32](repeating: -1, count: problem.rowCount)
      o.objective = ObjectiveValue(covered: 0, score: 0)
      o.bound = nil
      o.duals = nil
      return o
    }
    if problem.hasSoftRules && problem.coverage == .maximize {
      // See SOFT RULES above: the relaxation's plan must keep the hard rules and cover every row.
      guard !native.columnOfRow.contains(-1), SolutionChecker.violations(native.columnOfRow, in: problem).isEmpty else {
        return try plain(.softRulesWithoutFullCoverage, "soft rules, and the relaxation's plan does not cover every row within the hard rules")
      }
      problem = problem.requiringFullCoverage()
    }
    guard native.status.isOptimal, let duals = native.duals,
          let cert = RelaxationCertificate(problem: problem, plan: native.columnOfRow, duals: duals)
    else { return try plain(.relaxationNotCertified, "the pure relaxation's duals did not certify its optimum") }
    notes.append("pure relaxation by \(solver.pure.name) in \(fmt(nativeSeconds)) s: \(native.objective) (upper bound U = \(cert.upper), weight B = \(cert.big))")
    control?.record(bound: cert.lexicographic(cert.upper))

    // Incumbent.
    var incumbent: [Int32]? = nil
    var lower: Int64? = nil
    func offer(_ plan: [Int32], _ what: String) {
      guard SolutionChecker.violations(plan, in: problem).isEmpty else { return }
      let w = cert.weighted(SolutionChecker.objective(of: plan, in: problem))
      if lower.map({ w > $0 }) ?? true {
        incumbent = plan
        lower = w
        control?.record(best: cert.lexicographic(w))
        notes.append("incumbent (\(what)): \(SolutionChecker.objective(of: plan, in: problem)), U − L = \(cert.upper - w)")
      }
    }
    offer(native.columnOfRow, "native plan of the relaxation")
    // With side rules that the native plan happens to satisfy, it is optimal (W = U). A pure problem
    // still goes to the MIP back end (`--solver glpk` asks for GLPK), on the arcs with rc = 0 only.
    if lower == cert.upper && !problem.sideRules.isEmpty {
      notes.append("the native plan satisfies every side rule: optimal, nothing for the MIP to do")
      var o = named(native)
      o.bound = o.objective
      o.prunedArcs = 0
      return o
    }
    if let given = limits.incumbent { offer(given, "given") }
    if limits.isCancelled { return try stopped(incumbent, cert: cert) }
    control?.enter(.incumbentSearch)
    // The local search keeps exclusive and mix rules. It searches the problem with its soft rules
    // made hard (a plan that pays no penalty) and without its hard minimum loads, which
    // `MinimumLoadRepair` then restores; the Lagrangian bound below uses the same relaxation.
    let isMinimumLoad = { (rule: SideRule) -> Bool in rule.softWeight == nil && rule.descriptor.repair == .minimumLoadRepair }
    let hasMinimumLoad = problem.sideRules.contains(where: isMinimumLoad)
    let withoutMinimumLoads = hasMinimumLoad ? problem.keeping(problem.sideRules.filter { !isMinimumLoad($0) }) : problem
    let searched = withoutMinimumLoads.hardened()
    let searchBudget = limits.localSearchSeconds
    let searchNote = (problem.hasSoftRules ? ", soft rules kept" : "") + (hasMinimumLoad ? ", minimum load repaired" : "")
    func keptPlan(from start: [Int32]) -> [Int32]? {
      var improver = RuleKeepingImprover(problem: searched, timeBudget: searchBudget)
      improver.shouldStop = { [control] in control?.isCancelled ?? false }
      guard let plan = improver.improve(from: start) else { return nil }
      return hasMinimumLoad ? MinimumLoadRepair.repair(plan, in: problem) : plan
    }
    if RuleKeepingImprover.supports(searched) {
      let searchClock = Stopwatch()
      if let kept = keptPlan(from: native.columnOfRow) {
        offer(kept, "rule-keeping local search\(searchNote), \(fmt(searchClock.seconds)) s")
      }
    } else if let repaired = repairExclusive(native.columnOfRow) {
      offer(repaired, "exclusive rows repaired natively")
    }
    if lower == cert.upper && !problem.sideRules.isEmpty {
      notes.append("the incumbent meets the relaxation bound: optimal")
      return try finish(incumbent!, status: .optimal, boundW: cert.upper, cert: cert)
    }
    // The Lagrangian bound of the problem without its hard minimum loads (a relaxation, so its
    // bound and per-arc bounds hold for the problem itself); its proposal is searched and repaired.
    if limits.isCancelled { return try stopped(incumbent, cert: cert) }
    if let first = lower, MixLagrangianBound.supports(withoutMinimumLoads) {
      control?.enter(.bounding)
      let boundClock = Stopwatch()
      let target = cert.lexicographic(first)
      if target.covered == problem.rowCount,
         let (score, proposal, arcBound) = MixLagrangianBound.boundAndProposal(withoutMinimumLoads, plan: native.columnOfRow, duals: duals, target: target.score,
                                                                    deadline: Deadline(secondsFromNow: limits.lagrangianSeconds),
                                                                    shouldStop: { [control] in control?.isCancelled ?? false }) {
        let w = cert.weighted(ObjectiveValue(covered: problem.rowCount, score: score))
        notes.append("Lagrangian bound (mix by column\(hasMinimumLoad ? ", minimum loads dropped" : "")) \(score) in \(fmt(boundClock.seconds)) s; U − bound = \(cert.upper - w)")
        if w < cert.upper { lagrangeW = w }
        control?.record(bound: cert.lexicographic(w))
        control?.enter(.incumbentSearch)
        lagrangeArcBound = arcBound
        if let kept = keptPlan(from: proposal) { offer(kept, "rule-keeping local search from the Lagrangian choices\(searchNote)") }
        if w <= lower! {
          notes.append("the incumbent meets the Lagrangian bound: optimal")
          return try finish(incumbent!, status: .optimal, boundW: lower!, cert: cert)
        }
      }
    }

    if limits.isCancelled { return try stopped(incumbent, cert: cert) }
    control?.enter(.branchAndBound)
    // Rounds of pruning.
    let scorePart = abs(cert.upper - cert.big * Int64(problem.rowCount))
    var delta = max(solver.minimumDelta, Int64(Double(scorePart) * solver.initialDeltaFraction))
    let histogram = [0, 2, 5, 10, 20, 50, 100].map { t in "≤\(t): \(cert.reducedCost.lazy.filter { $0 <= Int64(t) }.count)" }
    notes.append("reduced costs: " + histogram.joined(separator: ", "))
    while true {
      let threshold = lower.map { cert.upper - $0 } ?? delta
      // With a full-coverage incumbent of score L, an arc whose Lagrangian bound is below L goes too:
      // every plan using it scores less than the incumbent.
      let lagrangian: (bound: [Int64], score: Int64)? = lower.flatMap { l in
        let v = cert.lexicographic(l)
        return v.covered == problem.rowCount ? lagrangeArcBound.map { ($0, v.score) } : nil
      }
      let keep = { (arc: Int) -> Bool in
        cert.reducedCost[arc] <= threshold && (lagrangian.map { $0.bound[arc] >= $0.score } ?? true)
      }
      let restricted = problem.keepingArcs(keep)
      let pruned = problem.arcCount - restricted.arcCount
      // Arcs a lock makes unusable (rc = Int64.max) always go; the plain problem is reached when nothing else does.
      let prunable = (0..<problem.arcCount).lazy.filter { cert.reducedCost[$0] != Int64.max && !keep($0) }.count
      notes.append("round: threshold \(threshold) (\(lower == nil ? "guessed" : "U − L")), pruned \(pruned) of \(problem.arcCount) arcs at \(fmt(elapsed)) s")
      // The native optimum of the relaxation and its duals: the MIP back end may start its LP there
      // (GLPK's starting basis). The restricted problem keeps the plan's arcs (rc = 0) unless the
      // Lagrangian test drops one; then the restricted relaxation is solved natively for its own.
      let keepsRelaxationPlan = (0..<problem.rowCount).allSatisfy { row in
        native.columnOfRow[row] < 0 || problem.arcIndex(row: row, column: Int(native.columnOfRow[row])).map(keep) ?? false
      }
      var relaxation: RelaxationOptimum? = nil
      if keepsRelaxationPlan || prunable == 0 {
        relaxation = RelaxationOptimum(plan: native.columnOfRow, duals: duals)
      } else if let o = try? solver.pure.solve(restricted.withoutSideRules(), limits: .none), o.status.isOptimal, let d = o.duals {
        relaxation = RelaxationOptimum(plan: o.columnOfRow, duals: d)
        notes.append("relaxation of the restricted problem re-solved by \(solver.pure.name) for the starting basis: \(o.objective)")
      }
      if prunable == 0 {
        var o = try solver.mip.solve(problem, limits: remainingLimits(incumbent: incumbent, relaxation: relaxation))
        o = named(o)
        o.prunedArcs = 0
        if let incumbent, !o.status.isInfeasible, cert.weighted(o.objective) < lower! { o = keepIncumbent(incumbent, over: o, cert: cert) }
        // U bounds every plan: GLPK's own bound may be weaker when it stops on the time limit.
        let capW = min(cert.upper, lagrangeW ?? cert.upper)
        if !o.status.isInfeasible, let b = o.bound, cert.weighted(b) > capW {
          o.bound = max(o.objective, cert.lexicographic(capW))
          if o.bound == o.objective { o.status = .optimal }
        }
        return o
      }
      let result: AssignmentOutcome
      do {
        // A guessed round gets half of the time left, so that the proving round can still run.
        result = try solveSplit(restricted, incumbent: incumbent, relaxation: relaxation, cert: cert, share: lower == nil ? 0.5 : 1,
                                boundFloor: cert.lexicographic(cert.upper - (threshold + 1)))
      } catch {
        if error.endedWithoutSolution, let incumbent {
          notes.append(limits.isCancelled ? "stopped on request; returning the incumbent" : "no better plan in time; returning the incumbent")
          var o = try finish(incumbent, status: .feasible, boundW: cert.upper, cert: cert)
          o.prunedArcs = pruned
          return o
        }
        throw error
      }
      if result.status.isInfeasible {
        guard lower == nil else {
          throw .internalInconsistency(solver: solver.name, .restrictedProblemInfeasibleWithIncumbent)
        }
        delta = delta > Int64.max / 16 ? Int64.max / 2 : delta * 4
        notes.append("restricted problem infeasible; threshold raised to \(delta)")
        continue
      }
      var plan = result.columnOfRow
      var w = cert.weighted(result.objective)
      if let incumbent, let l = lower, w < l { plan = incumbent; w = l }
      let restrictedBound = result.status.isOptimal ? w : (result.bound.map { cert.weighted($0) } ?? cert.upper)
      let fullBound = min(cert.upper, max(restrictedBound, w, cert.upper - (threshold + 1)))
      if w >= fullBound {
        var o = try finish(plan, status: .optimal, boundW: w, cert: cert)
        o.prunedArcs = pruned
        o.log = result.log
        o.statistics = result.statistics
        if problem.sideRules.isEmpty && w == cert.upper { o.duals = duals }
        return o
      }
      if lower == nil && result.status.isOptimal && timeLeft && !limits.isCancelled {
        offer(plan, "optimum of the restricted problem")
        continue
      }
      var o = try finish(plan, status: .feasible, boundW: fullBound, cert: cert)
      o.prunedArcs = pruned
      o.log = result.log
      o.statistics = result.statistics
      return o
    }
  }

  func keepIncumbent(_ incumbent: [Int32], over o: AssignmentOutcome, cert: RelaxationCertificate) -> AssignmentOutcome {
    var r = o
    r.columnOfRow = incumbent
    r.objective = SolutionChecker.objective(of: incumbent, in: problem)
    r.status = r.bound == r.objective ? .optimal : .feasible
    return r
  }

  func finish(_ plan: [Int32], status: SolveStatus, boundW: Int64, cert: RelaxationCertificate) throws(SolverError) -> AssignmentOutcome {
    let objective = SolutionChecker.objective(of: plan, in: problem)
    let broken = SolutionChecker.violations(plan, in: problem, claimed: objective)
    guard broken.isEmpty else {
      throw .internalInconsistency(solver: solver.name, .planBreaksProblem(broken.prefix(3).map(\.description)))
    }
    var bound = status.isOptimal ? objective : cert.lexicographic(min(boundW, lagrangeW ?? boundW))
    if bound < objective { bound = objective }
    return AssignmentOutcome(status: status.isOptimal || bound == objective ? .optimal : .feasible, columnOfRow: plan,
                             objective: objective, bound: bound, solverName: solver.name)
  }

  /// Locks each exclusive row that shares its column there, removes the other rows' arcs to
  /// that column, and re-solves the pure problem natively; nil when it does not converge.
  func repairExclusive(_ start: [Int32]) -> [Int32]? {
    let exclusiveRows = Set(problem.sideRules.compactMap { if case .exclusive(let r) = $0 { r } else { nil } })
    guard !exclusiveRows.isEmpty else { return nil }
    var plan = start
    var locks = Dictionary(uniqueKeysWithValues: problem.locks.map { ($0.row, $0.column) })
    var reserved: [Int: Int] = [:] // column → its exclusive row
    for _ in 0..<8 {
      var load = [Int](repeating: 0, count: problem.columnCount)
      for c in plan where c >= 0 { load[Int(c)] += 1 }
      var changed = false
      for row in exclusiveRows.sorted() where plan[row] >= 0 && load[Int(plan[row])] > 1 {
        let column = Int(plan[row])
        if let other = reserved[column], other != row { continue }
        if let l = locks[row], l != column { continue }
        if locks.contains(where: { $0.key != row && $0.value == column }) { continue }
        locks[row] = column
        reserved[column] = row
        changed = true
      }
      guard changed else { break }
      let arcs = problem.allArcs.filter { arc in reserved[arc.column].map { $0 == arc.row } ?? true }
      guard let p = try? AssignmentProblem(rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: arcs,
                                           locks: locks.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, coverage: problem.coverage),
            let o = try? solver.pure.solve(p, limits: .none), o.status.isOptimal
      else { return nil }
      plan = o.columnOfRow
    }
    return plan
  }

  // MARK: - Components

  /// `boundFloor`: what bounds the plans using a pruned arc (U − threshold − 1); the restricted
  /// problem's bound, raised to it, bounds the whole problem (for progress reports).
  func solveSplit(_ restricted: AssignmentProblem, incumbent: [Int32]?, relaxation: RelaxationOptimum?, cert: RelaxationCertificate,
                  share: Double, boundFloor: ObjectiveValue) throws(SolverError) -> AssignmentOutcome {
    let parts = solver.splitComponents ? ComponentSplit(restricted) : nil
    guard let parts, parts.components.count > 1 else {
      notes.append("one component")
      statistics.components = 1
      var l = remainingLimits(incumbent: incumbent, relaxation: relaxation, share: share)
      l.control = control?.scoped(best: { $0 }, bound: { max($0, boundFloor) })
      return try solver.mip.solve(restricted, limits: l)
    }
    statistics.components = parts.components.count
    notes.append("\(parts.components.count) independent components (largest \(parts.components.map(\.rows.count).max() ?? 0) rows)")
    var plan = [Int32](repeating: -1, count: problem.rowCount)
    var boundW: Int64 = 0
    var allOptimal = true
    var log: [String] = []
    // Largest first. One worker: each gets a share of the remaining time proportional to its arcs
    // among those left. Several workers (`solver.workers`): the components run concurrently, each
    // with share × workers × (its arcs / all arcs) of the remaining time, at most share.
    let ordered = parts.components.sorted(by: { $0.problem.arcCount > $1.problem.arcCount })
    let totalArcs = max(1, ordered.reduce(0) { $0 + $1.problem.arcCount })
    var suffix = [Int](repeating: 0, count: ordered.count + 1)
    for k in stride(from: ordered.count - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] + ordered[k].problem.arcCount }
    let arcsFrom = suffix  // arcs of ordered[k...]
    let workers = min(max(1, solver.workers), ordered.count)
    let firstStop = FirstStop()
    // The workers capture only Sendable values (the MIP solver, the components, the time budget).
    let (mip, budget) = (solver.mip, budget)
    let componentControl = control?.phasesOnly  // a component's values are not the whole plan's
    let results = OrderedParallel.map(count: ordered.count, workers: workers) { k -> Result<AssignmentOutcome, SolverError>? in
      // After an infeasible or failed component k' < k the result is decided: k is not needed.
      guard !firstStop.before(k) else { return nil }
      let component = ordered[k]
      let arcs = Double(component.problem.arcCount)
      let part = workers > 1 ? min(share, share * Double(workers) * arcs / Double(totalArcs)) : share * arcs / Double(max(1, arcsFrom[k]))
      let sub = incumbent.map { inc in component.rows.map { inc[$0] < 0 ? -1 : Int32(component.columnIndex[Int(inc[$0])]!) } }
      let subRelaxation = relaxation.map { r in
        RelaxationOptimum(plan: component.rows.map { r.plan[$0] < 0 ? -1 : Int32(component.columnIndex[Int(r.plan[$0])]!) },
                          duals: AssignmentDuals(rowDual: component.rows.map { r.duals.rowDual[$0] },
                                                 columnDual: component.columns.map { r.duals.columnDual[$0] }))
      }
      let result = Result { () throws(SolverError) in
        var l = budget.remainingLimits(incumbent: sub, relaxation: subRelaxation, share: part)
        l.control = componentControl
        return try mip.solve(component.problem, limits: l)
      }
      if case .failure = result { firstStop.record(k) } else if case .success(let o) = result, o.status.isInfeasible { firstStop.record(k) }
      return result
    }
    statistics.componentWorkers = workers
    if workers > 1 { notes.append("components solved by \(workers) workers, combined in order") }
    // Combined in order, exactly as one worker would: the first infeasible or failed component decides.
    for (k, result) in results.enumerated() {
      let component = ordered[k]
      guard let result else { preconditionFailure("component \(k) skipped without an earlier stop") }
      let o: AssignmentOutcome
      switch result {
      case .success(let solved): o = solved
      case .failure(let error): throw error
      }
      if case .infeasible(let rows) = o.status {
        return AssignmentOutcome(status: .infeasible(uncoverable: rows.map { component.rows[$0] }), columnOfRow: plan,
                                 objective: ObjectiveValue(covered: 0, score: 0), bound: nil, solverName: o.solverName, log: o.log)
      }
      for (i, c) in o.columnOfRow.enumerated() where c >= 0 { plan[component.rows[i]] = Int32(component.columns[Int(c)]) }
      if !o.status.isOptimal { allOptimal = false; log += o.log }
      boundW += cert.weighted(o.bound ?? ObjectiveValue(covered: component.problem.rowCount, score: Int64(component.problem.rowCount) * maximumScoreMagnitude))
    }
    let objective = SolutionChecker.objective(of: plan, in: restricted)
    return AssignmentOutcome(status: allOptimal ? .optimal : .feasible, columnOfRow: plan, objective: objective,
                             bound: allOptimal ? objective : cert.lexicographic(boundW), solverName: solver.mip.name, log: log)
  }
}

/// Connected components of rows and columns joined by arcs and by linking side rules.
struct ComponentSplit {
  struct Component: Sendable {
    var rows: [Int]
    var columns: [Int]
    var columnIndex: [Int: Int]
    var problem: AssignmentProblem
  }
  var components: [Component] = []

  init?(_ problem: AssignmentProblem) {
    let n = problem.rowCount, m = problem.columnCount
    var parent = Array(0..<(n + m))
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
      return x
    }
    func union(_ a: Int, _ b: Int) { let ra = find(a), rb = find(b); if ra != rb { parent[max(ra, rb)] = min(ra, rb) } }
    for row in 0..<n { for arc in problem.arcs(ofRow: row) { union(row, n + Int(problem.arcColumns[arc])) } }
    // Each rule's scope (its descriptor): the rows and columns it ties together share a component,
    // which the rule then belongs to (in the problem's rule order); a column-by-column rule (mix)
    // goes to every component.
    var anchor: [Int?] = []  // per rule: a node of its component, nil for every component
    for rule in problem.sideRules {
      switch rule.descriptor.scope {
      case .everyComponent: anchor.append(nil)
      case .joins(let rows, let columns):
        let nodes = rows + columns.map { n + $0 }
        guard let first = nodes.first else { return nil }  // a rule over nothing: no split
        for node in nodes { union(first, node) }
        anchor.append(first)
      }
    }
    var rowsOf: [Int: [Int]] = [:], columnsOf: [Int: [Int]] = [:]
    for r in 0..<n { rowsOf[find(r), default: []].append(r) }
    for c in 0..<m { columnsOf[find(n + c), default: []].append(c) }
    var ruleOf: [Int: [SideRule]] = [:]
    var everyComponent: [SideRule] = []  // given to every component, restricted to its rows
    for (rule, node) in zip(problem.sideRules, anchor) {
      if let node { ruleOf[find(node), default: []].append(rule) } else { everyComponent.append(rule) }
    }
    let roots = Set(rowsOf.keys).union(ruleOf.keys).sorted()
    for root in roots {
      let rows = rowsOf[root] ?? [], columns = columnsOf[root] ?? []
      var rowIndex: [Int: Int] = [:], columnIndex: [Int: Int] = [:]
      for (i, r) in rows.enumerated() { rowIndex[r] = i }
      for (i, c) in columns.enumerated() { columnIndex[c] = i }
      var arcs: [Arc] = []
      var locks: [(row: Int, column: Int)] = []
      for r in rows {
        for arc in problem.arcs(ofRow: r) {
          arcs.append(Arc(row: rowIndex[r]!, column: columnIndex[Int(problem.arcColumns[arc])]!, score: problem.arcScores[arc], load: problem.load(ofArc: arc)))
        }
        if problem.lockedColumn[r] >= 0 { locks.append((rowIndex[r]!, columnIndex[Int(problem.lockedColumn[r])]!)) }
      }
      // Every index a rule names lies in its component (the union above), so renaming keeps it whole.
      var rules: [SideRule] = []
      for rule in ruleOf[root] ?? [] {
        guard let renamed = rule.renamed(row: { rowIndex[$0] }, column: { columnIndex[$0] }) else { return nil }
        rules.append(renamed)
      }
      if !columns.isEmpty {
        for rule in everyComponent { rules.append(rule.renamed(row: { rowIndex[$0] }, column: { columnIndex[$0] })!) }
      }
      guard let sub = try? AssignmentProblem(rowCount: rows.count, columnCapacities: columns.map { problem.columnCapacities[$0] },
                                             arcs: arcs, locks: locks, coverage: problem.coverage, sideRules: rules)
      else { return nil }
      components.append(Component(rows: rows, columns: columns, columnIndex: columnIndex, problem: sub))
    }
  }
}

func fmt(_ x: Double) -> String {
  let v = (x * 1000).rounded() / 1000
  return "\(v)"
}

/// The time limit of one warm solve, on the monotonic clock, and the limits each MIP call gets.
/// Sendable: the component workers share it.
struct TimeBudget: Sendable {
  let limits: SolveLimits
  let clock = Stopwatch()

  /// `limits` with `incumbent` and `relaxation`, and `share` of the time left.
  func remainingLimits(incumbent: [Int32]?, relaxation: RelaxationOptimum? = nil, share: Double = 1) -> SolveLimits {
    var l = limits
    l.incumbent = incumbent
    l.relaxationOptimum = relaxation
    // A margin for GLPK's model build and wind-down, so the whole solve keeps to the limit.
    if let t = limits.timeLimit { l.timeLimit = max(0.5, (t - clock.seconds) * share - min(3, 0.05 * t)) }
    return l
  }
}

/// The lowest component index whose result ended the combination (infeasible or failed), shared by
/// the workers of `solveSplit`: a component after it need not be solved. Whatever the interleaving,
/// every component before the lowest such index is solved, which is all the combination reads.
final class FirstStop: Sendable {
  private let index = Mutex(Int.max)
  func record(_ k: Int) { index.withLock { $0 = min($0, k) } }
  func before(_ k: Int) -> Bool { index.withLock { $0 < k } }
}
