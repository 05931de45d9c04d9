import DispatchPlanner
import Foundation
import Testing

/// Every bundled scenario plans end to end (read, build, solve, check) with a proven
/// optimum and every slot covered. The city-sized ones (huangshan: side rules through
/// the MIP; yanan: 7.6 M pairs) are opt-in, as their debug-build time is long; their
/// times are measured in release by `scripts/bench/scenarios`.
@Suite struct BundledScenarioPlanTests {
  static let scenarios = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scenarios")
  static let long = ProcessInfo.processInfo.environment["DISPATCH_LONG_TESTS"] != nil
  static let names = ["demo", "demo-soft", "baode-days", "fumian-roles", "county-one-to-one"] + (long ? ["huangshan", "yanan"] : [])

  @Test(arguments: names)
  func plansWithAProvenOptimumCoveringEverySlot(_ name: String) throws {
    let loaded = try Planner.load(folder: Self.scenarios.appendingPathComponent(name))
    let result = try Planner().plan(loaded.scenario, name: loaded.name, inputSHA256: loaded.inputSHA256)
    #expect(result.summary.checkerPassed)
    #expect(result.summary.unassigned == 0, "\(result.summary.unassigned) open")
    #expect(result.summary.optimal || (result.summary.gap ?? 1) <= 0.001, "\(result.summary.status), gap \(String(describing: result.summary.gap))")
  }
}
