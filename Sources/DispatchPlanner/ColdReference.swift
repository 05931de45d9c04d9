//===----------------------------------------------------------------------===//
// ColdReference — how much score a re-plan gives up for continuity, without a
// second full solve of the scenario (issue 14: 58.5 s of a 72 s replan was a cold
// solve made only for this figure).
//
// Let F be the best score of the new scenario ignoring continuity (the cold
// optimum) and s the new plan's score without its continuity points. The new plan
// is a plan of the cold problem (same arcs, locks and rules; continuity only adds
// points), so F ≥ s and the points given up, F − s, are ≥ 0. Upper bounds on F:
//   - pure problems: F itself, by the native solver (exact, a fraction of a second);
//   - otherwise U, the native optimum of the pure relaxation (side rules dropped),
//     tightened by MixLagrangianBound where it applies (one mix rule, with exclusive
//     rows and minimum loads if any, full coverage), started from the previous plan's
//     Lagrangian prices when it has them (LagrangianPrices: a plan's prices are those
//     of its cold problem). The method names the rules the bound kept or dropped, read
//     from the model.
// So the report states "at most ⌈bound − s⌉", or the exact figure when F is known.
//
// CONCURRENCY. The bound does not depend on the re-plan's solve, so it runs on the other
// core while the re-plan solves (`ColdReferenceRun`); s only clamps it afterwards.
// DETERMINISM. The Lagrangian ends by its own rules (patience, `maximumIterations`), the
// deadline only guards a machine far slower than expected.
// Complexity: one native solve (+ the Lagrangian's iterations, O(r·m·cap) each).
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchModel
import DispatchPlanning
import DispatchReports
import Foundation
import RuleHeuristics
import Synchronization

extension Planner {
  /// An upper bound on the cold optimum's score (exact when `exact`), for the points given up for continuity, before
  /// it is clamped by what the re-plan reached (`ColdReferenceRun.result(reached:)`).
  /// `start`: a plan's pairs (per row of the scenario's model) and the Lagrangian prices taken against them.
  func coldBound(_ scenario: Scenario, options: PlanOptions, start: (plan: [Int32], prices: [String: Int64]?)?) -> ReplanReport.ColdReference? {
    let clock = Stopwatch()
    guard let model = try? ProblemBuilder(scoresOnly: options.scoresOnly).build(scenario) else { return nil }
    let problem = model.problem
    if solvers.native.capabilities.accepts(problem) {
      guard let o = try? solvers.native.solve(problem, limits: .none), o.status.isOptimal else { return nil }
      return .init(bound: Int(o.objective.score), exact: true, method: .coldOptimum(solver: solvers.native.name), seconds: clock.seconds)
    }
    guard problem.arcLoads.isEmpty, let relaxed = try? solvers.native.solve(problem.withoutSideRules(), limits: .none), relaxed.status.isOptimal
    else { return nil }
    var bound = relaxed.objective.score
    let rules = ReplanReport.ColdReference.Method.ruleKinds(of: problem)
    var method = ReplanReport.ColdReference.Method.pureRelaxation(dropped: rules)
    if MixLagrangianBound.supports(problem), relaxed.objective.covered == problem.rowCount {
      // This only tightens an "at most" figure of the report: a bounded number of iterations.
      let multipliers = start.flatMap { LagrangianPrices.start(model: model, columnOfRow: $0.plan, prices: $0.prices) }
      // The search steps toward a score some plan reaches (Polyak): the rule-keeping local search's, as in a cold plan.
      let target = reachedTarget(problem, from: relaxed.columnOfRow, relaxation: relaxed.objective.score)
      if let lagrangian = MixLagrangianBound.search(problem, plan: relaxed.columnOfRow, duals: relaxed.duals, target: target,
                                                   deadline: Deadline(secondsFromNow: min(10, (options.timeLimit ?? 60) / 6)),
                                                   maximumIterations: Self.coldReferenceIterations, start: multipliers)?.bound,
         lagrangian < bound {
        bound = lagrangian
        method = .lagrangian(kept: rules)  // `supports`: every rule of the problem is kept inside the bound
      }
    }
    return .init(bound: Int(bound), exact: false, method: method, seconds: clock.seconds)
  }

  /// The bound of `coldBound`, clamped by `reached` (the re-plan's score without continuity), at once.
  func coldReference(_ scenario: Scenario, options: PlanOptions, reached: Int64,
                     start: (plan: [Int32], prices: [String: Int64]?)? = nil) -> ReplanReport.ColdReference? {
    coldBound(scenario, options: options, start: start).map { Self.clamped($0, reached: reached) }
  }

  /// `cold` clamped by `reached`: the cold optimum scores at least that, so a bound at or below it is exact.
  static func clamped(_ cold: ReplanReport.ColdReference, reached: Int64) -> ReplanReport.ColdReference {
    guard !cold.exact else { return cold }
    var result = cold
    result.exact = Int64(cold.bound) <= reached
    result.bound = max(cold.bound, Int(reached))
    return result
  }

  /// Iterations of the cold reference's Lagrangian search (huangshan, from the previous quarter's prices: 85,809 at the
  /// start, 85,005 after 300, 84,999 after 409): enough for the report's "at most" figure, a second of CPU at most.
  static let coldReferenceIterations = 300

  /// A score a plan of `problem` reaches: the rule-keeping local search's from the relaxation's plan (half a second
  /// at most), else 1 % under the relaxation's optimum (only the search's step sizes depend on it).
  private func reachedTarget(_ problem: AssignmentProblem, from plan: [Int32], relaxation: Int64) -> Int64 {
    if RuleKeepingImprover.supports(problem), let kept = RuleKeepingImprover(problem: problem, timeBudget: 0.5).improve(from: plan),
       SolutionChecker.violations(kept, in: problem).isEmpty {
      return SolutionChecker.objective(of: kept, in: problem).score
    }
    return relaxation - abs(relaxation) / 100
  }
}

/// The cold bound computed on another thread while the re-plan solves (CONCURRENCY in the header).
final class ColdReferenceRun: Sendable {
  private let state = Mutex<ReplanReport.ColdReference??>(nil)
  private let done = DispatchSemaphore(value: 0)

  init(_ work: @escaping @Sendable () -> ReplanReport.ColdReference?) {
    let thread = Thread { [self] in
      let found = work()
      state.withLock { $0 = .some(found) }
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// The bound, clamped by `reached` (the re-plan's score without continuity, which the cold optimum reaches at least).
  func result(reached: Int64) -> ReplanReport.ColdReference? {
    done.wait()
    return (state.withLock { $0 } ?? nil).map { Planner.clamped($0, reached: reached) }
  }
}
