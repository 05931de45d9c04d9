// Issue 13: a lock that contradicts a hard rule is infeasible input (exit 65 with the reason),
// never "the plan failed the independent check" (exit 70).
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import DispatchTestSupport
import Testing

@Suite struct RuleContradictionTests {
  /// Plans `scenario` and returns the contradictions it is refused for (empty when it plans).
  func contradictions(_ scenario: Scenario) -> [RuleContradiction] {
    do {
      _ = try Planner().plan(scenario, name: "t", inputSHA256: "")
      return []
    } catch {
      guard case .building(.contradictions(let list)) = error else {
        Issue.record("expected a contradiction, got \(error)")
        return []
      }
      return list
    }
  }

  static let lockO1toI1 = [PairOverride(organization: "O1", instructor: "I1", action: .lock)]

  @Test func lockAgainstAnUnreachableMinimumLoad() {
    var settings = ScenarioSettings()
    settings.rules.minimumLoad = 3  // I1's capacity is 2
    let found = contradictions(ScenarioFixtures.tiny(settings: settings, overrides: Self.lockO1toI1))
    #expect(found == [.minimumLoadUnreachable(instructor: "I1", lockedTo: "O1", minimum: 3, most: 2)])
  }

  @Test func lockAgainstAUnitMaximumOfZero() {
    var settings = ScenarioSettings()
    settings.rules.unitMaximumInstructors = 0
    let found = contradictions(ScenarioFixtures.tiny(settings: settings, overrides: Self.lockO1toI1))
    #expect(found == [.unitMaximumExceeded(unit: "U1", maximum: 0, lockedInstructors: ["I1"])])
  }

  @Test func lockedKeyProjectInstructorLockedElsewhereToo() {
    var settings = ScenarioSettings()
    settings.rules.keyProjectExclusive = true
    var scenario = ScenarioFixtures.tiny(settings: settings, overrides: Self.lockO1toI1 + [PairOverride(organization: "O2", instructor: "I1", action: .lock)])
    scenario.organizations[0].keyProject = true
    #expect(contradictions(scenario) == [.exclusiveShared(instructor: "I1", keyProject: "O1", other: "O2")])
  }

  /// The same scenarios with the rule soft (a weight) are plans, not errors.
  @Test func softRulesNeverContradict() throws {
    var settings = ScenarioSettings()
    settings.rules.unitMaximumInstructors = 0
    settings.rules.unitQuotaWeight = 5
    let result = try Planner().plan(ScenarioFixtures.tiny(settings: settings, overrides: Self.lockO1toI1), name: "t", inputSHA256: "")
    #expect(result.record.violations.isEmpty)
  }
}
