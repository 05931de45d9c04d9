import AssignmentCore

/// Whether the published optimum of an instance is a minimum or a maximum.
public enum OptimizationSense: String, Sendable, Equatable, Hashable, CaseIterable {
  case minimize = "min"
  case maximize = "max"
}

/// How a cost that OR-Library minimises becomes a score that `AssignmentProblem` maximises.
///
/// Every OR-Library instance asks that *every* row (job) be assigned, so the problems are
/// built with `coverage: .requireAll` and the number of assigned rows is fixed; a constant
/// per row therefore shifts the total by a known amount and changes no optimum.
///
/// | sense    | mapping        | arc score          | published value of a plan    |
/// |----------|----------------|--------------------|------------------------------|
/// | minimize | `.negated`     | `−cost`            | `−score` (offset 0)          |
/// | minimize | `.complemented`| `maxCost − cost`   | `rows × maxCost − score`     |
/// | maximize | (either)       | `+cost`            | `score` (offset 0)           |
///
/// `maxCost` is the largest cost in the problem, so complemented scores are all ≥ 0.
/// `ORLibraryInstance.offset` records the constant and `publishedValue(of:)` applies it.
public enum ScoreMapping: Sendable, Equatable {
  /// score = −cost (the default; OR-Library costs are far below `maximumScoreMagnitude`).
  case negated
  /// score = maxCost − cost, with offset rows × maxCost.
  case complemented
}

/// One OR-Library problem, ready for any `AssignmentSolver`.
public struct ORLibraryInstance: Sendable, Equatable {
  /// "assign100", "assignp800", "gap1#3" (file stem, `#`, 1-based problem in the file).
  public var name: String
  /// The problem in maximisation form (see `ScoreMapping`), with `coverage == .requireAll`.
  public var problem: AssignmentProblem
  /// The sense of the published optimum.
  public var sense: OptimizationSense
  /// The constant of the mapping: published value = offset − score (minimize) or
  /// score − offset (maximize).
  public var offset: Int64

  public init(name: String, problem: AssignmentProblem, sense: OptimizationSense, offset: Int64) {
    self.name = name
    self.problem = problem
    self.sense = sense
    self.offset = offset
  }

  /// The value of a plan in the units and sense OR-Library publishes (total cost for a
  /// minimisation, total profit for a maximisation), or nil when the plan leaves a row
  /// unassigned (OR-Library admits only complete assignments).
  public func publishedValue(of objective: ObjectiveValue) -> Int64? {
    guard objective.covered == problem.rowCount else { return nil }
    switch sense {
    case .minimize: return offset - objective.score
    case .maximize: return objective.score - offset
    }
  }
}
