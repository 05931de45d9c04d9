// What a solve did, as typed facts (issue 15 point 2): which path it took, how many
// searches and simplex iterations it needed, which basis the simplex started from, into
// how many components the problem split, and why a step was skipped. Tests and callers
// read these; the free-form `AssignmentOutcome.log` is for people only, and nothing may
// depend on its wording. (Modelled on the typed `Stats` of OR-tools' linear_assignment.h.)
// A field is nil when the back end did not take that step.

/// Typed statistics of one solve (`AssignmentOutcome.statistics`).
public struct SolveStatistics: Sendable, Equatable {
  /// The native solver's path.
  public enum NativePath: Sendable, Equatable {
    /// Dense Jonker–Volgenant (LAPJV) on the full score matrix.
    case dense
    /// Shortest augmenting paths over the arcs with a lazy heap.
    case heap
    /// Shortest augmenting paths with a column scan.
    case scan
  }

  /// Where a simplex started.
  public enum BasisStart: Sendable, Equatable {
    /// GLPK's standard basis (every row's slack basic); `why` when a starting basis was wanted.
    case standard(why: StandardBasisReason?)
    /// The basis of the pure relaxation's optimum, with arcs of reduced cost 0 (`SolveLimits.relaxationOptimum`).
    case relaxationOptimum
    /// The incumbent's columns at 1, every row's slack basic.
    case incumbent
  }

  /// Why a wanted starting basis was not used.
  public enum StandardBasisReason: Sendable, Equatable {
    /// None could be built from what was given (it does not fit the model).
    case notBuilt
    /// GLPK's glp_warm_up refused the basis.
    case refused
  }

  /// One LP solved by the simplex method.
  public struct LinearProgram: Sendable, Equatable {
    public var iterations: Int
    public var start: BasisStart
    /// True when the dual simplex ran (a dual-feasible start), false for the primal.
    public var dualSimplex: Bool

    public init(iterations: Int, start: BasisStart, dualSimplex: Bool) {
      self.iterations = iterations
      self.start = start
      self.dualSimplex = dualSimplex
    }
  }

  /// What became of an incumbent given in `SolveLimits.incumbent`.
  public enum GivenIncumbent: Sendable, Equatable {
    /// It breaks the problem, so it was not used.
    case ignored
    /// The MIP solver took it as its first integer solution.
    case accepted
    /// The MIP solver did not take it (it had a better one, or refused it).
    case notAccepted
  }

  /// Why the warm-started MIP path handed the problem to the plain MIP solver.
  public enum WarmStartSkip: Sendable, Equatable {
    /// Arc loads ≠ 1: no native relaxation with duals.
    case arcLoads
    /// The pure solver failed on the relaxation.
    case pureSolverFailed
    /// Soft rules with coverage `.maximize`, and the relaxation's plan does not cover every row within the hard rules.
    case softRulesWithoutFullCoverage
    /// The relaxation's duals did not certify its optimum.
    case relaxationNotCertified
  }

  /// The warm path's descent from the Lagrangian bound (HybridSolver/BoundDescent.swift).
  public struct Descent: Sendable, Equatable {
    /// Targets tried.
    public var rounds: Int
    /// Rounds the pure relaxation of the restricted problem did not decide, so the MIP back end ran.
    public var mipRounds: Int
    /// Arcs of the last restricted problem.
    public var lastArcs: Int
    /// True when the descent ran to its end (proven optimal), false when time or a stop request ended it.
    public var finished: Bool

    public init(rounds: Int, mipRounds: Int, lastArcs: Int, finished: Bool) {
      self.rounds = rounds
      self.mipRounds = mipRounds
      self.lastArcs = lastArcs
      self.finished = finished
    }
  }

  /// The native solver's path, when it ran.
  public var nativePath: NativePath?
  /// Shortest-path searches of the native solver (rows not placed by an initialisation).
  public var augmentingSearches: Int?
  /// The pure problem's LP (GLPK on a problem without loads and side rules).
  public var pureLP: LinearProgram?
  /// The MIP's root LP, when it was solved before branch and bound (a start was given).
  public var rootLP: LinearProgram?
  /// The given incumbent's fate.
  public var givenIncumbent: GivenIncumbent?
  /// Why the warm path was skipped (nil when it ran or was not asked for).
  public var warmStartSkipped: WarmStartSkip?
  /// Independent components the restricted problem split into (1: not split).
  public var components: Int?
  /// Threads that solved the components (1: one after another).
  public var componentWorkers: Int?
  /// The descent from the Lagrangian bound, when it ran.
  public var descent: Descent?
  /// How the warm path proved that no plan keeps the rules, when it did.
  public var infeasibilityProof: InfeasibilityProof?
  /// The Lagrangian bound's search, when it ran.
  public var lagrangian: Lagrangian?

  /// The Lagrangian bound's search (RuleHeuristics/MixLagrangianBound.swift).
  public struct Lagrangian: Sendable, Equatable {
    /// Subgradient iterations.
    public var iterations: Int
    /// True when it started from given multipliers (`SolveLimits.lagrangianStart`).
    public var warmStarted: Bool

    public init(iterations: Int, warmStarted: Bool) {
      self.iterations = iterations
      self.warmStarted = warmStarted
    }
  }

  /// What proved infeasibility.
  public enum InfeasibilityProof: Sendable, Equatable {
    /// The Lagrangian bound fell below the lowest score any full-coverage plan can have.
    case lagrangian
    /// The descent's restricted problems, down to every arc, had no plan.
    case descent
  }

  public init() {}

  /// Sets every field that `other` knows (non-nil), keeping the others: a composite solver's facts
  /// laid over those of the back end it called.
  public mutating func overlay(_ other: SolveStatistics) {
    if let v = other.nativePath { nativePath = v }
    if let v = other.augmentingSearches { augmentingSearches = v }
    if let v = other.pureLP { pureLP = v }
    if let v = other.rootLP { rootLP = v }
    if let v = other.givenIncumbent { givenIncumbent = v }
    if let v = other.warmStartSkipped { warmStartSkipped = v }
    if let v = other.components { components = v }
    if let v = other.componentWorkers { componentWorkers = v }
    if let v = other.descent { descent = v }
    if let v = other.infeasibilityProof { infeasibilityProof = v }
    if let v = other.lagrangian { lagrangian = v }
  }
}
