import ArgumentParser
import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Foundation

struct ReplanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replan",
    abstract: "在上一期方案基础上重新选派（季度调整），带留任加分和调整人数上限 Re-plan a scenario from a previous plan (quarterly adjustment), with a continuity bonus and a move budget.")

  @Argument(help: "场景文件夹或台账工作簿（台账.xlsx） The scenario folder or workbook (format v1).")
  var scenario: String

  @OptionGroup var documents: DocumentFlags

  @Option(help: "上一期方案文件夹（只读取其 plan.csv，不作修改） The previous plan folder (its plan.csv is read; nothing there is modified).")
  var previous: String

  @Option(help: "先对场景应用的季度变动表（changes.csv，长表或宽表，中英文均可） A changes.csv to apply to the scenario first (long or wide form, English or Chinese).")
  var changes: String?

  @Option(help: "调整上限：除不可避免的调整外最多再调整 N 处（0 = 能留任的都留任） Hard budget: at most N reassignments beyond the unavoidable ones (0 keeps everything that can be kept).")
  var maxMoves: Int?

  @Option(help: "得分与调整数的权衡曲线：逗号分隔的调整上限，如 0,5,10,20,all Trade-off curve: comma-separated budgets, e.g. 0,5,10,20,all.")
  var sweep: String?

  @Option(help: "每个留任配对的加分（默认取设置 留任分，为 0 时取 30） Continuity bonus per kept pair (default: settings weight_continuity, or 30 when it is 0).")
  var continuity: Int?

  @Option(help: "要写入的新文件夹（默认 plans/<场景>-<n>，不得已存在） The new folder to write (default: plans/<scenario>-<n>). It must not exist.")
  var out: String?

  @Option(help: "求解器：auto、native 或 glpk auto, native or glpk.")
  var solver: SolverChoice = .auto

  @Option(help: "求解时限（秒） Seconds a back end may run.")
  var timeLimit: Double = 60

  @Flag(help: "显示求解过程（热启动各步骤与 GLPK 自身输出） Show the solve's steps (the warm path's and GLPK's own output).")
  var verbose = false

  @OptionGroup var progressOptions: ProgressOptions

  @Flag(help: "接受看似属于其他场景的上期方案（其组织大多不在本台账中） Accept a previous plan that looks like another scenario's (most of its organizations are not on this ledger).")
  var allowOtherScenario = false

  func parsedSweep() throws -> [Int?] {
    guard let sweep else { return [] }
    let items = sweep.split(separator: ",", omittingEmptySubsequences: false)
    if items.isEmpty || items.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
      throw ValidationError("--sweep: give budgets separated by commas, none empty (e.g. 0,5,all), not \(sweep.quotedEcho) / 调整上限列表不能有空项")
    }
    return try items.map { item -> Int? in
      let text = item.trimmingCharacters(in: .whitespaces)
      if text == "all" { return nil }
      guard let n = Int(text) else { throw ValidationError("--sweep: \(text.quotedEcho) is not a whole number or all / 不是整数或 all") }
      try OptionDomain.check(n, "--sweep", in: OptionDomain.moves)
      return n
    }
  }

  func validate() throws {
    if let maxMoves { try OptionDomain.check(maxMoves, "--max-moves", in: OptionDomain.moves) }
    if let continuity { try OptionDomain.check(continuity, "--continuity", in: OptionDomain.continuity) }
    try OptionDomain.check(timeLimit, "--time-limit", in: OptionDomain.timeLimitSeconds)
    let budgets = try parsedSweep()
    guard budgets.count <= OptionDomain.sweepLength else {
      throw ValidationError("--sweep lists \(budgets.count) budgets, at most \(OptionDomain.sweepLength) / 最多 \(OptionDomain.sweepLength) 个")
    }
  }

  func run() throws {
    let loaded = try loadScenarioOrExit(scenario)
    let reporter = ProgressReporter(progressOptions)
    let options = PlanOptions(solver: solver, timeLimit: timeLimit, verbose: verbose, control: reporter.control)
    let replan: ReplanResult
    let budgets = try parsedSweep()
    do {
      defer { reporter.finish() }
      replan = try commandLinePlanner().replan(
        loaded, previousFolder: URL(fileURLWithPath: previous), changesFile: changes.map { URL(fileURLWithPath: $0) },
        maxMoves: maxMoves, sweep: budgets, continuity: continuity, allowOtherScenario: allowOtherScenario, options: options)
    } catch {
      printError(error.description)
      throw Exit.code(for: error)
    }
    let folder: OutputDestination = out.map { .exactly(URL(fileURLWithPath: $0)) }
      ?? PlanWriter.defaultFolder(for: loaded.name, in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    do {
      for warning in replan.warnings { printError(warning.description) }
      let written = try Planner.writeReplan(replan, to: folder, documents: documents.options)
      print(replan.text(outputFolder: written.path))
    } catch {
      printError("无法写出 cannot write the plan: \(error)")
      throw Exit.cannotCreate
    }
    if replan.result.record.outcome.status.isInfeasible { throw Exit.infeasible }
  }
}

struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "比较两个方案文件夹：按场景从各自的 plan.csv 重新计算得分并校验规则 "
      + "Compare two plan folders: scores and rule checks re-derived from their plan.csv on the scenario.")

  @Argument(help: "第一个方案文件夹 The first plan folder.")
  var planA: String
  @Argument(help: "第二个方案文件夹 The second plan folder.")
  var planB: String
  @Option(help: "场景文件夹（默认：第一个方案 summary.json 中记录的场景） The scenario folder (default: the one recorded in the first plan's summary.json).")
  var scenario: String?

  func run() throws {
    do {
      print(try Planner.compare(URL(fileURLWithPath: planA), URL(fileURLWithPath: planB), scenario: scenario.map { URL(fileURLWithPath: $0) }))
    } catch {
      printError(error.description)
      throw Exit.code(for: error)
    }
  }
}
