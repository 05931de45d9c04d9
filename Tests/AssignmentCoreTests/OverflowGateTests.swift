// Issue 13: numbers at the edge of Int in a problem built through the API get a typed error
// from AssignmentProblem (the gate every back end, rule descriptor and the local search rely
// on), never a trap in a later sum; the checked helpers themselves report overflow.
import AssignmentCore
import Testing

@Suite struct OverflowGateTests {
  @Test func theCheckedHelpersReportOverflowInsteadOfTrapping() {
    #expect(throws: NumberOverflow("s")) { try [Int.max, 1].checkedSum("s") }
    #expect(throws: NumberOverflow("p")) { try Int64.max.checkedMultiplied(by: 2, "p") }
    #expect(throws: NumberOverflow("a")) { try Int.min.checkedAdding(-1, "a") }
    #expect(throws: NumberOverflow.self) { try Int(whole: .nan, what: "x") }
    #expect(throws: NumberOverflow.self) { try Int(whole: 1e300, what: "x") }
    #expect((try? [1, 2, 3].checkedSum("s")) == 6)
    #expect((try? Int(whole: 2.6, rounded: .toNearestOrAwayFromZero, what: "x")) == 3)
  }

  @Test func loadsWhoseTotalDoesNotFitAreRefused() {
    // Two locks whose loads sum past Int.max: the locked-load sum used to trap in the initialiser.
    #expect(throws: AssignmentProblemError.overflow("the total load of all arcs")) {
      try AssignmentProblem(rowCount: 2, columnCapacities: [Int.max],
                            arcs: [Arc(row: 0, column: 0, score: 1, load: Int.max / 2 + 1), Arc(row: 1, column: 0, score: 1, load: Int.max / 2 + 1)],
                            locks: [(0, 0), (1, 0)])
    }
    #expect(throws: AssignmentProblemError.overflow("the total capacity of all columns")) {
      try AssignmentProblem(rowCount: 1, columnCapacities: [Int.max, 1], arcs: [Arc(row: 0, column: 0, score: 1)])
    }
  }

  @Test func ruleCountsBeyondTheirRangeAreRefused() {
    let arcs = [Arc(row: 0, column: 0, score: 1), Arc(row: 1, column: 1, score: 1)]
    for rule: SideRule in [.usedColumns(columns: [0, 1], minimum: Int.min, maximum: 1), .usedColumns(columns: [0, 1], minimum: 0, maximum: Int.min),
                           .minimumLoad(column: 0, minimum: Int.max), .maximumMoves(rows: [0], columns: [0], limit: Int.min),
                           .soft(.usedColumns(columns: [0], minimum: Int.max, maximum: 1), weight: 5)] {
      #expect(throws: AssignmentProblemError.self, "\(rule)") {
        try AssignmentProblem(rowCount: 2, columnCapacities: [1, 1], arcs: arcs, sideRules: [rule])
      }
    }
  }

  @Test func softPenaltiesWhoseSpanDoesNotFitAreRefused() {
    // Each rule can count 2^31 − 1 violations at 10^6 points: 2^31 × 10^6 × 3 > 2^52.
    let rule = SideRule.soft(.usedColumns(columns: [0], minimum: maximumRuleParameterMagnitude, maximum: maximumRuleParameterMagnitude), weight: 1_000_000)
    #expect(throws: AssignmentProblemError.self) {
      try AssignmentProblem(rowCount: 1, columnCapacities: [1], arcs: [Arc(row: 0, column: 0, score: 1)], sideRules: [rule, rule, rule])
    }
  }

  @Test func loadsNearTheEdgeThatFitAreCountedWithoutTrapping() throws {
    // The largest loads the gate lets through: every later load sum (the rule counts, the checker) is exact.
    let big = Int.max / 4
    let problem = try AssignmentProblem(
      rowCount: 3, columnCapacities: [Int.max / 4, 3],
      arcs: [Arc(row: 0, column: 0, score: 5, load: big), Arc(row: 1, column: 0, score: 5, load: big), Arc(row: 2, column: 0, score: 5, load: 1),
             Arc(row: 2, column: 1, score: 1)],
      sideRules: [.minimumLoad(column: 0, minimum: maximumRuleParameterMagnitude), .usedColumns(columns: [0, 1], minimum: -maximumRuleParameterMagnitude, maximum: 1)])
    let plan: [Int32] = [0, 0, 1]  // over capacity on purpose: the checker must say so, not trap
    let occupancy = PlanOccupancy(plan, in: problem)
    #expect(occupancy.load[0] == 2 * big)
    #expect(SolutionChecker.violations(plan, in: problem).contains { if case .overCapacity = $0 { true } else { false } })
    #expect(SolutionChecker.violationCounts(of: plan, in: problem) == [0, 1])
  }
}
