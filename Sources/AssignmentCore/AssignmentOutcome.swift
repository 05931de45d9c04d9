/// A value of the lexicographic objective: coverage first, then score.
public struct ObjectiveValue: Sendable, Equatable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// Rows assigned.
  public var covered: Int
  /// Sum of the scores of the assigned arcs.
  public var score: Int64

  public init(covered: Int, score: Int64) {
    self.covered = covered
    self.score = score
  }

  public static func < (a: Self, b: Self) -> Bool { (a.covered, a.score) < (b.covered, b.score) }
  public var description: String { "\(covered) covered, score \(score)" }
}

/// What a solve learned about the problem (the call itself succeeded).
public enum SolveStatus: Sendable, Equatable {
  /// The assignment is proven optimal.
  case optimal
  /// A feasible assignment whose optimality is not proven; `bound` in the
  /// outcome says how far from optimal it can be at most.
  case feasible
  /// No feasible assignment exists (only possible with `CoverageRule.requireAll`
  /// or side rules); `uncoverable` lists rows that cannot all be covered, when known.
  case infeasible(uncoverable: [Int])

  public var isOptimal: Bool { self == .optimal }
  public var isInfeasible: Bool { if case .infeasible = self { true } else { false } }
}

/// Dual values of the LP relaxation of the pure problem (maximisation form):
/// `rowDual[r] + columnDual[c] ≥ score(r, c)` on every arc, with equality on
/// assigned arcs, `columnDual[c] ≥ 0`, zero on columns with spare capacity.
/// Reduced cost of an arc: `rowDual[r] + columnDual[c] − score(r, c) ≥ 0`, the
/// score the plan would lose, at least, by forcing that arc in.
public struct AssignmentDuals: Sendable, Equatable {
  public var rowDual: [Int64]
  public var columnDual: [Int64]

  public init(rowDual: [Int64], columnDual: [Int64]) {
    self.rowDual = rowDual
    self.columnDual = columnDual
  }

  public func reducedCost(of problem: AssignmentProblem, arc: Int, row: Int) -> Int64 {
    rowDual[row] + columnDual[Int(problem.arcColumns[arc])] - problem.arcScores[arc]
  }
}

/// The result of one solve.
public struct AssignmentOutcome: Sendable, Equatable {
  public var status: SolveStatus
  /// The column of each row, or -1 when the row is unassigned.
  public var columnOfRow: [Int32]
  /// The objective of `columnOfRow`.
  public var objective: ObjectiveValue
  /// An upper bound on the optimal objective; equal to `objective` when optimal.
  public var bound: ObjectiveValue?
  /// The back end that produced the assignment ("native", "glpk").
  public var solverName: String
  /// Dual values, when the back end knows them (pure problems only).
  public var duals: AssignmentDuals?
  /// Free-form log lines for people (e.g. GLPK's captured terminal output, pruning counts);
  /// nothing may depend on their wording: typed facts are in `statistics`.
  public var log: [String]
  /// What the solve did, as typed facts (path, searches, iterations, basis, components, skips).
  public var statistics = SolveStatistics()
  /// Arcs removed by reduced-cost fixing before the solve (the warm-started MIP path), nil when none ran.
  public var prunedArcs: Int? = nil
  /// The Lagrangian multipliers of the bound the solve computed (per row, thousandths of a point), nil when
  /// none ran: a start for a later solve of a similar problem (`SolveLimits.lagrangianStart`).
  public var lagrangianMultipliers: [Int64]? = nil

  public init(
    status: SolveStatus, columnOfRow: [Int32], objective: ObjectiveValue, bound: ObjectiveValue?,
    solverName: String, duals: AssignmentDuals? = nil, log: [String] = []
  ) {
    self.status = status
    self.columnOfRow = columnOfRow
    self.objective = objective
    self.bound = bound
    self.solverName = solverName
    self.duals = duals
    self.log = log
  }

  /// Relative gap of the score to the bound, 0 when optimal, nil without a bound
  /// or when the bound covers more rows than the plan.
  public var relativeGap: Double? {
    guard let bound else { return nil }
    if status.isOptimal { return 0 }
    guard bound.covered == objective.covered else { return nil }
    let diff = Double(bound.score - objective.score)
    return diff / max(1, Double(abs(bound.score)))
  }
}
