//===----------------------------------------------------------------------===//
// The warm path, step c: the descent from the Lagrangian bound — restricted MIPs by target.
//
// SOLVES. The full-coverage rules MIP (exclusive, mix, hard minimum loads, …) once the
// incumbent search left an incumbent of weighted value L and MixLagrangianBound gave per-arc
// bounds β(a) (every plan using arc a scores at most β(a)).
//
// PER-ARC BOUNDS. γ(a) = min(U − rc(a), B·n + β(a)) bounds W of every feasible plan that uses a
// (RelaxationCertificate: W ≤ U − Σ rc; MixLagrangianBound: score ≤ β(a)). So every plan with
// W ≥ T uses only arcs of A(T) = {a : γ(a) ≥ T}, and P(T), the problem restricted to A(T) (every
// rule kept; `keepingArcs`), holds all of them.
//
// PATTERNS (when the Lagrangian priced the problem itself and the MIP back end is a
// `PatternSolver`). Stronger than A(T): every plan has score·1000 = L(x) − Σ_c slack_c(S_c)
// (MixLagrangianBound.Certificate), so a plan scoring ≥ T takes at every column a subset of
// slack ≤ L(x) − T·1000, and leaves a column empty only if v_c fits that budget. P(T) is then
// the set-partitioning problem over exactly those subsets (ColumnPatterns.swift), whose LP is
// as strong as the Lagrangian bound: near the bound only a few hundred patterns survive.
//
// DESCENT. hi = the best bound (min(U, Lagrangian)), lo = L. While lo < hi, with a target
// T = max(lo + 1, hi − d) (d = 0, 1, 2, 4, … doubling each round; halved when T has more than
// `patternLimit` patterns), P(T) is solved exactly:
//   - (arcs) P(T)'s pure relaxation (native) is infeasible or below T: no plan reaches T,
//     hi = T − 1 (no MIP at all); (patterns) a row no pattern covers: the same;
//   - P(T)'s optimum v ≥ T: v is optimal for the whole problem (a better plan would lie in
//     P(T) and score ≤ v);
//   - v < T, or P(T) infeasible: hi = T − 1; v (a plan of the whole problem) raises lo.
// A round the MIP back end cannot finish in the time left ends the descent with
// hi = min(hi, max(its bound, T − 1)) and the best plan, `feasible`. Each round is a small MIP
// over the arcs that can still matter — a neighbourhood chosen by the bound, not by the incumbent.
//
// DETERMINISM. Given β (see MixLagrangianBound: its iteration count, not its deadline, ends it
// on huangshan) the rounds and their MIPs depend only on the problem: a proven optimum is the
// same plan on every run. The time limit only decides how many rounds run.
//
// COMPLEXITY. One pass over the arcs per round, one native solve of P(T) per round, and the
// MIP back end on P(T) (split into components, step e) when the relaxation does not decide.
//===----------------------------------------------------------------------===//
import AssignmentCore
import RuleHeuristics

extension WarmRun {
  /// What one round learned about P(T).
  enum DescentRound {
    /// No plan of P(T) (so none of the whole problem) reaches T.
    case infeasible(String)
    /// P(T)'s optimum (a plan of the whole problem).
    case optimum([Int32])
    /// Time or a stop request ended the round: the best plan found, if any, and P(T)'s bound (weighted), if any.
    case unfinished([Int32]?, boundW: Int64?)
  }

  /// Step c: the descent (header); nil when it does not apply (no Lagrangian per-arc bounds or no
  /// full-coverage incumbent), so reduced-cost fixing (step b) runs instead.
  func descendFromBound(_ relaxation: Relaxation) throws(SolverError) -> AssignmentOutcome? {
    let cert = relaxation.cert
    let n = problem.rowCount
    guard let arcBound = lagrangeArcBound, arcBound.count == problem.arcCount, cert.fixedCoverage == n,
          lower.map({ cert.lexicographic($0).covered == n }) ?? true
    else { return nil }
    // Without an incumbent, lo starts just below every full plan's lowest score: a round whose target
    // reaches it and finds no plan proves that none exists.
    let floorW = cert.weighted(ObjectiveValue(covered: n, score: lowestScore(of: problem))) - 1
    control?.enter(.branchAndBound)
    let gamma: [Int64] = (0..<problem.arcCount).map { a in
      let rc = cert.reducedCost[a]
      guard rc != Int64.max else { return Int64.min }  // unusable (a lock)
      return min(cert.upper - rc, cert.weighted(ObjectiveValue(covered: n, score: arcBound[a])))
    }
    let patternSolver = solver.mip as? any PatternSolver
    let usesPatterns = patternSolver != nil && lagrangeCertificate != nil
    var hi = min(cert.upper, lagrangeW ?? cert.upper)
    var step: Int64 = 0
    var rounds = 0, mipRounds = 0, lastSize = 0
    var unfinished = false
    while max(lower ?? floorW, floorW) < hi {
      let lo = max(lower ?? floorW, floorW)
      guard timeLeft, !limits.isCancelled else { unfinished = true; break }
      let target = max(lo + 1, hi - step)
      let stepTaken = hi - target
      step = step == 0 ? 1 : step * 2
      rounds += 1
      let targetScore = cert.lexicographic(target).score
      let round: DescentRound
      let what: String
      if usesPatterns, let patternSolver, let certificate = lagrangeCertificate, patternsFit(certificate, targetScore) {
        let budgetScaled = certificate.budget(target: targetScore)
        var patterns: [PatternProblem.Pattern] = []
        var tooMany = false
        for c in 0..<problem.columnCount {
          guard let more = certificate.patterns(column: c, budget: budgetScaled, limit: Self.patternLimit - patterns.count) else { tooMany = true; break }
          patterns += more
        }
        what = "descent round \(rounds): target \(targetScore), \(tooMany ? "over \(Self.patternLimit)" : "\(patterns.count)") column patterns"
        if tooMany {
          notes.append("\(what): too many to solve")
          // A target nearer the bound has fewer patterns; at the bound itself the descent ends here.
          if stepTaken > 0 { step = stepTaken / 2; continue }
          unfinished = true
          break
        }
        lastSize = patterns.count
        let setPartitioning = PatternProblem(rowCount: n, columnCount: problem.columnCount, patterns: patterns,
                                             mustUseColumn: (0..<problem.columnCount).map { !certificate.mayStayEmpty(column: $0, budget: budgetScaled) })
        mipRounds += 1
        var l = remainingLimits(incumbent: nil)
        l.control = control?.phasesOnly
        let o = try patternSolver.solve(patterns: setPartitioning, limits: l)
        switch o.status {
        case .infeasible: round = .infeasible("no set of patterns covers every row")
        case .optimal: round = .optimum(setPartitioning.plan(choosing: o.chosen))
        case .feasible: round = .unfinished(setPartitioning.plan(choosing: o.chosen), boundW: o.bound.map { cert.weighted(ObjectiveValue(covered: n, score: $0)) })
        case .stopped: round = .unfinished(nil, boundW: o.bound.map { cert.weighted(ObjectiveValue(covered: n, score: $0)) })
        }
      } else {
        let restricted = problem.keepingArcs { gamma[$0] >= target }
        lastSize = restricted.arcCount
        what = "descent round \(rounds): target \(targetScore), \(restricted.arcCount) of \(problem.arcCount) arcs"
        round = try arcRound(restricted, target: target, cert: cert, counting: &mipRounds)
      }
      switch round {
      case .infeasible(let why):
        hi = target - 1
        notes.append("\(what): \(why) at \(fmt(elapsed)) s")
        control?.record(bound: cert.lexicographic(hi))
      case .optimum(let plan):
        offer(cert, plan, "descent round \(rounds)")
        let objective = SolutionChecker.objective(of: plan, in: problem)
        guard SolutionChecker.violations(plan, in: problem).isEmpty else {
          throw .internalInconsistency(solver: solver.name, .planBreaksProblem(SolutionChecker.violations(plan, in: problem).prefix(3).map(\.description)))
        }
        let w = cert.weighted(objective)
        notes.append("\(what): optimum \(objective.score) at \(fmt(elapsed)) s")
        // v ≥ T: optimal for the whole problem; otherwise no plan reaches T.
        hi = w >= target ? w : target - 1
        control?.record(bound: cert.lexicographic(max(hi, lower ?? hi)))
      case .unfinished(let plan, let boundW):
        if let plan { offer(cert, plan, "descent round \(rounds), unfinished") }
        // P(T)'s bound covers the plans in P(T); those outside it score below T.
        if let boundW { hi = min(hi, max(boundW, target - 1)) }
        notes.append("\(what): unfinished, bound \(cert.lexicographic(hi).score)")
        unfinished = true
      }
      if unfinished { break }
    }
    statistics.descent = SolveStatistics.Descent(rounds: rounds, mipRounds: mipRounds, lastArcs: lastSize, finished: !unfinished)
    guard let plan = incumbent, let lo = lower else {
      // Time ran out before any plan: nothing else would find one in the time left.
      if unfinished { throw limits.isCancelled ? .stoppedWithoutSolution(solver: solver.name) : .timeLimitWithoutSolution(solver: solver.name, seconds: limits.timeLimit ?? 0) }
      guard hi <= floorW else { return nil }
      notes.append("no plan reaches the lowest possible score: no plan keeps the rules")
      statistics.infeasibilityProof = .descent
      return AssignmentOutcome(status: .infeasible(uncoverable: []), columnOfRow: [Int32](repeating: -1, count: n),
                               objective: ObjectiveValue(covered: 0, score: 0), bound: nil, solverName: solver.name)
    }
    if unfinished { notes.append("descent stopped with the bound \(cert.lexicographic(max(hi, lo)).score)") }
    return try finish(plan, status: lo >= hi ? .optimal : .feasible, boundW: max(hi, lo), cert: cert)
  }

  /// Patterns one round may hand to the MIP back end; beyond it the descent stops with its bound.
  static let patternLimit = 200_000
  /// Up to this many patterns a round solves the set-partitioning form; beyond, the arcs of A(T).
  /// (Measured on huangshan: 140,540 patterns at its bound, which GLPK did not solve in 50 s; its arcs, 3,948, in 2.5 s.)
  static let patternPreference = 30_000

  func patternsFit(_ certificate: MixLagrangianBound.Certificate, _ targetScore: Int64) -> Bool {
    let budget = certificate.budget(target: targetScore)
    var count = 0
    for c in 0..<problem.columnCount {
      guard let more = certificate.patterns(column: c, budget: budget, limit: Self.patternPreference - count) else { return false }
      count += more.count
    }
    return true
  }

  /// One round on the arcs of A(T): the native relaxation first, then the MIP back end (components).
  func arcRound(_ restricted: AssignmentProblem, target: Int64, cert: RelaxationCertificate, counting mipRounds: inout Int) throws(SolverError) -> DescentRound {
    let n = problem.rowCount
    let pure = try? solver.pure.solve(restricted.withoutSideRules(), limits: .none)
    if let pure, pure.status.isInfeasible { return .infeasible("relaxation infeasible") }
    if let pure, pure.status.isOptimal, cert.weighted(pure.objective) < target { return .infeasible("relaxation below the target") }
    let start = pure.flatMap { o in o.status.isOptimal ? o.duals.map { RelaxationOptimum(plan: o.columnOfRow, duals: $0) } : nil }
    let inside = incumbent.map { plan in (0..<n).allSatisfy { r in plan[r] >= 0 && restricted.arcIndex(row: r, column: Int(plan[r])) != nil } } ?? false
    mipRounds += 1
    let result: AssignmentOutcome
    do {
      result = try solveSplit(restricted, incumbent: inside ? incumbent : nil, relaxation: start, cert: cert, share: 1,
                              boundFloor: cert.lexicographic(target - 1), cuttingPlanes: true)
    } catch {
      if error.endedWithoutSolution { return .unfinished(nil, boundW: nil) }
      throw error
    }
    if result.status.isInfeasible { return .infeasible("infeasible (MIP)") }
    if result.status.isOptimal { return .optimum(result.columnOfRow) }
    return .unfinished(result.columnOfRow, boundW: result.bound.map { cert.weighted($0) })
  }
}
