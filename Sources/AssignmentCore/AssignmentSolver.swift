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
  /// Progress observer and stop flag (`SolveProgress.swift`); a solve that sees the flag
  /// returns its best plan so far as `feasible` with its bound, as on a time limit.
  public var control: SolveControl?
  /// Ask a MIP back end for its cutting planes on a small model (GLPK: Gomory mixed-integer, mixed-integer
  /// rounding and clique cuts, ≤ 50,000 columns). The warm path's descent sets it for its restricted MIPs,
  /// where they decide the proof (measured on huangshan: proven in 2–3 s per round, none in 40 s without).
  public var cuttingPlanes = false
  /// Lagrangian multipliers to start the bound's search from (per row, `LagrangianMultipliers.scale`;
  /// `LagrangianMultipliers.unknown` for a row without one), e.g. a previous quarter's plan's. A hint only: any
  /// multipliers give a valid bound, so stale ones cost iterations, never correctness.
  public var lagrangianStart: [Int64]?

  public init(timeLimit: Double? = nil, relativeGap: Double = 0, verbose: Bool = false, incumbent: [Int32]? = nil,
              relaxationOptimum: RelaxationOptimum? = nil, control: SolveControl? = nil) {
    self.timeLimit = timeLimit
    self.relativeGap = relativeGap
    self.verbose = verbose
    self.incumbent = incumbent
    self.relaxationOptimum = relaxationOptimum
    self.control = control
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
/// which is `SolveStatus`). Each case says what it is; none hides a bug behind a code.
public indirect enum SolverError: Error, Equatable, Sendable {
  /// The problem needs something this back end does not support.
  case unsupported(solver: String, reason: String)
  /// The underlying library reported a failure: `code` is its own return code (GLPK's
  /// glp_simplex / glp_intopt status, or the C guard's fatal-error code).
  case libraryFailure(solver: String, code: Int, message: String)
  /// The time limit ran out before any feasible assignment was found.
  case timeLimitWithoutSolution(solver: String, seconds: Double)
  /// A bug in a back end: an invariant it keeps itself did not hold. Never the user's input.
  case internalInconsistency(solver: String, InternalInconsistency)
  /// Every back end tried failed, in the order they were tried (each failure names its back end).
  case everyBackEndFailed([SolverError])
  /// A stop was requested (`SolveControl.cancel`, Ctrl-C) before any feasible assignment was found.
  case stoppedWithoutSolution(solver: String)

  /// The back end the error is about ("glpk", "glpk-warm", …; the chain for `everyBackEndFailed`).
  public var solver: String {
    switch self {
    case .unsupported(let s, _), .libraryFailure(let s, _, _), .timeLimitWithoutSolution(let s, _), .internalInconsistency(let s, _),
         .stoppedWithoutSolution(let s): s
    case .everyBackEndFailed(let failures): failures.map(\.solver).joined(separator: " → ")
    }
  }

  /// True when some back end ran out of time (a longer time limit may give a plan).
  public var timeRanOut: Bool {
    switch self {
    case .timeLimitWithoutSolution: true
    case .everyBackEndFailed(let failures): failures.contains(where: \.timeRanOut)
    default: false
    }
  }
}

/// The invariants a back end keeps about its own work; breaking one is a bug in it.
public enum InternalInconsistency: Equatable, Sendable, CustomStringConvertible {
  /// Arrays that describe one model have different lengths (GLPK's 1-based rows, columns, matrix).
  case inconsistentModelArrays
  /// An index into the model is outside it.
  case indexOutOfRange(what: String, index: Int, range: ClosedRange<Int>)
  /// A value list (incumbent, basis statuses) does not fit the model it is for.
  case sizeMismatch(what: String, expected: Int, found: Int)
  /// A restricted problem is infeasible although a plan feasible in it is known.
  case restrictedProblemInfeasibleWithIncumbent
  /// A plan the back end is about to return breaks the problem (the first few violations).
  case planBreaksProblem([String])

  public var description: String {
    switch self {
    case .inconsistentModelArrays: "inconsistent model arrays"
    case .indexOutOfRange(let what, let index, let range): "\(what) index \(index) out of \(range.lowerBound)...\(range.upperBound)"
    case .sizeMismatch(let what, let expected, let found): "\(what) has \(found) values for \(expected)"
    case .restrictedProblemInfeasibleWithIncumbent: "the restricted problem is infeasible although the incumbent is feasible in it"
    case .planBreaksProblem(let violations): "the plan breaks the problem: \(violations.joined(separator: "; "))"
    }
  }
}

extension SolverError {
  /// A stop request ended the solve before it had any plan.
  public var stoppedWithoutPlan: Bool { if case .stoppedWithoutSolution = self { true } else { false } }

  /// The solve ended (time limit or stop request) before it had any plan.
  public var endedWithoutSolution: Bool {
    switch self {
    case .timeLimitWithoutSolution, .stoppedWithoutSolution: true
    default: false
    }
  }
}

extension SolverError: LocalizedError, CustomStringConvertible {
  public var description: String {
    switch self {
    case .unsupported(let solver, let reason): "\(solver) cannot solve this problem: \(reason)"
    case .libraryFailure(let solver, let code, let message): "\(solver) failed (code \(code)): \(message)"
    case .timeLimitWithoutSolution(let solver, let seconds): "\(solver) found no feasible plan within \(seconds) s"
    case .internalInconsistency(let solver, let what): "\(solver) internal error (a bug, please report it): \(what)"
    case .everyBackEndFailed(let failures):
      "every solver failed (\(solver)): " + failures.map(\.description).joined(separator: "; ")
        + (timeRanOut ? " — a longer --time-limit may find one" : "")
    case .stoppedWithoutSolution(let solver): "已中断 stopped on request before \(solver) found a feasible plan"
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

/// How Lagrangian multipliers pass between solves (`SolveLimits.lagrangianStart`, `AssignmentOutcome`,
/// a plan's stored prices): per row, in thousandths of a point; `unknown` marks a row without one.
public enum LagrangianMultipliers {
  public static let scale: Int64 = 1000
  public static let unknown = Int64.min
}
