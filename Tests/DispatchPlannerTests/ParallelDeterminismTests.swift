// Using both cores changes no byte (issue 3, point 5): the problem built by 1, 2 or 5 workers is
// identical (rows, arcs in order, scores, locks, side rules), and so is the stability audit.
import AssignmentCore
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import DispatchReports
import DispatchScoring
import Foundation
import Testing

@Suite struct ParallelDeterminismTests {
  static let scenarios = BundledScenarioPlanTests.scenarios

  @Test(arguments: ["demo", "baode-days", "fumian-roles", "county-one-to-one", "huangshan"])
  func theProblemDoesNotDependOnTheWorkerCount(_ name: String) throws {
    var scenario = try Planner.load(folder: Self.scenarios.appendingPathComponent(name)).scenario
    for reach in [scenario.settings.reach, .adjacentRegion] {
      scenario.settings.reach = reach
      var builder = ProblemBuilder()
      builder.workers = 1
      let one = try builder.build(scenario)
      for workers in [2, 5] {
        builder.workers = workers
        let many = try builder.build(scenario)
        #expect(many.problem == one.problem, "\(name), reach \(reach), \(workers) workers")
        #expect(many.slots == one.slots, "\(name), \(workers) workers")
      }
    }
  }

  @Test(arguments: ["demo", "baode-days", "fumian-roles", "county-one-to-one"])
  func theStabilityAuditDoesNotDependOnTheWorkerCount(_ name: String) throws {
    let loaded = try Planner.load(folder: Self.scenarios.appendingPathComponent(name))
    let result = try Planner().plan(loaded.scenario, name: loaded.name, inputSHA256: loaded.inputSHA256)
    let one = StabilityAudit.blockingPairs(plan: result.plan, model: result.model, workers: 1)
    for workers in [2, 5] {
      #expect(StabilityAudit.blockingPairs(plan: result.plan, model: result.model, workers: workers) == one, "\(name), \(workers) workers")
    }
  }
}

/// The scorer's row path (`scores(organization:instructors:)`, used by the problem builder) gives
/// exactly the pair scores, on every bundled scenario under each reach rule, hard and soft.
@Suite struct ScorerRowPathTests {
  @Test(arguments: ["demo", "demo-soft", "baode-days", "fumian-roles", "county-one-to-one", "huangshan"])
  func rowScoresEqualPairScores(_ name: String) throws {
    var scenario = try Planner.load(folder: ParallelDeterminismTests.scenarios.appendingPathComponent(name)).scenario
    for (reach, soft) in [(scenario.settings.reach, scenario.settings.reachWeight), (.adjacentRegion, nil), (.sameGrid, 25), (.sameRegion, nil)] {
      scenario.settings.reach = reach
      scenario.settings.reachWeight = soft
      let scorer = Scorer(scenario: scenario)
      let everyone = Array(scenario.instructors.indices)
      var mismatches = 0
      for o in scenario.organizations.indices {
        for instructors in [everyone, scorer.reachableInstructors(organization: o)] {
          var row: [Int64] = []
          scorer.scores(organization: o, instructors: instructors, into: &row)
          #expect(row.count == instructors.count)
          for (k, i) in instructors.enumerated() where row[k] != Int64(scorer.score(organization: o, instructor: i)) { mismatches += 1 }
        }
      }
      #expect(mismatches == 0, "\(name), reach \(reach), soft \(String(describing: soft))")
    }
  }
}
