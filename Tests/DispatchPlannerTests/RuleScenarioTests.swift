// Each office rule on a scenario small enough to solve by hand: the rule changes
// the plan to the stated optimum (through the facade, GLPK and native-repair where
// it applies), the report and summary show it, and the checker catches a plan
// that breaks it.
import AssignmentCore
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import DispatchReports
import Testing

/// Two instructors (capacity 2), three organizations, scores given (scores-only):
///
///        O1  O2  O3
///   I1   10   9   1
///   I2    1   2   8
///
/// Without rules the optimum is I1 {O1, O2}, I2 {O3}: 27. O1 is a key project; O1 and O2 have
/// their own party organization; O2 and O3 lie in the remote region R2.
func ruledScenario(_ configure: (inout ScenarioSettings) -> Void = { _ in }) -> Scenario {
  var settings = ScenarioSettings()
  configure(&settings)
  let scores: [(String, String, Int)] = [("O1", "I1", 10), ("O2", "I1", 9), ("O3", "I1", 1), ("O1", "I2", 1), ("O2", "I2", 2), ("O3", "I2", 8)]
  return Scenario(
    instructors: [
      Instructor(id: "I1", name: "张伟", unit: "U1", region: "R1", capacity: 2, daysPerMonth: 10),
      Instructor(id: "I2", name: "李娜", unit: "U2", region: "R2", capacity: 2, daysPerMonth: 10),
    ],
    organizations: [
      Organization(id: "O1", name: "甲公司", region: "R1", industry: "商贸", partyStatus: .organization, workloadDays: 6, keyProject: true),
      Organization(id: "O2", name: "乙公司", region: "R2", industry: "制造", partyStatus: .organization, workloadDays: 6),
      Organization(id: "O3", name: "丙协会", region: "R2", industry: "行业协会", partyStatus: .none, workloadDays: 4),
    ],
    units: [SendingUnit(id: "U1", name: "市场监管局", functions: []), SendingUnit(id: "U2", name: "民政局", functions: [])],
    regions: [Region(id: "R1", name: "城区", grid: "G1"), Region(id: "R2", name: "山南镇", grid: "G1", remote: true)],
    givenScores: scores.map { GivenScore(organization: OrganizationID($0.0), instructor: InstructorID($0.1), score: $0.2) },
    settings: settings)
}

/// instructor of each organization in the plan ("-" when open), in organization order.
func assignment(_ result: PlanResult) -> [String] {
  result.model.scenario.organizations.map { o in result.plan.assignments.first { $0.organization == o.id }?.instructor.rawValue ?? "-" }
}

func plan(_ scenario: Scenario, _ solver: SolverChoice = .glpk) throws -> PlanResult {
  try Planner().plan(scenario, name: "ruled", inputSHA256: "x", options: PlanOptions(solver: solver, scoresOnly: true))
}

@Suite struct RuleScenarioTests {
  @Test func withoutRulesTheOptimumIsTheScoresAlone() throws {
    for solver in [SolverChoice.native, .glpk] {
      let result = try plan(ruledScenario(), solver)
      #expect(assignment(result) == ["I1", "I1", "I2"])
      #expect(result.summary.objective == 27)
    }
  }

  /// Each rule, the plan it forces, and its objective (worked out in the comments).
  static let cases: [(String, @Sendable (inout ScenarioSettings) -> Void, [String], Int)] = [
    // O1 is a key project: I1 {O1} alone, I2 {O2, O3} = 10 + 2 + 8.
    ("key_project_exclusive", { $0.rules.keyProjectExclusive = true }, ["I1", "I2", "I2"], 20),
    // O1, O2 both have party organizations: I1 {O1, O2} is not mixed; I1 {O1}, I2 {O2, O3} = 20 beats I1 {O2}, I2 {O1, O3} = 18.
    ("mix", { $0.rules.mix = true }, ["I1", "I2", "I2"], 20),
    // 10 days each; I1 {O1, O2} needs 12: I1 {O1}, I2 {O2, O3} (6 + 4 days) = 20.
    ("capacity_in_days", { $0.rules.capacityInDays = true }, ["I1", "I2", "I2"], 20),
    // Everyone used takes 2: three organizations cannot split 2 + 2, so one stays open: I1 {O1, O2} = 19.
    ("minimum_load", { $0.rules.minimumLoad = 2 }, ["I1", "I1", "-"], 19),
    // Same region only: I1 (R1) may take O1 only, I2 (R2) O2 and O3: 10 + 2 + 8.
    ("reach", { $0.reach = .sameRegion }, ["I1", "I2", "I2"], 20),
  ]

  @Test(arguments: 0..<5) func eachRuleChangesThePlanToItsHandWorkedOptimum(_ index: Int) throws {
    let (key, configure, expected, objective) = Self.cases[index]
    let scenario = ruledScenario { configure(&$0) }
    let solvers: [SolverChoice] = key == "reach" ? [.native, .glpk] : [.glpk, .auto]
    for solver in solvers {
      let result = try plan(scenario, solver)
      #expect(assignment(result) == expected, "\(key) \(solver)")
      #expect(result.summary.objective == objective, "\(key) \(solver)")
      #expect(result.summary.optimal)
      let status = try #require(result.summary.rules?[key])
      #expect(status.inForce && status.satisfied, "\(key)")
      #expect(result.report.contains("`\(key)`"))
    }
    // The fallback finds a plan that keeps the rule, called optimal only when it meets its bound.
    let repaired = try plan(scenario, .repair)
    #expect(repaired.summary.rules?[key]?.satisfied == true)
    #expect(repaired.summary.objective <= objective && (!repaired.summary.optimal || repaired.summary.objective == objective))
    #expect((repaired.summary.bound ?? 0) >= objective || key == "minimum_load" || key == "reach")
  }

  @Test func unitQuotaLimitsTheInstructorsOfAUnit() throws {
    var scenario = ruledScenario { $0.rules.unitMaximumInstructors = 1 }
    scenario.instructors[1].unit = "U1"  // both from 市场监管局, one may go: I1 {O1, O2} = 19
    let result = try plan(scenario)
    #expect(assignment(result) == ["I1", "I1", "-"])
    #expect(result.summary.objective == 19)
    #expect(result.summary.rules?["unit_quotas"]?.satisfied == true)
    #expect(result.summary.rules?["unit_quotas"]?.figures["most_used_in_a_unit"] == 1)
  }

  @Test func rolesAndDualRole() throws {
    // O1 needs a 第一书记 and a 第一主席; I2 may only be 第一书记. Scores: I1 10, I2 3 per slot.
    func scenario(dual: Bool) -> Scenario {
      var s = ruledScenario { $0.rules.allowDualRole = dual }
      s.organizations = [s.organizations[0]]
      s.organizations[0].roles = [.firstSecretary, .firstChairman]
      s.instructors[0].roles = [.firstSecretary, .firstChairman]
      s.instructors[1].roles = [.firstSecretary]
      s.givenScores = [GivenScore(organization: "O1", instructor: "I1", score: 10), GivenScore(organization: "O1", instructor: "I2", score: 3)]
      return s
    }
    let both = try plan(scenario(dual: true), .native)
    #expect(both.plan.assignments.map(\.instructor) == ["I1", "I1"])
    #expect(both.summary.objective == 20)
    #expect(both.summary.rules?["allow_dual_role"]?.figures["organizations_with_one_person_in_both_roles"] == 1)
    let two = try plan(scenario(dual: false), .glpk)
    let byRole = Dictionary(uniqueKeysWithValues: two.plan.assignments.map { ($0.role, $0.instructor.rawValue) })
    #expect(byRole == [.firstSecretary: "I2", .firstChairman: "I1"])
    #expect(two.summary.objective == 13)
    #expect(two.summary.rules?["allow_dual_role"]?.satisfied == true)
  }

  @Test func remotePlacesAreReportedApart() throws {
    let result = try plan(ruledScenario { $0.reach = .sameRegion })
    #expect(result.summary.rules?["reach"]?.figures["remote_slots"] == 2)
    #expect(result.summary.rules?["reach"]?.figures["remote_slots_covered"] == 2)
    let overview = PlanOverview(summary: result.summary, plan: result.plan, model: result.model)
    #expect(overview.remoteSlots == 2 && overview.remoteCovered == 2)
  }

  /// The unconstrained optimum I1 {O1, O2}, I2 {O3} breaks every rule above; the checker says which.
  @Test func theCheckerCatchesAPlanBreakingEachRule() throws {
    let bad: [Int32] = [0, 0, 1]
    func findings(_ configure: (inout ScenarioSettings) -> Void) throws -> [SolutionChecker.Violation] {
      let model = try ProblemBuilder(scoresOnly: true).build(ruledScenario { configure(&$0) })
      return SolutionChecker.violations(bad, in: model.problem)
    }
    #expect(try findings { $0.rules.keyProjectExclusive = true } == [.sideRuleBroken(.exclusive(row: 0), detail: "column 0 takes 2 rows")])
    #expect(try findings { $0.rules.mix = true }.contains { if case .sideRuleBroken(.mix, _) = $0 { true } else { false } })
    #expect(try findings { $0.rules.capacityInDays = true } == [.overCapacity(column: 0, load: 12, capacity: 10)])
    #expect(try findings { $0.rules.minimumLoad = 2 } == [.sideRuleBroken(.minimumLoad(column: 1, minimum: 2), detail: "column 1 carries load 1 < 2")])
    #expect(try findings { $0.reach = .sameRegion } == [.notAnArc(row: 1, column: 0)])
    var unit = ruledScenario { $0.rules.unitMaximumInstructors = 1 }
    unit.instructors[1].unit = "U1"
    #expect(SolutionChecker.violations(bad, in: try ProblemBuilder(scoresOnly: true).build(unit).problem)
      .contains { if case .sideRuleBroken(.usedColumns, _) = $0 { true } else { false } })
  }

  @Test func impossibleFullCoverageNamesTheOrganizationsAndTheShortage() throws {
    var scenario = ruledScenario { $0.requireFullCoverage = true }
    scenario.instructors[0].capacity = 1
    scenario.instructors[1].capacity = 1
    let result = try plan(scenario, .auto)
    #expect(result.summary.status == "infeasible")
    let why = try #require(result.summary.infeasibility)
    #expect(why.organizations == ["O1", "O2", "O3"])
    #expect(why.eligibleInstructors == ["I1", "I2"])
    #expect(why.demand == 3 && why.capacity == 2 && why.capacityShortage)
    #expect(result.report.contains("无法全覆盖"))
    #expect(result.summary.text(outputFolder: "x").contains("O1, O2, O3 need 3"))
    #expect(result.summary.checkerPassed, "the open slot is the finding, not a failed check")
  }

  @Test func impossibleFullCoverageUnderARuleNamesTheRule() throws {
    // Capacity would suffice (2 + 2 ≥ 3), but minimum load 2 cannot split three organizations.
    let result = try plan(ruledScenario { $0.requireFullCoverage = true; $0.rules.minimumLoad = 2 }, .glpk)
    #expect(result.summary.status == "infeasible")
    let why = try #require(result.summary.infeasibility)
    #expect(!why.capacityShortage)
    #expect(why.blockingRules == ["minimum_load"])
    #expect(result.summary.assigned == 2, "the best partial plan is shown")
  }
}

/// A back end that always fails, as GLPK does when its time runs out without a plan.
struct TimedOutSolver: AssignmentSolver {
  var name: String { "glpk" }
  var capabilities: SolverCapabilities { SolverCapabilities(generalLoads: true, sideRules: true) }
  func solve(_ problem: AssignmentProblem, limits: SolveLimits) throws(SolverError) -> AssignmentOutcome {
    throw .timeLimitWithoutSolution(solver: name, seconds: 1)
  }
}

struct FailingRepair: AssignmentSolver {
  var name: String { "native-repair" }
  var capabilities: SolverCapabilities { SolverCapabilities(generalLoads: true, sideRules: true) }
  func solve(_ problem: AssignmentProblem, limits: SolveLimits) throws(SolverError) -> AssignmentOutcome {
    throw .unsupported(solver: name, reason: "the repaired plan still breaks the problem")
  }
}

@Suite struct FallbackTests {
  @Test func whenEveryBackEndFailsTheErrorNamesEachFailure() throws {
    let selection = SolverSelection(native: Planner.standardSolvers.native, glpk: TimedOutSolver(), repair: FailingRepair())
    let problem = try ProblemBuilder(scoresOnly: true).build(ruledScenario { $0.rules.keyProjectExclusive = true }).problem
    let error = try #require(throws: SolverError.self) { try selection.solve(problem, choice: .auto, limits: .none) }
    // A structured list, one failure per back end in the order they ran.
    guard case .everyBackEndFailed(let failures) = error else { Issue.record("\(error)"); return }
    #expect(failures == [.timeLimitWithoutSolution(solver: "glpk", seconds: 1),
                         .unsupported(solver: "native-repair", reason: "the repaired plan still breaks the problem")])
    #expect(error.timeRanOut)
    #expect(error.solver == "glpk → native-repair")
    let text = error.description
    #expect(text.contains("glpk found no feasible plan within 1.0 s"), "\(text)")
    #expect(text.contains("the repaired plan still breaks the problem"), "\(text)")
    #expect(text.hasSuffix("a longer --time-limit may find one"), "\(text)")
  }

  @Test func whenGLPKGivesNoPlanAutoFallsBackToTheRepairAndSaysItIsNotOptimal() throws {
    let standard = Planner.standardSolvers
    let planner = Planner(solvers: SolverSelection(native: standard.native, glpk: TimedOutSolver(), repair: standard.repair))
    let result = try planner.plan(ruledScenario { $0.rules.keyProjectExclusive = true }, name: "ruled", inputSHA256: "x",
                                  options: PlanOptions(scoresOnly: true))
    #expect(result.summary.solver == "native-repair")
    #expect(result.summary.solverReason.contains("glpk failed"))
    #expect(result.summary.status == "feasible" && !result.summary.optimal)
    #expect(result.summary.checkerPassed)
    #expect(result.summary.rules?["key_project_exclusive"]?.satisfied == true)
    let bound = try #require(result.summary.bound)
    #expect(bound >= 20 && 20 >= result.summary.objective, "bound ≥ the optimum 20 ≥ the plan")
    #expect(result.summary.gap != nil)
    #expect(result.summary.text(outputFolder: "x").contains("not proven optimal"))
  }
}
