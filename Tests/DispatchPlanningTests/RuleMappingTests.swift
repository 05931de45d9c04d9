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
