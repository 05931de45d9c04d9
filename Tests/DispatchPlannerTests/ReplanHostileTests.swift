// Issue 13, re-planning side: a lock no plan can keep is bad input in `replan` too (exit 65, not
// a failed check), summary.json records the previous plan's fingerprint, `compare` re-derives a
// re-plan's continuity bonus, and a re-plan that falls back after GLPK stops short is "feasible".
import AssignmentCore
import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import DispatchReports
import DispatchTestSupport
import Foundation
import Testing

@Suite struct ReplanHostileTests {
  func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("replan-hostile-\(UUID().uuidString)", isDirectory: true)
  }

  /// The tiny scenario in `base/tiny`, its plan in `base/plan-1`.
  func plannedTiny(in base: URL, _ edit: (inout Scenario) -> Void = { _ in }) throws -> (LoadedScenario, URL) {
    var scenario = ScenarioFixtures.tiny()
    edit(&scenario)
    let folder = base.appendingPathComponent("tiny")
    try ScenarioWriter().write(scenario, to: folder)
    let loaded = try Planner.load(folder: folder)
    let previous = base.appendingPathComponent("plan-1")
    try PlanWriter.write(try Planner().plan(loaded), to: previous)
    return (loaded, previous)
  }

  static func sha256(_ url: URL) throws -> String {
    var hasher = SHA256Hasher()
    hasher.update(try Data(contentsOf: url))
    return hasher.hexDigest()
  }

  /// Mix on and I1 (capacity 2) locked to two organizations that both have a party organization:
  /// RuleContradiction does not name this one; `replan` ended as "the plan failed the independent
  /// check" (exit 70). Now the generic no-plan reason, as `plan` gives it.
  @Test func aLockNoPlanCanKeepIsBadInputInReplan() throws {
    let base = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    let (_, previous) = try plannedTiny(in: base)
    var scenario = ScenarioFixtures.tiny(overrides: [PairOverride(organization: "O1", instructor: "I1", action: .lock),
                                                     PairOverride(organization: "O2", instructor: "I1", action: .lock)])
    scenario.settings.rules.mix = true
    for k in scenario.organizations.indices { scenario.organizations[k].partyStatus = .organization }
    let locked = base.appendingPathComponent("locked")
    try ScenarioWriter().write(scenario, to: locked)
    let loaded = try Planner.load(folder: locked)
    #expect(throws: PlanFailure.self) { try Planner().plan(loaded) }
    do {
      _ = try Planner().replan(loaded, previousFolder: previous, allowOtherScenario: true)
      Issue.record("replan gave a plan")
    } catch {
      guard case .planning(.building(.contradictions(let list))) = error, case .noPlanAtAll(let rules) = list.first else {
        Issue.record("not the no-plan reason: \(error)"); return
      }
      #expect(rules.contains("mix"))
    }
  }

  @Test func summaryRecordsThePreviousPlansFingerprint() throws {
    let base = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    let (loaded, previous) = try plannedTiny(in: base)
    let changes = base.appendingPathComponent("changes.csv")
    try Data("action,kind,id,field,value\r\nclose,organization,O3,,\r\n".utf8).write(to: changes)
    let replan = try Planner().replan(loaded, previousFolder: previous, changesFile: changes)
    let out = try Planner.writeReplan(replan, to: base.appendingPathComponent("plan-2"))
    let summary = try JSONDecoder().decode(PlanSummary.self, from: Data(contentsOf: out.appendingPathComponent("summary.json")))
    let origin = try #require(summary.replan)
    #expect(origin.previousPlanSHA256 == (try Self.sha256(previous.appendingPathComponent("plan.csv"))))
    #expect(origin.previousManifestSHA256 == (try Self.sha256(previous.appendingPathComponent("manifest.json"))))
    #expect(origin.previousInputSHA256 == loaded.inputSHA256)
    #expect(origin.changesSHA256 == (try Self.sha256(changes)))
    #expect(origin.continuity == replan.figures.continuity)
    // A plan (not a re-plan) has none.
    #expect(try JSONDecoder().decode(PlanSummary.self, from: Data(contentsOf: previous.appendingPathComponent("summary.json"))).replan == nil)
  }

  /// compare used to score a re-plan without its continuity bonus ("summary.json says …; plan.csv gives …").
  @Test func compareRederivesAReplansContinuityBonus() throws {
    let base = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: base) }
    let (loaded, previous) = try plannedTiny(in: base)
    let replan = try Planner().replan(loaded, previousFolder: previous, continuity: 40)
    #expect(replan.figures.scoreWithoutContinuity < replan.result.summary.objective, "the bonus counts in this fixture")
    let out = try Planner.writeReplan(replan, to: base.appendingPathComponent("plan-2"))
    let text = try Planner.compare(previous, out, scenario: loaded.folder)
    #expect(!text.contains("summary.json says"), "\(text)")
    #expect(text.contains("| \(replan.result.summary.objective) |"))
    #expect(text.contains("+40 per kept pair"))
    // The previous plan edited since: the bonus cannot be re-derived, and compare says so.
    let planCSV = previous.appendingPathComponent("plan.csv")
    try (try Data(contentsOf: planCSV) + Data("\r\n".utf8)).write(to: planCSV)
    let after = try Planner.compare(previous, out, scenario: loaded.folder)
    #expect(after.contains("is not re-derived"))
  }
}

/// A MIP back end that stops short: no plan better than "nothing assigned", with a bound.
private struct StopsShortMIP: AssignmentSolver {
  let bound: Int64
  var name: String { "stops-short" }
  var capabilities: SolverCapabilities { SolverCapabilities(generalLoads: true, sideRules: true) }
  func solve(_ problem: AssignmentProblem, limits: SolveLimits) throws(SolverError) -> AssignmentOutcome {
    let nothing = [Int32](repeating: -1, count: problem.rowCount)
    return AssignmentOutcome(status: .optimal, columnOfRow: nothing, objective: SolutionChecker.objective(of: nothing, in: problem),
                             bound: ObjectiveValue(covered: problem.rowCount, score: bound), solverName: name)
  }
}

@Suite struct ReplanFallbackStatusTests {
  /// s(O1,I2) = 20, s(O2,I1) = 30; previously O1–I1, O2–I2. The swap moves 2, keeping moves 0: a
  /// budget of 1 is never met exactly, so the parametric plan (0 moves) is the best within it and
  /// GLPK (here stopping short) runs with the rule. The fallback to the parametric plan is
  /// "feasible", not the bonus problem's "optimal"; GLPK's bound stays only when ≥ the plan.
  @Test func aReplanThatFallsBackToTheParametricPlanIsFeasible() throws {
    let scenario = ReplanTests.wishScenario(instructors: 2, organizations: 2, wishes: [(2, 1, 2), (1, 2, 1)])
    let previous = ReplanTests.pairs([(1, 1), (2, 2)])
    for (bound, kept) in [(Int64(1_000), true), (Int64(-5), false)] {
      let solvers = SolverSelection(native: Planner.standardSolvers.native, glpk: StopsShortMIP(bound: bound))
      let replanner = Replanner(solvers: solvers)
      let setup = try replanner.prepare(scenario, previous: previous, continuity: 0, limits: .none)
      let solved = try replanner.solve(setup, maxMoves: 1, limits: SolveLimits())
      #expect(solved.moves == 0)
      #expect(solved.record.outcome.status == .feasible, "bound \(bound)")
      #expect(solved.record.outcome.columnOfRow == [0, 1])
      #expect((solved.record.outcome.bound != nil) == kept, "bound \(bound)")
      if let b = solved.record.outcome.bound { #expect(b >= solved.record.outcome.objective) }
    }
  }
}
