import AssignmentCore
import DispatchModel
import DispatchPlanning
import DispatchTestSupport
import Testing

@Suite struct RuleMappingTests {
  @Test func noRulesKeepThePureProblem() throws {
    #expect(try ProblemBuilder().build(ScenarioFixtures.tiny()).problem.isPureAssignment)
  }

  @Test func keyProjectsBecomeExclusiveRows() throws {
    var settings = ScenarioSettings()
    settings.rules.keyProjectExclusive = true
    var scenario = ScenarioFixtures.tiny(settings: settings)
    scenario.organizations[1].keyProject = true
    #expect(try ProblemBuilder().build(scenario).problem.sideRules == [.exclusive(row: 1)])
  }

  @Test func mixSplitsRowsByPartyStatus() throws {
    var settings = ScenarioSettings()
    settings.rules.mix = true
    var scenario = ScenarioFixtures.tiny(settings: settings)
    scenario.organizations[0].partyStatus = .organization
    scenario.organizations[1].partyStatus = .members
    #expect(try ProblemBuilder().build(scenario).problem.sideRules == [.mix(groupA: [0], groupB: [1, 2])])
  }

  @Test func daysBecomeLoadsAndCapacities() throws {
    var settings = ScenarioSettings()
    settings.rules.capacityInDays = true
    var scenario = ScenarioFixtures.tiny(settings: settings)
    scenario.instructors[0].daysPerMonth = 12
    scenario.organizations[0].workloadDays = 8
    let problem = try ProblemBuilder().build(scenario).problem
    // I1 gives 12 days; I2 has no days_per_month: capacity 1 × default 5 days.
    #expect(problem.columnCapacities == [12, 5])
    #expect(problem.load(ofArc: problem.arcIndex(row: 0, column: 0)!) == 8)
    #expect(problem.load(ofArc: problem.arcIndex(row: 1, column: 0)!) == 5)
    #expect(!problem.isPureAssignment)
  }

  @Test func dualRoleOffNeedsTwoPeople() throws {
    var settings = ScenarioSettings()
    settings.rules.allowDualRole = false
    var scenario = ScenarioFixtures.tiny(settings: settings)
    scenario.organizations[0].roles = [.firstSecretary, .firstChairman]
    #expect(try ProblemBuilder().build(scenario).problem.sideRules == [.distinctColumns(rows: [0, 1])])
  }

  @Test func unitQuotasAndMinimumLoadLinkColumns() throws {
    var settings = ScenarioSettings()
    settings.rules.minimumLoad = 2
    settings.rules.unitMaximumInstructors = 1
    let rules = try ProblemBuilder().build(ScenarioFixtures.tiny(settings: settings)).problem.sideRules
    #expect(rules == [
      .minimumLoad(column: 0, minimum: 2), .minimumLoad(column: 1, minimum: 2),
      .usedColumns(columns: [0], minimum: 0, maximum: 1), .usedColumns(columns: [1], minimum: 0, maximum: 1),
    ])
  }
}

/// The rules' figures in reports are checked sums and products like the objective's: a model built in
/// code may hold a weight outside `NumberDomain.softWeight`, and its penalty is a typed error, never a trap.
@Suite struct RuleCatalogOverflowTests {
  @Test func aSoftPenaltyThatDoesNotFitIsATypedError() throws {
    var settings = ScenarioSettings()
    settings.reach = .sameRegion
    settings.reachWeight = 10
    let built = try ProblemBuilder().build(ScenarioFixtures.tiny(settings: settings))
    // Every slot out of reach: O1 (R1) with I2 (R2), O2 and O3 (R2) with I1 (R1).
    let plan: [Int32] = [1, 0, 0]
    #expect(plan.indices.allSatisfy { built.problem.arcIndex(row: $0, column: Int(plan[$0])) != nil })
    let audited = try RuleCatalog.audit(model: built, columnOfRow: plan, violations: [])
    let reach = try #require(audited.first { $0.key == "reach" })
    #expect(reach.violations == 3 && reach.penalty == 30)
    var scenario = built.scenario
    scenario.settings.reachWeight = Int.max / 2
    let handBuilt = PlanningModel(scenario: scenario, scorer: built.scorer, problem: built.problem, slots: built.slots)
    #expect {
      try RuleCatalog.audit(model: handBuilt, columnOfRow: plan, violations: [])
    } throws: { error in
      if case .numberOverflow? = error as? PlanningError { true } else { false }
    }
  }
}
