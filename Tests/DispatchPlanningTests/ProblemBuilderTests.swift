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

/// Issue 13: a scenario built in code with numbers at the edge of Int (which the reader would
/// refuse with their line) gets a typed error from the builder, never a trap in the scorer.
@Suite struct ScenarioNumberDomainTests {
  @Test func numbersOutsideTheirDomainAreATypedError() {
    var scenario = ScenarioFixtures.tiny(wishes: [.instructorWants("I2", "O1", rank: Int.max)])
    scenario.instructors[0].capacity = Int.max
    scenario.settings.weights.skillMatch = Int.max
    scenario.settings.rules.minimumLoad = Int.min
    scenario.regions[0].location = GeoPoint(latitude: .nan, longitude: 0)
    #expect(throws: PlanningError.self) { try ProblemBuilder().build(scenario) }
    let fields = NumberDomain.violations(in: scenario).map(\.field)
    #expect(fields == ["instructor I1 capacity", "wish I2–O1 rank", "region R1 latitude", "settings weight_skill_match", "settings minimum_load"])
  }

  @Test func aScenarioInsideItsDomainsBuilds() throws {
    #expect(NumberDomain.violations(in: ScenarioFixtures.tiny()).isEmpty)
    _ = try ProblemBuilder().build(ScenarioFixtures.tiny())
  }

  @Test func aDistanceFromABrokenPointIsFarNotATrap() {
    #expect(GeoPoint(latitude: .nan, longitude: 0).metres(to: GeoPoint(latitude: 1, longitude: 1)) >= 20_000_000)
    #expect(GeoPoint(latitude: .infinity, longitude: 0).metres(to: GeoPoint(latitude: 1, longitude: .infinity)) >= 20_000_000)
    #expect(GeoPoint(latitude: 0, longitude: 0).metres(to: GeoPoint(latitude: 0, longitude: 1)) == 111_195)
  }
}
