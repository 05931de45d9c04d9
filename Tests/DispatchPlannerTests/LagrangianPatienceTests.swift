// The Lagrangian search's patience (stop when the bound has not fallen a whole point in 150 iterations) is
// for a search started from a previous solve's multipliers only. From the relaxation's duals the bound can
// stand still for longer and then fall far: huangshan with minimum load 2 and adjacent-region reach stopped
// at 83572 with patience, and a 60 s plan then ended 2.4 % short of its bound (past its time limit);
// without it the bound reaches 82301 and the plan ends within 0.04 % of it.
import AssignmentCore
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Foundation
import NativeSolver
import RuleHeuristics
import Testing

@Suite struct LagrangianPatienceTests {
  @Test func coldSearchIsNotCutShortByPatience() throws {
    let folder = BundledScenarioPlanTests.scenarios.appendingPathComponent("huangshan")
    var scenario = try Planner.load(folder: folder).scenario
    scenario.settings.rules.minimumLoad = 2
    scenario.settings.reach = .adjacentRegion
    let problem = try ProblemBuilder().build(scenario).problem
    #expect(MixLagrangianBound.supports(problem))
    let relaxed = try ShortestAugmentingPathSolver().solve(problem.withoutSideRules())
    // The target a search without an incumbent aims at: below every plan's score.
    let found = try #require(MixLagrangianBound.search(problem, plan: relaxed.columnOfRow, duals: relaxed.duals,
                                                       target: 0, deadline: Deadline(secondsFromNow: 600)))
    #expect(found.bound <= 82_400, "stopped at \(found.bound) after \(found.iterations) iterations")
    #expect(found.iterations > MixLagrangianBound.patience)
  }
}
