import AssignmentCore
import DispatchModel
import DispatchPlanning
import DispatchReports
import DispatchTestSupport
import Testing

@Suite struct StabilityAuditTests {
  // Rows: O1 = 0, O2 = 1, O3 = 2; columns: I1 = 0 (capacity 2), I2 = 1 (capacity 1).

  @Test func aMutualFirstChoiceLeftApartBlocksWhenTheInstructorHasRoom() throws {
    let scenario = ScenarioFixtures.tiny(wishes: [.instructorWants("I2", "O1", rank: 1), .organizationWants("O1", "I2", rank: 1)])
    let model = try ProblemBuilder().build(scenario)
    // O1 → I1, O2 → I1, O3 unassigned: I2 has room and both ranked each other first.
    let plan = PlanDecoder.decode([0, 0, -1], model: model)
    let pairs = StabilityAudit.blockingPairs(plan: plan, model: model)
    #expect(pairs.map(\.instructor) == ["I2"])
    #expect(pairs.first?.organizationHas == "I1")
    #expect(pairs.first?.instructorWouldDrop == nil)
  }

  @Test func noBlockingPairWhenTheInstructorPrefersWhatHeHas() throws {
    let scenario = ScenarioFixtures.tiny(wishes: [
      .instructorWants("I2", "O1", rank: 2), .organizationWants("O1", "I2", rank: 1), .instructorWants("I2", "O3", rank: 1),
    ])
    let model = try ProblemBuilder().build(scenario)
    // I2 (capacity 1) has O3, his first choice; O1 wants him but he ranks O1 second.
    let plan = PlanDecoder.decode([0, 0, 1], model: model)
    #expect(StabilityAudit.blockingPairs(plan: plan, model: model).isEmpty)
  }

  @Test func aWorseOrganizationWouldBeDropped() throws {
    let scenario = ScenarioFixtures.tiny(wishes: [.instructorWants("I2", "O1", rank: 1), .organizationWants("O1", "I2", rank: 1)])
    let model = try ProblemBuilder().build(scenario)
    // I2 is full with O3, which he did not rank: O1 and I2 block, I2 would drop O3.
    let plan = PlanDecoder.decode([0, 0, 1], model: model)
    let pairs = StabilityAudit.blockingPairs(plan: plan, model: model)
    #expect(pairs.count == 1)
    #expect(pairs.first?.instructorWouldDrop == "O3")
  }

  @Test func planTableListsEverySlotWithBreakdownAndReason() throws {
    var settings = ScenarioSettings()
    settings.reach = .sameRegion
    let model = try ProblemBuilder().build(ScenarioFixtures.tiny(settings: settings))
    let rows = PlanTable.rows(PlanDecoder.decode([0, -1, 1], model: model), model: model)
    #expect(rows.count == 3)
    #expect(rows.allSatisfy { $0.count == PlanTable.header.count })
    #expect(rows[0][5] == "I1" && rows[0][8] == String(10 + 15 + 20 + 5))
    #expect(rows[0][9] == "技能 10（经营管理） + 对口 15（商贸） + 区域 20（同区域） + 指导站 5（同指导站）")
    #expect(rows[1][11] == "未覆盖：1名符合条件的指导员已满额")
  }
}

/// The audit counts room as the plan does: in days with capacity_in_days (issue 15 point 6).
/// I1 has 2 places but only 5 days; O2 (5 days) fills him, so O1 (5 days) fits only if he drops O2.
@Suite struct StabilityAuditInDaysTests {
  func model(instructorRanks: [(String, Int)]) throws -> PlanningModel {
    var settings = ScenarioSettings()
    settings.rules.capacityInDays = true
    var scenario = ScenarioFixtures.tiny(settings: settings, wishes: [.organizationWants("O1", "I1", rank: 1)]
      + instructorRanks.map { .instructorWants("I1", OrganizationID($0.0), rank: $0.1) })
    scenario.instructors[0].daysPerMonth = 5
    for k in scenario.organizations.indices { scenario.organizations[k].workloadDays = 5 }
    return try ProblemBuilder().build(scenario)
  }

  @Test func aFullInstructorWouldDropHisUnrankedOrganization() throws {
    let model = try model(instructorRanks: [("O1", 1)])
    // O2 → I1 (5 of 5 days), O1 → I2, O3 open. I1 has a free place but no free day.
    let pairs = StabilityAudit.blockingPairs(plan: PlanDecoder.decode([1, 0, -1], model: model), model: model)
    #expect(pairs.map(\.instructor) == ["I1"])
    #expect(pairs.first?.instructorWouldDrop == "O2")
  }

  @Test func noBlockingPairWhenTheFullInstructorPrefersWhatHeHas() throws {
    let model = try model(instructorRanks: [("O2", 1), ("O1", 2)])
    let plan = PlanDecoder.decode([1, 0, -1], model: model)
    #expect(StabilityAudit.blockingPairs(plan: plan, model: model).isEmpty)
  }
}
