//===----------------------------------------------------------------------===//
// The facade for quarterly re-planning, candidate plans and plan comparison.
// It sequences: PlanReader / ChangeSetReader (DispatchIO, DispatchGenerator)
//   → Replanner / CandidateSearch (DispatchPlanning) → reports (DispatchReports).
// Nothing in a previous plan's folder is ever written.
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchGenerator
import DispatchIO
import DispatchModel
import DispatchPlanning
import DispatchReports
import Foundation
import XLSXWriter

public enum ReplanFailure: Error, Sendable, CustomStringConvertible {
  /// The previous plan or the change set is bad (every problem located).
  case input(InputErrors)
  case planning(PlanFailure)

  public var description: String {
    switch self {
    case .input(let errors): errors.issues.map(\.description).joined(separator: "\n")
    case .planning(let failure): failure.description
    }
  }
}

/// A re-planned, checked plan with its changes, figures and (optional) trade-off curve.
public struct ReplanResult: Sendable {
  public let result: PlanResult
  public let changes: [SlotChange]
  public let figures: ReplanReport.Figures
  public let sweep: [ReplanReport.SweepPoint]
  /// The scenario after the change set (what was planned).
  public let scenario: Scenario
  /// About the previous plan (files edited since it was written).
  public var warnings: [InputIssue] = []

  public var changeTable: CSVWriter {
    var table = CSVWriter(header: ReplanReport.changesHeader)
    for row in ReplanReport.changeRows(changes) { table.addRow(row) }
    return table
  }

  public var sweepTable: CSVWriter {
    var table = CSVWriter(header: ["budget", "moves", "score", "optimal", "method"])
    for p in sweep {
      table.addRow([p.label, p.moves.map(String.init) ?? "", p.score.map(String.init) ?? "", p.hasPlan ? (p.optimal ? "yes" : "no") : p.verdict, p.method])
    }
    return table
  }

  public var report: String { result.report + ReplanReport.markdown(figures, changes: changes, sweep: sweep) }

  public func text(outputFolder: String) -> String {
    var lines = [result.summary.text(outputFolder: outputFolder)]
    var counts: [SlotChange.Status: Int] = [:]
    for c in changes { counts[c.status, default: 0] += 1 }
    lines.append("  调整 replan      " + SlotChange.Status.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
      + "; moves \(figures.moves) (forced \(figures.forcedMoves), budget \(figures.maxMoves.map(String.init) ?? "none"))")
    lines.append("  延续 continuity  +\(figures.continuity) per kept pair; score given up for continuity \(figures.givenUpText)")
    lines.append(String(format: "  用时 time        replan %.3f s (%@)", figures.replanSeconds, figures.method))
    if !sweep.isEmpty { lines += ReplanReport.sweepTable(sweep) }
    return lines.joined(separator: "\n")
  }
}

/// One slot where a candidate differs from candidate 1, and what that difference costs.
public struct CandidateDifference: Sendable, Equatable {
  public var organization: OrganizationID
  public var organizationName: String
  public var role: DispatchRole
  /// Candidate 1's instructor (nil: open).
  public var firstInstructor: InstructorID?
  /// This candidate's instructor (nil: open).
  public var instructor: InstructorID?
  /// This slot's pair score minus candidate 1's (negative: the difference costs points).
  public var scoreChange: Int
}

public struct CandidatesResult: Sendable {
  public let plans: [PlanResult]
  public let candidates: [Candidate]
  public let metrics: [PlanMetrics]
  public let minimumScore: Int
  /// Most slots a candidate may change against candidate 1.
  public let maximumChanges: Int
  /// Per candidate (index as `plans`), the slots where it differs from candidate 1 (empty for candidate 1).
  public let differences: [[CandidateDifference]]
  /// Index into `plans` of the recommended candidate, by `recommendationCriterion`.
  public let recommended: Int
  public static let recommendationCriterion = "fewest blocking pairs (an organization and an instructor who both prefer each other to their plan), "
    + "then the highest score, then the lowest number"
  /// Why fewer candidates than asked exist; nil when all were found.
  public let shortfall: String?

  public var comparison: String {
    var md = ["# 候选方案比较 Candidate plans", "",
              "Quality bound: score ≥ \(minimumScore). Each candidate differs from candidate 1 in at most \(maximumChanges) slot(s), "
                + "and no two candidates change the same slot.", "",
              PlanComparison.markdown(metrics), "",
              "**推荐 Recommended: #\(recommended + 1)** — criterion: \(Self.recommendationCriterion).", ""]
    if let shortfall { md += ["> \(shortfall)", ""] }
    for (k, list) in differences.enumerated() where k > 0 {
      let total = list.reduce(0) { $0 + $1.scoreChange }
      md += ["## #\(k + 1): \(list.count) slot(s) differ from #1 (score change \(total))", "",
             "| 组织 organization | 职务 role | #1 | #\(k + 1) | 得分变化 score change |", "|---|---|---|---|---:|"]
      for d in list {
        md.append("| \(d.organization) \(d.organizationName) | \(d.role.chineseName) | \(d.firstInstructor?.rawValue ?? "空缺 open") | "
          + "\(d.instructor?.rawValue ?? "空缺 open") | \(d.scoreChange) |")
      }
      md.append("")
    }
    return md.joined(separator: "\n")
  }
}

/// A previous plan as read for re-planning.
public struct PreviousPlanInput: Sendable {
  public var pairs: [PreviousPair]
  /// The plan folder's manifest; nil when a plan.csv file was given directly.
  public var manifest: PlanManifest?
  /// Files edited since the plan was written.
  public var warnings: [InputIssue]
  /// Its solve's Lagrangian prices (summary.json `lagrangian_prices`), when it has them: the re-plan's bound starts there.
  public var lagrangianPrices: [String: Int64]? = nil
}

/// The one field of a previous plan's summary.json the re-plan reads back (a summary without it, or unreadable: nil).
private struct StoredPrices: Decodable {
  var lagrangianPrices: [String: Int64]?
  enum CodingKeys: String, CodingKey { case lagrangianPrices = "lagrangian_prices" }
}

extension Planner {
  /// Reads a previous plan, read-only: a complete plan folder (its manifest is verified: an
  /// incomplete folder is refused) or a plan.csv file given directly (taken as it is).
  public static func loadPreviousPlan(at url: URL) throws(InputErrors) -> PreviousPlanInput {
    var manifest: PlanManifest?
    var warnings: [InputIssue] = []
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
      let verified = try PlanManifest.verify(folder: url)
      manifest = verified.manifest
      warnings = verified.warnings(in: url)
    }
    let pairs = try PlanReader().read(folder: url).assigned.map {
      PreviousPair(organization: $0.organization, role: $0.role, instructor: $0.instructor!)
    }
    // A hint for the bound only (any prices give a valid bound): a summary without them, or unreadable, gives none.
    let summaryURL = planFile(url).deletingLastPathComponent().appendingPathComponent(PlanWriter.summaryFile)
    let prices = FileManager.default.contents(atPath: summaryURL.path)
      .flatMap { try? JSONDecoder().decode(StoredPrices.self, from: $0) }?.lagrangianPrices
    return PreviousPlanInput(pairs: pairs, manifest: manifest, warnings: warnings, lagrangianPrices: prices)
  }

  /// The previous plan's pairs (see `loadPreviousPlan(at:)`).
  public static func loadPrevious(folder: URL) throws(InputErrors) -> [PreviousPair] {
    try loadPreviousPlan(at: folder).pairs
  }

  /// Refuses a previous plan that is implausible for `scenario`: when it was made from other input
  /// (or its input is unknown) and fewer than half of its organizations are on the ledger.
  static func checkPlausible(_ previous: PreviousPlanInput, at url: URL, for loaded: LoadedScenario) throws(InputErrors) {
    guard previous.manifest?.inputSHA256 != loaded.inputSHA256 else { return }
    let known = Set(loaded.scenario.organizations.map(\.id))
    let organizations = Set(previous.pairs.map(\.organization))
    let onLedger = organizations.filter(known.contains).count
    guard !organizations.isEmpty, onLedger * 2 < organizations.count else { return }
    throw InputErrors(issues: [InputIssue(file: url.path, problem: .previousPlanFromAnotherScenario(
      known: onLedger, total: organizations.count, previousInput: previous.manifest?.inputSHA256 ?? "unknown", scenarioInput: loaded.inputSHA256))])
  }

  /// A file's SHA-256 (nil when it cannot be read).
  static func fileSHA256(_ url: URL) -> String? {
    guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
    var hasher = SHA256Hasher()
    hasher.update(data)
    return hasher.hexDigest()
  }

  /// The plan.csv of a previous plan given as a folder or as the file itself.
  static func planFile(_ previous: URL) -> URL {
    var isDirectory: ObjCBool = false
    let folder = FileManager.default.fileExists(atPath: previous.path, isDirectory: &isDirectory) && isDirectory.boolValue
    return folder ? previous.appendingPathComponent(PlanWriter.planFile) : previous
  }

  /// What summary.json records of a re-plan's origin: the previous plan's fingerprint (plan.csv and
  /// manifest.json hashes, its input), the change set and the bonus.
  static func origin(_ previous: URL, manifest: PlanManifest?, changesFile: URL?, continuity: Int) -> PlanSummary.ReplanOrigin {
    let manifestURL = planFile(previous).deletingLastPathComponent().appendingPathComponent(PlanManifest.fileName)
    return PlanSummary.ReplanOrigin(
      previousPlan: previous.standardizedFileURL.path, previousPlanSHA256: fileSHA256(planFile(previous)) ?? "unknown",
      previousManifestSHA256: manifest == nil ? nil : fileSHA256(manifestURL), previousInputSHA256: manifest?.inputSHA256,
      changes: changesFile?.standardizedFileURL.path, changesSHA256: changesFile.flatMap(fileSHA256), continuity: continuity)
  }

  /// Re-plans `loaded` (after `changesFile`, when given) from the plan in `previousFolder`.
  ///
  /// - Parameters:
  ///   - maxMoves: the hard move budget beyond forced moves; nil for none (continuity bonus only).
  ///   - sweep: budgets for the trade-off curve (nil = no budget); empty for none.
  ///   - continuity: the bonus; nil for the scenario's `weight_continuity`, or 30 when that is 0.
  public func replan(
    _ loaded: LoadedScenario, previousFolder: URL, changesFile: URL? = nil, maxMoves: Int? = nil, sweep: [Int?] = [],
    continuity: Int? = nil, allowOtherScenario: Bool = false, options: PlanOptions = .init()
  ) throws(ReplanFailure) -> ReplanResult {
    var scenario = loaded.scenario
    if let changesFile {
      do { scenario = try ChangeSetReader().read(changesFile, for: scenario).applied(to: scenario) } catch { throw .input(error) }
    }
    let previousInput: PreviousPlanInput
    do {
      previousInput = try Self.loadPreviousPlan(at: previousFolder)
      if !allowOtherScenario { try Self.checkPlausible(previousInput, at: previousFolder, for: loaded) }
    } catch { throw .input(error) }
    return try replan(loaded, scenario: scenario, previous: previousInput, previousName: previousFolder.path, maxMoves: maxMoves, sweep: sweep,
                      continuity: continuity, aroundChangesOnly: false, options: options) { bonus in
      Self.origin(previousFolder, manifest: previousInput.manifest, changesFile: changesFile, continuity: bonus)
    }
  }

  /// The workbench's fast path for one adjustment (a lock, a forbid, a capacity, an absence) of the
  /// plan on screen: `loaded` is the scenario with the adjustments applied, `current` the plan's pairs,
  /// already in memory (no plan folder is read). The re-plan's model (continuity bonus, keepable pairs,
  /// forced moves) is built once; the plan is `current` repaired by a MIP over the slots around the change
  /// (`Replanner.solveAroundChanges`): few moves by construction, `optimal` only when it meets the bound
  /// without the office's rules, otherwise `feasible` with that bound and its gap (the whole problem is not
  /// searched: `replan(_:previousFolder:…)` does that). No score ignoring continuity (`figures.cold` is nil:
  /// the diff shows the points each move gains or loses). Nothing is written (`Planner.writeReplan` to keep it).
  /// `currentPlan`: the plan folder or plan.csv `current` was read from, recorded in summary.json's `replan`.
  public func proposeEdit(_ loaded: LoadedScenario, current: [PreviousPair], currentPlan: URL? = nil, continuity: Int? = nil,
                          options: PlanOptions = .init()) throws(ReplanFailure) -> ReplanResult {
    try replan(loaded, scenario: loaded.scenario, previous: PreviousPlanInput(pairs: current, manifest: nil, warnings: []),
               previousName: currentPlan?.path ?? "", maxMoves: nil, sweep: [], continuity: continuity, aroundChangesOnly: true,
               options: options) { bonus in
      currentPlan.map { Self.origin($0, manifest: nil, changesFile: nil, continuity: bonus) }
    }
  }

  /// The re-plan of `scenario` (the loaded one after its changes) from `previous`. `aroundChangesOnly`: the
  /// fast path (`Replanner.solveAroundChanges`, no sweep, no budget), without the score ignoring continuity;
  /// otherwise the whole problem is solved and that score is bounded (`ColdReference`) for the points given up.
  func replan(
    _ loaded: LoadedScenario, scenario: Scenario, previous previousInput: PreviousPlanInput, previousName: String, maxMoves: Int?,
    sweep: [Int?], continuity: Int?, aroundChangesOnly: Bool, options: PlanOptions,
    origin: (_ continuity: Int) -> PlanSummary.ReplanOrigin?
  ) throws(ReplanFailure) -> ReplanResult {
    let previous = previousInput.pairs

    options.control?.begin(step: "replan", timeLimit: options.timeLimit)

    let clock = Stopwatch()
    let replanner = Replanner(solvers: solvers, builder: ProblemBuilder(scoresOnly: options.scoresOnly))
    let setup: ReplanSetup
    do { setup = try replanner.prepare(scenario, previous: previous, continuity: continuity, limits: options.limits) } catch {
      throw .planning(.building(error))
    }
    let buildSeconds = clock.seconds
    // The score ignoring continuity, bounded on the other core while the re-plan solves (ColdReference.swift).
    let coldRun = aroundChangesOnly ? nil : ColdReferenceRun { [self] in
      coldBound(scenario, options: options, start: (plan: setup.previousColumn, prices: previousInput.lagrangianPrices))
    }
    let cache = ReplanCache()
    // The previous solve's Lagrangian prices start this one's bound (LagrangianPrices). The model and the
    // forced moves count against the time limit.
    var solveLimits = options.limits
    solveLimits.timeLimit = options.timeLimit.map { max(0.5, $0 - buildSeconds) }
    solveLimits.lagrangianStart = LagrangianPrices.start(model: setup.model, columnOfRow: setup.previousColumn,
                                                         prices: previousInput.lagrangianPrices)
    let solved: ReplanSolve
    do {
      solved = aroundChangesOnly ? try replanner.solveAroundChanges(setup, choice: options.solver, limits: solveLimits)
        : try replanner.solve(setup, maxMoves: maxMoves, choice: options.solver, limits: solveLimits, cache: cache)
    } catch {
      throw .planning(.solving(error))
    }
    var points: [ReplanReport.SweepPoint] = []
    do {
      // Budgets in increasing order; a plan within a smaller budget is within every larger one,
      // so the best so far is carried up (scores never increase as the budget shrinks).
      let ordered = sweep.sorted { ($0 ?? Int.max) < ($1 ?? Int.max) }
      var bestSoFar: ReplanSolve?
      for budget in ordered {
        options.control?.begin(step: "budget " + (budget.map(String.init) ?? "all"), timeLimit: options.timeLimit)
        let label = budget.map(String.init) ?? "all"
        // Warm start: the plan of the budget below is within this one.
        var limits = solveLimits
        limits.incumbent = bestSoFar?.record.outcome.columnOfRow
        var point: ReplanSolve
        do throws(SolverError) {
          point = try replanner.solve(setup, maxMoves: budget, choice: options.solver, limits: limits, cache: cache)
        } catch where error.timeRanOut && bestSoFar == nil {
          // No plan found in time for this budget: the point says so; larger budgets are still tried.
          points.append(ReplanReport.SweepPoint(label: label, maxMoves: budget, moves: nil, score: nil, optimal: false, method: "time limit"))
          continue
        }
        if let best = bestSoFar, best.record.outcome.objective > point.record.outcome.objective { point = best }
        if point.record.outcome.status.isInfeasible {
          // No plan keeps within this budget (proven): never an empty assignment's figures.
          points.append(ReplanReport.SweepPoint(label: label, maxMoves: budget, moves: nil, score: nil, optimal: true, method: point.method))
          continue
        }
        bestSoFar = point
        points.append(ReplanReport.SweepPoint(
          label: label, maxMoves: budget, moves: point.moves, score: Int(point.record.outcome.objective.score),
          optimal: point.record.outcome.status.isOptimal, method: point.method))
      }
    } catch {
      throw .planning(.solving(error))
    }
    var record = solved.record
    // No plan at all (locks against the hard rules): infeasible input, exit 65, as for `plan`.
    do { try settleInfeasible(&record, model: setup.model, options: options) } catch { throw .planning(error) }
    let violations = record.violations
    guard violations.isEmpty else { throw .planning(.checkFailed(solver: record.outcome.solverName, violations: violations)) }
    record.reason += "; replan: " + solved.method
    if let repaired = cache.repairedPrevious {
      record.reason += "; warm start: the previous plan repaired over \(repaired.freeRows) of \(setup.model.problem.rowCount) slots"
        + (repaired.optimalInNeighbourhood ? " (the best plan that changes only those)" : "") + String(format: " in %.1f s", repaired.seconds)
    }
    let plan = PlanDecoder.decode(record.outcome.columnOfRow, model: setup.model)
    let continuityPoints = plan.assignments.flatMap(\.breakdown).filter { $0.kind == .continuity }.reduce(0) { $0 + $1.points }
    // The score ignoring continuity: bounded (or exact when cheap), never a second full solve.
    if coldRun != nil { options.control?.enter(.bounding) }
    let cold = coldRun?.result(reached: Int64(plan.totalScore - continuityPoints))
    let replanTotal = clock.seconds
    let timings = PlanSummary.Timings(read: loaded.seconds, build: buildSeconds, solve: record.seconds,
                                      check: record.checkSeconds, total: loaded.seconds + replanTotal)
    var summary: PlanSummary
    do { summary = try PlanSummary(scenarioName: loaded.name, model: setup.model, plan: plan, record: record, inputSHA256: loaded.inputSHA256, timings: timings) }
    catch { throw .planning(.building(error)) }
    summary.replan = origin(setup.continuity)
    let result = PlanResult(model: setup.model, record: record, plan: plan, summary: summary)
    let figures = ReplanReport.Figures(
      previousFolder: previousName, previousInputSHA256: previousInput.manifest?.inputSHA256, continuity: setup.continuity,
      keepable: setup.keepable, forcedMoves: setup.forcedMoves, maxMoves: maxMoves, moves: solved.moves, method: solved.method,
      score: plan.totalScore, cold: cold, scoreWithoutContinuity: plan.totalScore - continuityPoints, replanSeconds: replanTotal)
    return ReplanResult(result: result, changes: Replanner.changes(setup, previous: previous, columnOfRow: record.outcome.columnOfRow),
                        figures: figures, sweep: points, scenario: scenario, warnings: previousInput.warnings)
  }

  /// K candidate plans within `within` (a fraction) of the optimum; each other than the first differs from it in at most
  /// `maximumChanges` slots, and no two change the same slot (`CandidateSearch`).
  public func candidates(_ loaded: LoadedScenario, count: Int, within: Double, maximumChanges: Int = 3,
                         options: PlanOptions = .init()) throws(PlanFailure) -> CandidatesResult {
    options.control?.begin(step: "candidates", timeLimit: options.timeLimit)
    let model: PlanningModel
    do { model = try ProblemBuilder(scoresOnly: options.scoresOnly).build(loaded.scenario) } catch { throw .building(error) }
    let set: CandidateSet
    do {
      set = try CandidateSearch(solvers: solvers, maximumChanges: maximumChanges)
        .candidates(model.problem, count: count, within: within, choice: options.solver, limits: options.limits)
    } catch {
      throw .solving(error)
    }
    let found = set.candidates
    var plans: [PlanResult] = []
    var metrics: [PlanMetrics] = []
    let optimum = Int(found[0].record.outcome.objective.score)
    for candidate in found {
      var record = candidate.record
      guard record.violations.isEmpty else { throw .checkFailed(solver: record.outcome.solverName, violations: record.violations) }
      if candidate.number > 1 { record.reason += "; candidate \(candidate.number): candidate 1 with \(candidate.changedRows.count) slot(s) changed" }
      let plan = PlanDecoder.decode(record.outcome.columnOfRow, model: model)
      let timings = PlanSummary.Timings(read: loaded.seconds, build: 0, solve: record.seconds, check: record.checkSeconds, total: record.seconds)
      let summary: PlanSummary
      do { summary = try PlanSummary(scenarioName: loaded.name, model: model, plan: plan, record: record, inputSHA256: loaded.inputSHA256, timings: timings) }
      catch { throw .building(error) }
      plans.append(PlanResult(model: model, record: record, plan: plan, summary: summary))
      metrics.append(PlanComparison.metrics(name: "#\(candidate.number)", plan: plan, model: model, optimum: optimum, first: plans.first?.plan))
    }
    metrics[0].differentFromFirst = nil
    let problem = model.problem
    let firstPlan = found[0].record.outcome.columnOfRow
    func score(_ row: Int, _ column: Int32) -> Int {
      column < 0 ? 0 : Int(problem.arcIndex(row: row, column: Int(column)).map { problem.arcScores[$0] } ?? 0)
    }
    let differences = found.map { candidate in
      candidate.changedRows.map { row in
        let slot = model.slots[row], organization = model.scenario.organizations[slot.organization]
        let column = candidate.record.outcome.columnOfRow[row]
        return CandidateDifference(
          organization: organization.id, organizationName: organization.name, role: slot.role,
          firstInstructor: firstPlan[row] < 0 ? nil : model.scenario.instructors[Int(firstPlan[row])].id,
          instructor: column < 0 ? nil : model.scenario.instructors[Int(column)].id,
          scoreChange: score(row, column) - score(row, firstPlan[row]))
      }
    }
    let recommended = metrics.indices.min { a, b in
      (metrics[a].blockingPairs, -metrics[a].score, a) < (metrics[b].blockingPairs, -metrics[b].score, b)
    } ?? 0
    return CandidatesResult(plans: plans, candidates: found, metrics: metrics,
                            minimumScore: Int(CandidateSearch.minimumScore(optimum: Int64(optimum), within: within)),
                            maximumChanges: maximumChanges, differences: differences, recommended: recommended, shortfall: set.shortfall)
  }

  /// Writes the candidates: `folder/candidate-<k>/` plan folders, `folder/comparison.md` and the candidates workbook.
  @discardableResult
  public static func writeCandidates(_ result: CandidatesResult, to folder: URL, documents: DocumentOptions = .init()) throws(OutputError) -> URL {
    try writeCandidates(result, to: .exactly(folder), documents: documents)
  }

  /// Writes the candidates as one new folder at `destination` (each candidate a complete plan folder inside).
  @discardableResult
  public static func writeCandidates(
    _ result: CandidatesResult, to destination: OutputDestination, documents: DocumentOptions = .init()
  ) throws(OutputError) -> URL {
    try OutputFolder.build(destination, manifest: result.plans.first.map(PlanWriter.manifest)) { output throws(OutputError) in
      try output.write(Data(result.comparison.utf8), named: "comparison.md")
      let workbookName = CandidateWorkbook.fileName(documents.language)
      do {
        try output.write(CandidateWorkbook.data(result.metrics, minimumScore: result.minimumScore, language: documents.language), named: workbookName)
      } catch let error as XLSXError {
        throw .cannotWriteFile(path: output.url.appendingPathComponent(workbookName).path, reason: error.description)
      } catch let error as OutputError {
        throw error
      } catch {
        throw .cannotWriteFile(path: output.url.appendingPathComponent(workbookName).path, reason: "\(error)")
      }
      for (k, plan) in result.plans.enumerated() {
        try PlanWriter.write(plan, to: output.url.appendingPathComponent("candidate-\(k + 1)", isDirectory: true), documents: documents)
      }
    }
  }

  /// Writes a re-planned folder: plan.csv, summary.json, report.md (with the re-planning section),
  /// changes.csv, with a sweep sweep.csv, the office's documents, and manifest.json.
  @discardableResult
  public static func writeReplan(_ replan: ReplanResult, to folder: URL, documents: DocumentOptions = .init()) throws(OutputError) -> URL {
    try writeReplan(replan, to: .exactly(folder), documents: documents)
  }

  /// Writes a re-planned folder at `destination` (see `writeReplan(_:to:documents:)`).
  @discardableResult
  public static func writeReplan(
    _ replan: ReplanResult, to destination: OutputDestination, documents: DocumentOptions = .init()
  ) throws(OutputError) -> URL {
    let summary = try PlanWriter.summaryJSON(replan.result.summary)
    let documentFiles = try PlanDocuments.files(replan.result, replan: replan, options: documents)
    return try OutputFolder.build(destination, manifest: PlanWriter.manifest(replan.result)) { output throws(OutputError) in
      try output.write(replan.result.table, named: PlanWriter.planFile)
      try output.write(summary, named: PlanWriter.summaryFile)
      try output.write(Data(replan.report.utf8), named: PlanWriter.reportFile)
      try output.write(replan.changeTable, named: "changes.csv")
      if !replan.sweep.isEmpty { try output.write(replan.sweepTable, named: "sweep.csv") }
      for file in documentFiles { try output.write(file.data, named: file.name) }
    }
  }

  /// The model a re-plan was scored on: `base` after its change set, with the continuity bonus for
  /// the pairs of the previous plan `origin` names; `plain` (and a note why) when either cannot be
  /// had as recorded (moved, unreadable, or edited since: its SHA-256 differs).
  static func replanModel(_ origin: PlanSummary.ReplanOrigin, base: Scenario, plain: PlanningModel, scoresOnly: Bool)
    -> (PlanningModel, [String]) {
    let previousURL = URL(fileURLWithPath: origin.previousPlan)
    guard fileSHA256(planFile(previousURL)) == origin.previousPlanSHA256,
          let previous = try? loadPreviousPlan(at: previousURL).pairs else {
      return (plain, ["上期方案不可用 the previous plan \(origin.previousPlan) is gone or changed since the re-plan: "
        + "the continuity bonus (+\(origin.continuity) per kept pair) is not re-derived; scores shown without it"])
    }
    var scenario = base
    if let changes = origin.changes {
      let url = URL(fileURLWithPath: changes)
      guard fileSHA256(url) == origin.changesSHA256, let set = try? ChangeSetReader().read(url, for: base) else {
        return (plain, ["变动表不可用 the change set \(changes) is gone or changed since the re-plan: scores shown on the scenario as it is, without the bonus"])
      }
      scenario = set.applied(to: base)
    }
    let replanner = Replanner(solvers: Planner.standardSolvers, builder: ProblemBuilder(scoresOnly: scoresOnly))
    // Scoring a plan as it was made: the forced-move solve is pure (the native solver, a fraction of a second).
    guard let setup = try? replanner.prepare(scenario, previous: previous, continuity: origin.continuity, limits: .none) else {
      return (plain, ["the re-plan's model cannot be rebuilt: scores shown without the continuity bonus"])
    }
    return (setup.model, ["再规划 a re-plan of \(origin.previousPlan): scored with its continuity bonus (+\(origin.continuity) per kept pair)"
      + (origin.changes.map { " after \($0)" } ?? "")])
  }

  /// The comparison of two plan folders, re-derived from their plan.csv on `scenarioFolder`
  /// (default: the scenario recorded in the first plan's summary.json): scores, coverage,
  /// wishes, loads and every broken rule, whatever summary.json says (it may predate a hand
  /// edit). Read-only. Refuses an incomplete folder (no manifest, a listed file missing).
  public static func compare(_ a: URL, _ b: URL, scenario scenarioFolder: URL? = nil) throws(ReplanFailure) -> String {
    var notes: [String] = []
    var plans: [(name: String, lines: [PlanLine], summary: PlanSummary?, edited: [String])] = []
    for folder in [a, b] {
      var edited: [String] = []
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue {
        do { edited = try PlanManifest.verify(folder: folder).edited } catch { throw .input(error) }
      }
      let read: PreviousPlan
      do { read = try PlanReader().read(folder: folder) } catch { throw .input(error) }
      let summaryURL = folder.appendingPathComponent(PlanWriter.summaryFile)
      let summary = FileManager.default.contents(atPath: summaryURL.path).flatMap { try? JSONDecoder().decode(PlanSummary.self, from: $0) }
      let lines = read.assigned.map { PlanLine(line: $0.line, organization: $0.organization, role: $0.role, instructor: $0.instructor!) }
      plans.append((folder.lastPathComponent, lines, summary, edited))
    }
    guard let scenarioURL = scenarioFolder ?? plans.compactMap({ $0.summary?.scenarioPath }).first.map({ URL(fileURLWithPath: $0) }) else {
      throw .input(InputErrors(issues: [InputIssue(file: a.path, problem: .unreadableFile(
        reason: "the scenario is unknown: give it with --scenario DIR / 无法确定场景，请用 --scenario 指定"))]))
    }
    let loaded: LoadedScenario
    do { loaded = try Planner.load(folder: scenarioURL) } catch { throw .input(error) }
    let plainModel: PlanningModel
    do { plainModel = try ProblemBuilder(scoresOnly: plans[0].summary?.scoresOnly ?? false).build(loaded.scenario) } catch {
      throw .planning(.building(error))
    }
    var metrics: [PlanMetrics] = []
    var first: DispatchPlan?
    var checks: [String] = []
    for entry in plans {
      // A re-plan is scored as it was made: its change set applied and its continuity bonus
      // re-derived from the previous plan its summary.json names (when that is still there, unedited).
      var model = plainModel
      var originNotes: [String] = []
      if let origin = entry.summary?.replan {
        (model, originNotes) = replanModel(origin, base: loaded.scenario, plain: plainModel, scoresOnly: entry.summary?.scoresOnly ?? false)
      }
      let checked = CheckedPlan(lines: entry.lines, model: model)
      let plan = PlanDecoder.decode(checked.columnOfRow, model: model)
      metrics.append(PlanComparison.metrics(name: entry.name, plan: plan, model: model, optimum: nil, first: first))
      if first == nil { first = plan }
      checks.append("### \(entry.name)")
      checks.append("")
      for file in entry.edited { checks.append("- \(file): 方案生成后被修改 changed after the plan was written; figures re-derived from it") }
      checks += originNotes.map { "- " + $0 }
      if let summary = entry.summary {
        if summary.inputSHA256 != loaded.inputSHA256 {
          checks.append("- 台账已变化 made from another version of the ledger (input \(summary.inputSHA256.prefix(12))…, now \(loaded.inputSHA256.prefix(12))…)")
        }
        if summary.objective != plan.totalScore {
          checks.append("- summary.json says score \(summary.objective); plan.csv gives \(plan.totalScore) (shown above)")
        }
      }
      if checked.findings.isEmpty {
        checks.append("- 校验通过 every rule holds")
      } else {
        checks.append("- 违反规则 \(checked.findings.count) problem(s):")
        for finding in checked.findings { checks.append("  - \(finding)") }
      }
      checks.append("")
    }
    metrics[0].differentFromFirst = nil
    let best = metrics.map(\.score).max() ?? 0
    for k in metrics.indices { metrics[k].gap = Double(best - metrics[k].score) / Double(max(1, abs(best))) }
    notes.append("scenario: `\(scenarioURL.path)`; scores and checks re-derived from each plan.csv (gap: to the better of the two)")
    return "# 方案比较 Plan comparison\n\n(" + notes.joined(separator: "; ") + ")\n\n" + PlanComparison.markdown(metrics)
      + "\n\n## 校验 Checks\n\n" + checks.joined(separator: "\n") + "\n"
  }
}
