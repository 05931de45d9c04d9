import DispatchIO
import Foundation
import Testing

/// Every scenario shipped in `scenarios/` must read clean: a user's first run starts there.
@Suite struct BundledScenarioTests {
  static let scenariosFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scenarios")

  static var bundled: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: scenariosFolder.path)) ?? []
    return names.filter {
      FileManager.default.fileExists(atPath: scenariosFolder.appendingPathComponent($0).appendingPathComponent("instructors.csv").path)
    }.sorted()
  }

  @Test func theDemoIsBundled() {
    #expect(Self.bundled.contains("demo"))
  }

  @Test(arguments: bundled)
  func readsWithoutErrorsOrWarnings(_ name: String) throws {
    let result = try ScenarioReader().read(folder: Self.scenariosFolder.appendingPathComponent(name))
    #expect(result.warnings.isEmpty, "\(result.warnings.map(\.description))")
    #expect(!result.scenario.organizations.isEmpty)
  }
}
