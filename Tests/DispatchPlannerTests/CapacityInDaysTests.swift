// capacity_in_days counted in one place (ScenarioSettings.capacityUnits / loadUnits): an
// organization that needs 0 days is charged none (issue 13/15 defect: it was charged one).
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Testing

@Suite struct CapacityInDaysTests {
  /// One instructor with 5 days a month; organizations needing 5 and 0 days.
  func scenario() -> Scenario {
    var settings = ScenarioSettings()
    settings.rules.capacityInDays = true
    return Scenario(
      instructors: [Instructor(id: "I1", name: "张伟", unit: "U1", region: "R1", capacity: 2, daysPerMonth: 5)],
      organizations: [
        Organization(id: "O1", name: "甲公司", region: "R1", industry: "商贸", workloadDays: 5),
        Organization(id: "O2", name: "乙协会", region: "R1", industry: "行业协会", workloadDays: 0),
      ],
      units: [SendingUnit(id: "U1", name: "市场监管局", functions: [])],
      regions: [Region(id: "R1", name: "城区", grid: "G1")],
      givenScores: [GivenScore(organization: "O1", instructor: "I1", score: 10), GivenScore(organization: "O2", instructor: "I1", score: 3)],
      settings: settings)
  }

  @Test func anOrganizationNeedingZeroDaysIsChargedNone() throws {
    let s = scenario()
    #expect(s.organizations.map(s.settings.loadUnits(of:)) == [5, 0])
    #expect(s.settings.capacityUnits(of: s.instructors[0]) == 5)
    for solver in [SolverChoice.glpk, .auto] {
      let result = try plan(s, solver)
      #expect(assignment(result) == ["I1", "I1"], "\(solver)")
      #expect(result.summary.objective == 13, "\(solver)")
      #expect(result.summary.optimal)
    }
  }

  @Test func withoutCapacityInDaysEveryOrganizationIsOnePlace() {
    var s = scenario()
    s.settings.rules.capacityInDays = false
    #expect(s.organizations.map(s.settings.loadUnits(of:)) == [1, 1])
    #expect(s.settings.capacityUnits(of: s.instructors[0]) == 2)
    s.settings.rules.capacityInDays = true
    s.instructors[0].daysPerMonth = nil
    #expect(s.settings.capacityUnits(of: s.instructors[0]) == 2 * s.settings.defaultWorkloadDays)
  }
}

/// summary.json: a figure JSON cannot hold is an error (PlanWriter then writes no folder), not an empty file.
@Suite struct SummaryEncodingTests {
  @Test func aSummaryJSONCannotHoldIsAnError() throws {
    var summary = try plan(ruledScenario()).summary
    #expect(throws: Never.self) { _ = try summary.json() }
    summary.gap = .nan
    #expect(throws: EncodingError.self) { _ = try summary.json() }
  }
}
