// Time limits in every phase (issue 14): a clock that has run out stops the rule-keeping local
// search (its repair included) and the Lagrangian search; the Lagrangian search started from
// given multipliers (a previous solve's) still bounds the optimum, and from its own best
// multipliers never ends above where it started. Typed facts only (plans, bounds, iteration
// counts), never a timing.
import AssignmentCore
import DispatchTestSupport
import Foundation
import NativeSolver
import RuleHeuristics
import Testing

@Suite struct PhaseDeadlineTests {
  let native = ShortestAugmentingPathSolver()

  /// A clock that has run out: the local search gives no plan, even where it would repair one.
  @Test func expiredClockStopsTheLocalSearchAndItsRepair() throws {
    var repaired = 0
    for seed in UInt64(1)...300 {
      let problem = RuleKeepingImproverTests.instance(seed: seed)
      let relaxed = try native.solve(problem.withoutSideRules())
      guard relaxed.status.isOptimal, !SolutionChecker.violations(relaxed.columnOfRow, in: problem).isEmpty,
            RuleKeepingImprover(problem: problem, timeBudget: 1).improve(from: relaxed.columnOfRow) != nil
      else { continue }
      repaired += 1
      var expired = RuleKeepingImprover(problem: problem, timeBudget: 1)
      expired.deadline = Deadline(secondsFromNow: 0)
      #expect(expired.improve(from: relaxed.columnOfRow) == nil, "seed \(seed): the repair ran past the deadline")
    }
    #expect(repaired >= 20, "only \(repaired) instances needed a repair")
  }

  /// A clock that has run out: the Lagrangian search makes no iteration, and its one evaluation is still a bound.
  @Test func expiredClockStopsTheLagrangianSearch() throws {
    var searched = 0
    for seed in UInt64(1)...300 {
      var problem = RuleKeepingImproverTests.instance(seed: seed)
      problem = problem.requiringFullCoverage()
      guard MixLagrangianBound.supports(problem), let optimum = BruteForce.optimum(problem), optimum.covered == problem.rowCount else { continue }
      let relaxed = try native.solve(problem.withoutSideRules())
      guard relaxed.status.isOptimal,
            let found = MixLagrangianBound.search(problem, plan: relaxed.columnOfRow, duals: relaxed.duals, target: optimum.score,
                                                  deadline: Deadline(secondsFromNow: 0))
      else { continue }
      searched += 1
      #expect(found.iterations == 0, "seed \(seed)")
      #expect(found.bound >= optimum.score, "seed \(seed)")
    }
    #expect(searched >= 20)
  }

  /// From given multipliers: the bound still holds (any multipliers bound every plan, stale or random ones
  /// too), and from the search's own best multipliers it ends no higher than that search did.
  @Test func startedSearchBoundsTheOptimum() throws {
    var warmed = 0
    for seed in UInt64(1)...300 {
      let problem = RuleKeepingImproverTests.instance(seed: seed).requiringFullCoverage()
      guard MixLagrangianBound.supports(problem), let optimum = BruteForce.optimum(problem), optimum.covered == problem.rowCount else { continue }
      let relaxed = try native.solve(problem.withoutSideRules())
      guard relaxed.status.isOptimal,
            let first = MixLagrangianBound.search(problem, plan: relaxed.columnOfRow, duals: relaxed.duals, target: optimum.score,
                                                  deadline: .never, maximumIterations: 200)
      else { continue }
      let again = try #require(MixLagrangianBound.search(problem, plan: relaxed.columnOfRow, duals: relaxed.duals, target: optimum.score,
                                                         deadline: .never, maximumIterations: 200, start: first.multipliers))
      #expect(again.bound <= first.bound && again.bound >= optimum.score, "seed \(seed)")
      var rng = SeededGenerator(seed: seed)
      let random = (0..<problem.rowCount).map { _ in Int.random(in: 0..<4, using: &rng) == 0 ? MixLagrangianBound.unknownMultiplier : Int64(Int.random(in: 0..<80_000, using: &rng)) - 20_000 }
      let fromRandom = try #require(MixLagrangianBound.search(problem, plan: relaxed.columnOfRow, duals: relaxed.duals, target: optimum.score,
                                                              deadline: .never, maximumIterations: 200, start: random))
      #expect(fromRandom.bound >= optimum.score, "seed \(seed)")
      warmed += 1
    }
    #expect(warmed >= 20)
  }
}
