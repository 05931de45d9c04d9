// Issue 13: re-planning accounts for every previous pair and credits true score changes.
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Testing

@Suite struct ReplanAccountingTests {
  let replanner = Replanner(solvers: Planner.standardSolvers)

  /// O1 needs 第一书记 and 第一主席; I1 may hold 第一书记, I2 and I3 第一主席; O2 needs a plain instructor.
  static func twoRoleScenario(wishes: [(Int, Int, Int)]) -> Scenario {
    var scenario = ReplanTests.wishScenario(instructors: 3, organizations: 2, wishes: wishes)
    scenario.organizations[0].roles = [.firstSecretary, .firstChairman]
    scenario.instructors[0].roles = [.firstSecretary]
    scenario.instructors[1].roles = [.firstChairman]
    scenario.instructors[2].roles = [.firstChairman]
    return scenario
  }

  static let previousTwoRole = [
    PreviousPair(organization: "O1", role: .firstSecretary, instructor: "I1"),
    PreviousPair(organization: "O1", role: .firstChairman, instructor: "I2"),
  ]

  /// The organization drops 第一主席 and its instructor I2 leaves: the old pair is listed as dropped.
  @Test func droppedRoleWhoseInstructorLeftIsListedAsDropped() throws {
    var scenario = Self.twoRoleScenario(wishes: [])
    scenario.organizations[0].roles = [.firstSecretary]
    scenario.instructors.remove(at: 1)
    let setup = try replanner.prepare(scenario, previous: Self.previousTwoRole, limits: .none)
    let solved = try replanner.solve(setup, maxMoves: nil, limits: .none)
    let changes = Replanner.changes(setup, previous: Self.previousTwoRole, columnOfRow: solved.record.outcome.columnOfRow)
    let dropped = changes.filter { $0.status == .dropped }
    #expect(dropped.count == 1)
    #expect(dropped.first?.organization == "O1" && dropped.first?.role == .firstChairman && dropped.first?.previous == "I2")
    // Every previous pair appears exactly once.
    for pair in Self.previousTwoRole {
      #expect(changes.filter { $0.organization == pair.organization && $0.role == pair.role && $0.previous == pair.instructor }.count == 1)
    }
  }

  /// s(O1,I2) = 20, s(O1,I3) = 10, s(O2,I2) = 30. The best plan moves 第一主席 from I2 to I3 so that I2 can take O2:
  /// the move's own pair-score change is 10 − 20 = −10, never "better fit" (continuity goes to I1, the first role's instructor).
  @Test func moveInTwoRoleOrganizationIsCreditedItsTrueChange() throws {
    let scenario = Self.twoRoleScenario(wishes: [(2, 1, 2), (3, 1, 3), (2, 2, 1)])
    let setup = try replanner.prepare(scenario, previous: Self.previousTwoRole, limits: .none)
    let solved = try replanner.solve(setup, maxMoves: nil, limits: .none)
    let plan = solved.record.outcome.columnOfRow.map { $0 < 0 ? "-" : scenario.instructors[Int($0)].id.rawValue }
    #expect(plan == ["I1", "I3", "I2"])
    let changes = Replanner.changes(setup, previous: Self.previousTwoRole, columnOfRow: solved.record.outcome.columnOfRow)
    let moved = try #require(changes.first { $0.organization == "O1" && $0.role == .firstChairman })
    #expect(moved.status == .moved)
    #expect(moved.scoreChange == -10)
    #expect(!moved.reason.contains("better fit"))
    let kept = try #require(changes.first { $0.organization == "O1" && $0.role == .firstSecretary })
    #expect(kept.status == .kept && kept.reason.contains("continuity"))
  }
}
