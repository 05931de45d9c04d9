import DispatchModel
import DispatchPlanner
import DispatchReports
import DispatchTestSupport
import Testing

/// The ledger's own columns reach plan.csv, after the known columns, in ledger order (issue 11 §3).
@Suite struct LedgerColumnsPlanTests {
  @Test func extraColumnsFollowTheKnownOnesInPlanCSV() throws {
    var scenario = ScenarioFixtures.tiny()
    for index in scenario.organizations.indices {
      scenario.organizations[index].extraFields = [
        LedgerField(header: "地址", value: "路\(index)号"), LedgerField(header: "联系电话", value: "0559-\(index)"),
      ]
    }
    scenario.instructors[0].extraFields = [LedgerField(header: "联系电话", value: "138")]
    let result = try Planner().plan(scenario, name: "tiny", inputSHA256: "x")
    let header = PlanTable.header(for: scenario)
    #expect(header == PlanTable.header + ["地址", "联系电话", "指导员·联系电话"])
    let rows = PlanTable.rows(result.plan, model: result.model)
    #expect(rows.allSatisfy { $0.count == header.count })
    for row in rows {
      let organization = try #require(scenario.organizations.first { $0.id.rawValue == row[0] })
      #expect(Array(row[PlanTable.header.count..<(PlanTable.header.count + 2)]) == organization.extraFields.map(\.value))
      let instructor = scenario.instructors.first { $0.id.rawValue == row[5] }
      #expect(row.last == (instructor?.extraFields.value("联系电话") ?? ""))
    }
    #expect(rows.contains { $0.last == "138" })
  }

  @Test func withoutExtraColumnsPlanCSVKeepsItsKnownHeader() {
    #expect(PlanTable.header(for: ScenarioFixtures.tiny()) == PlanTable.header)
  }
}
