// The re-plan's fast paths against the slow path as an oracle, on small random scenarios with the
// office's rules (key projects exclusive, mix, full coverage): the previous plan repaired over the
// neighbourhood of the changes (a feasible plan, never better than the optimum), and the workbench's
// `proposeEdit` (pairs in memory, one model build, no cold reference) against `replan` from a plan folder.
import AssignmentCore
import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import DispatchTestSupport
import Foundation
import Testing

@Suite struct ReplanFastPathTests {
  /// `instructors` × `organizations` in three regions, random skills, needs, party status, key
  /// projects and wishes; the rules of huangshan (exclusive key projects, mix, full coverage).
  static func randomScenario(seed: UInt64, instructors: Int = 7, organizations: Int = 12) -> Scenario {
    var rng = SeededGenerator(seed: seed)
    let skills = ["党务", "经营管理", "财税", "法律"]
    let regions = (1...3).map { Region(id: RegionID("R\($0)"), name: "区\($0)", grid: "G1", neighbours: $0 > 1 ? [RegionID("R\($0 - 1)")] : []) }
    var settings = ScenarioSettings()
    settings.rules.mix = true
    settings.rules.keyProjectExclusive = true
    settings.requireFullCoverage = true
    let people = (1...instructors).map { k in
      Instructor(id: InstructorID(String(format: "I%02d", k)), name: "指导员\(k)", unit: "U1", region: regions[rng.int(below: 3)].id,
                 capacity: 1 + rng.int(below: 3), skills: [skills[rng.int(below: 4)]])
    }
    let places = (1...organizations).map { k in
      Organization(id: OrganizationID(String(format: "O%02d", k)), name: "组织\(k)", region: regions[rng.int(below: 3)].id, industry: "制造",
                   kind: .enterprise, partyStatus: rng.int(below: 2) == 0 ? .organization : .none, needs: [skills[rng.int(below: 4)]],
                   keyProject: rng.int(below: 6) == 0)
    }
    var wished: [String: Wish] = [:]  // one wish per pair
    for _ in 0..<(instructors + organizations) {
      let (i, o) = (people[rng.int(below: people.count)].id, places[rng.int(below: places.count)].id)
      wished["\(i)-\(o)"] = .instructorWants(i, o, rank: 1 + rng.int(below: 3))
    }
    return Scenario(instructors: people, organizations: places, units: [SendingUnit(id: "U1", name: "单位", functions: [])],
                    regions: regions, wishes: wished.keys.sorted().map { wished[$0]! }, settings: settings)
  }

  /// A random single edit of the workbench's kinds, as the workbench applies it (a lock or forbid
  /// is an override; a capacity is the instructor's; an absent instructor leaves the roster).
  static func edited(_ scenario: Scenario, plan: [PreviousPair], seed: UInt64) -> Scenario {
    var rng = SeededGenerator(seed: seed &* 31 &+ 7)
    var s = scenario
    let pair = plan[rng.int(below: plan.count)]
    switch rng.int(below: 4) {
    case 0:
      let other = s.instructors[rng.int(below: s.instructors.count)].id
      s.overrides.append(PairOverride(organization: pair.organization, instructor: other, action: .lock))
    case 1:
      s.overrides.append(PairOverride(organization: pair.organization, instructor: pair.instructor, action: .forbid))
    case 2:
      let i = s.instructors.firstIndex { $0.id == pair.instructor }!
      s.instructors[i].capacity = max(0, s.instructors[i].capacity - 1)
    default:
      s.instructors.removeAll { $0.id == pair.instructor }
      s.wishes.removeAll { if case .instructorWants(let i, _, _) = $0 { i == pair.instructor } else { false } }
    }
    return s
  }

  /// `scenario` written as a scenario folder and read back (what the workbench loads), then `edited` laid over it.
  static func loaded(_ scenario: Scenario, edited: Scenario, in folder: URL) throws -> LoadedScenario {
    try ScenarioWriter().write(scenario, to: folder)
    return try Planner.load(folder: folder).adjusted(edited, adjustments: "one edit")
  }

  let planner = Planner()
  let replanner = Replanner(solvers: Planner.standardSolvers)

  /// Plain GLPK, no warm start: the oracle's optimum of a problem.
  func oracle(_ problem: AssignmentProblem) throws -> AssignmentOutcome {
    try Planner.standardSolvers.glpk.solve(problem, limits: SolveLimits(timeLimit: 60))
  }

  /// The repaired previous plan is a plan of the new problem (the checker says so), never better than
  /// the optimum; when it frees every slot it is the optimum; the re-plan warm-started from it is
  /// optimal with the oracle's objective.
  @Test(arguments: 0..<24) func repairedPreviousPlanIsFeasibleAndTheReplanStaysExact(seed: Int) throws {
    let base = Self.randomScenario(seed: UInt64(seed))
    guard let first = try? planner.plan(base, name: "base", inputSHA256: ""), first.record.outcome.status.isOptimal else { return }
    let previous = first.plan.assignments.map { PreviousPair(organization: $0.organization, role: $0.role, instructor: $0.instructor) }
    let scenario = Self.edited(base, plan: previous, seed: UInt64(seed))
    guard let setup = try? replanner.prepare(scenario, previous: previous, limits: .none) else { return }
    let optimum = try oracle(setup.model.problem)
    let cache = ReplanCache()
    let solved = try replanner.solve(setup, maxMoves: nil, limits: SolveLimits(timeLimit: 60), cache: cache)
    #expect(solved.record.outcome.status.isInfeasible == optimum.status.isInfeasible, "seed \(seed)")
    guard optimum.status.isOptimal else { return }
    #expect(solved.record.outcome.status.isOptimal, "seed \(seed)")
    #expect(solved.record.outcome.objective == optimum.objective, "seed \(seed)")
    #expect(solved.record.violations.isEmpty)
    // A re-plan without a budget makes no repair (the whole problem's solve needs none); the repair a budget uses:
    #expect(cache.repairedPrevious == nil, "seed \(seed)")
    if let repaired = replanner.repairPrevious(setup, problem: setup.model.problem, choice: .auto, limits: SolveLimits(timeLimit: 60)) {
      #expect(SolutionChecker.violations(repaired.plan, in: setup.model.problem).isEmpty, "seed \(seed)")
      let value = SolutionChecker.objective(of: repaired.plan, in: setup.model.problem)
      #expect(value <= optimum.objective, "seed \(seed)")
      #expect(optimum.objective <= repaired.relaxationBound, "seed \(seed)")
      if repaired.freeRows == setup.model.problem.rowCount && repaired.optimalInNeighbourhood { #expect(value == optimum.objective) }
    }
  }

  /// A move budget on a problem with rules (the parametric probe: one MIP with the bonus raised, certified
  /// when it meets the budget exactly; otherwise GLPK with the rule) against plain GLPK on the problem with
  /// the `maximumMoves` rule: the same status and objective, the plan within the budget.
  @Test(arguments: 0..<24) func moveBudgetWithRulesMatchesTheRuledMIP(seed: Int) throws {
    // The previous plan is another scenario's (the same ids, other scores) and the bonus small: the
    // unconstrained re-plan moves pairs it could keep, so small budgets bind.
    let base = Self.randomScenario(seed: UInt64(200 + seed), instructors: 6, organizations: 10)
    let other = Self.randomScenario(seed: UInt64(300 + seed), instructors: 6, organizations: 10)
    guard let first = try? planner.plan(other, name: "other", inputSHA256: ""), first.record.outcome.status.isOptimal else { return }
    let previous = first.plan.assignments.map { PreviousPair(organization: $0.organization, role: $0.role, instructor: $0.instructor) }
    guard let setup = try? replanner.prepare(base, previous: previous, continuity: 5, limits: .none) else { return }
    let cache = ReplanCache()
    for budget in [0, 1, 2] {
      let problem = setup.model.problem
      let rule = SideRule.maximumMoves(rows: setup.keepRows, columns: setup.keepColumns, limit: setup.forcedMoves + budget)
      let ruled = try AssignmentProblem(rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: problem.allArcs,
                                        locks: problem.locks, coverage: problem.coverage, sideRules: problem.sideRules + [rule])
      let optimum = try oracle(ruled)
      let solved = try replanner.solve(setup, maxMoves: budget, limits: SolveLimits(timeLimit: 60), cache: cache)
      #expect(solved.record.outcome.status.isInfeasible == optimum.status.isInfeasible, "seed \(seed) budget \(budget)")
      guard optimum.status.isOptimal else { continue }
      #expect(solved.record.outcome.status.isOptimal, "seed \(seed) budget \(budget): \(solved.method)")
      #expect(solved.record.outcome.objective == optimum.objective, "seed \(seed) budget \(budget): \(solved.method)")
      #expect(solved.moves <= setup.forcedMoves + budget)
      #expect(SolutionChecker.violations(solved.record.outcome.columnOfRow, in: ruled).isEmpty)
    }
  }

  /// The workbench's fast path against the slow path (`replan` from the plan folder, the whole problem
  /// solved) on the same edited scenario: a checked plan, never better than the slow path's proven optimum,
  /// a bound that holds for it, `optimal` only with the same objective; the same keepable pairs and forced
  /// moves; every previous pair accounted for exactly once; the same plan on a second run (deterministic).
  @Test(arguments: 0..<16) func proposeEditAgreesWithReplanFromTheFolder(seed: Int) throws {
    let base = Self.randomScenario(seed: UInt64(100 + seed))
    guard let first = try? planner.plan(base, name: "base", inputSHA256: ""), first.record.outcome.status.isOptimal else { return }
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("fastpath-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    let folder = work.appendingPathComponent("plan")
    try PlanWriter.write(first, to: folder)
    let previous = first.plan.assignments.map { PreviousPair(organization: $0.organization, role: $0.role, instructor: $0.instructor) }
    let loaded = try Self.loaded(base, edited: Self.edited(base, plan: previous, seed: UInt64(100 + seed)),
                                 in: work.appendingPathComponent("scenario"))
    guard let slow = try? planner.replan(loaded, previousFolder: folder, allowOtherScenario: true) else {
      // The edit made the scenario infeasible (or contradictory): the fast path gives no plan either.
      #expect(throws: ReplanFailure.self) { try planner.proposeEdit(loaded, current: previous) }
      return
    }
    let fast = try planner.proposeEdit(loaded, current: previous)
    let (f, s) = (fast.result.record.outcome, slow.result.record.outcome)
    #expect(fast.result.record.violations.isEmpty, "seed \(seed)")
    if s.status.isOptimal {
      #expect(f.objective <= s.objective, "seed \(seed)")
      #expect((f.bound ?? f.objective) >= s.objective, "seed \(seed)")
    }
    if f.status.isOptimal { #expect(f.objective == s.objective, "seed \(seed)") }
    #expect(fast.figures.keepable == slow.figures.keepable && fast.figures.forcedMoves == slow.figures.forcedMoves, "seed \(seed)")
    #expect(fast.figures.cold == nil && slow.figures.cold != nil)
    for pair in previous {
      #expect(fast.changes.filter { $0.organization == pair.organization && $0.role == pair.role && $0.previous == pair.instructor }.count == 1)
    }
    let again = try planner.proposeEdit(loaded, current: previous)
    #expect(again.result.record.outcome.columnOfRow == f.columnOfRow, "seed \(seed)")
  }
}
