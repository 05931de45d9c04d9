//===----------------------------------------------------------------------===//
// The facade for one adjustment of a plan (the workbench's lock / forbid / capacity /
// absent): the adjusted scenario re-planned from the previous plan with the replan
// machinery (continuity bonus, warm start from the previous plan), so the fewest
// people move — without `replan`'s extra cold solve of the whole scenario, which
// only reports the score a free re-plan would reach and would double the wait.
// The plan folder it writes has the same files as `replan`'s.
//===----------------------------------------------------------------------===//
import DispatchIO
import DispatchModel
import DispatchPlanning
import DispatchReports
import Foundation

/// An adjusted plan: the checked plan (scored with continuity), what changed, how many moved.
public struct AdjustResult: Sendable {
  public let result: PlanResult
  public let changes: [SlotChange]
  public let moves: Int
  public let method: String
  /// The plan's score without its continuity points (the office's points).
  public let scoreWithoutContinuity: Int
  public let seconds: Double
}

extension Planner {
  /// Re-plans `loaded` (already adjusted) from the plan in `previousFolder`, continuity bonus only.
  public func adjust(_ loaded: LoadedScenario, previousFolder: URL, options: PlanOptions = .init()) throws(ReplanFailure) -> AdjustResult {
    let start = Date()
    options.control?.begin(step: "adjustment", timeLimit: options.timeLimit)
    options.control?.enter(.building)
    let previous: [PreviousPair]
    do { previous = try Self.loadPrevious(folder: previousFolder) } catch { throw .input(error) }
    let replanner = Replanner(solvers: solvers, builder: ProblemBuilder(scoresOnly: options.scoresOnly))
    let setup: ReplanSetup
    do { setup = try replanner.prepare(loaded.scenario, previous: previous) } catch { throw .planning(.building(error)) }
    let built = Date()
    options.control?.enter(.relaxation)
    let solved: ReplanSolve
    do { solved = try replanner.solve(setup, maxMoves: nil, choice: options.solver, limits: options.limits) } catch {
      throw .planning(.solving(error))
    }
    let violations = solved.record.outcome.status.isInfeasible
      ? solved.record.violations.filter { if case .uncoveredRow = $0 { false } else { true } } : solved.record.violations
    guard violations.isEmpty else { throw .planning(.checkFailed(solver: solved.record.outcome.solverName, violations: violations)) }
    var record = solved.record
    record.reason += "; adjustment re-plan: " + solved.method
    let plan = PlanDecoder.decode(record.outcome.columnOfRow, model: setup.model)
    let seconds = Date().timeIntervalSince(start)
    let timings = PlanSummary.Timings(read: loaded.seconds, build: built.timeIntervalSince(start), solve: record.seconds,
                                      check: record.checkSeconds, total: loaded.seconds + seconds)
    let summary = PlanSummary(scenarioName: loaded.name, model: setup.model, plan: plan, record: record, inputSHA256: loaded.inputSHA256,
                              timings: timings, scenarioPath: loaded.folder.path)
    let continuityPoints = plan.assignments.flatMap(\.breakdown).filter { $0.kind == .continuity }.reduce(0) { $0 + $1.points }
    return AdjustResult(
      result: PlanResult(model: setup.model, record: record, plan: plan, summary: summary),
      changes: Replanner.changes(setup, previous: previous, columnOfRow: record.outcome.columnOfRow),
      moves: solved.moves, method: solved.method, scoreWithoutContinuity: plan.totalScore - continuityPoints, seconds: seconds)
  }

  /// Writes an adjusted plan's folder: plan.csv, summary.json, report.md, changes.csv and the office's documents.
  @discardableResult
  public static func writeAdjusted(_ adjusted: AdjustResult, to folder: URL, documents: DocumentOptions = .init()) throws(OutputError) -> URL {
    let summary = try PlanWriter.summaryJSON(adjusted.result.summary)
    let documentFiles = try PlanDocuments.files(adjusted.result, options: documents)
    let output = try OutputFolder.create(at: folder)
    try output.write(adjusted.result.table, named: PlanWriter.planFile)
    try output.write(summary, named: PlanWriter.summaryFile)
    try output.write(Data(adjusted.result.report.utf8), named: PlanWriter.reportFile)
    var changes = CSVWriter(header: ReplanReport.changesHeader)
    for row in ReplanReport.changeRows(adjusted.changes) { changes.addRow(row) }
    try output.write(changes, named: "changes.csv")
    for file in documentFiles { try output.write(file.data, named: file.name) }
    return output.url
  }
}
