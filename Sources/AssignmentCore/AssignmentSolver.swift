import Foundation

/// What a back end accepts; the planner checks this before calling `solve`.
public struct SolverCapabilities: Sendable, Equatable {
  /// Arcs whose load is not 1 (generalized assignment).
  public var generalLoads: Bool
  /// `SideRule`s.
  public var sideRules: Bool

  public init(generalLoads: Bool, sideRules: Bool) {
    self.generalLoads = generalLoads
    self.sideRules = sideRules
  }

  /// Whether a back end with these capabilities can solve `problem` exactly.
  public func accepts(_ problem: AssignmentProblem) -> Bool {
    (generalLoads || problem.arcLoads.isEmpty) && (sideRules || problem.sideRules.isEmpty)
  }
}

/// Limits and hints for one solve.
public struct SolveLimits: Sendable, Equatable {
  /// Wall-clock seconds the back end may use; nil for no limit.
  public var timeLimit: Double?
  /// Relative MIP gap at which a MIP solver may stop (0 = prove optimality).
  public var relativeGap: Double
  /// Echo the back end's own terminal output (GLPK's) instead of capturing it.
  public var verbose: Bool
  /// A known feasible assignment (column per row, -1 unassigned) a back end may start from.
  public var incumbent: [Int32]?
  /// An optimum of the problem's pure relaxation (`withoutSideRules()`) with the duals that
  /// prove it, e.g. the native solver's. An LP back end may start its simplex there (GLPK
  /// does: `Documentation/Solvers.md`); a hint only, never trusted for the result.
  public var relaxationOptimum: RelaxationOptimum?

  public init(timeLimit: Double? = nil, relativeGap: Double = 0, verbose: Bool = false, incumbent: [Int32]? = nil,
              relaxationOptimum: RelaxationOptimum? = nil) {
    self.timeLimit = timeLimit
    self.relativeGap = relativeGap
    self.verbose = verbose
    self.incumbent = incumbent
    self.relaxationOptimum = relaxationOptimum
  }

  public static let none = SolveLimits()
}

/// An optimal plan of a pure problem (column per row, -1 unassigned) and duals (max form)
/// that certify it; see `SolveLimits.relaxationOptimum`.
public struct RelaxationOptimum: Sendable, Equatable {
  public var plan: [Int32]
  public var duals: AssignmentDuals

  public init(plan: [Int32], duals: AssignmentDuals) {
    self.plan = plan
    self.duals = duals
  }
}

/// Why a back end could not do its job (as opposed to what the solve learned,
/// which is `SolveStatus`).
public enum SolverError: Error, Equatable, Sendable {
  /// The problem needs something this back end does not support.
  case unsupported(solver: String, reason: String)
  /// The underlying library failed (GLPK's fatal error, a bad return code).
  case libraryFailure(solver: String, code: Int, message: String)
  /// The time limit ran out before any feasible assignment was found.
  case timeLimitWithoutSolution(solver: String, seconds: Double)
}

extension SolverError: LocalizedError, CustomStringConvertible {
  public var description: String {
    switch self {
    case .unsupported(let solver, let reason): "\(solver) cannot solve this problem: \(reason)"
    case .libraryFailure(let solver, let code, let message): "\(solver) failed (code \(code)): \(message)"
    case .timeLimitWithoutSolution(let solver, let seconds): "\(solver) found no feasible plan within \(seconds) s"
    }
  }
  public var errorDescription: String? { description }
}

/// One solver back end. Each implements `solve` only; validation, checking and
/// objective computation are shared (`SolutionChecker`, `AssignmentProblem`).
public protocol AssignmentSolver: Sendable {
  /// Stable name used in reports and by `--solver` ("native", "glpk").
  var name: String { get }
  var capabilities: SolverCapabilities { get }
  /// Solves `problem` exactly, or within `limits`, returning what was learned.
  func solve(_ problem: AssignmentProblem, limits: SolveLimits) throws(SolverError) -> AssignmentOutcome
}
