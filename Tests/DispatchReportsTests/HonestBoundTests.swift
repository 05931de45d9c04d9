// Issue 13: a bound shown in summary.json / report.md is never below the plan's objective at the
// same lexicographic level, the gap is there whenever the bound is, and unproven coverage is a status.
import AssignmentCore
@testable import DispatchReports
import Testing

@Suite struct HonestBoundTests {
  func outcome(_ status: SolveStatus, objective: (Int, Int64), bound: (Int, Int64)?) -> AssignmentOutcome {
    AssignmentOutcome(status: status, columnOfRow: [], objective: ObjectiveValue(covered: objective.0, score: objective.1),
                      bound: bound.map { ObjectiveValue(covered: $0.0, score: $0.1) }, solverName: "glpk")
  }

  /// The reported case: GLPK stopped at its time limit with a weighted bound that does not rule out one more
  /// covered slot; its score part (−2580) belongs to that higher coverage and was shown beside objective 2600.
  @Test func aBoundAtAHigherCoverageIsACoverageBoundNotAScoreBound() {
    let shown = PlanSummary.honestBound(outcome(.feasible, objective: (36, 2600), bound: (37, -2580)))
    #expect(shown.bound == nil && shown.gap == nil)
    #expect(shown.coverageBound == 37)
  }

  @Test func aBoundAtThePlansCoverageComesWithItsGap() throws {
    let shown = PlanSummary.honestBound(outcome(.feasible, objective: (36, 2600), bound: (36, 2700)))
    #expect(shown.bound == 2700 && shown.coverageBound == nil)
    let gap = try #require(shown.gap)
    #expect(abs(gap - 100.0 / 2700.0) < 1e-12)
  }

  @Test func aBoundBelowThePlanIsNoBound() {
    let shown = PlanSummary.honestBound(outcome(.feasible, objective: (36, 2600), bound: (36, 2500)))
    #expect(shown.bound == nil && shown.gap == nil && shown.coverageBound == nil)
    let lower = PlanSummary.honestBound(outcome(.feasible, objective: (36, 2600), bound: (35, 9000)))
    #expect(lower.bound == nil && lower.coverageBound == nil)
  }

  @Test func anOptimalPlanIsItsOwnBound() {
    let shown = PlanSummary.honestBound(outcome(.optimal, objective: (36, 2600), bound: nil))
    #expect(shown.bound == 2600 && shown.gap == 0 && shown.coverageBound == nil)
  }
}
