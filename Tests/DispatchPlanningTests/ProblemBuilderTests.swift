import AssignmentCore
import DispatchModel
import DispatchPlanning
import DispatchTestSupport
import Testing

@Suite struct ProblemBuilderTests {
  @Test func rowsAreSlotsInIDOrderAndColumnsAreInstructors() throws {
    var scenario = ScenarioFixtures.tiny()
    scenario.organizations[2].roles = [.firstChairman, .firstSecretary]
    let model = try ProblemBuilder().build(scenario)
    #expect(model.slots.map(\.organization) == [0, 1, 2, 2])
    #expect(model.slots.map(\.role) == [.instructor, .instructor, .firstSecretary, .firstChairman])
    #expect(model.problem.columnCapacities == [2, 1])
    // Nobody may hold the two roles: those rows have no arcs.
    #expect(model.problem.arcs(ofRow: 2).isEmpty && model.problem.arcs(ofRow: 3).isEmpty)
    #expect(model.problem.arcScores[model.problem.arcIndex(row: 0, column: 0)!] == 10 + 15 + 20 + 5)
  }

  @Test func forbidsRemoveArcsAndLocksOverrideReach() throws {
    var settings = ScenarioSettings()
    settings.reach = .sameRegion
    let scenario = ScenarioFixtures.tiny(settings: settings, overrides: [
      PairOverride(organization: "O1", instructor: "I2", action: .lock),  // out of reach, but locked
      PairOverride(organization: "O2", instructor: "I2", action: .forbid),
    ])
    let model = try ProblemBuilder().build(scenario)
    #expect(model.problem.arcIndex(row: 0, column: 1) != nil)
    #expect(model.problem.lockedColumn[0] == 1)
    #expect(model.problem.arcIndex(row: 1, column: 1) == nil)
    #expect(model.problem.arcIndex(row: 1, column: 0) == nil)  // reach: I1 is in R1, O2 in R2
  }

  @Test func requireFullCoverageBecomesRequireAll() throws {
    var settings = ScenarioSettings()
    settings.requireFullCoverage = true
    #expect(try ProblemBuilder().build(ScenarioFixtures.tiny(settings: settings)).problem.coverage == .requireAll)
  }

  @Test func decoderGivesReasonsForOpenSlots() throws {
    var settings = ScenarioSettings()
    settings.reach = .sameRegion
    let model = try ProblemBuilder().build(ScenarioFixtures.tiny(settings: settings))
    // O1 → I1; O2 and O3 both only reach I2 (capacity 1): O2 open for capacity.
    let plan = PlanDecoder.decode([0, -1, 1], model: model)
    #expect(plan.assignments.map(\.instructor) == ["I1", "I2"])
    #expect(plan.uncovered == [UncoveredSlot(organization: "O2", role: .instructor, reason: .capacityExhausted(eligible: 1))])
    #expect(plan.totalScore == (10 + 15 + 20 + 5) + (10 + 15 + 20))
  }
}
