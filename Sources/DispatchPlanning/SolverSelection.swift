import AssignmentCore
import Foundation

/// Which back end the user asked for (`--solver`).
public enum SolverChoice: String, Sendable, CaseIterable {
  /// The fastest back end that solves the problem exactly, falling back to the other.
  case auto
  case native
  case glpk
  /// The native relaxation repaired to satisfy the rules: a feasible plan with a bound, never proven optimal.
  case repair = "native-repair"
}

/// The outcome of a solve, with the story of how it was obtained.
public struct SolveRecord: Sendable {
  public var outcome: AssignmentOutcome
  /// Why this back end ran, and any fallback, in plain words for the summary.
  public var reason: String
  /// Seconds spent in the back end(s), failed attempts included.
  public var seconds: Double
  /// Seconds spent in the independent check.
  public var checkSeconds: Double
  /// Independent check of the outcome: empty means the plan is valid.
  public var violations: [SolutionChecker.Violation]
  /// The solve was stopped on request (`SolveControl.cancel`, Ctrl-C): the best plan so far.
  public var stoppedOnRequest = false
}

/// Picks a back end, runs it, falls back when it fails, and checks the result
/// with `SolutionChecker` before anything is written.
public struct SolverSelection: Sendable {
  public let native: any AssignmentSolver
  public let glpk: any AssignmentSolver
  /// The fallback for loads and side rules when GLPK gives no plan (`RuleRepairSolver`); nil for none.
  public let repair: (any AssignmentSolver)?
  /// GLPK handed a warm, pruned model (`HybridSolver.WarmStartedMIPSolver`), when available.
  public let warmGLPK: (any AssignmentSolver)?

  public init(
    native: any AssignmentSolver, glpk: any AssignmentSolver, repair: (any AssignmentSolver)? = nil,
    warmGLPK: (any AssignmentSolver)? = nil
  ) {
    self.native = native
    self.glpk = glpk
    self.repair = repair
    self.warmGLPK = warmGLPK
  }

  /// The back ends to try, in order, and why.
  public func plan(for problem: AssignmentProblem, choice: SolverChoice) -> (solvers: [any AssignmentSolver], reason: String) {
    if let warm = warmPlan(for: problem, choice: choice) { return warm }
    switch choice {
    case .native: return ([native], "native (requested)")
    case .glpk: return ([glpk], "glpk (requested)")
    case .repair: return (repair.map { [$0] } ?? [], "native-repair (requested): a feasible plan, not proven optimal")
    case .auto:
      if native.capabilities.accepts(problem) {
        return ([native, glpk], "native: pure assignment, solved exactly by shortest augmenting paths (fastest exact path)")
      }
      guard let repair else { return ([glpk], "glpk: the problem has loads or side rules, which need the MIP") }
      return ([glpk, repair], "glpk: the problem has loads or side rules, which need the MIP"
        + " (fallback: native-repair, a feasible plan with a bound, not proven optimal)")
    }
  }

  /// Solves `problem`. When every back end fails it throws the failure (one back end) or
  /// `SolverError.everyBackEndFailed` with each back end's failure in turn.
  public func solve(_ problem: AssignmentProblem, choice: SolverChoice, limits: SolveLimits) throws(SolverError) -> SolveRecord {
    let (solvers, reason) = plan(for: problem, choice: choice)
    var notes = [reason]
    var failures: [SolverError] = []
    let clock = Stopwatch()
    for solver in solvers {
      // A stop request ends the search for a plan: no fallback after the first back end's answer.
      if limits.isCancelled && !failures.isEmpty { break }
      if !failures.isEmpty { limits.control?.enter(.fallback) }
      guard solver.capabilities.accepts(problem) else {
        failures.append(.unsupported(solver: solver.name, reason: "the problem has loads or side rules"))
        notes.append("\(solver.name) skipped: it does not support this problem")
        continue
      }
      // A fallback gets what is left of the time limit, not a second one (a floor of half a second to answer at all).
      var solverLimits = limits
      if !failures.isEmpty, let t = limits.timeLimit { solverLimits.timeLimit = max(0.5, t - clock.seconds) }
      do {
        let outcome = try solver.solve(problem, limits: solverLimits)
        limits.control?.enter(.checking)
        let solveSeconds = clock.seconds
        let checkClock = Stopwatch()
        let violations = SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective)
        if !failures.isEmpty { notes.append("fell back to \(solver.name)") }
        var record = SolveRecord(outcome: outcome, reason: notes.joined(separator: "; "), seconds: solveSeconds,
                                 checkSeconds: checkClock.seconds, violations: violations)
        record.stoppedOnRequest = limits.isCancelled && !outcome.status.isOptimal
        return record
      } catch {
        notes.append("\(solver.name) failed: \(error)")
        failures.append(error)
      }
    }
    // Every back end failed: say what each one said, not only the last (the first is usually the telling one).
    if limits.isCancelled { throw .stoppedWithoutSolution(solver: solvers.map(\.name).joined(separator: " → ")) }
    guard let last = failures.last else { throw .unsupported(solver: "auto", reason: notes.joined(separator: "; ")) }
    guard failures.count > 1 else { throw last }
    throw .everyBackEndFailed(failures)
  }
}

// MARK: - Warm-started GLPK (issue 3 point 3): kept apart so other selection changes merge cleanly.
extension SolverSelection {
  /// The warm GLPK path where it applies: GLPK on side-rule problems (`auto`) and every
  /// `--solver glpk` problem without arc loads; nil when the plain order applies.
  func warmPlan(for problem: AssignmentProblem, choice: SolverChoice) -> (solvers: [any AssignmentSolver], reason: String)? {
    guard let warm = warmGLPK, problem.arcLoads.isEmpty else { return nil }
    switch choice {
    case .glpk:
      return ([warm, glpk], "glpk (requested), warm-started: pure relaxation solved natively, arcs pruned by reduced cost, "
        + "GLPK on the reduced model by component")
    case .auto where !problem.sideRules.isEmpty:
      // Not plain glpk after the warm path: it would spend a second full time limit on the
      // model the warm path could not finish; the repair gives a plan with an honest bound.
      let fallback = repair.map { [$0] } ?? [glpk]
      return ([warm] + fallback, "glpk-warm: side rules need the MIP; GLPK gets the model reduced by the native relaxation's "
        + "reduced costs, an incumbent and independent components (fallback: \(fallback[0].name))")
    default: return nil
    }
  }
}
