import AssignmentCore
import DispatchIO
import DispatchModel
import Foundation

/// A scenario read from its folder, with what the facade needs to report on it.
public struct LoadedScenario: Sendable {
  public let scenario: Scenario
  /// The folder's name, used to name plans and reports.
  public let name: String
  /// The folder it was read from.
  public let folder: URL
  public let inputSHA256: String
  public let warnings: [InputIssue]
  /// Seconds spent reading and validating.
  public let seconds: Double
}

extension Planner {
  /// Reads and validates a scenario folder, or one workbook holding its tables (format v1, see
  /// Documentation/ScenarioFormat.md). A workbook's scenario is named after the file (台账.xlsx → 台账).
  /// - Throws: `InputErrors` with every problem found, each located by file, line and column.
  public static func load(folder: URL) throws(InputErrors) -> LoadedScenario {
    let clock = Stopwatch()
    let read = try ScenarioReader().read(folder: folder)
    var isDirectory: ObjCBool = true
    _ = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory)
    let url = folder.standardizedFileURL
    let name = isDirectory.boolValue ? url.lastPathComponent : url.deletingPathExtension().lastPathComponent
    return LoadedScenario(scenario: read.scenario, name: name, folder: folder.standardizedFileURL, inputSHA256: read.inputSHA256, warnings: read.warnings,
                          seconds: clock.seconds)
  }
}
