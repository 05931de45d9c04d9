// `Planner.explain` on the demo scenario: the planned instructor, and alternatives
// whose costs equal (objective − objective with that pair locked), recomputed here
// independently by adding an office lock to the scenario and planning it with GLPK.
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Foundation
import Testing

@Suite struct ExplainTests {
  static let demo = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scenarios").appendingPathComponent("demo")

  @Test func explainingAnOrganizationPricesItsAlternativesExactly() throws {
    let loaded = try Planner.load(folder: Self.demo)
    let result = try Planner().plan(loaded)
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("explain-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let folder = try PlanWriter.write(result, to: base.appendingPathComponent("demo-1"))
    #expect(result.summary.scenarioPath == Self.demo.standardizedFileURL.path)

    for organization in ["O02", "O15", "O30"].map(OrganizationID.init) {
      let explained = try Planner().explain(planFolder: folder, organization: organization).explanation
      let slot = try #require(explained.slots.first)
      let planned = try #require(slot.planned)
      #expect(result.plan.assignments.first { $0.organization == organization }?.instructor == planned.instructor)
      #expect(slot.alternatives.count == min(5, slot.eligibleCount - 1))
      let scores = slot.alternatives.map(\.score)
      #expect(scores == scores.sorted(by: >), "alternatives come best score first")
      for alternative in slot.alternatives {
        var locked = loaded.scenario
        locked.overrides.append(PairOverride(organization: organization, instructor: alternative.instructor, action: .lock))
        let relocked = try Planner().plan(locked, name: "demo", inputSHA256: "x", options: PlanOptions(solver: .glpk))
        #expect(relocked.summary.optimal)
        #expect(alternative.coverageCost == result.summary.assigned - relocked.summary.assigned)
        #expect(alternative.scoreCost == Int64(result.summary.objective - relocked.summary.objective),
                "\(organization) → \(alternative.instructor)")
        let reduced = try #require(alternative.reducedCost)
        #expect(reduced >= 0 && reduced <= alternative.scoreCost ?? .max, "the reduced cost is a lower bound")
      }
    }
  }

  @Test func anUnknownOrganizationIsAUserError() throws {
    let loaded = try Planner.load(folder: Self.demo)
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("explain-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let folder = try PlanWriter.write(try Planner().plan(loaded), to: base.appendingPathComponent("demo-1"))
    #expect(throws: ExplainFailure.self) { try Planner().explain(planFolder: folder, organization: "NOPE") }
  }

  /// With rules and pricing by exchange, every priced alternative is a checked plan holding the pair,
  /// so it scores at most the optimum with that pair locked (planned here with GLPK); the moves it names
  /// are exactly the other slots whose instructor differs.
  @Test func exchangePricingNeverBeatsTheLockedOptimum() throws {
    var scenario = try Planner.load(folder: Self.demo).scenario
    scenario.settings.rules.keyProjectExclusive = true
    scenario.settings.rules.mix = true
    let result = try Planner().plan(scenario, name: "demo", inputSHA256: "x")
    let explainer = PlanExplainer(solvers: Planner.standardSolvers, pricing: .exchange, repair: Planner.explainRepair)
    var priced = 0
    for organization in ["O02", "O07", "O15", "O21", "O30"].map(OrganizationID.init) {
      let explained = try explainer.explain(organization, model: result.model, outcome: result.record.outcome)
      for alternative in explained.slots.flatMap(\.alternatives) where alternative.impossible == nil {
        priced += 1
        #expect(!alternative.exact)
        var locked = scenario
        locked.overrides.append(PairOverride(organization: organization, instructor: alternative.instructor, action: .lock))
        let relocked = try Planner().plan(locked, name: "demo", inputSHA256: "x", options: PlanOptions(solver: .glpk))
        #expect(relocked.summary.optimal)
        let value = try #require(alternative.lockedObjective)
        #expect(value.covered < relocked.summary.assigned || (value.covered == relocked.summary.assigned && Int(value.score) <= relocked.summary.objective),
                "\(organization) → \(alternative.instructor): \(value) beats the locked optimum \(relocked.summary.objective)")
        #expect(alternative.otherMoves.allSatisfy { $0.organization != organization && $0.from != $0.to })
      }
    }
    #expect(priced >= 10, "only \(priced) alternatives priced")
  }
}
