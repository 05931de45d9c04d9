import ArgumentParser
import DispatchIO
import DispatchPlanner

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "检查场景文件夹或台账工作簿，列出全部问题（有错误时退出码 65） Check a scenario folder or workbook and list every problem in it (exit 65 if any).")

  @Argument(help: "场景文件夹或台账工作簿（台账.xlsx） The scenario folder or workbook (format v1).")
  var scenario: String

  func run() throws {
    let loaded = try loadScenarioOrExit(scenario)
    let s = loaded.scenario
    print("输入无误 clean: \(loaded.name) — \(s.instructors.count) instructors, \(s.organizations.count) organizations, "
      + "\(s.units.count) units, \(s.wishes.count) wishes, \(s.overrides.count) overrides; "
      + "\(loaded.warnings.filter { $0.severity == .warning }.count) warning(s), \(loaded.warnings.filter { $0.severity == .note }.count) note(s)")
    print("input_sha256 \(loaded.inputSHA256)")
  }
}
