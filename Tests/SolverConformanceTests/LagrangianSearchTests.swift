// MixLagrangianBound's search (issue 14, the re-plan's bound): it stops at the first iteration whose
// bound proves the incumbent (⌊L⌋ ≤ its score: scores are whole points), and its incremental
// evaluation (MixLagrangianIncremental.swift) follows exactly the path of the full scan.
import AssignmentCore
import DispatchTestSupport
import GLPKBackend
import NativeSolver
import RuleHeuristics
import Testing

@Suite struct LagrangianSearchTests {
  let native = ShortestAugmentingPathSolver()

  /// Stops at the first iteration whose bound proves GLPK's optimum: one iteration fewer leaves a bound
  /// above it. Some stops fall strictly inside the optimum's point (L > 1000·optimum), where a stop at
  /// L ≤ 1000·optimum would have gone on.
  @Test func stopsAtTheFirstIterationThatProvesTheIncumbent() throws {
    var proved = 0, insideThePoint = 0
    for seed in UInt64(1)...400 {
      let problem = RuleKeepingImproverTests.instance(seed: seed)
      guard MixLagrangianBound.supports(problem) else { continue }
      let optimum = try GLPKSolver().solve(problem, limits: .none)
      let relaxed = try native.solve(problem.withoutSideRules(), limits: .none)
      guard optimum.status.isOptimal, optimum.objective.covered == problem.rowCount, relaxed.status.isOptimal else { continue }
      let target = optimum.objective.score
      func run(_ iterations: Int) -> MixLagrangianBound.Result? {
        MixLagrangianBound.search(problem, plan: relaxed.columnOfRow, duals: relaxed.duals, target: target,
                                  deadline: .never, maximumIterations: iterations)
      }
      guard let result = run(3000) else { continue }
      #expect(result.bound >= target, "seed \(seed): bound \(result.bound) below GLPK's optimum \(target)")
      // (With `maximumIterations` k the search evaluates k points, then the best of them again: k = 0 is the start.)
      guard result.bound == target, result.iterations >= 2 else { continue }
      proved += 1
      if result.certificate.value > target * MixLagrangianBound.scale { insideThePoint += 1 }
      #expect(result.iterations < 3000, "seed \(seed)")
      #expect(run(result.iterations - 1).map { $0.bound > target } ?? false, "seed \(seed): an earlier iteration already proved \(target)")
      #expect(run(result.iterations)?.bound == target, "seed \(seed)")
    }
    print("Lagrangian stops: \(proved) proved GLPK's optimum after 2+ iterations, \(insideThePoint) inside its point")
    #expect(proved >= 8, "proved \(proved)")
    #expect(insideThePoint >= 1, "stops strictly inside the optimum's point: \(insideThePoint)")
  }

  /// Larger random instances (exclusive rows, a hard or soft mix, minimum loads, forbidden pairs): the
  /// incremental search returns exactly what the full scan returns — bound, iterations, multipliers,
  /// proposal and per-arc bounds.
  @Test func incrementalEvaluationFollowsTheFullScan() throws {
    var compared = 0
    for seed in UInt64(1)...60 {
      var shape = RandomProblemShape()
      shape.rows = 20...70
      shape.columns = 6...24
      shape.capacity = 1...5
      shape.density = 0.8
      shape.scores = 0...40
      shape.lockProbability = 0
      let base = RandomProblems.make(seed: seed, shape: shape)
      var rng = SeededGenerator(seed: seed &* 131 &+ 17)
      let rows = base.rowCount
      var rules: [SideRule] = (0..<Int.random(in: 0...6, using: &rng)).map { _ in .exclusive(row: Int.random(in: 0..<rows, using: &rng)) }
      let a = (0..<rows).filter { _ in Int.random(in: 0..<3, using: &rng) == 0 }
      let b = (0..<rows).filter { !a.contains($0) && Bool.random(using: &rng) }
      let mix = SideRule.mix(groupA: a, groupB: b)
      rules.append(seed % 4 == 0 ? .soft(mix, weight: Int64(seed % 13)) : mix)
      if seed % 3 == 0 { rules += (0..<base.columnCount).compactMap { $0 % 2 == 0 ? .minimumLoad(column: $0, minimum: 2) : nil } }
      let problem = try AssignmentProblem(rowCount: rows, columnCapacities: base.columnCapacities, arcs: base.allArcs,
                                          coverage: .requireAll, sideRules: rules)
      guard MixLagrangianBound.supports(problem) else { continue }
      let relaxed = try native.solve(problem.withoutSideRules(), limits: .none)
      let plan = relaxed.status.isOptimal ? relaxed.columnOfRow : nil
      let target = relaxed.status.isOptimal ? relaxed.objective.score - 20 : 0
      func run(_ incremental: Bool) -> MixLagrangianBound.Result? {
        MixLagrangianBound.search(problem, plan: plan, duals: relaxed.duals, target: target, deadline: .never,
                                  maximumIterations: 400, incremental: incremental)
      }
      guard let full = run(false), let incremental = run(true) else { continue }
      #expect(incremental.bound == full.bound && incremental.iterations == full.iterations, "seed \(seed)")
      #expect(incremental.multipliers == full.multipliers, "seed \(seed)")
      #expect(incremental.proposal == full.proposal && incremental.arcBound == full.arcBound, "seed \(seed)")
      compared += 1
    }
    #expect(compared >= 40, "compared \(compared)")
  }
}
