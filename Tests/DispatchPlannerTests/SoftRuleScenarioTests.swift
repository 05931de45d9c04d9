// Soft rules and reach by distance on `ruledScenario` (RuleScenarioTests.swift), solved by
// hand. Without rules the optimum is I1 {O1, O2}, I2 {O3}: 27; each hard rule forces a plan
// worth 20 (19 with one organization open for minimum load and unit quotas). A soft rule
// keeps the 27 plan while its violations cost less than the difference, and gives the hard
// plan back once they cost more. Coverage still comes first.
import AssignmentCore
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Testing

@Suite struct SoftRuleScenarioTests {
  /// (rule key, settings, expected plan, objective, violations), worked out in the comments.
  static let cases: [(String, @Sendable (inout ScenarioSettings) -> Void, [String], Int, Int)] = [
    // I1 {O1 key, O2} breaks exclusivity once: 27 − 5 = 22 > 20.
    ("key_project_exclusive", { $0.rules.keyProjectExclusive = true; $0.rules.keyProjectExclusiveWeight = 5 }, ["I1", "I1", "I2"], 22, 1),
    // 27 − 8 = 19 < 20: the hard plan.
    ("key_project_exclusive", { $0.rules.keyProjectExclusive = true; $0.rules.keyProjectExclusiveWeight = 8 }, ["I1", "I2", "I2"], 20, 0),
    // I1 {O1, O2}, both with a party organization: one unmixed instructor, 27 − 5 = 22.
    ("mix", { $0.rules.mix = true; $0.rules.mixWeight = 5 }, ["I1", "I1", "I2"], 22, 1),
    ("mix", { $0.rules.mix = true; $0.rules.mixWeight = 10 }, ["I1", "I2", "I2"], 20, 0),
    // Coverage first: all three covered, I2 with one organization below the minimum 2: 27 − 5 = 22
    // (the hard rule leaves O3 open: 19), even with a weight far above the scores.
    ("minimum_load", { $0.rules.minimumLoad = 2; $0.rules.minimumLoadWeight = 5 }, ["I1", "I1", "I2"], 22, 1),
    ("minimum_load", { $0.rules.minimumLoad = 2; $0.rules.minimumLoadWeight = 1000 }, ["I1", "I1", "I2"], 27 - 1000, 1),
    // Same region, soft: I1 (R1) at O2 (R2) is one pair out of reach, 27 − 5 = 22; weight 8: 19 < 20.
    ("reach", { $0.reach = .sameRegion; $0.reachWeight = 5 }, ["I1", "I1", "I2"], 22, 1),
    ("reach", { $0.reach = .sameRegion; $0.reachWeight = 8 }, ["I1", "I2", "I2"], 20, 0),
  ]

  @Test(arguments: 0..<8) func softRuleTradesItsWeightAgainstTheScore(_ index: Int) throws {
    let (key, configure, expected, objective, violations) = Self.cases[index]
    let scenario = ruledScenario { configure(&$0) }
    let solvers: [SolverChoice] = key == "reach" ? [.native, .glpk, .auto] : [.glpk, .auto]
    for solver in solvers {
      let result = try plan(scenario, solver)
      #expect(assignment(result) == expected, "\(key) case \(index) \(solver)")
      #expect(result.summary.objective == objective, "\(key) case \(index) \(solver)")
      #expect(result.summary.optimal, "\(key) case \(index) \(solver)")
      let status = try #require(result.summary.rules?[key])
      #expect(status.inForce && status.softWeight != nil, "\(key)")
      #expect(status.violations == violations && status.penalty == violations * status.softWeight!, "\(key) case \(index): \(status)")
      #expect(status.satisfied == (violations == 0))
      #expect(result.report.contains("\(violations) × \(status.softWeight!) = −\(status.penalty)"))
    }
    // The fallback's plan is honest: never above the optimum, its bound never below it.
    let repaired = try plan(scenario, .repair)
    #expect(repaired.summary.objective <= objective)
    #expect(repaired.summary.optimal ? repaired.summary.objective == objective : (repaired.summary.bound ?? .max) >= objective)
  }

  @Test func softUnitQuotaKeepsCoverage() throws {
    // Both instructors from one unit, at most one used: hard leaves O3 open (19); soft covers all,
    // one instructor over the quota: 27 − 5 = 22.
    var scenario = ruledScenario { $0.rules.unitMaximumInstructors = 1; $0.rules.unitQuotaWeight = 5 }
    scenario.instructors[1].unit = "U1"
    let result = try plan(scenario)
    #expect(assignment(result) == ["I1", "I1", "I2"])
    #expect(result.summary.objective == 22)
    #expect(result.summary.rules?["unit_quotas"]?.violations == 1)
  }

  @Test func softDualRole() throws {
    // O1 needs a 第一书记 and a 第一主席; I2 may only be 第一书记. I1 scores 10 a slot, I2 3.
    // Hard (two people): I2 secretary, I1 chairman = 13. Soft, weight 5: I1 both, 20 − 5 = 15; weight 8: 12 < 13.
    func scenario(weight: Int) -> Scenario {
      var s = ruledScenario { $0.rules.allowDualRole = false; $0.rules.dualRoleWeight = weight }
      s.organizations = [s.organizations[0]]
      s.organizations[0].roles = [.firstSecretary, .firstChairman]
      s.instructors[0].roles = [.firstSecretary, .firstChairman]
      s.instructors[1].roles = [.firstSecretary]
      s.givenScores = [GivenScore(organization: "O1", instructor: "I1", score: 10), GivenScore(organization: "O1", instructor: "I2", score: 3)]
      return s
    }
    let cheap = try plan(scenario(weight: 5))
    #expect(cheap.plan.assignments.map(\.instructor) == ["I1", "I1"])
    #expect(cheap.summary.objective == 15)
    #expect(cheap.summary.rules?["allow_dual_role"]?.violations == 1)
    let dear = try plan(scenario(weight: 8))
    #expect(Set(dear.plan.assignments.map(\.instructor)) == ["I1", "I2"])
    #expect(dear.summary.objective == 13)
  }

  /// R1 and R2 seats 0.2° of latitude apart (22.2 km): a 20 km limit keeps each instructor in his
  /// own region (the same-region plan, 20); 25 km lets the 27 plan through.
  @Test func reachByDistance() throws {
    func scenario(_ km: Int, weight: Int? = nil) -> Scenario {
      var s = ruledScenario { $0.maximumDistanceKilometres = km; $0.reachWeight = weight }
      s.regions[0].location = GeoPoint(latitude: 29.70, longitude: 118.30)
      s.regions[1].location = GeoPoint(latitude: 29.90, longitude: 118.30)
      return s
    }
    #expect(GeoPoint(latitude: 29.70, longitude: 118.30).metres(to: GeoPoint(latitude: 29.90, longitude: 118.30)) == 22239)
    for solver in [SolverChoice.native, .glpk] {
      let near = try plan(scenario(20), solver)
      #expect(assignment(near) == ["I1", "I2", "I2"])
      #expect(near.summary.objective == 20)
      #expect(near.summary.rules?["reach"]?.setting == "any, ≤ 20 km")
      let far = try plan(scenario(25), solver)
      #expect(assignment(far) == ["I1", "I1", "I2"])
      #expect(far.summary.objective == 27)
    }
    // Soft: the pair I1–O2 out of reach costs 5, and the breakdown says so.
    let soft = try plan(scenario(20, weight: 5), .native)
    #expect(soft.summary.objective == 22)
    let o2 = try #require(soft.plan.assignments.first { $0.organization == "O2" })
    #expect(o2.breakdown.contains { $0.kind == .outOfReach && $0.points == -5 })
    #expect(soft.summary.rules?["reach"]?.figures["pairs_out_of_reach"] == 1)
  }
}

@Suite struct RuleInterplayTests {
  /// Key projects and minimum load together: O1 is a key project, so its instructor covers it
  /// alone and is exempt from the minimum of 2 (otherwise no plan could cover O1 at all).
  /// I1 {O1}, I2 {O2, O3} = 10 + 2 + 8 = 20, every slot covered, through GLPK and the warm path.
  @Test func aKeyProjectInstructorIsExemptFromTheMinimumLoad() throws {
    let scenario = ruledScenario {
      $0.rules.keyProjectExclusive = true
      $0.rules.minimumLoad = 2
      $0.requireFullCoverage = true
    }
    for solver in [SolverChoice.glpk, .auto] {
      let result = try plan(scenario, solver)
      #expect(assignment(result) == ["I1", "I2", "I2"], "\(solver)")
      #expect(result.summary.objective == 20)
      #expect(result.summary.optimal)
      #expect(result.summary.rules?["minimum_load"]?.satisfied == true)
      #expect(result.summary.rules?["key_project_exclusive"]?.satisfied == true)
    }
    // The checker still holds an instructor with one ordinary organization to the minimum.
    let model = try plan(scenario).model
    let o = { (id: String) in model.slots.firstIndex { model.scenario.organizations[$0.organization].id.rawValue == id }! }
    var plan = [Int32](repeating: -1, count: model.problem.rowCount)
    plan[o("O1")] = 0; plan[o("O2")] = 0; plan[o("O3")] = 1  // I1 {O1, O2}: not exclusive; I2 {O3}: below 2
    let broken = SolutionChecker.violations(plan, in: model.problem)
    #expect(broken.contains { if case .sideRuleBroken(.minimumLoad(column: 1, _), _) = $0 { true } else { false } })
    #expect(broken.contains { if case .sideRuleBroken(.exclusive, _) = $0 { true } else { false } })
  }
}
