import ArgumentParser
import AssignmentCore
import DispatchIO
import DispatchPlanner
import Foundation

/// Exit codes from sysexits(3), documented in `dispatch --help`, the README and Documentation/ExitCodes.md.
enum Exit {
  static let infeasible = ExitCode(1)
  static let usage = ExitCode(64)
  static let dataError = ExitCode(65)
  static let software = ExitCode(70)
  static let cannotCreate = ExitCode(73)
  /// EX_TEMPFAIL: no plan within --time-limit; a longer limit may find one.
  static let timeLimit = ExitCode(75)
  /// Ctrl-C before any plan was found (128 + SIGINT, as shells report it).
  static let interrupted = ExitCode(130)

  /// The exit code of a planning failure: bad input (65, including locks that contradict a rule),
  /// no plan within the time limit (75), stopped by Ctrl-C before any plan (130), otherwise an
  /// internal failure (70).
  static func code(for failure: PlanFailure) -> ExitCode {
    switch failure {
    case .building: dataError
    case .solving(let error) where error.stoppedWithoutPlan: interrupted
    case .solving(let error) where error.timeRanOut: timeLimit
    // `--solver native` on a problem with rules: the choice, not a bug (every back end tried said it cannot).
    case .solving(let error) where error.onlyUnsupported: usage
    case .solving, .checkFailed: software
    }
  }

  static func code(for failure: ReplanFailure) -> ExitCode {
    switch failure {
    case .input: dataError
    case .planning(let failure): code(for: failure)
    }
  }
}

extension SolverError {
  /// Every back end tried said it does not support the problem (the `--solver` asked for cannot solve it).
  var onlyUnsupported: Bool {
    switch self {
    case .unsupported: true
    case .everyBackEndFailed(let failures): !failures.isEmpty && failures.allSatisfy(\.onlyUnsupported)
    default: false
    }
  }
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

extension DocumentLanguage: ExpressibleByArgument {}

/// `--lang` and `--pdf`: the language and PDFs of the office's documents (plan, replan).
struct DocumentFlags: ParsableArguments {
  @Option(name: .customLong("lang"), help: "文件语言：zh（方案.xlsx，中文报告和通知书）或 en（plan.xlsx，英文） Language of the documents: zh (方案.xlsx, Chinese report and notices) or en (plan.xlsx, English).")
  var language: DocumentLanguage = .chinese

  @Flag(help: "另把通知书打印为 PDF（需已安装 Chromium） Also print the notices to PDF (选派通知书.pdf, 告知书.pdf) with headless Chromium, when it is installed.")
  var pdf = false

  var options: DocumentOptions {
    if pdf && !PlanDocuments.chromiumIsInstalled {
      printError("警告 warning: 未找到 Chromium，未生成 PDF；可用浏览器打开 notices.html 打印 / no Chromium found: no PDF written; open notices.html and print it")
    }
    return DocumentOptions(language: language, pdf: pdf)
  }
}
