// Issue 14's faster re-plan: the forced-move solve and every fallback keep the command's time limit
// (typed facts: the limit each back end received, never a timing); a plan's Lagrangian prices
// (summary.json) round-trip onto the next problem; the re-plan started from them proves the same
// objective as without them and as plain GLPK (the oracle) on small random scenarios with rules.
import AssignmentCore
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import DispatchReports
import DispatchTestSupport
import Foundation
import Synchronization
import Testing

/// A back end that records the time limit of every call, then solves with `inner` (or fails).
final class LimitRecordingSolver: AssignmentSolver {
  let inner: any AssignmentSolver
  let fails: Bool
  let limits = Mutex<[Double?]>([])
  init(_ inner: any AssignmentSolver, fails: Bool = false) {
    self.inner = inner
    self.fails = fails
  }
  var name: String { fails ? "failing" : "recording" }
  var capabilities: SolverCapabilities { inner.capabilities }
  func solve(_ problem: AssignmentProblem, limits given: SolveLimits) throws(SolverError) -> AssignmentOutcome {
    limits.withLock { $0.append(given.timeLimit) }
    if fails { throw .libraryFailure(solver: name, code: 1, message: "fails on purpose") }
    return try inner.solve(problem, limits: given)
  }
}

@Suite struct ReplanSpeedTests {
  let planner = Planner()

  static func previousPairs(_ plan: PlanResult) -> [PreviousPair] {
    plan.plan.assignments.map { PreviousPair(organization: $0.organization, role: $0.role, instructor: $0.instructor) }
  }

  /// `Replanner.prepare`'s forced-move solve gets the caller's time limit (it had 60 s whatever the command said).
  @Test func forcedMoveSolveReceivesTheCallersLimit() throws {
    let scenario = ReplanFastPathTests.randomScenario(seed: 5)
    let first = try planner.plan(scenario, name: "base", inputSHA256: "")
    let spy = LimitRecordingSolver(Planner.standardSolvers.native)
    let replanner = Replanner(solvers: SolverSelection(native: spy, glpk: Planner.standardSolvers.glpk))
    _ = try replanner.prepare(scenario, previous: Self.previousPairs(first), limits: SolveLimits(timeLimit: 7))
    #expect(spy.limits.withLock { $0 } == [7])
    _ = try replanner.prepare(scenario, previous: Self.previousPairs(first), limits: .none)
    #expect(spy.limits.withLock { $0 } == [7, nil])
  }

  /// A fallback back end gets what is left of the time limit, not a second limit of its own.
  @Test func fallbackGetsTheTimeLeft() throws {
    let failing = LimitRecordingSolver(Planner.standardSolvers.native, fails: true)
    let fallback = LimitRecordingSolver(Planner.standardSolvers.native)
    let selection = SolverSelection(native: failing, glpk: fallback)
    let problem = try AssignmentProblem(rowCount: 2, columnCapacities: [1, 1],
                                        arcs: [Arc(row: 0, column: 0, score: 3), Arc(row: 1, column: 1, score: 2)])
    let record = try selection.solve(problem, choice: .auto, limits: SolveLimits(timeLimit: 30))
    #expect(record.outcome.objective.score == 5)
    #expect(failing.limits.withLock { $0 } == [30])
    let left = try #require(fallback.limits.withLock { $0 }.first ?? nil)
    #expect(left < 30 && left > 0)
  }

  /// Prices taken against a plan give back the multipliers of its assigned rows on the same model.
  @Test func pricesRoundTripOntoTheSameModel() throws {
    let scenario = ReplanFastPathTests.randomScenario(seed: 11)
    let first = try planner.plan(scenario, name: "base", inputSHA256: "")
    let model = first.model
    let plan = first.record.outcome.columnOfRow
    var rng = SeededGenerator(seed: 11)
    let multipliers = (0..<model.problem.rowCount).map { _ in Int64(Int.random(in: 0..<200_000, using: &rng)) - 100_000 }
    let prices = try #require(LagrangianPrices.prices(model: model, columnOfRow: plan, multipliers: multipliers))
    let start = try #require(LagrangianPrices.start(model: model, columnOfRow: plan, prices: prices))
    for row in 0..<model.problem.rowCount {
      #expect(start[row] == (plan[row] >= 0 ? multipliers[row] : .min), "row \(row)")
    }
    // Prices far beyond any score (an edited summary.json) are ignored, never trusted.
    let wild = prices.mapValues { _ in Int64(1) << 55 }
    #expect(LagrangianPrices.start(model: model, columnOfRow: plan, prices: wild) == nil)
  }

  /// The re-plan from a plan folder whose summary.json holds the Lagrangian prices proves the same objective
  /// as from the same folder without them, and as plain GLPK on the re-plan's model.
  @Test(arguments: 0..<12) func replanFromStoredPricesProvesTheSameObjective(seed: Int) throws {
    let base = ReplanFastPathTests.randomScenario(seed: UInt64(400 + seed), instructors: 8, organizations: 14)
    guard let first = try? planner.plan(base, name: "base", inputSHA256: ""), first.record.outcome.status.isOptimal else { return }
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("replan-speed-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    let withPrices = work.appendingPathComponent("plan")
    try PlanWriter.write(first, to: withPrices)
    // The same folder without the prices (its manifest then warns that summary.json was edited).
    let withoutPrices = work.appendingPathComponent("plan-without")
    try FileManager.default.copyItem(at: withPrices, to: withoutPrices)
    let summaryURL = withoutPrices.appendingPathComponent("summary.json")
    var summary = try JSONDecoder().decode(PlanSummary.self, from: Data(contentsOf: summaryURL))
    #expect((summary.lagrangianPrices != nil) == (first.record.outcome.lagrangianMultipliers != nil))
    summary.lagrangianPrices = nil
    try summary.json().write(to: summaryURL)
    let previous = Self.previousPairs(first)
    let loaded = try ReplanFastPathTests.loaded(base, edited: ReplanFastPathTests.edited(base, plan: previous, seed: UInt64(400 + seed)),
                                                in: work.appendingPathComponent("scenario"))
    guard let warm = try? planner.replan(loaded, previousFolder: withPrices, allowOtherScenario: true) else { return }
    let cold = try planner.replan(loaded, previousFolder: withoutPrices, allowOtherScenario: true)
    let (w, c) = (warm.result.record.outcome, cold.result.record.outcome)
    #expect(w.status == c.status, "seed \(seed)")
    #expect(w.objective == c.objective, "seed \(seed)")
    #expect(warm.result.record.violations.isEmpty)
    let oracle = try Planner.standardSolvers.glpk.solve(warm.result.model.problem, limits: SolveLimits(timeLimit: 60))
    if oracle.status.isOptimal {
      #expect(w.status.isOptimal && w.objective == oracle.objective, "seed \(seed): \(w.objective) vs GLPK \(oracle.objective)")
    }
    // The points given up for continuity: a bound that holds (the cold optimum reaches the plan's score).
    if let bound = warm.figures.cold?.bound { #expect(bound >= warm.figures.scoreWithoutContinuity) }
  }
}
