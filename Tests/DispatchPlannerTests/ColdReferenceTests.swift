// The cold reference's method names the rules its bound actually kept or dropped, from the model.
import AssignmentCore
import DispatchModel
@testable import DispatchPlanner
import DispatchPlanning
import DispatchReports
import DispatchTestSupport
import Testing

@Suite struct ColdReferenceTests {
  /// tiny with one organization with a party organization (O1): I1 (two places) wishes for O2 and O3,
  /// so the pure relaxation breaks `mix` and a bound that keeps it is lower.
  static func scenario(_ configure: (inout ScenarioSettings) -> Void) -> Scenario {
    var settings = ScenarioSettings()
    settings.requireFullCoverage = true  // MixLagrangianBound bounds plans covering every slot
    configure(&settings)
    let wishes: [Wish] = [.instructorWants("I1", "O2", rank: 1), .instructorWants("I1", "O3", rank: 2), .instructorWants("I2", "O1", rank: 1)]
    var scenario = ScenarioFixtures.tiny(settings: settings, wishes: wishes)
    scenario.organizations[0].partyStatus = .organization
    scenario.organizations[1].partyStatus = .members
    scenario.organizations[2].partyStatus = .members
    scenario.organizations[1].keyProject = true
    return scenario
  }

  /// Whichever bound is used, its method lists exactly the kinds of rules in the model (the text said
  /// "exclusive + mix" whatever they were); with minimum loads the Lagrangian keeps three kinds.
  @Test func theMethodNamesTheModelsRules() throws {
    let cases: [(String, (inout ScenarioSettings) -> Void)] = [
      ("mix", { $0.rules.mix = true }),
      ("mix + exclusive", { $0.rules.mix = true; $0.rules.keyProjectExclusive = true }),
      ("mix + exclusive + minimum load", { $0.rules.mix = true; $0.rules.keyProjectExclusive = true; $0.rules.minimumLoad = 1 }),
      ("exclusive + unit quota", { $0.rules.keyProjectExclusive = true; $0.rules.unitMaximumInstructors = 1 }),
    ]
    var methods: [String: ReplanReport.ColdReference.Method] = [:]
    for (name, configure) in cases {
      let scenario = Self.scenario(configure)
      let kinds = Set(try ProblemBuilder().build(scenario).problem.sideRules.map(\.kind))
      let cold = try #require(Planner().coldReference(scenario, options: .init(), reached: 0), "\(name)")
      methods[name] = cold.method
      switch cold.method {
      case .lagrangian(let listed), .pureRelaxation(let listed):
        #expect(Set(listed) == kinds && listed.count == kinds.count, "\(name): \(cold.method)")
      case .coldOptimum:
        Issue.record("\(name): a problem with rules has no native cold optimum")
      }
    }
    #expect(methods["mix + exclusive + minimum load"] == .lagrangian(kept: [.exclusive, .mix, .minimumLoad]))
    #expect(methods["exclusive + unit quota"] == .pureRelaxation(dropped: [.exclusive, .usedColumns]))
  }
}
