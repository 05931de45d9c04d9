import AssignmentCore
import DispatchPlanner
import DispatchPlanning
import Foundation

/// The planner every command uses. With `DISPATCH_TEST_HOOK=no-plan-in-time` in the environment
/// (Tests/DispatchCLITests only), every back end reports that its time limit ran out before it had
/// any plan: the one deterministic way to reach exit 75, which on the bundled scenarios no time
/// limit provokes (GLPK and the fallbacks find a plan even in a millisecond).
func commandLinePlanner() -> Planner {
  guard ProcessInfo.processInfo.environment["DISPATCH_TEST_HOOK"] == "no-plan-in-time" else { return Planner() }
  let timedOut = NoPlanInTime()
  return Planner(solvers: SolverSelection(native: timedOut, glpk: timedOut, repair: timedOut, warmGLPK: timedOut))
}

/// A back end whose time limit always runs out first (the test hook above).
private struct NoPlanInTime: AssignmentSolver {
  var name: String { "test-hook" }
  var capabilities: SolverCapabilities { Planner.standardSolvers.glpk.capabilities }
  func solve(_ problem: AssignmentProblem, limits: SolveLimits) throws(SolverError) -> AssignmentOutcome {
    throw .timeLimitWithoutSolution(solver: name, seconds: limits.timeLimit ?? 0)
  }
}
