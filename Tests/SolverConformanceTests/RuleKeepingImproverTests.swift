// RuleKeepingImprover on seeded random exclusive + mix instances: whenever it returns a
// plan, the plan passes the checker and objective ≤ brute-force optimum ≤ relaxation bound;
// the Lagrangian bound lies between the optimum and the relaxation bound.
import AssignmentCore
import DispatchTestSupport
import GLPKBackend
import NativeSolver
import RuleHeuristics
import Foundation
import Testing

@Suite struct RuleKeepingImproverTests {
  /// A random problem with 0–2 exclusive rows and one mix rule (a random split of the rows).
  /// `mixWeight`: the mix rule is soft with this weight.
  static func instance(seed: UInt64, mixWeight: Int64? = nil) -> AssignmentProblem {
    var shape = RandomProblemShape()
    shape.rows = 2...7
    shape.columns = 1...4
    shape.lockProbability = seed % 4 == 0 ? 0.1 : 0
    let base = RandomProblems.make(seed: seed, shape: shape)
    var rng = SeededGenerator(seed: seed &* 31 &+ 7)
    let rows = base.rowCount
    var rules: [SideRule] = []
    for _ in 0..<Int.random(in: 0...2, using: &rng) { rules.append(.exclusive(row: Int.random(in: 0..<rows, using: &rng))) }
    let a = (0..<rows).filter { _ in Bool.random(using: &rng) }
    let mix = SideRule.mix(groupA: a, groupB: (0..<rows).filter { !a.contains($0) })
    rules.append(mixWeight.map { .soft(mix, weight: $0) } ?? mix)
    return try! AssignmentProblem(rowCount: rows, columnCapacities: base.columnCapacities, arcs: base.allArcs,
                                  locks: base.locks, coverage: base.coverage, sideRules: rules)
  }

  /// Checks every per-arc Lagrangian bound against brute force: the best plan (covering every row) that
  /// puts the arc's row on the arc's column scores at most `arcBound[arc]`. Returns how many arcs were checked.
  static func expectArcBoundsHold(_ problem: AssignmentProblem, _ arcBound: [Int64], seed: UInt64) -> Int {
    var checked = 0
    for row in 0..<problem.rowCount {
      for arc in problem.arcs(ofRow: row) {
        // Plans that put `row` on this arc's column.
        let forced = problem.keepingArcs { $0 == arc || !problem.arcs(ofRow: row).contains($0) }
        guard let best = BruteForce.optimum(forced), best.covered == problem.rowCount else { continue }
        checked += 1
        #expect(best.score <= arcBound[arc], "seed \(seed) arc \(arc): plan \(best) above \(arcBound[arc])")
      }
    }
    return checked
  }

  @Test func plansKeepTheRulesAndBracketTheOptimum() throws {
    let native = ShortestAugmentingPathSolver()
    var returned = 0, reachedOptimum = 0, bounded = 0
    for seed in UInt64(1)...500 {
      let problem = Self.instance(seed: seed)
      let relaxed = try native.solve(problem.withoutSideRules())
      guard relaxed.status.isOptimal else { continue }
      guard let plan = RuleKeepingImprover(problem: problem, timeBudget: 1).improve(from: relaxed.columnOfRow) else { continue }
      returned += 1
      let objective = SolutionChecker.objective(of: plan, in: problem)
      #expect(SolutionChecker.violations(plan, in: problem).isEmpty, "seed \(seed)")
      let optimum = try #require(BruteForce.optimum(problem), "seed \(seed): improver found a plan, brute force none")
      #expect(objective <= optimum, "seed \(seed)")
      #expect(optimum <= relaxed.objective, "seed \(seed)")
      if objective == optimum { reachedOptimum += 1 }
      // The Lagrangian bound (full coverage, no locks) bounds the optimum too.
      if let score = MixLagrangianBound.bound(problem, plan: relaxed.columnOfRow, duals: relaxed.duals, target: objective.score,
                                              deadline: .never, maximumIterations: 200) {
        bounded += 1
        #expect(optimum.score <= score, "seed \(seed): Lagrangian bound \(score) < optimum \(optimum)")
        #expect(score <= relaxed.objective.score, "seed \(seed)")
      }
    }
    print("rule-keeping improver: \(returned) plans of 500, \(reachedOptimum) optimal; \(bounded) Lagrangian bounds")
    #expect(returned >= 200)
  }

  @Test func lagrangianArcBoundsHoldForEveryPlanUsingTheArc() throws {
    let native = ShortestAugmentingPathSolver()
    var checked = 0
    for seed in UInt64(1)...500 {
      let problem = Self.instance(seed: seed)
      guard MixLagrangianBound.supports(problem) else { continue }
      let relaxed = try native.solve(problem.withoutSideRules())
      guard relaxed.status.isOptimal,
            let result = MixLagrangianBound.boundAndProposal(problem, plan: relaxed.columnOfRow, duals: relaxed.duals,
                                                            target: relaxed.objective.score, deadline: .never,
                                                            maximumIterations: 100)
      else { continue }
      checked += Self.expectArcBoundsHold(problem, result.arcBound, seed: seed)
      #expect(result.arcBound.allSatisfy { $0 <= result.bound }, "seed \(seed)")
    }
    print("Lagrangian arc bounds: \(checked) arcs checked")
    #expect(checked >= 50)
  }

  /// Soft mix: the Lagrangian bound and its per-arc bounds hold for the score minus penalties.
  @Test func softMixLagrangianBoundsHold() throws {
    let native = ShortestAugmentingPathSolver()
    var bounded = 0, arcsChecked = 0, belowRelaxation = 0
    for seed in UInt64(1)...800 {
      let problem = Self.instance(seed: seed, mixWeight: Int64(seed % 12))
      guard MixLagrangianBound.supports(problem) else { continue }
      let relaxed = try native.solve(problem.withoutSideRules())
      guard relaxed.status.isOptimal, let optimum = BruteForce.optimum(problem), optimum.covered == problem.rowCount,
            let result = MixLagrangianBound.boundAndProposal(problem, plan: relaxed.columnOfRow, duals: relaxed.duals,
                                                            target: optimum.score, deadline: .never, maximumIterations: 200)
      else { continue }
      bounded += 1
      #expect(optimum.score <= result.bound, "seed \(seed): bound \(result.bound) < optimum \(optimum)")
      #expect(result.bound <= relaxed.objective.score, "seed \(seed)")
      if result.bound < relaxed.objective.score { belowRelaxation += 1 }
      arcsChecked += Self.expectArcBoundsHold(problem, result.arcBound, seed: seed)
    }
    #expect(bounded >= 30 && arcsChecked >= 100 && belowRelaxation >= 5, "\(bounded) bounds, \(arcsChecked) arcs, \(belowRelaxation) below U")
  }

  /// Hard minimum loads (2 or 3, some columns without) kept inside the Lagrangian bound: the bound
  /// and every per-arc bound hold against brute force on the problem with its minimum loads, and
  /// the bound is often strictly below the one with the minimum loads dropped.
  @Test func lagrangianBoundsHoldWithMinimumLoads() throws {
    let native = ShortestAugmentingPathSolver()
    var bounded = 0, arcsChecked = 0, tighter = 0
    for seed in UInt64(1)...800 {
      let base = Self.instance(seed: seed, mixWeight: seed % 3 == 0 ? Int64(seed % 9) : nil)
      let minimumLoads: [SideRule] = (0..<base.columnCount).compactMap { c in
        let k = Int((seed >> UInt64(c)) % 3) + 1
        return k >= 2 ? .minimumLoad(column: c, minimum: k) : nil
      }
      let problem = base.keeping(base.sideRules + minimumLoads)
      guard MixLagrangianBound.supports(problem) else { continue }
      let relaxed = try native.solve(problem.withoutSideRules())
      guard relaxed.status.isOptimal, let optimum = BruteForce.optimum(problem), optimum.covered == problem.rowCount,
            let result = MixLagrangianBound.boundAndProposal(problem, plan: relaxed.columnOfRow, duals: relaxed.duals,
                                                            target: optimum.score, deadline: .never, maximumIterations: 200),
            let dropped = MixLagrangianBound.bound(base, plan: relaxed.columnOfRow, duals: relaxed.duals, target: optimum.score,
                                                   deadline: .never, maximumIterations: 200)
      else { continue }
      bounded += 1
      #expect(optimum.score <= result.bound, "seed \(seed): bound \(result.bound) < optimum \(optimum)")
      if result.bound < dropped { tighter += 1 }
      arcsChecked += Self.expectArcBoundsHold(problem, result.arcBound, seed: seed)
    }
    #expect(bounded >= 20 && arcsChecked >= 100 && tighter >= 5, "\(bounded) bounds, \(arcsChecked) arcs, \(tighter) tighter than without minimum loads")
  }

  /// The Lagrangian certificate's column patterns at target t = the optimum hold an optimal plan
  /// (GLPK's set partitioning over them reaches exactly the brute-force optimum), and at t = optimum + 1
  /// they hold no plan reaching t: the two facts the descent's proof rests on.
  @Test func lagrangianPatternsHoldEveryPlanAboveTheTarget() throws {
    let native = ShortestAugmentingPathSolver()
    let glpk = GLPKSolver()
    var checked = 0
    for seed in UInt64(1)...1000 {
      let base = Self.instance(seed: seed, mixWeight: seed % 4 == 0 ? Int64(seed % 7) : nil)
      let problem = seed % 2 == 0 ? base : base.keeping(base.sideRules + (0..<base.columnCount).map { .minimumLoad(column: $0, minimum: 2) })
      guard MixLagrangianBound.supports(problem) else { continue }
      let relaxed = try native.solve(problem.withoutSideRules())
      guard relaxed.status.isOptimal, let optimum = BruteForce.optimum(problem), optimum.covered == problem.rowCount,
            let found = MixLagrangianBound.search(problem, plan: relaxed.columnOfRow, duals: relaxed.duals, target: optimum.score,
                                                  deadline: .never, maximumIterations: 100)
      else { continue }
      let certificate = found.certificate
      func patterns(target: Int64) throws -> PatternProblem {
        let budget = certificate.budget(target: target)
        let list = try (0..<problem.columnCount).flatMap { c in try #require(certificate.patterns(column: c, budget: budget, limit: 100_000)) }
        for pattern in list {
          // Each pattern keeps the column's rules: alone at its column it breaks nothing but coverage.
          var plan = [Int32](repeating: -1, count: problem.rowCount)
          for r in pattern.rows { plan[r] = Int32(pattern.column) }
          let broken = SolutionChecker.violations(plan, in: problem).filter { if case .uncoveredRow = $0 { false } else { true } }
          #expect(broken.isEmpty, "seed \(seed): pattern \(pattern) breaks \(broken)")
        }
        return PatternProblem(rowCount: problem.rowCount, columnCount: problem.columnCount, patterns: list,
                              mustUseColumn: (0..<problem.columnCount).map { !certificate.mayStayEmpty(column: $0, budget: budget) })
      }
      let atOptimum = try patterns(target: optimum.score)
      let o = try glpk.solve(patterns: atOptimum, limits: .none)
      #expect(o.status == .optimal, "seed \(seed): \(o.status)")
      let plan = atOptimum.plan(choosing: o.chosen)
      #expect(SolutionChecker.violations(plan, in: problem).isEmpty, "seed \(seed)")
      #expect(SolutionChecker.objective(of: plan, in: problem) == optimum, "seed \(seed): \(SolutionChecker.objective(of: plan, in: problem)) vs \(optimum)")
      #expect(o.chosen.reduce(Int64(0)) { $0 + atOptimum.patterns[$1].score } == optimum.score, "seed \(seed): pattern scores")
      checked += 1
      let above = try glpk.solve(patterns: try patterns(target: optimum.score + 1), limits: .none)
      #expect(above.status == .infeasible, "seed \(seed): a plan above the optimum? \(above.status)")
    }
    #expect(checked >= 35, "only \(checked) instances checked")
  }

  /// MinimumLoadRepair turns the improver's exclusive + mix plans into plans that keep a minimum
  /// load of 2 too; whenever it returns one, the checker accepts it and brute force does no worse.
  @Test func minimumLoadRepairKeepsEveryRule() throws {
    let native = ShortestAugmentingPathSolver()
    var repaired = 0
    for seed in UInt64(1)...500 {
      let base = Self.instance(seed: seed)
      let problem = base.keeping(base.sideRules + (0..<base.columnCount).map { .minimumLoad(column: $0, minimum: 2) })
      let relaxed = try native.solve(base.withoutSideRules())
      guard relaxed.status.isOptimal, let kept = RuleKeepingImprover(problem: base, timeBudget: 1).improve(from: relaxed.columnOfRow) else { continue }
      guard let plan = MinimumLoadRepair.repair(kept, in: problem) else { continue }
      repaired += 1
      #expect(SolutionChecker.violations(plan, in: problem).isEmpty, "seed \(seed)")
      #expect(plan.filter { $0 >= 0 }.count == kept.filter { $0 >= 0 }.count, "seed \(seed): the repair must not open a row")
      let optimum = try #require(BruteForce.optimum(problem), "seed \(seed)")
      #expect(SolutionChecker.objective(of: plan, in: problem) <= optimum, "seed \(seed)")
    }
    #expect(repaired >= 80, "only \(repaired) repaired plans")
  }

  /// Column 1 holds one row (below its minimum 2); column 0 holds three and can spare its
  /// cheapest row of group A, which keeps both columns mixed: a pull, not emptying column 1.
  @Test func minimumLoadRepairPullsBeforeItEmpties() throws {
    // Rows 0, 1 in group A, rows 2, 3 in group B. Scores at column 0 / column 1.
    let scores: [[Int64]] = [[9, 8], [9, 3], [9, 1], [1, 9]]
    let arcs = scores.indices.flatMap { r in (0..<2).map { Arc(row: r, column: $0, score: scores[r][$0]) } }
    let problem = try AssignmentProblem(rowCount: 4, columnCapacities: [3, 3], arcs: arcs, coverage: .requireAll, sideRules: [
      .mix(groupA: [0, 1], groupB: [2, 3]), .minimumLoad(column: 0, minimum: 2), .minimumLoad(column: 1, minimum: 2)])
    let plan = try #require(MinimumLoadRepair.repair([0, 0, 0, 1], in: problem))
    #expect(plan == [1, 0, 0, 1])  // row 0 moves (loss 1); row 1 would lose 6
    #expect(SolutionChecker.violations(plan, in: problem).isEmpty)
  }

  @Test func aMixSwapIsNeeded() throws {
    // Rows 0, 1 (group A) prefer column 0, rows 2, 3 (group B) column 1; capacities 2 leave
    // no room to bring a row in: only a swap makes both columns mixed.
    var arcs: [Arc] = []
    for r in 0..<4 { for c in 0..<2 { arcs.append(Arc(row: r, column: c, score: (r < 2) == (c == 0) ? 10 : 8)) } }
    let problem = try AssignmentProblem(rowCount: 4, columnCapacities: [2, 2], arcs: arcs, coverage: .requireAll,
                                        sideRules: [.mix(groupA: [0, 1], groupB: [2, 3])])
    let relaxed = try ShortestAugmentingPathSolver().solve(problem.withoutSideRules())
    #expect(relaxed.objective.score == 40)
    let plan = try #require(RuleKeepingImprover(problem: problem).improve(from: relaxed.columnOfRow))
    #expect(SolutionChecker.violations(plan, in: problem).isEmpty)
    #expect(SolutionChecker.objective(of: plan, in: problem) == ObjectiveValue(covered: 4, score: 36))
    #expect(Set([plan[0], plan[1]]) == [0, 1] && Set([plan[2], plan[3]]) == [0, 1])
    let outcome = try RuleRepairSolver().solve(problem)
    // The Lagrangian bound (full coverage, one mix rule) lies between the plan and U = 40.
    let bound = try #require(outcome.bound?.score)
    #expect(outcome.objective.score == 36 && (36...40).contains(bound))
    #expect(outcome.status == (bound == 36 ? .optimal : .feasible))
    print("mix swap: native-repair bound \(bound)")
  }
}
