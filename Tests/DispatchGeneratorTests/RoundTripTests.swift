import DispatchGenerator
import DispatchIO
import DispatchModel
import Foundation
import Testing

/// A generated scenario, written as format v1 and read back, is the same scenario:
/// the generator, the writer and the reader agree on every field and setting.
@Suite struct RoundTripTests {
  @Test(arguments: profileNames) func generatedScenariosRoundTripThroughTheReader(_ name: String) throws {
    let scale = name == "yanan" ? 0.2 : 1
    let scenario = try ScenarioGenerator(profile: try profile(name), seed: 11, scale: scale).generate()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(name)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try ScenarioWriter().write(scenario, to: folder)
    let read = try ScenarioReader().read(folder: folder)
    #expect(read.warnings.isEmpty, "\(read.warnings.map(\.description))")
    #expect(read.scenario == scenario)
  }
}
