// Issue 13: plan folders are complete or absent; readers refuse incomplete ones; the next free
// name is claimed atomically; a previous plan from another scenario is refused; compare
// re-derives scores and checks from plan.csv.
import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import DispatchTestSupport
import Foundation
import Testing

@Suite struct PlanFolderTests {
  func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("planfolder-\(UUID().uuidString)", isDirectory: true)
  }

  /// A tiny scenario written to `base/tiny` and its plan at `base/plan-1`.
  func planned(in base: URL) throws -> (loaded: LoadedScenario, plan: PlanResult, folder: URL) {
    let scenarioFolder = base.appendingPathComponent("tiny")
    try ScenarioWriter().write(ScenarioFixtures.tiny(), to: scenarioFolder)
    let loaded = try Planner.load(folder: scenarioFolder)
    let result = try Planner().plan(loaded)
    let folder = try PlanWriter.write(result, to: base.appendingPathComponent("plan-1"))
    return (loaded, result, folder)
  }

  @Test func manifestListsEveryFileWithItsHashAndTheInput() throws {
    let base = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    let (loaded, _, folder) = try planned(in: base)
    let verified = try PlanManifest.verify(folder: folder)
    // Exactly the files the writer produced (documents included), whatever they are.
    let present = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != PlanManifest.fileName }.sorted()
    #expect(verified.manifest.files.map(\.path) == present)
    #expect(Set(present).isSuperset(of: [PlanWriter.planFile, PlanWriter.reportFile, PlanWriter.summaryFile]))
    #expect(verified.manifest.inputSHA256 == loaded.inputSHA256)
    #expect(verified.edited.isEmpty)
  }

  /// A folder a run did not finish (no manifest, or a listed file missing) is refused as a previous plan and by explain/compare.
  @Test func incompleteFoldersAreRefused() throws {
    let base = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    let (loaded, _, folder) = try planned(in: base)
    try FileManager.default.removeItem(at: folder.appendingPathComponent(PlanWriter.reportFile))
    #expect(throws: InputErrors.self) { try Planner.loadPrevious(folder: folder) }
    try FileManager.default.removeItem(at: folder.appendingPathComponent(PlanManifest.fileName))
    do {
      _ = try Planner().replan(loaded, previousFolder: folder)
      Issue.record("an incomplete previous plan must be refused")
    } catch {
      guard case .input(let errors) = error else { Issue.record("\(error)"); return }
      #expect(errors.issues.first?.problem == .incompletePlanFolder(.noManifest))
    }
    #expect(throws: ExplainFailure.self) { try Planner().explain(planFolder: folder, organization: "O1") }
    // The plan.csv given directly is taken as it is (the user vouches for it).
    #expect(try Planner.loadPrevious(folder: folder.appendingPathComponent(PlanWriter.planFile)).count > 0)
  }

  /// Two writers to the default location: the one that publishes second gets the next name, not an error.
  @Test func theNextFreeNameIsClaimedWhenTheFolderIsPublished() throws {
    let base = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    let result = try Planner().plan(ScenarioFixtures.tiny(), name: "tiny", inputSHA256: "x")
    var inner: URL?
    let outer = try OutputFolder.build(PlanWriter.defaultFolder(for: "tiny", in: base)) { output throws(OutputError) in
      try output.write(Data("first".utf8), named: "plan.csv")
      // Another run starts later and finishes first.
      inner = try PlanWriter.write(result, to: PlanWriter.defaultFolder(for: "tiny", in: base))
    }
    #expect(inner?.lastPathComponent == "tiny-1")
    #expect(outer.lastPathComponent == "tiny-2")
    #expect(try String(contentsOf: outer.appendingPathComponent("plan.csv"), encoding: .utf8) == "first")
  }

  @Test func aPreviousPlanFromAnotherScenarioIsRefusedUnlessAllowed() throws {
    let base = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    let (_, _, folder) = try planned(in: base)
    // Another scenario: the same people, other organizations.
    var other = ScenarioFixtures.tiny()
    for k in other.organizations.indices { other.organizations[k].id = OrganizationID("X\(k + 1)") }
    let otherFolder = base.appendingPathComponent("other")
    try ScenarioWriter().write(other, to: otherFolder)
    let loaded = try Planner.load(folder: otherFolder)
    do {
      _ = try Planner().replan(loaded, previousFolder: folder)
      Issue.record("a previous plan from another scenario must be refused")
    } catch {
      guard case .input(let errors) = error, case .previousPlanFromAnotherScenario(let known, let total, _, _) = errors.issues.first?.problem else {
        Issue.record("\(error)"); return
      }
      #expect(known == 0 && total > 0)
    }
    let allowed = try Planner().replan(loaded, previousFolder: folder, allowOtherScenario: true)
    #expect(allowed.changes.contains { $0.status == .dropped })
    #expect(allowed.figures.previousInputSHA256 != nil)
  }

  /// A hand edit that overloads an instructor: compare shows the re-derived score and flags the capacity.
  @Test func compareReDerivesScoresAndFlagsBrokenRules() throws {
    let base = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    let (loaded, result, folder) = try planned(in: base)
    let edited = base.appendingPathComponent("plan-edited")
    try FileManager.default.copyItem(at: folder, to: edited)
    // Everything to I2 (capacity 1).
    let planURL = edited.appendingPathComponent(PlanWriter.planFile)
    var text = String(decoding: try Data(contentsOf: planURL), as: UTF8.self)
    for a in result.plan.assignments where a.instructor == "I1" {
      text = text.replacingOccurrences(of: ",\(a.instructor.rawValue),", with: ",I2,")
    }
    try Data(text.utf8).write(to: planURL)
    let comparison = try Planner.compare(folder, edited, scenario: loaded.folder)
    #expect(comparison.contains("plan.csv: 方案生成后被修改"))
    #expect(comparison.contains("I2 carries"))
    #expect(comparison.contains("summary.json says score \(result.summary.objective)"))
    // The first (untouched) plan passes every check.
    #expect(comparison.contains("校验通过 every rule holds"))
  }
}
