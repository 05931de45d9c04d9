import ArgumentParser
import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Foundation

extension SolverChoice: ExpressibleByArgument {}

struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "求解场景，写出新的方案文件夹（plan.csv、summary.json、report.md、方案.xlsx、report.html、notices.html） Solve a scenario and write a new plan folder (plan.csv, summary.json, report.md, 方案.xlsx, report.html, notices.html).")

  @Argument(help: "场景文件夹或台账工作簿（台账.xlsx） The scenario folder or workbook (format v1).")
  var scenario: String

  @Option(help: "要写入的新文件夹（默认 plans/<场景>-<n>，不得已存在） The new folder to write (default: plans/<scenario>-<n>). It must not exist.")
  var out: String?

  @Option(help: "求解器：auto（最快的精确求解器，可回退）、native、glpk 或 native-repair（可行但未证明最优） auto (fastest exact back end, with fallback), native, glpk or native-repair (feasible, not proven optimal).")
  var solver: SolverChoice = .auto

  @Flag(help: "只考虑分数表中给出的配对，按给定分数计分 Only the pairs in scores.csv are eligible, scored exactly as given.")
  var scoresOnly = false

  @Option(help: "求解时限（秒），到时返回已有最好方案及上界 Seconds a back end may run before it returns its best plan and bound.")
  var timeLimit: Double = 60

  @Option(help: "GLPK 可停止的相对差距（0 = 证明最优） Relative MIP gap at which GLPK may stop (0 = prove optimality).")
  var gap: Double = 0

  @Flag(help: "显示 GLPK 自身输出 Show GLPK's own output.")
  var verbose = false

  @OptionGroup var documents: DocumentFlags

  @Option(help: "写出 K 个候选方案（candidate-<k>/ 和 comparison.md），均在最优值的 --within 之内 Write K candidate plans (candidate-<k>/ and comparison.md), each within --within of the optimum.")
  var candidates: Int?

  @Option(help: "与 --candidates 同用：候选方案相对候选 1 最多改动的组织（职位）数 With --candidates: most organizations (slots) a candidate may change against candidate 1.")
  var maxChanges: Int = 3

  @OptionGroup var progressOptions: ProgressOptions

  @Option(help: "候选方案的质量界限：最优分的比例或百分比（2% 或 0.02） Quality bound of the candidates: a fraction or a percentage of the optimum score (2% or 0.02).")
  var within: String = "2%"

  func withinFraction() throws -> Double {
    let text = within.trimmingCharacters(in: .whitespaces)
    let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
    guard let value, value.isFinite, (0...1).contains(value) else {
      throw ValidationError("--within must be a fraction in [0, 1] or a percentage, not \(within.quotedEcho) / --within 须为 0 至 1 的小数或百分数")
    }
    return value
  }

  func validate() throws {
    try OptionDomain.check(timeLimit, "--time-limit", in: OptionDomain.timeLimitSeconds)
    try OptionDomain.check(gap, "--gap", in: OptionDomain.gap)
    if let candidates { try OptionDomain.check(candidates, "--candidates", in: OptionDomain.candidates) }
    try OptionDomain.check(maxChanges, "--max-changes", in: OptionDomain.maxChanges)
    _ = try withinFraction()
  }

  func run() throws {
    let loaded = try loadScenarioOrExit(scenario)
    let reporter = ProgressReporter(progressOptions)
    let options = PlanOptions(solver: solver, scoresOnly: scoresOnly, timeLimit: timeLimit, relativeGap: gap, verbose: verbose,
                              control: reporter.control)
    if let candidates {
      defer { reporter.finish() }
      return try runCandidates(loaded, count: candidates, options: options)
    }
    let result: PlanResult
    do {
      result = try commandLinePlanner().plan(loaded, options: options)
      reporter.finish()
    } catch {
      reporter.finish()
      printError(error.description)
      throw Exit.code(for: error)
    }
    let folder: OutputDestination = out.map { .exactly(URL(fileURLWithPath: $0)) }
      ?? PlanWriter.defaultFolder(for: loaded.name, in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    do {
      let writeStart = ContinuousClock.now
      let written = try PlanWriter.write(result, to: folder, documents: documents.options)
      let writeTime = ContinuousClock.now - writeStart
      print(result.summary.text(outputFolder: written.path))
      // Writing (workbook, report, notices) is timed apart: it must stay a small part of a run.
      let writeSeconds = Double(writeTime.components.seconds) + Double(writeTime.components.attoseconds) / 1e18
      print(String(format: "  写出 written    %.3f s (plan.csv, summary.json, report.md, %@, report.html, notices.html%@)",
                   writeSeconds, DocumentLanguage.chinese == documents.language ? "方案.xlsx" : "plan.xlsx", documents.pdf ? ", PDF" : ""))
    } catch {
      printError("无法写出 cannot write the plan: \(error)")
      throw Exit.cannotCreate
    }
    if result.record.outcome.status.isInfeasible { throw Exit.infeasible }
  }

  func runCandidates(_ loaded: LoadedScenario, count: Int, options: PlanOptions) throws {
    let result: CandidatesResult
    let within = try withinFraction()
    do {
      result = try commandLinePlanner().candidates(loaded, count: count, within: within, maximumChanges: maxChanges, options: options)
    } catch {
      printError(error.description)
      throw Exit.code(for: error)
    }
    let folder: OutputDestination = out.map { .exactly(URL(fileURLWithPath: $0)) }
      ?? PlanWriter.defaultFolder(for: loaded.name + "-candidates", in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    do {
      let written = try Planner.writeCandidates(result, to: folder, documents: documents.options)
      print("候选方案 candidates → \(written.path)")
      print(result.comparison)
    } catch {
      printError("无法写出 cannot write the plans: \(error)")
      throw Exit.cannotCreate
    }
  }
}
