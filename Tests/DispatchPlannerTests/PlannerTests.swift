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
    let folder = PlanWriter.defaultFolder(for: "tiny", in: base)
    #expect(folder.lastPathComponent == "tiny-1")
    try PlanWriter.write(result, to: folder)
    for file in [PlanWriter.planFile, PlanWriter.summaryFile, PlanWriter.reportFile] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path))
    }
    #expect(PlanWriter.defaultFolder(for: "tiny", in: base).lastPathComponent == "tiny-2")
    #expect(throws: (any Error).self) { try PlanWriter.write(result, to: folder) }
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
