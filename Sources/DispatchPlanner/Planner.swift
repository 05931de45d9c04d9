//===----------------------------------------------------------------------===//
// The facade: scenario in, checked plan out. The CLI and the benchmark call
// only this; it owns no algorithm, it sequences the layers below:
//   ProblemBuilder (scores, rules → AssignmentProblem)
//   → SolverSelection (native / GLPK, fallback, independent check)
//   → PlanDecoder (rows → organizations and instructors, reasons for open slots)
//   → PlanSummary, PlanTable, MarkdownReport.
// A plan that fails the independent check is never returned, so it can never
// be written.
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchIO
import DispatchModel
import DispatchPlanning
import DispatchReports
import Foundation
import GLPKBackend
import HybridSolver
import NativeSolver
import RuleHeuristics

/// What the user chose for one `plan` run.
public struct PlanOptions: Sendable {
  public var solver: SolverChoice = .auto
  /// Only the pairs of `scores.csv` are eligible, with exactly their given score.
  public var scoresOnly = false
  /// Seconds a back end may run (GLPK's MIP stops there with its best plan and bound).
  public var timeLimit: Double? = 60
  /// Relative MIP gap at which GLPK may stop (0 = prove optimality).
  public var relativeGap: Double = 0
  /// Show GLPK's own output on the terminal.
  public var verbose = false
  /// Progress reports and the stop button: `SolveControl(observer:)` receives a `SolveProgress` on
  /// every change (phase, best plan, bound); `cancel()` ends the solve with its best plan so far.
  public var control: SolveControl?
  /// The step name progress reports carry (set by multi-solve commands: "cold plan", "budget 5"…).
  var progressStep: String?

  public init(solver: SolverChoice = .auto, scoresOnly: Bool = false, timeLimit: Double? = 60, relativeGap: Double = 0, verbose: Bool = false,
              control: SolveControl? = nil) {
    self.solver = solver
    self.scoresOnly = scoresOnly
    self.timeLimit = timeLimit
    self.relativeGap = relativeGap
    self.verbose = verbose
    self.control = control
  }

  var limits: SolveLimits { SolveLimits(timeLimit: timeLimit, relativeGap: relativeGap, verbose: verbose, control: control) }
}

/// A solved, checked plan and everything written about it.
public struct PlanResult: Sendable {
  public let model: PlanningModel
  public let record: SolveRecord
  public let plan: DispatchPlan
  public let summary: PlanSummary

  /// `plan.csv`: every slot, assigned or open, with its score breakdown.
  public var table: CSVWriter {
    var table = CSVWriter(header: PlanTable.header(for: model.scenario))
    for row in PlanTable.rows(plan, model: model) { table.addRow(row) }
    return table
  }

  /// `report.md`.
  public var report: String { MarkdownReport.render(summary: summary, plan: plan, model: model) }
}

/// Why `Planner.plan` produced no plan.
public enum PlanFailure: Error, Sendable, CustomStringConvertible {
  /// The scenario cannot be turned into an assignment problem.
  case building(PlanningError)
  /// Every back end that was tried failed.
  case solving(SolverError)
  /// A back end returned an assignment the independent checker rejects: a bug, never written.
  case checkFailed(solver: String, violations: [SolutionChecker.Violation])

  public var description: String {
    switch self {
    case .building(let error): "无法建立模型 cannot build the problem: \(error)"
    case .solving(let error): "求解失败 solving failed: \(error)"
    case .checkFailed(let solver, let violations):
      "校验失败 the \(solver) plan failed the independent check (not written): "
        + violations.prefix(5).map(\.description).joined(separator: "; ")
    }
  }
}

public struct Planner: Sendable {
  public let solvers: SolverSelection

  /// The product's back ends: the native shortest-augmenting-path solver, GLPK, GLPK
  /// warm-started from the native relaxation, and the native repair as the last fallback
  /// for loads and side rules.
  public static let standardSolvers = SolverSelection(
    native: ShortestAugmentingPathSolver(), glpk: GLPKSolver(), repair: RuleRepairSolver(),
    warmGLPK: WarmStartedMIPSolver(pure: ShortestAugmentingPathSolver(), mip: GLPKSolver()))

  public init(solvers: SolverSelection = Planner.standardSolvers) {
    self.solvers = solvers
  }

  /// Plans a scenario read by `Planner.load`, recording its folder for `dispatch explain`.
  public func plan(_ loaded: LoadedScenario, options: PlanOptions = .init()) throws(PlanFailure) -> PlanResult {
    try plan(loaded.scenario, name: loaded.name, inputSHA256: loaded.inputSHA256, readSeconds: loaded.seconds,
             scenarioPath: loaded.folder.path, options: options)
  }

  /// The best plan when coverage is maximised instead of required (the same problem otherwise).
  func bestPartialPlan(_ problem: AssignmentProblem, options: PlanOptions) throws(PlanFailure) -> SolveRecord {
    let partial: AssignmentProblem
    do {
      partial = try AssignmentProblem(rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: problem.allArcs,
                                      locks: problem.locks, coverage: .maximize, sideRules: problem.sideRules)
    } catch {
      throw .building(.invalidModel(error.description))
    }
    do { return try solvers.solve(partial, choice: options.solver, limits: options.limits) } catch { throw .solving(error) }
  }

  /// An infeasible solve, settled (plan and replan alike). Full coverage required but impossible:
  /// the best partial plan (a MIP back end returns none) takes its place, its open rows the
  /// finding, not a violation. When a problem that maximises coverage (or that partial plan) has
  /// no plan at all, only the locks against the hard rules can cause it (those `RuleContradiction`
  /// names are refused earlier): infeasible input (`noPlanAtAll`, exit 65), never a failed check.
  func settleInfeasible(_ record: inout SolveRecord, model: PlanningModel, options: PlanOptions) throws(PlanFailure) {
    guard record.outcome.status.isInfeasible else { return }
    if !record.outcome.columnOfRow.contains(where: { $0 >= 0 }) {
      let partial = model.problem.coverage == .requireAll ? try bestPartialPlan(model.problem, options: options) : record
      let broken = partial.violations.contains { if case .uncoveredRow = $0 { false } else { true } }
      if partial.outcome.status.isInfeasible && broken {
        throw .building(.contradictions([.noPlanAtAll(rules: RuleCatalog.inForce(model.scenario.settings).map(\.key))]))
      }
      record.outcome.columnOfRow = partial.outcome.columnOfRow
      record.outcome.objective = SolutionChecker.objective(of: record.outcome.columnOfRow, in: model.problem)
      record.violations = SolutionChecker.violations(record.outcome.columnOfRow, in: model.problem)
    }
    record.violations.removeAll { if case .uncoveredRow = $0 { true } else { false } }
  }

  /// Why full coverage is impossible, when it is: the solver's uncoverable rows, or
  /// (when a MIP gives none) the pure relaxation's Hall violator found natively.
  func diagnosis(_ outcome: AssignmentOutcome, _ model: PlanningModel) -> InfeasibilityDiagnosis? {
    guard case .infeasible(var rows) = outcome.status else { return nil }
    if rows.isEmpty { rows = ((try? RuleRepairSolver().uncoverableRows(of: model.problem)) ?? nil) ?? [] }
    return InfeasibilityDiagnosis.diagnose(uncoverable: rows, model: model)
  }

  /// Builds, solves, checks and decodes one plan.
  ///
  /// - Parameters:
  ///   - name: the scenario's name for reports (usually its folder name).
  ///   - inputSHA256: the digest of the input files, recorded in `summary.json`.
  ///   - readSeconds: time already spent reading the input, for the timings.
  ///   - scenarioPath: the scenario folder, recorded in `summary.json` for `dispatch explain`.
  public func plan(
    _ scenario: Scenario, name: String, inputSHA256: String, readSeconds: Double = 0, scenarioPath: String? = nil,
    options: PlanOptions = .init()
  ) throws(PlanFailure) -> PlanResult {
    let clock = Stopwatch()
    options.control?.begin(step: options.progressStep, timeLimit: options.timeLimit)
    options.control?.enter(.building)
    let model: PlanningModel
    do { model = try ProblemBuilder(scoresOnly: options.scoresOnly).build(scenario) } catch { throw .building(error) }
    let buildSeconds = clock.seconds
    var record: SolveRecord
    do { record = try solvers.solve(model.problem, choice: options.solver, limits: options.limits) } catch { throw .solving(error) }
    try settleInfeasible(&record, model: model, options: options)
    let violations = record.violations
    guard violations.isEmpty else { throw .checkFailed(solver: record.outcome.solverName, violations: violations) }
    options.control?.record(best: record.outcome.objective, bound: record.outcome.bound)
    options.control?.enter(.writing)
    let plan = PlanDecoder.decode(record.outcome.columnOfRow, model: model)
    let timings = PlanSummary.Timings(
      read: readSeconds, build: buildSeconds, solve: record.seconds, check: record.checkSeconds,
      total: readSeconds + clock.seconds)
    let summary: PlanSummary
    do {
      summary = try PlanSummary(scenarioName: name, model: model, plan: plan, record: record, inputSHA256: inputSHA256, timings: timings,
                                scenarioPath: scenarioPath, scoresOnly: options.scoresOnly, infeasibility: diagnosis(record.outcome, model))
    } catch { throw .building(error) }
    return PlanResult(model: model, record: record, plan: plan, summary: summary)
  }
}
