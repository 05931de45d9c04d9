//===----------------------------------------------------------------------===//
// Candidate plans (`dispatch plan --candidates K --within F`): K plans, each
// within fraction F of the optimum score at the optimum's coverage, each as
// different as possible from the ones before.
//
// Method (exact solves, deterministic): candidate 1 is the optimum. For the
// next one, every pair used by an earlier candidate is penalised: its arc score
// is lowered by P, and the problem solved exactly (native when pure). The
// original score of the result is non-increasing in P (parametric LP), so the
// largest integer P whose plan still meets the quality bound
// `score ≥ optimum − ⌊F·|optimum|⌋` (and the optimum's coverage) is found by
// bisection; that plan is the candidate. Each candidate therefore maximises
// score − P·(reused pairs) for its P and always satisfies the bound. It is the
// Lagrangian relaxation of "fewest reused pairs subject to the bound", not the
// constrained optimum itself when the bound falls between two breakpoints.
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchModel

public struct Candidate: Sendable {
  /// 1-based.
  public var number: Int
  public var record: SolveRecord
  /// The penalty per reused pair that produced it (0 for the optimum).
  public var penalty: Int64
  /// Pairs it shares with earlier candidates.
  public var reusedPairs: Int
}

public struct CandidateSearch: Sendable {
  public let solvers: SolverSelection
  public init(solvers: SolverSelection) { self.solvers = solvers }

  /// The quality bound for `optimum`: the least score a candidate may have.
  public static func minimumScore(optimum: Int64, within: Double) -> Int64 {
    optimum - Int64((within * Double(abs(optimum))).rounded(.down))
  }

  public func candidates(
    _ problem: AssignmentProblem, count: Int, within: Double, choice: SolverChoice = .auto, limits: SolveLimits
  ) throws(SolverError) -> [Candidate] {
    let first = try solvers.solve(problem, choice: choice, limits: limits)
    var out = [Candidate(number: 1, record: first, penalty: 0, reusedPairs: 0)]
    guard count > 1 else { return out }
    let optimum = first.outcome.objective
    let minimum = Self.minimumScore(optimum: optimum.score, within: within)
    var used = Set<Int>()  // row * columns + column
    func addPairs(_ columnOfRow: [Int32]) {
      for (row, c) in columnOfRow.enumerated() where c >= 0 { used.insert(row * problem.columnCount + Int(c)) }
    }
    addPairs(first.outcome.columnOfRow)
    let arcs = problem.allArcs
    var span: Int64 = 1
    for row in 0..<problem.rowCount {
      let scores = problem.arcs(ofRow: row).map { problem.arcScores[$0] }
      if let hi = scores.max(), let lo = scores.min() { span += hi - lo }
    }
    let maxScore = arcs.reduce(Int64(0)) { max($0, abs($1.score)) }
    let cap = min(span + 1, maximumScoreMagnitude - maxScore)
    for number in 2...count {
      func solve(_ penalty: Int64) throws(SolverError) -> SolveRecord {
        var penalised = arcs
        for k in penalised.indices where used.contains(penalised[k].row * problem.columnCount + penalised[k].column) {
          penalised[k].score -= penalty
        }
        let p = try! AssignmentProblem(rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: penalised,
                                       locks: problem.locks, coverage: problem.coverage, sideRules: problem.sideRules)
        var record = try solvers.solve(p, choice: choice, limits: limits)
        record.outcome.objective = SolutionChecker.objective(of: record.outcome.columnOfRow, in: problem)
        record.outcome.bound = record.outcome.status.isOptimal ? record.outcome.objective : nil
        record.outcome.duals = nil
        record.violations = SolutionChecker.violations(record.outcome.columnOfRow, in: problem, claimed: record.outcome.objective)
        return record
      }
      func ok(_ r: SolveRecord) -> Bool { r.outcome.objective.covered == optimum.covered && r.outcome.objective.score >= minimum }
      var low: Int64 = 0, high = cap
      var best = first
      let top = try solve(high)
      if ok(top) {
        best = top
        low = high
      } else {
        while high - low > 1 {
          let mid = low + (high - low) / 2
          let r = try solve(mid)
          if ok(r) { low = mid; best = r } else { high = mid }
        }
      }
      let reused = best.outcome.columnOfRow.enumerated().filter { $0.element >= 0 && used.contains($0.offset * problem.columnCount + Int($0.element)) }.count
      // The candidate is judged as a plan of the original problem: optimality is not claimed.
      if number > 1 && best.outcome.objective < optimum { best.outcome.status = .feasible; best.outcome.bound = optimum }
      out.append(Candidate(number: number, record: best, penalty: low, reusedPairs: reused))
      addPairs(best.outcome.columnOfRow)
    }
    return out
  }
}
