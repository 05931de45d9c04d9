//===----------------------------------------------------------------------===//
// The warm path, step a: the pure relaxation and its dual certificate (bound U).
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
//===----------------------------------------------------------------------===//
import AssignmentCore

extension WarmRun {
  /// Step a: the pure relaxation solved by `pure`, and the certificate of its optimum; or the
  /// outcome, when there is nothing more to do (infeasible) or the warm path does not apply.
  func solveRelaxation() throws(SolverError) -> WarmStep<Relaxation> {
    let relaxed = problem.withoutSideRules()
    let native: AssignmentOutcome
    do { native = try solver.pure.solve(relaxed, limits: .none) } catch { return .finished(try plain(.pureSolverFailed, "\(solver.pure.name) failed on the pure relaxation: \(error)")) }
    let nativeSeconds = elapsed
    if native.status.isInfeasible {
      notes.append("pure relaxation infeasible (\(solver.pure.name), \(fmt(nativeSeconds)) s): side rules only restrict, so the problem is infeasible")
      var o = named(native)
      o.columnOfRow = [Int32](repeating: -1, count: problem.rowCount)
      o.objective = ObjectiveValue(covered: 0, score: 0)
      o.bound = nil
      o.duals = nil
      return .finished(o)
    }
    if problem.hasSoftRules && problem.coverage == .maximize {
      // See SOFT RULES in WarmStartedMIPSolver.swift: the relaxation's plan must keep the hard rules and cover every row.
      guard !native.columnOfRow.contains(-1), SolutionChecker.violations(native.columnOfRow, in: problem).isEmpty else {
        return .finished(try plain(.softRulesWithoutFullCoverage, "soft rules, and the relaxation's plan does not cover every row within the hard rules"))
      }
      problem = problem.requiringFullCoverage()
    }
    guard native.status.isOptimal, let duals = native.duals,
          let cert = RelaxationCertificate(problem: problem, plan: native.columnOfRow, duals: duals)
    else { return .finished(try plain(.relaxationNotCertified, "the pure relaxation's duals did not certify its optimum")) }
    notes.append("pure relaxation by \(solver.pure.name) in \(fmt(nativeSeconds)) s: \(native.objective) (upper bound U = \(cert.upper), weight B = \(cert.big))")
    control?.record(bound: cert.lexicographic(cert.upper))
    return .proceed(Relaxation(native: native, duals: duals, cert: cert))
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
