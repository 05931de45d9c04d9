// The pure LP at city size: 1557 rows × 484 columns, 24 arcs per row, capacity 4, scores 0–100.
// Opt-in (DISPATCH_LONG_TESTS=1 or DISPATCH_GLPK_MEASURE=1); prints the wall time.
import AssignmentCore
import DispatchTestSupport
import Foundation
import GLPKBackend
import Testing

func citySizedPureProblem(seed: UInt64) -> AssignmentProblem {
  var rng = SeededGenerator(seed: seed)
  let rows = 1557, columns = 484
  var arcs: [Arc] = []
  arcs.reserveCapacity(rows * 24)
  for row in 0..<rows {
    var chosen = Set<Int>()
    while chosen.count < 24 { chosen.insert(Int.random(in: 0..<columns, using: &rng)) }
    for column in chosen.sorted() { arcs.append(Arc(row: row, column: column, score: Int64.random(in: 0...100, using: &rng))) }
  }
  return try! AssignmentProblem(rowCount: rows, columnCapacities: Array(repeating: 4, count: columns), arcs: arcs)
}

@Suite struct GLPKMeasurementTests {
  static var enabled: Bool {
    let env = ProcessInfo.processInfo.environment
    return env["DISPATCH_LONG_TESTS"] == "1" || env["DISPATCH_GLPK_MEASURE"] == "1"
  }

  @Test(.enabled(if: enabled)) func cityPureLP() throws {
    let problem = citySizedPureProblem(seed: 42)
    let clock = ContinuousClock()
    var outcome: AssignmentOutcome?
    let elapsed = try clock.measure { outcome = try GLPKSolver().solve(problem, limits: .none) }
    let result = try #require(outcome)
    print("GLPK pure LP 1557×484 (24 arcs/row, cap 4): \(elapsed), \(result.status), \(result.objective), duals: \(result.duals != nil)")
    #expect(result.status == .optimal)
    #expect(result.duals != nil)
    #expect(SolutionChecker.violations(result.columnOfRow, in: problem, claimed: result.objective).isEmpty)
  }
}
