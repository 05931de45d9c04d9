import ArgumentParser
import DispatchPlanner
import DispatchPlanning
import Foundation

extension SolverChoice: ExpressibleByArgument {}

struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Solve a scenario and write a new plan folder (plan.csv, summary.json, report.md, 方案.xlsx, report.html, notices.html).")

  @Argument(help: "The scenario folder (format v1).")
  var scenario: String

  @Option(help: "The new folder to write (default: plans/<scenario>-<n>). It must not exist.")
  var out: String?

  @Option(help: "auto (fastest exact back end, with fallback), native, glpk or native-repair (feasible, not proven optimal).")
  var solver: SolverChoice = .auto

  @Flag(help: "Only the pairs in scores.csv are eligible, scored exactly as given.")
  var scoresOnly = false

  @Option(help: "Seconds a back end may run before it returns its best plan and bound.")
  var timeLimit: Double = 60

  @Option(help: "Relative MIP gap at which GLPK may stop (0 = prove optimality).")
  var gap: Double = 0

  @Flag(help: "Show GLPK's own output.")
  var verbose = false

  @OptionGroup var documents: DocumentFlags

  @Option(help: "Write K candidate plans (candidate-<k>/ and comparison.md), each within --within of the optimum.")
  var candidates: Int?

  @Option(help: "With --candidates: most organizations (slots) a candidate may change against candidate 1.")
  var maxChanges: Int = 3

  @OptionGroup var progressOptions: ProgressOptions

  @Option(help: "Quality bound of the candidates: a fraction or a percentage of the optimum score (2% or 0.02).")
  var within: String = "2%"

  func withinFraction() throws -> Double {
    let text = within.trimmingCharacters(in: .whitespaces)
    let value = text.hasSuffix("%") ? Double(text.dropLast()).map { $0 / 100 } : Double(text)
    guard let value, (0...1).contains(value) else { throw ValidationError("--within must be a fraction in [0, 1] or a percentage") }
    return value
  }

  func validate() throws {
    guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive") }
    guard (0..<1).contains(gap) else { throw ValidationError("--gap must be in [0, 1)") }
    if let candidates, candidates < 1 { throw ValidationError("--candidates must be ≥ 1") }
    guard maxChanges >= 1 else { throw ValidationError("--max-changes must be ≥ 1") }
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
      result = try Planner().plan(loaded, options: options)
      reporter.finish()
    } catch {
      reporter.finish()
      printError(error.description)
      if case .solving(let e) = error, e.stoppedWithoutPlan { throw Exit.interrupted }
      if case .building = error { throw Exit.dataError }
      throw Exit.software
    }
    let folder = out.map { URL(fileURLWithPath: $0) }
      ?? PlanWriter.defaultFolder(for: loaded.name, in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    do {
      let written = try PlanWriter.write(result, to: folder, documents: documents.options)
      print(result.summary.text(outputFolder: written.path))
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
      result = try Planner().candidates(loaded, count: count, within: within, maximumChanges: maxChanges, options: options)
    } catch {
      printError(error.description)
      if case .building = error { throw Exit.dataError }
      throw Exit.software
    }
    let folder = out.map { URL(fileURLWithPath: $0) }
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
