//===----------------------------------------------------------------------===//
// Column patterns: the set-partitioning form of a full-coverage assignment problem
// whose side rules act column by column (exclusive, mix, minimum load).
//
// A pattern is a set of rows one column may take with every one of its rules kept, and
// its score (the pairs' scores minus any soft penalty the set pays). A plan is a choice
// of at most one pattern per column (exactly one where `mustUseColumn`) covering every row
// exactly once; its score is the sum of the patterns' scores. The warm path
// (HybridSolver/BoundDescent.swift) builds these from the Lagrangian bound — only the
// patterns that can still be part of a plan above a target — and a back end that
// conforms to `PatternSolver` (GLPK) solves them exactly. The linear relaxation of this
// form is as strong as the Lagrangian bound itself, far stronger than per-arc big-M rows.
//===----------------------------------------------------------------------===//

/// A set-partitioning problem over column patterns (header).
public struct PatternProblem: Sendable, Equatable {
  public struct Pattern: Sendable, Equatable {
    public var column: Int
    public var rows: [Int]
    public var score: Int64

    public init(column: Int, rows: [Int], score: Int64) {
      self.column = column
      self.rows = rows
      self.score = score
    }
  }

  public var rowCount: Int
  public var columnCount: Int
  public var patterns: [Pattern]
  /// Columns that must take one of their patterns (an empty column could not reach the target).
  public var mustUseColumn: [Bool]

  public init(rowCount: Int, columnCount: Int, patterns: [Pattern], mustUseColumn: [Bool]) {
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.patterns = patterns
    self.mustUseColumn = mustUseColumn
  }

  /// The plan (column of each row) of a choice of patterns.
  public func plan(choosing chosen: [Int]) -> [Int32] {
    var plan = [Int32](repeating: -1, count: rowCount)
    for p in chosen { for r in patterns[p].rows { plan[r] = Int32(patterns[p].column) } }
    return plan
  }
}

/// What a pattern solve learned.
public struct PatternOutcome: Sendable, Equatable {
  /// `stopped`: the time limit or a stop request came before any plan (the bound may still say something).
  public enum Status: Sendable, Equatable { case optimal, feasible, infeasible, stopped }
  public var status: Status
  /// The chosen patterns (indices into `PatternProblem.patterns`), empty when infeasible.
  public var chosen: [Int]
  /// An upper bound on the score of every plan (the chosen one's score when optimal).
  public var bound: Int64?
  public var log: [String]

  public init(status: Status, chosen: [Int], bound: Int64?, log: [String] = []) {
    self.status = status
    self.chosen = chosen
    self.bound = bound
    self.log = log
  }
}

/// A back end that solves `PatternProblem`s exactly (within its time limit).
public protocol PatternSolver: Sendable {
  func solve(patterns: PatternProblem, limits: SolveLimits) throws(SolverError) -> PatternOutcome
}
