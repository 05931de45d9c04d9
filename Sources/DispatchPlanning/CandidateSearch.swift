//===----------------------------------------------------------------------===//
// Candidate plans (`dispatch plan --candidates K --within F --max-changes N`):
// K plans an office can review side by side (issue 14 goal 6).
//
// Candidate 1 is the plan the solver returns (the optimum when proven). Every other
// candidate is candidate 1 with a few organizations changed: at most N slots
// (default 3), each change priced, the whole plan checked.
//
// Method (deterministic). Neighbours of candidate 1 are single exchanges
// (`PlanExplainer.exchange`): one slot takes another eligible instructor and, where
// that breaks a capacity or a rule, one slot of that instructor moves elsewhere. Pairs
// are tried cheapest first by their score difference (by the native reduced cost when
// the problem is pure: a lower bound on the true cost), at most `neighbourLimit` of
// them. Candidate k then takes neighbours cheapest first (actual score loss, then row
// and column order) whose slots no earlier candidate changed and that fit together
// (the combined plan is checked by `SolutionChecker`), until it changed N slots or
// nothing else fits; a candidate must keep the optimum's coverage and the quality bound
// `score ≥ optimum − ⌊F·|optimum|⌋`. So candidates differ from candidate 1 in ≤ N slots,
// pairwise in disjoint sets of slots (never a copy of one another), and each difference
// has its own price. When fewer than K exist, `shortfall` says why.
//
// Recommendation: the candidate with the fewest blocking pairs (an organization and an
// instructor who both prefer each other to what the plan gives them), then the highest
// score, then the lowest number — chosen by the caller, which knows the wishes.
//
// Complexity: one solve, then ≤ neighbourLimit exchanges (each O(cap·m) candidate
// plans built in O(n), at most checksPerPair of them checked), within searchSeconds
// (at most the time limit), and K·(neighbours) checks.
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchModel

public struct Candidate: Sendable {
  /// 1-based.
  public var number: Int
  public var record: SolveRecord
  /// Rows (slots) whose column differs from candidate 1's, in row order.
  public var changedRows: [Int]
}

/// The candidates and, when fewer than asked exist, why.
public struct CandidateSet: Sendable {
  public var candidates: [Candidate]
  /// Why there are fewer candidates than asked; nil when all were found.
  public var shortfall: String?
}

public struct CandidateSearch: Sendable {
  public let solvers: SolverSelection
  /// Most slots a candidate may change against candidate 1 (the office's `--max-changes`).
  public var maximumChanges: Int
  /// Pairs tried as exchanges, cheapest first, and the exchanges checked per pair.
  public var neighbourLimit = 600
  public var checksPerPair = 40
  /// Seconds the exchanges may take at most (besides the first solve).
  public var searchSeconds = 30.0

  public init(solvers: SolverSelection, maximumChanges: Int = 3) {
    self.solvers = solvers
    self.maximumChanges = maximumChanges
  }

  /// The quality bound for `optimum`: the least score a candidate may have.
  public static func minimumScore(optimum: Int64, within: Double) -> Int64 {
    // NaN allows nothing; a huge or infinite fraction allows everything (down to Int64.min), never a trap.
    let allowance = max(0, Int64(clamping: within * Double(abs(optimum)), .down, nan: 0))
    let (least, overflow) = optimum.subtractingReportingOverflow(allowance)
    return overflow ? .min : least
  }

  public func candidates(
    _ problem: AssignmentProblem, count: Int, within: Double, choice: SolverChoice = .auto, limits: SolveLimits
  ) throws(SolverError) -> CandidateSet {
    let first = try solvers.solve(problem, choice: choice, limits: limits)
    var out = [Candidate(number: 1, record: first, changedRows: [])]
    guard count > 1 else { return CandidateSet(candidates: out, shortfall: nil) }
    limits.control?.enter(.incumbentSearch)
    let base = first.outcome.columnOfRow
    let optimum = first.outcome.objective
    let minimum = Self.minimumScore(optimum: optimum.score, within: within)
    let deadline = Deadline(secondsFromNow: min(searchSeconds, limits.timeLimit ?? searchSeconds))
    let neighbours = self.neighbours(of: base, in: problem, duals: first.outcome.duals,
                                     isCancelled: { limits.isCancelled || deadline.hasPassed })
    var taken = Set<Int>()  // rows changed by earlier candidates
    var shortfall: String? = nil
    for number in 2...count {
      var plan = base
      var changed = Set<Int>()
      for neighbour in neighbours where changed.count + neighbour.rows.count <= maximumChanges {
        guard neighbour.rows.allSatisfy({ !taken.contains($0) && !changed.contains($0) }) else { continue }
        var trial = plan
        for row in neighbour.rows { trial[row] = neighbour.plan[row] }
        let value = SolutionChecker.objective(of: trial, in: problem)
        guard value.covered == optimum.covered, value.score >= minimum, SolutionChecker.violations(trial, in: problem).isEmpty else { continue }
        plan = trial
        changed.formUnion(neighbour.rows)
        if changed.count == maximumChanges { break }
      }
      guard !changed.isEmpty else {
        shortfall = "只找到 \(out.count) 个 only \(out.count) candidate(s): no further plan within the quality bound differs from "
          + "candidate 1 by exchanges of at most \(maximumChanges) slot(s) that no other candidate changed"
          + " (a larger --within or --max-changes may give more)"
        break
      }
      var record = first
      record.outcome.columnOfRow = plan
      record.outcome.objective = SolutionChecker.objective(of: plan, in: problem)
      // Judged as a plan of the problem: optimal only when it scores the proven optimum.
      if !(first.outcome.status.isOptimal && record.outcome.objective == optimum) {
        record.outcome.status = .feasible
        record.outcome.bound = first.outcome.bound ?? (first.outcome.status.isOptimal ? optimum : nil)
      }
      record.outcome.duals = nil
      record.violations = SolutionChecker.violations(plan, in: problem, claimed: record.outcome.objective)
      out.append(Candidate(number: number, record: record, changedRows: changed.sorted()))
      taken.formUnion(changed)
    }
    return CandidateSet(candidates: out, shortfall: shortfall)
  }

  struct Neighbour {
    var loss: Int64
    var order: Int
    /// Rows whose column differs from the base plan.
    var rows: [Int]
    var plan: [Int32]
  }

  /// Single exchanges of `base`, cheapest first (deterministic).
  func neighbours(of base: [Int32], in problem: AssignmentProblem, duals: AssignmentDuals?, isCancelled: () -> Bool) -> [Neighbour] {
    var pairs: [(estimate: Int64, row: Int, column: Int)] = []
    for row in 0..<problem.rowCount where problem.lockedColumn[row] < 0 {
      let current = base[row] >= 0 ? problem.arcIndex(row: row, column: Int(base[row])).map { problem.arcScores[$0] } ?? 0 : 0
      for arc in problem.arcs(ofRow: row) where problem.arcColumns[arc] != base[row] {
        let estimate = duals.map { $0.reducedCost(of: problem, arc: arc, row: row) } ?? (current - problem.arcScores[arc])
        pairs.append((estimate, row, Int(problem.arcColumns[arc])))
      }
    }
    pairs.sort { ($0.estimate, $0.row, $0.column) < ($1.estimate, $1.row, $1.column) }
    let explainer = PlanExplainer(solvers: solvers, pricing: .exchange)
    let baseScore = SolutionChecker.objective(of: base, in: problem).score
    var found: [Neighbour] = []
    var seen = Set<[Int]>()
    for pair in pairs.prefix(neighbourLimit) {
      if isCancelled() { break }
      guard case .success(let plan) = explainer.exchange(row: pair.row, column: pair.column, plan: base, problem: problem, checks: checksPerPair)
      else { continue }
      let rows = (0..<problem.rowCount).filter { plan[$0] != base[$0] }
      guard !rows.isEmpty, rows.count <= maximumChanges, seen.insert(rows.map { $0 * problem.columnCount + Int(plan[$0]) }).inserted else { continue }
      let loss = baseScore - SolutionChecker.objective(of: plan, in: problem).score
      found.append(Neighbour(loss: loss, order: pair.row * problem.columnCount + pair.column, rows: rows, plan: plan))
    }
    return found.sorted { ($0.loss, $0.order) < ($1.loss, $1.order) }
  }
}
