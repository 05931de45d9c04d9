// The native-repair fallback on seeded random side-rule instances: its plan passes
// the checker, and its bound ≥ the GLPK optimum ≥ its objective; "optimal" only when it meets the bound.
import AssignmentCore
import DispatchTestSupport
import GLPKBackend
import NativeSolver
import RuleHeuristics
import Testing

@Suite struct RuleRepairTests {
  let repair = RuleRepairSolver()
  let glpk = GLPKSolver()

  /// `softness`: the share of soft rules (the fallback's bound must hold for scores minus penalties too).
  @Test(arguments: [0.0, 0.7]) func repairedPlansAreValidAndBracketTheOptimum(softness: Double) throws {
    var shape = RandomProblemShape()
    shape.rows = 2...8
    shape.columns = 1...4
    var solved = 0, declined = 0, tried = 0
    for seed in UInt64(1)...300 {
      var pureShape = shape
      pureShape.loads = seed % 3 == 0 ? 1...3 : 1...1
      let problem = RandomSideRules.attach(to: RandomProblems.make(seed: seed, shape: pureShape), seed: seed, softness: softness)
      let exact = try glpk.solve(problem, limits: .none)
      tried += 1
      let outcome: AssignmentOutcome
      do { outcome = try repair.solve(problem, limits: .none) } catch {
        declined += 1
        continue
      }
      #expect(outcome.status != .optimal || outcome.bound == outcome.objective, "seed \(seed)")
      let broken = SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective)
        .filter { if case .uncoveredRow = $0 { !outcome.status.isInfeasible } else { true } }
      #expect(broken.isEmpty, "seed \(seed): \(broken)")
      if outcome.status.isInfeasible {
        #expect(exact.status.isInfeasible, "seed \(seed): repair says infeasible, glpk \(exact.status)")
        continue
      }
      solved += 1
      guard exact.status == .optimal else {
        Issue.record("seed \(seed): repair found a plan but glpk says \(exact.status)")
        continue
      }
      let bound = try #require(outcome.bound)
      #expect(bound >= exact.objective, "seed \(seed): bound \(bound) < optimum \(exact.objective)")
      #expect(exact.objective >= outcome.objective, "seed \(seed)")
    }
    print("native-repair: \(solved) plans, \(declined) declined of \(tried)")
    #expect(solved * 2 >= tried, "the repair should find a plan for most random instances")
  }

  @Test func anExclusiveRowEvictsItsNeighbours() throws {
    // Column 0 (capacity 2) is best for rows 0 and 1, but row 0 is exclusive; column 1 takes row 1.
    let problem = try AssignmentProblem(
      rowCount: 2, columnCapacities: [2, 1],
      arcs: [Arc(row: 0, column: 0, score: 10), Arc(row: 1, column: 0, score: 10), Arc(row: 1, column: 1, score: 3)],
      sideRules: [.exclusive(row: 0)])
    let outcome = try repair.solve(problem, limits: .none)
    #expect(outcome.columnOfRow == [0, 1])
    #expect(outcome.status == .feasible)
    #expect(outcome.bound == ObjectiveValue(covered: 2, score: 20))
    #expect(outcome.relativeGap == 7.0 / 20.0)
  }
}
