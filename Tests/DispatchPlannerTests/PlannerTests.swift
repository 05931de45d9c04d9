import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import DispatchTestSupport
import Foundation
import Testing

@Suite struct PlannerTests {
  @Test func theTinyScenarioGetsItsHandWorkedPlanFromEitherSolver() throws {
    var objectives: [Int] = []
    for choice in [SolverChoice.auto, .native, .glpk] {
      let result = try Planner().plan(ScenarioFixtures.tiny(), name: "tiny", inputSHA256: "x", options: PlanOptions(solver: choice))
      #expect(result.summary.optimal)
      #expect(result.summary.assigned == 3)
      #expect(result.summary.checkerPassed)
      objectives.append(result.summary.objective)
    }
    #expect(Set(objectives).count == 1)
    let auto = try Planner().plan(ScenarioFixtures.tiny(), name: "tiny", inputSHA256: "x")
    #expect(auto.summary.solver == "native")
  }

  @Test func aPlanFolderIsWrittenOnceAndNeverOverwritten() throws {
    let result = try Planner().plan(ScenarioFixtures.tiny(), name: "tiny", inputSHA256: "x")
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("planner-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let folder = try PlanWriter.write(result, to: PlanWriter.defaultFolder(for: "tiny", in: base))
    #expect(folder.lastPathComponent == "tiny-1")
    for file in [PlanWriter.planFile, PlanWriter.summaryFile, PlanWriter.reportFile, PlanManifest.fileName] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path))
    }
    #expect(try PlanWriter.write(result, to: PlanWriter.defaultFolder(for: "tiny", in: base)).lastPathComponent == "tiny-2")
    let csv = String(decoding: try Data(contentsOf: folder.appendingPathComponent(PlanWriter.planFile)), as: UTF8.self)
    let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
    #expect(lines.count == 1 + 3, "one header line, then one line per slot")
    #expect(lines.filter { $0.contains("组织编号") }.count == 1)
    #expect(throws: (any Error).self) { try PlanWriter.write(result, to: folder) }
  }

  @Test func lockedPairsAreMarkedInThePlanTable() throws {
    let scenario = ScenarioFixtures.tiny(overrides: [PairOverride(organization: "O2", instructor: "I2", action: .lock)])
    let result = try Planner().plan(scenario, name: "tiny", inputSHA256: "x")
    let row = result.table.rows.first { $0.first == "O2" }
    #expect(row?[5] == "I2")
    #expect(row?.last?.contains("锁定") == true)
  }

  @Test func requiredFullCoverageThatIsImpossibleIsReportedNotHidden() throws {
    var settings = ScenarioSettings()
    settings.requireFullCoverage = true
    // I2 (capacity 1) may not take O3 and I1 is forbidden from O2: one organization cannot be covered.
    let scenario = ScenarioFixtures.tiny(settings: settings, overrides: [
      PairOverride(organization: "O3", instructor: "I1", action: .forbid),
    ])
    var tight = scenario
    tight.instructors[0].capacity = 1
    let result = try Planner().plan(tight, name: "tight", inputSHA256: "x")
    #expect(result.summary.status == "infeasible")
    #expect(!result.summary.optimal)
  }
}
