import ArgumentParser
import DispatchIO
import DispatchPlanner
import Foundation

/// Exit codes from sysexits(3), documented in `dispatch --help`.
enum Exit {
  static let infeasible = ExitCode(1)
  static let dataError = ExitCode(65)
  static let software = ExitCode(70)
  static let cannotCreate = ExitCode(73)
  /// Ctrl-C before any plan was found (128 + SIGINT, as shells report it).
  static let interrupted = ExitCode(130)
}

/// Writes a line to standard error.
func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Reads a scenario folder, printing warnings; on bad input prints every problem and exits 65.
func loadScenarioOrExit(_ path: String) throws -> LoadedScenario {
  do {
    let loaded = try Planner.load(folder: URL(fileURLWithPath: path))
    for warning in loaded.warnings { printError(warning.description) }
    return loaded
  } catch {
    for issue in error.issues { printError(issue.description) }
    let errors = error.issues.filter { $0.severity == .error }.count
    printError("输入有 \(errors) 处错误 \(errors) problem(s) in the input; nothing was written.")
    throw Exit.dataError
  }
}
