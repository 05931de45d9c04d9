//===----------------------------------------------------------------------===//
// ColdReference — how much score a re-plan gives up for continuity, without a
// second full solve of the scenario (issue 14: 58.5 s of a 72 s replan was a cold
// solve made only for this figure).
//
// Let F be the best score of the new scenario ignoring continuity (the cold
// optimum) and s the new plan's score without its continuity points. The new plan
// is a plan of the cold problem (same arcs, locks and rules; continuity only adds
// points), so F ≥ s and the points given up, F − s, are ≥ 0. Upper bounds on F:
//   - pure problems: F itself, by the native solver (exact, a fraction of a second);
//   - otherwise U, the native optimum of the pure relaxation (side rules dropped),
//     tightened by MixLagrangianBound where it applies (exclusive + one mix rule,
//     full coverage) within a short deadline.
// So the report states "at most ⌈bound − s⌉", or the exact figure when F is known.
// Complexity: one native solve (+ the Lagrangian's iterations, O(r·m·cap) each).
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchModel
import DispatchPlanning
import DispatchReports
import Foundation
import RuleHeuristics

extension Planner {
  /// An upper bound on the cold optimum's score (exact when `exact`), for the points given up for continuity.
  /// `reached`: the new plan's score without continuity (a cold plan scores at least that, so the search can stop there).
  func coldReference(_ scenario: Scenario, options: PlanOptions, reached: Int64) -> ReplanReport.ColdReference? {
    let clock = Stopwatch()
    guard let model = try? ProblemBuilder(scoresOnly: options.scoresOnly).build(scenario) else { return nil }
    let problem = model.problem
    if solvers.native.capabilities.accepts(problem) {
      guard let o = try? solvers.native.solve(problem, limits: .none), o.status.isOptimal else { return nil }
      return .init(bound: Int(o.objective.score), exact: true, method: .coldOptimum(solver: solvers.native.name), seconds: clock.seconds)
    }
    guard problem.arcLoads.isEmpty, let relaxed = try? solvers.native.solve(problem.withoutSideRules(), limits: .none), relaxed.status.isOptimal
    else { return nil }
    var bound = relaxed.objective.score
    let rules = ReplanReport.ColdReference.Method.ruleKinds(of: problem)
    var method = ReplanReport.ColdReference.Method.pureRelaxation(dropped: rules)
    if MixLagrangianBound.supports(problem), relaxed.objective.covered == problem.rowCount {
      // A short budget: this only tightens an "at most" figure of the report (the re-plan is what was asked).
      let seconds = min(2, (options.timeLimit ?? 60) / 30)
      if let lagrangian = MixLagrangianBound.bound(problem, plan: relaxed.columnOfRow, duals: relaxed.duals, target: reached,
                                                  deadline: Deadline(secondsFromNow: seconds)), lagrangian < bound {
        bound = lagrangian
        method = .lagrangian(kept: rules)  // `supports`: every rule of the problem is kept inside the bound
      }
    }
    return .init(bound: Int(max(bound, reached)), exact: bound <= reached, method: method, seconds: clock.seconds)
  }
}
