import ArgumentParser
import DispatchPlanner
import DispatchPlanning
import Foundation

struct ReplanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "replan",
    abstract: "Re-plan a scenario from a previous plan (quarterly adjustment), with a continuity bonus and a move budget.")

  @Argument(help: "The scenario folder (format v1).")
  var scenario: String

  @OptionGroup var documents: DocumentFlags

  @Option(help: "The previous plan folder (its plan.csv is read; nothing there is modified).")
  var previous: String

  @Option(help: "A changes.csv to apply to the scenario first.")
  var changes: String?

  @Option(help: "Hard budget: at most N reassignments beyond the unavoidable ones (0 keeps everything that can be kept).")
  var maxMoves: Int?

  @Option(help: "Trade-off curve: comma-separated budgets, e.g. 0,5,10,20,all.")
  var sweep: String?

  @Option(help: "Continuity bonus per kept pair (default: settings weight_continuity, or 30 when it is 0).")
  var continuity: Int?

  @Option(help: "The new folder to write (default: plans/<scenario>-<n>). It must not exist.")
  var out: String?

  @Option(help: "auto, native or glpk.")
  var solver: SolverChoice = .auto

  @Option(help: "Seconds a back end may run.")
  var timeLimit: Double = 60

  @OptionGroup var progressOptions: ProgressOptions

  func parsedSweep() throws -> [Int?] {
    guard let sweep else { return [] }
    return try sweep.split(separator: ",").map { item -> Int? in
      let text = item.trimmingCharacters(in: .whitespaces)
      if text == "all" { return nil }
      guard let n = Int(text), n >= 0 else { throw ValidationError("--sweep: \"\(text)\" is not a whole number ≥ 0 or all") }
      return n
    }
  }

  func validate() throws {
    if let maxMoves, maxMoves < 0 { throw ValidationError("--max-moves must be ≥ 0") }
    _ = try parsedSweep()
  }

  func run() throws {
    let loaded = try loadScenarioOrExit(scenario)
    let reporter = ProgressReporter(progressOptions)
    let options = PlanOptions(solver: solver, timeLimit: timeLimit, control: reporter.control)
    let replan: ReplanResult
    let budgets = try parsedSweep()
    do {
      defer { reporter.finish() }
      replan = try Planner().replan(
        loaded, previousFolder: URL(fileURLWithPath: previous), changesFile: changes.map { URL(fileURLWithPath: $0) },
        maxMoves: maxMoves, sweep: budgets, continuity: continuity, options: options)
    } catch {
      printError(error.description)
      if case .planning(.solving(let e)) = error, e.stoppedWithoutPlan { throw Exit.interrupted }
      switch error {
      case .input: throw Exit.dataError
      case .planning(.building): throw Exit.dataError
      case .planning: throw Exit.software
      }
    }
    let folder = out.map { URL(fileURLWithPath: $0) }
      ?? PlanWriter.defaultFolder(for: loaded.name, in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    do {
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
    commandName: "compare", abstract: "Compare two plan folders (their plan.csv and summary.json).")

  @Argument(help: "The first plan folder.")
  var planA: String
  @Argument(help: "The second plan folder.")
  var planB: String

  func run() throws {
    do {
      print(try Planner.compare(URL(fileURLWithPath: planA), URL(fileURLWithPath: planB)))
    } catch {
      for issue in error.issues { printError(issue.description) }
      throw Exit.dataError
    }
  }
}
