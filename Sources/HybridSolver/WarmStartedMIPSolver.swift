//===----------------------------------------------------------------------===//
// WarmStartedMIPSolver ("glpk-warm") — the MIP back end (GLPK) handed a small,
// warm model: pure relaxation solved natively, reduced-cost fixing, an incumbent,
// and independent components solved separately (issue 3 point 3, issue 4).
//
// COMPOSITION. `pure` is an exact solver of pure problems that returns duals (the
// native shortest-augmenting-path solver); `mip` is an exact solver of everything
// (GLPK). Both are injected; this type makes no GLPK call itself.
//
// WEIGHTED OBJECTIVE. The lexicographic objective (covered, score) is handled as
// W(A) = B·covered(A) + score(A) with the native solver's own penalty
// B = 2·S'·n' + 1 (S' = max(1, max |score| over the free rows' arcs), n' = free
// rows; arcs to columns that locks fill do not count), which exceeds any score difference, so W orders plans exactly like the
// lexicographic objective. All of it is Int64; nothing is floating point.
//
//
// The steps live in their own files: RelaxationCertificate.swift (BOUND U, step a),
// WarmIncumbentSearch.swift (INCUMBENT), ReducedCostFixing.swift (step b), ComponentSplit.swift
// (COMPONENTS, step e); this file holds the solver, the run's state and its short driver.
//
// SOFT RULES. A soft rule's penalty lowers a plan's score, so W(A) ≤ U − Σ rc(a) still
// holds and the pruning is unchanged. But penalties can exceed B, so W orders plans like
// the lexicographic objective only among plans of equal coverage: with coverage
// `.maximize` the warm path runs only when the relaxation's own plan is feasible (every
// hard rule kept) and covers every row — then the optimum covers every row, and the
// problem is solved as its `.requireAll` version (same optima); otherwise plain MIP.
// Incumbents: the relaxation's plan (it pays every penalty) and, with exclusive and mix
// rules only, the local search's plan of the hardened problem (it pays none).
//
// LOADS ≠ 1. Not warm-started: the pure relaxation would need a relaxation of the
// knapsack capacities whose duals the native solver does not provide; such
// problems go to `mip` unchanged (the log says so).
//
// PURE PROBLEMS. With no side rules the native plan is the incumbent (L = U), so
// only arcs with rc = 0 are kept; the MIP back end's LP on them must reach U,
// and the native duals certify its plan for the full problem (returned with it).
//===----------------------------------------------------------------------===//
import AssignmentCore
import Foundation
import RuleHeuristics
import Synchronization

public struct WarmStartedMIPSolver: AssignmentSolver {
  public let pure: any AssignmentSolver
  public let mip: any AssignmentSolver
  /// Split into independent components (off only to test that splitting changes nothing).
  public var splitComponents = true
  /// Threads that solve independent components concurrently (the outcome is combined in component
  /// order, so a proven optimum is the same plan for any count; see `solveSplit`).
  public var workers = OrderedParallel.defaultWorkers
  /// First pruning threshold without an incumbent, as a fraction of U's score part (at least `minimumDelta`).
  public var initialDeltaFraction = 0.00005
  public var minimumDelta: Int64 = 4
  /// Run the rule-keeping local search for an incumbent (off only to test the descent from the bound on its own).
  public var localSearch = true

  public init(pure: any AssignmentSolver, mip: any AssignmentSolver) {
    self.pure = pure
    self.mip = mip
  }

  public var name: String { "glpk-warm" }
  public var capabilities: SolverCapabilities { SolverCapabilities(generalLoads: true, sideRules: true) }

  public func solve(_ problem: AssignmentProblem, limits: SolveLimits) throws(SolverError) -> AssignmentOutcome {
    let run = WarmRun(solver: self, problem: problem, limits: limits)
    var outcome = try run.run()
    outcome.log = run.notes + outcome.log
    outcome.statistics.overlay(run.statistics)
    outcome.lagrangianMultipliers = run.lagrangeMultipliers
    return outcome
  }
}

/// One warm solve: its state (the problem, time budget, incumbent, Lagrangian bound, notes) and a
/// short driver; the steps are extensions in RelaxationCertificate.swift (a), WarmIncumbentSearch.swift
/// (incumbent), ReducedCostFixing.swift (b) and ComponentSplit.swift (e).
final class WarmRun {
  let solver: WarmStartedMIPSolver
  /// The problem solved: the given one, or its `.requireAll` version (SOFT RULES in the header).
  var problem: AssignmentProblem
  let limits: SolveLimits
  let budget: TimeBudget
  /// The best feasible plan so far and its weighted value L.
  var incumbent: [Int32]? = nil
  var lower: Int64? = nil
  /// The Lagrangian bound (weighted), when it is below U.
  var lagrangeW: Int64?
  /// Per arc, a bound on the score of every full-coverage plan using it (Lagrangian reduced costs).
  var lagrangeArcBound: [Int64]?
  /// The Lagrangian multipliers' certificate (its column patterns), when it prices the problem itself.
  var lagrangeCertificate: MixLagrangianBound.Certificate?
  /// The Lagrangian bound's multipliers (per row, thousandths), when it ran: returned with the outcome.
  var lagrangeMultipliers: [Int64]?
  /// The warm path's typed facts (skips, components), laid over the MIP back end's.
  var statistics = SolveStatistics()
  var notes: [String] = [] {
    didSet { if limits.verbose, let last = notes.last { FileHandle.standardError.write(Data("warm: \(last)\n".utf8)) } }
  }

  init(solver: WarmStartedMIPSolver, problem: AssignmentProblem, limits: SolveLimits) {
    self.solver = solver
    self.problem = problem
    self.limits = limits
    self.budget = TimeBudget(limits: limits)
  }

  var elapsed: Double { budget.clock.seconds }

  func remainingLimits(incumbent: [Int32]?, relaxation: RelaxationOptimum? = nil, share: Double = 1) -> SolveLimits {
    budget.remainingLimits(incumbent: incumbent, relaxation: relaxation, share: share)
  }

  var timeLeft: Bool { limits.timeLimit.map { elapsed < $0 - 0.5 } ?? true }

  func plain(_ skip: SolveStatistics.WarmStartSkip, _ why: String) throws(SolverError) -> AssignmentOutcome {
    statistics.warmStartSkipped = skip
    notes.append("warm start skipped: \(why); plain \(solver.mip.name)")
    return try solver.mip.solve(problem, limits: remainingLimits(incumbent: limits.incumbent))
  }

  func named(_ outcome: AssignmentOutcome) -> AssignmentOutcome {
    var o = outcome
    o.solverName = solver.name
    return o
  }

  var control: SolveControl? { limits.control }

  /// After a stop request: the incumbent as `feasible` with the best bound known, or no plan.
  func stopped(_ incumbent: [Int32]?, cert: RelaxationCertificate) throws(SolverError) -> AssignmentOutcome {
    guard let incumbent else { throw .stoppedWithoutSolution(solver: solver.name) }
    notes.append("stopped on request at \(fmt(elapsed)) s: the best plan so far")
    return try finish(incumbent, status: .feasible, boundW: min(cert.upper, lagrangeW ?? cert.upper), cert: cert)
  }

  /// The warm path: relaxation (a), incumbent, reduced-cost fixing (b) over components (e).
  func run() throws(SolverError) -> AssignmentOutcome {
    guard problem.arcLoads.isEmpty else { return try plain(.arcLoads, "arc loads ≠ 1 (no native relaxation with duals)") }
    control?.enter(.relaxation)
    let relaxation: Relaxation
    switch try solveRelaxation() {
    case .finished(let outcome): return outcome
    case .proceed(let r): relaxation = r
    }
    if let outcome = try searchIncumbent(relaxation) { return outcome }
    // A short time limit spent by the incumbent search: its plan, with the best bound known.
    if !timeLeft, let incumbent {
      notes.append("time limit reached after the incumbent search at \(fmt(elapsed)) s")
      return try finish(incumbent, status: .feasible, boundW: min(relaxation.cert.upper, lagrangeW ?? relaxation.cert.upper), cert: relaxation.cert)
    }
    if let outcome = try descendFromBound(relaxation) { return outcome }
    return try solveByReducedCostFixing(relaxation)
  }

  func keepIncumbent(_ incumbent: [Int32], over o: AssignmentOutcome, cert: RelaxationCertificate) -> AssignmentOutcome {
    var r = o
    r.columnOfRow = incumbent
    r.objective = SolutionChecker.objective(of: incumbent, in: problem)
    r.status = r.bound == r.objective ? .optimal : .feasible
    return r
  }

  func finish(_ plan: [Int32], status: SolveStatus, boundW: Int64, cert: RelaxationCertificate) throws(SolverError) -> AssignmentOutcome {
    let objective = SolutionChecker.objective(of: plan, in: problem)
    let broken = SolutionChecker.violations(plan, in: problem, claimed: objective)
    guard broken.isEmpty else {
      throw .internalInconsistency(solver: solver.name, .planBreaksProblem(broken.prefix(3).map(\.description)))
    }
    var bound = status.isOptimal ? objective : cert.lexicographic(min(boundW, lagrangeW ?? boundW))
    if bound < objective { bound = objective }
    return AssignmentOutcome(status: status.isOptimal || bound == objective ? .optimal : .feasible, columnOfRow: plan,
                             objective: objective, bound: bound, solverName: solver.name)
  }
}

/// A step of the warm path: the final outcome, or what the next step needs.
enum WarmStep<Next> {
  case finished(AssignmentOutcome)
  case proceed(Next)
}

/// The pure relaxation's optimum, its duals and the certificate built from them (step a).
struct Relaxation {
  let native: AssignmentOutcome
  let duals: AssignmentDuals
  let cert: RelaxationCertificate
}
