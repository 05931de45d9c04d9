// The move budget (`SideRule.maximumMoves`, re-planning) against the brute-force oracle.
import AssignmentCore
import DispatchTestSupport
import GLPKBackend
import Testing

@Suite struct MoveBudgetTests {
  let solver = GLPKSolver()

  /// A random "previous plan": each row keeps a random column of its own arcs (or none).
  static func withBudget(_ problem: AssignmentProblem, seed: UInt64) -> AssignmentProblem {
    var rng = SeededGenerator(seed: seed &* 31 &+ 7)
    var rows: [Int] = [], columns: [Int] = []
    for row in 0..<problem.rowCount {
      let arcs = Array(problem.arcs(ofRow: row))
      guard !arcs.isEmpty, Int.random(in: 0..<4, using: &rng) > 0 else { continue }
      rows.append(row)
      // Sometimes a pair that is not an arc (the instructor became ineligible): it can never be kept.
      columns.append(Int.random(in: 0..<5, using: &rng) == 0
        ? Int.random(in: 0..<problem.columnCount, using: &rng) : Int(problem.arcColumns[arcs.randomElement(using: &rng)!]))
    }
    let limit = Int.random(in: 0...max(0, rows.count), using: &rng)
    return try! AssignmentProblem(rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: problem.allArcs,
                                  locks: problem.locks, coverage: problem.coverage,
                                  sideRules: problem.sideRules + [.maximumMoves(rows: rows, columns: columns, limit: limit)])
  }

  @Test func maximumMovesMatchesBruteForce() throws {
    var changed = 0
    for seed in UInt64(7001)...7200 {
      var shape = RandomProblemShape()
      shape.loads = seed % 4 == 0 ? 1...2 : 1...1
      let base = RandomProblems.make(seed: seed, shape: shape)
      let problem = Self.withBudget(base, seed: seed)
      let expected = BruteForce.optimum(problem)
      let outcome = try solver.solve(problem, limits: .none)
      if let expected {
        #expect(outcome.status == .optimal, "seed \(seed)")
        #expect(outcome.objective == expected, "seed \(seed): glpk \(outcome.objective), brute force \(expected)")
        #expect(SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective).isEmpty, "seed \(seed)")
      } else {
        #expect(outcome.status.isInfeasible, "seed \(seed): \(outcome.status)")
      }
      if expected != BruteForce.optimum(base) { changed += 1 }
    }
    #expect(changed > 20, "the budget changed only \(changed) optima")
  }

  @Test func checkerCountsMoves() {
    let rule = SideRule.maximumMoves(rows: [0, 1, 2], columns: [0, 1, 0], limit: 1)
    #expect(rule.moves(in: [0, 1, 0]) == 0)
    #expect(rule.moves(in: [0, -1, 1]) == 2)
    let problem = try! AssignmentProblem(
      rowCount: 3, columnCapacities: [3, 3], arcs: (0..<3).flatMap { r in (0..<2).map { Arc(row: r, column: $0, score: 1) } },
      sideRules: [rule])
    #expect(SolutionChecker.violations([0, 1, 0], in: problem).isEmpty)
    #expect(SolutionChecker.violations([1, 0, 0], in: problem).count == 1)
  }
}
