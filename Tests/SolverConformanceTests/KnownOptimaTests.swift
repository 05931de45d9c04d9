import AssignmentCore
import DispatchTestSupport
import GLPKBackend
import NativeSolver
import Testing

/// Small cases whose optimum is unique and worked out by hand, run on every back end
/// (the conformance suite): each back end must return exactly the stated assignment.
struct KnownCase: Sendable, CustomTestStringConvertible {
  let name: String
  let problem: AssignmentProblem
  /// nil when the case is infeasible.
  let expected: [Int32]?
  var testDescription: String { name }

  static func make(
    _ name: String, rows: Int, capacities: [Int], arcs: [(Int, Int, Int64)], locks: [(row: Int, column: Int)] = [],
    coverage: CoverageRule = .maximize, expected: [Int32]?
  ) -> KnownCase {
    let problem = try! AssignmentProblem(
      rowCount: rows, columnCapacities: capacities, arcs: arcs.map { Arc(row: $0.0, column: $0.1, score: $0.2) },
      locks: locks, coverage: coverage)
    return KnownCase(name: name, problem: problem, expected: expected)
  }

  static let all: [KnownCase] = [
    // 3×3: the diagonal is worse than the anti-diagonal pairing (7 + 8 + 6 = 21).
    make("3x3 classic", rows: 3, capacities: [1, 1, 1],
         arcs: [(0, 0, 4), (0, 1, 7), (0, 2, 3), (1, 0, 8), (1, 1, 5), (1, 2, 2), (2, 0, 1), (2, 1, 2), (2, 2, 6)],
         expected: [1, 0, 2]),
    // One column of capacity 2 takes both of its best rows; the third goes elsewhere.
    make("capacity two", rows: 3, capacities: [2, 1],
         arcs: [(0, 0, 9), (1, 0, 8), (2, 0, 7), (0, 1, 1), (1, 1, 1), (2, 1, 5)],
         expected: [0, 0, 1]),
    // Coverage beats score: taking (0,0)=100 alone would leave row 1 open.
    make("coverage first", rows: 2, capacities: [1, 1],
         arcs: [(0, 0, 100), (0, 1, 1), (1, 0, 1)],
         expected: [1, 0]),
    // A negative-score arc is still taken: covering the row comes first.
    make("negative score still covers", rows: 2, capacities: [1, 1],
         arcs: [(0, 0, 5), (1, 1, -3)],
         expected: [0, 1]),
    // A row with no arc stays open; the rest is optimal.
    make("row without arcs", rows: 3, capacities: [1, 1],
         arcs: [(0, 0, 2), (0, 1, 3), (2, 0, 4)],
         expected: [1, -1, 0]),
    // The lock forces row 0 onto its worse column, which moves row 1.
    make("lock moves others", rows: 2, capacities: [1, 1],
         arcs: [(0, 0, 10), (0, 1, 1), (1, 0, 5), (1, 1, 4)], locks: [(0, 1)],
         expected: [1, 0]),
    // A column with capacity 0 is never used.
    make("zero capacity", rows: 2, capacities: [0, 2],
         arcs: [(0, 0, 50), (0, 1, 1), (1, 0, 50), (1, 1, 2)],
         expected: [1, 1]),
    // Full coverage required and possible, at a score cost.
    make("require all, feasible", rows: 2, capacities: [1, 1],
         arcs: [(0, 0, 10), (1, 0, 9), (1, 1, -1)], coverage: .requireAll,
         expected: [0, 1]),
    // Full coverage required: three rows compete for one column of capacity 2.
    make("require all, infeasible", rows: 3, capacities: [2, 5],
         arcs: [(0, 0, 1), (1, 0, 1), (2, 0, 1)], coverage: .requireAll,
         expected: nil),
    // An augmenting path must reroute two earlier rows (a long alternating path).
    make("long augmenting path", rows: 4, capacities: [1, 1, 1, 1],
         arcs: [(0, 0, 10), (0, 1, 9), (1, 1, 10), (1, 2, 9), (2, 2, 10), (2, 3, 9), (3, 0, 11)],
         expected: [1, 2, 3, 0]),
    // Wider rectangular case: more columns than rows, best distinct picks.
    make("rectangular wide", rows: 2, capacities: [1, 1, 1, 1],
         arcs: [(0, 0, 3), (0, 1, 8), (0, 2, 2), (0, 3, 1), (1, 0, 6), (1, 1, 9), (1, 2, 1), (1, 3, 7)],
         expected: [1, 3]),
  ]
}

let backEnds: [any AssignmentSolver] = [ShortestAugmentingPathSolver(), GLPKSolver()]

@Suite struct KnownOptimaTests {
  @Test(arguments: KnownCase.all)
  func everyBackEndFindsTheKnownOptimum(_ known: KnownCase) throws {
    for solver in backEnds {
      let outcome = try solver.solve(known.problem, limits: .none)
      if let expected = known.expected {
        #expect(outcome.status == .optimal, "\(solver.name)")
        #expect(outcome.columnOfRow == expected, "\(solver.name)")
        #expect(SolutionChecker.violations(outcome.columnOfRow, in: known.problem, claimed: outcome.objective).isEmpty, "\(solver.name)")
        #expect(outcome.objective == BruteForce.optimum(known.problem), "\(solver.name)")
      } else {
        #expect(outcome.status.isInfeasible, "\(solver.name)")
        #expect(BruteForce.optimum(known.problem) == nil)
      }
    }
  }

  @Test func theBruteForceOracleAgreesWithTheHandWorkedOptima() {
    for known in KnownCase.all {
      guard let expected = known.expected else { continue }
      #expect(BruteForce.optimum(known.problem) == SolutionChecker.objective(of: expected, in: known.problem), "\(known.name)")
    }
  }
}
