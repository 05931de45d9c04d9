import AssignmentCore

/// An independent optimality certificate for an outcome of the pure problem,
/// written from the LP duality argument only (it shares no code with the solver).
///
/// Conditions checked on `outcome.duals` (max form):
///  1. rowDual[r] + columnDual[c] ≥ score on every arc of every unlocked row;
///  2. equality on every assigned arc (locked rows: on their locked arc);
///  3. columnDual ≥ 0, and = 0 on every column with spare capacity;
///  4. if some unlocked rows are uncovered: they all share one dual λ, λ ≤ the dual
///     of every covered unlocked row, and the coverage price B = −λ exceeds
///     2·S·n' (S = max |score| of the unlocked rows' usable arcs — to columns
///     not filled by locks —, at least 1; n' unlocked rows).
/// Then for every feasible plan A (locks fixed), with x̃ = rowDual − λ ≥ 0 and 0 on
/// uncovered rows: score(A) − λ·covered(A) ≤ Σ x̃ + Σ cap·y + const, with equality
/// for the outcome; so the outcome maximises score + B·covered, and since B exceeds
/// every possible score difference, it is the lexicographic optimum.
/// Returns the failures (empty = certified).
func certificateFailures(_ problem: AssignmentProblem, _ outcome: AssignmentOutcome) -> [String] {
  guard let duals = outcome.duals else { return ["no duals"] }
  guard duals.rowDual.count == problem.rowCount, duals.columnDual.count == problem.columnCount else { return ["dual sizes"] }
  var failures: [String] = []
  var load = [Int](repeating: 0, count: problem.columnCount)
  for c in outcome.columnOfRow where c >= 0 { load[Int(c)] += 1 }
  for (c, y) in duals.columnDual.enumerated() {
    if y < 0 { failures.append("column \(c) dual \(y) < 0") }
    if load[c] < problem.columnCapacities[c] && y != 0 { failures.append("spare column \(c) dual \(y) ≠ 0") }
  }
  var maxScore: Int64 = 1
  var freeRows = 0
  var lockedLoad = [Int](repeating: 0, count: problem.columnCount)
  for c in problem.lockedColumn where c >= 0 { lockedLoad[Int(c)] += 1 }
  var uncoveredDuals: Set<Int64> = []
  var minCoveredDual = Int64.max
  for r in 0..<problem.rowCount {
    let assigned = Int(outcome.columnOfRow[r])
    if problem.lockedColumn[r] >= 0 {
      guard let a = problem.arcIndex(row: r, column: assigned) else { failures.append("locked row \(r) off its arc"); continue }
      if duals.reducedCost(of: problem, arc: a, row: r) != 0 { failures.append("locked arc of row \(r) not tight") }
      continue
    }
    freeRows += 1
    for a in problem.arcs(ofRow: r) {
      let c = Int(problem.arcColumns[a])
      if problem.columnCapacities[c] > lockedLoad[c] { maxScore = max(maxScore, abs(problem.arcScores[a])) }
      let rc = duals.reducedCost(of: problem, arc: a, row: r)
      if rc < 0 { failures.append("arc (\(r), \(problem.arcColumns[a])) reduced cost \(rc) < 0") }
      if Int(problem.arcColumns[a]) == assigned && rc != 0 { failures.append("assigned arc of row \(r) reduced cost \(rc) ≠ 0") }
    }
    if assigned < 0 { uncoveredDuals.insert(duals.rowDual[r]) } else { minCoveredDual = min(minCoveredDual, duals.rowDual[r]) }
  }
  if !uncoveredDuals.isEmpty {
    if uncoveredDuals.count > 1 { failures.append("uncovered rows have different duals \(uncoveredDuals.sorted())") }
    let lambda = uncoveredDuals.max()!
    if lambda > minCoveredDual { failures.append("uncovered dual \(lambda) above a covered row's dual \(minCoveredDual)") }
    if -lambda <= 2 * maxScore * Int64(freeRows) { failures.append("coverage price \(-lambda) too small for \(freeRows) rows, max score \(maxScore)") }
  }
  return failures
}

/// Whether `rows` is a Hall violator: they need more places than the columns they
/// can use offer (a locked row can use only its locked column).
func isHallViolator(_ rows: [Int], in problem: AssignmentProblem) -> Bool {
  guard !rows.isEmpty else { return false }
  var columns = Set<Int>()
  for r in rows {
    if problem.lockedColumn[r] >= 0 { columns.insert(Int(problem.lockedColumn[r])); continue }
    for a in problem.arcs(ofRow: r) { columns.insert(Int(problem.arcColumns[a])) }
  }
  return rows.count > columns.reduce(0) { $0 + problem.columnCapacities[$1] }
}

/// The same problem with another coverage rule.
func withCoverage(_ problem: AssignmentProblem, _ coverage: CoverageRule) -> AssignmentProblem {
  try! AssignmentProblem(rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: problem.allArcs,
                         locks: problem.locks, coverage: coverage, sideRules: problem.sideRules)
}
