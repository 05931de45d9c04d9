import AssignmentCore
import DispatchTestSupport
@testable import NativeSolver
import Testing

private let solver = ShortestAugmentingPathSolver()

/// Solves with the default, heap and scan searches; checks they agree, that the
/// plan passes `SolutionChecker`, and (when optimal) the dual certificate.
private func solveChecked(_ problem: AssignmentProblem, sourceLocation: SourceLocation = #_sourceLocation) throws -> AssignmentOutcome {
  let outcome = try solver.solve(problem, limits: .none)
  let heap = try ShortestAugmentingPathSolver(search: .heap).solve(problem, limits: .none)
  let scan = try ShortestAugmentingPathSolver(search: .scan).solve(problem, limits: .none)
  if tookDensePath(outcome) {
    // The dense path (LAPJV) may pick another optimum among ties: same objective.
    #expect(scan.objective == outcome.objective, "dense and sparse paths disagree", sourceLocation: sourceLocation)
    #expect(heap.columnOfRow == scan.columnOfRow, "heap search differs", sourceLocation: sourceLocation)
  } else {
    #expect(heap.columnOfRow == outcome.columnOfRow, "heap search differs", sourceLocation: sourceLocation)
    #expect(scan.columnOfRow == outcome.columnOfRow, "scan search differs", sourceLocation: sourceLocation)
  }
  #expect(heap.duals == scan.duals, sourceLocation: sourceLocation)
  #expect(outcome.solverName == "native", sourceLocation: sourceLocation)
  let violations = SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective)
  switch outcome.status {
  case .optimal:
    #expect(violations.isEmpty, "\(violations)", sourceLocation: sourceLocation)
    #expect(outcome.bound == outcome.objective, sourceLocation: sourceLocation)
    let failures = certificateFailures(problem, outcome)
    #expect(failures.isEmpty, "\(failures)", sourceLocation: sourceLocation)
  case .infeasible(let rows):
    #expect(problem.coverage == .requireAll, sourceLocation: sourceLocation)
    #expect(isHallViolator(rows, in: problem), "not a Hall violator: \(rows)", sourceLocation: sourceLocation)
    let others = violations.filter { if case .uncoveredRow = $0 { false } else { true } }
    #expect(others.isEmpty, "\(others)", sourceLocation: sourceLocation)
    #expect(!violations.isEmpty, sourceLocation: sourceLocation)
  case .feasible:
    Issue.record("native returned .feasible", sourceLocation: sourceLocation)
  }
  return outcome
}

private func tookDensePath(_ outcome: AssignmentOutcome) -> Bool {
  outcome.statistics.nativePath == .dense
}

@Suite struct NativeSolverHandCases {
  @Test func identityAndName() {
    #expect(solver.name == "native")
    #expect(solver.capabilities == SolverCapabilities(generalLoads: false, sideRules: false))
  }

  @Test func threeByThreeUniqueOptimum() throws {
    // Scores: the optimum is 0→1, 1→0, 2→2 (8 + 7 + 9 = 24); greedy by row would take 0→0.
    let s: [[Int64]] = [[9, 8, 1], [7, 2, 3], [5, 4, 9]]
    let arcs = (0..<3).flatMap { r in (0..<3).map { c in Arc(row: r, column: c, score: s[r][c]) } }
    let problem = try AssignmentProblem(rowCount: 3, columnCapacities: [1, 1, 1], arcs: arcs)
    let outcome = try solveChecked(problem)
    #expect(outcome.status == .optimal)
    #expect(outcome.columnOfRow == [1, 0, 2])
    #expect(outcome.objective == ObjectiveValue(covered: 3, score: 24))
    #expect(outcome.statistics.nativePath != nil && outcome.statistics.augmentingSearches != nil)
  }

  @Test func capacityAboveOne() throws {
    // Column 0 (capacity 2) is everyone's favourite; row 2 gains least by it.
    let arcs = [
      Arc(row: 0, column: 0, score: 10), Arc(row: 0, column: 1, score: 1),
      Arc(row: 1, column: 0, score: 10), Arc(row: 1, column: 1, score: 2),
      Arc(row: 2, column: 0, score: 10), Arc(row: 2, column: 1, score: 8),
      Arc(row: 3, column: 1, score: 3),
    ]
    let problem = try AssignmentProblem(rowCount: 4, columnCapacities: [2, 2], arcs: arcs)
    let outcome = try solveChecked(problem)
    #expect(outcome.columnOfRow == [0, 0, 1, 1])
    #expect(outcome.objective == ObjectiveValue(covered: 4, score: 31))
  }

  @Test func uncoverableRowUnderMaximize() throws {
    // Rows 0 and 1 both want only column 0 (capacity 1): the higher score wins; row 2 has no arc.
    let arcs = [Arc(row: 0, column: 0, score: 3), Arc(row: 1, column: 0, score: 5), Arc(row: 3, column: 1, score: 1)]
    let problem = try AssignmentProblem(rowCount: 4, columnCapacities: [1, 1], arcs: arcs)
    let outcome = try solveChecked(problem)
    #expect(outcome.status == .optimal)
    #expect(outcome.columnOfRow == [-1, 0, -1, 1])
    #expect(outcome.objective == ObjectiveValue(covered: 2, score: 6))
  }

  @Test func coverageComesBeforeScore() throws {
    // Row 0 alone would take column 0 (10), but then row 1 is uncovered.
    let arcs = [Arc(row: 0, column: 0, score: 10), Arc(row: 0, column: 1, score: -3), Arc(row: 1, column: 0, score: 1)]
    let problem = try AssignmentProblem(rowCount: 2, columnCapacities: [1, 1], arcs: arcs)
    let outcome = try solveChecked(problem)
    #expect(outcome.columnOfRow == [1, 0])
    #expect(outcome.objective == ObjectiveValue(covered: 2, score: -2))
  }

  @Test func negativeScoresAreStillCovered() throws {
    let arcs = [Arc(row: 0, column: 0, score: -5), Arc(row: 1, column: 0, score: -7), Arc(row: 1, column: 1, score: -9)]
    let problem = try AssignmentProblem(rowCount: 2, columnCapacities: [1, 1], arcs: arcs)
    let outcome = try solveChecked(problem)
    #expect(outcome.columnOfRow == [0, 1])
    #expect(outcome.objective == ObjectiveValue(covered: 2, score: -14))
  }

  @Test func requireAllInfeasibleNamesTheCompetingRows() throws {
    // Rows 0, 2 and 3 can use only columns 0 and 1 (capacity 1 each); row 1 has its own column.
    let arcs = [
      Arc(row: 0, column: 0, score: 1), Arc(row: 1, column: 2, score: 4), Arc(row: 1, column: 0, score: 9),
      Arc(row: 2, column: 0, score: 2), Arc(row: 2, column: 1, score: 2), Arc(row: 3, column: 1, score: 6),
    ]
    let problem = try AssignmentProblem(rowCount: 4, columnCapacities: [1, 1, 1], arcs: arcs, coverage: .requireAll)
    let outcome = try solveChecked(problem)
    #expect(outcome.status == .infeasible(uncoverable: [0, 2, 3]))
    #expect(outcome.duals == nil)
    #expect(outcome.bound == nil)
    // The plan shown is the best under .maximize: 3 rows, 1→2 (4), and two of 0/2/3 on columns 0, 1.
    #expect(outcome.objective == ObjectiveValue(covered: 3, score: 12))
    #expect(outcome.columnOfRow == [-1, 2, 0, 1])
  }

  @Test func requireAllFeasibleIsOptimal() throws {
    let arcs = [Arc(row: 0, column: 0, score: 5), Arc(row: 0, column: 1, score: 4), Arc(row: 1, column: 0, score: 1)]
    let problem = try AssignmentProblem(rowCount: 2, columnCapacities: [1, 1], arcs: arcs, coverage: .requireAll)
    let outcome = try solveChecked(problem)
    #expect(outcome.status == .optimal)
    #expect(outcome.columnOfRow == [1, 0])
  }

  @Test func requireAllRowWithoutArcs() throws {
    let problem = try AssignmentProblem(rowCount: 2, columnCapacities: [1], arcs: [Arc(row: 0, column: 0, score: 1)], coverage: .requireAll)
    let outcome = try solveChecked(problem)
    #expect(outcome.status == .infeasible(uncoverable: [1]))
    #expect(outcome.columnOfRow == [0, -1])
  }

  @Test func locksAreHard() throws {
    // Without the lock the optimum is 0→1, 1→0 (8 + 7); the lock forces 0→0.
    let arcs = [Arc(row: 0, column: 0, score: 9), Arc(row: 0, column: 1, score: 8), Arc(row: 1, column: 0, score: 7), Arc(row: 1, column: 1, score: 1)]
    let free = try AssignmentProblem(rowCount: 2, columnCapacities: [1, 1], arcs: arcs)
    #expect(try solveChecked(free).columnOfRow == [1, 0])
    let locked = try AssignmentProblem(rowCount: 2, columnCapacities: [1, 1], arcs: arcs, locks: [(1, 1)])
    let outcome = try solveChecked(locked)
    #expect(outcome.columnOfRow == [0, 1])
    #expect(outcome.objective == ObjectiveValue(covered: 2, score: 10))
  }

  @Test func lockFillingAColumnJoinsTheHallViolator() throws {
    // Row 0 is locked to column 0 (capacity 1); row 1 can use only column 0.
    let arcs = [Arc(row: 0, column: 0, score: 1), Arc(row: 1, column: 0, score: 5), Arc(row: 2, column: 1, score: 2)]
    let problem = try AssignmentProblem(rowCount: 3, columnCapacities: [1, 1], arcs: arcs, locks: [(0, 0)], coverage: .requireAll)
    let outcome = try solveChecked(problem)
    #expect(outcome.status == .infeasible(uncoverable: [0, 1]))
    let maximize = try solveChecked(withCoverage(problem, .maximize))
    #expect(maximize.columnOfRow == [0, -1, 1])
    #expect(maximize.objective == ObjectiveValue(covered: 2, score: 3))
  }

  @Test func zeroCapacityColumnsAndEmptyProblems() throws {
    let arcs = [Arc(row: 0, column: 0, score: 100), Arc(row: 0, column: 1, score: 1)]
    let problem = try AssignmentProblem(rowCount: 1, columnCapacities: [0, 1], arcs: arcs)
    #expect(try solveChecked(problem).columnOfRow == [1])
    let empty = try AssignmentProblem(rowCount: 0, columnCapacities: [], arcs: [])
    let outcome = try solveChecked(empty)
    #expect(outcome.status == .optimal && outcome.columnOfRow.isEmpty)
    let noColumns = try AssignmentProblem(rowCount: 2, columnCapacities: [], arcs: [])
    #expect(try solveChecked(noColumns).objective == ObjectiveValue(covered: 0, score: 0))
  }

  @Test func unsupportedProblemsThrow() throws {
    let loads = try AssignmentProblem(rowCount: 1, columnCapacities: [2], arcs: [Arc(row: 0, column: 0, score: 1, load: 2)])
    #expect(throws: SolverError.self) { try solver.solve(loads, limits: .none) }
    let rules = try AssignmentProblem(rowCount: 1, columnCapacities: [2], arcs: [Arc(row: 0, column: 0, score: 1)],
                                      sideRules: [.exclusive(row: 0)])
    #expect(throws: SolverError.self) { try solver.solve(rules, limits: .none) }
  }
}

@Suite struct NativeSolverRandomized {
  private static func compareWithBruteForce(seeds: Range<UInt64>, shape: RandomProblemShape) throws {
    for seed in seeds {
      let problem = RandomProblems.make(seed: seed, shape: shape)
      let outcome = try solveChecked(problem)
      let again = try solver.solve(problem, limits: .none)
      #expect(again.columnOfRow == outcome.columnOfRow, "not deterministic, seed \(seed)")
      let best = BruteForce.optimum(problem)
      if let best {
        #expect(outcome.status == .optimal, "seed \(seed)")
        #expect(outcome.objective == best, "seed \(seed)")
      } else {
        #expect(outcome.status.isInfeasible, "seed \(seed)")
        #expect(outcome.objective == BruteForce.optimum(withCoverage(problem, .maximize)), "seed \(seed)")
      }
    }
  }

  @Test func smallProblemsMatchBruteForce() throws {
    try Self.compareWithBruteForce(seeds: 0..<600, shape: RandomProblemShape())
  }

  @Test func tighterProblemsMatchBruteForce() throws {
    var shape = RandomProblemShape()
    shape.rows = 3...8
    shape.columns = 1...4
    shape.capacity = 0...2
    shape.density = 0.5
    shape.scores = -1_000_000...1_000_000
    shape.lockProbability = 0.2
    shape.requireAllProbability = 0.5
    try Self.compareWithBruteForce(seeds: 1_000..<1_300, shape: shape)
  }

  @Test func manyTiesMatchBruteForce() throws {
    var shape = RandomProblemShape()
    shape.rows = 2...7
    shape.columns = 1...3
    shape.capacity = 1...3
    shape.scores = 0...2
    try Self.compareWithBruteForce(seeds: 5_000..<5_300, shape: shape)
  }

  /// Every row has an arc to every column, capacities above one, scores with many ties: the scan
  /// search relaxes the rows without the column index and settles columns by distance levels;
  /// it must agree with brute force and, plan and duals, with the heap search.
  @Test func denseCapacitatedTiesMatchBruteForceAndTheHeap() throws {
    var shape = RandomProblemShape()
    shape.rows = 3...8
    shape.columns = 1...4
    shape.capacity = 1...3
    shape.density = 1
    shape.scores = 0...3
    shape.lockProbability = 0.1
    shape.requireAllProbability = 0.5
    try Self.compareWithBruteForce(seeds: 30_000..<30_300, shape: shape)
  }

  @Test(arguments: [(rows: 350, columns: 100, scores: Int64(0)...6, coverage: CoverageRule.requireAll),
                    (rows: 500, columns: 100, scores: Int64(0)...100, coverage: CoverageRule.maximize),
                    (rows: 380, columns: 100, scores: Int64(-3)...3, coverage: CoverageRule.maximize)])
  func mediumDenseCapacitatedProblemIsCertifiedByItsDuals(rows: Int, columns: Int, scores: ClosedRange<Int64>, coverage: CoverageRule) throws {
    var rng = SeededGenerator(seed: UInt64(rows * 7 + columns))
    var arcs: [Arc] = []
    for r in 0..<rows {
      for c in 0..<columns { arcs.append(Arc(row: r, column: c, score: Int64.random(in: scores, using: &rng))) }
    }
    let problem = try AssignmentProblem(rowCount: rows, columnCapacities: (0..<columns).map { _ in Int.random(in: 3...5, using: &rng) },
                                        arcs: arcs, coverage: coverage)
    let outcome = try solveChecked(problem)  // heap = scan (plan and duals), certificate
    #expect(outcome.status == .optimal)
    #expect(certificateFailures(problem, outcome).isEmpty)
  }

  @Test(arguments: [(rows: 300, columns: 100, capacity: 4, coverage: CoverageRule.maximize),
                    (rows: 300, columns: 60, capacity: 4, coverage: CoverageRule.maximize),
                    (rows: 300, columns: 100, capacity: 4, coverage: CoverageRule.requireAll)])
  func mediumProblemIsCertifiedByItsDuals(rows: Int, columns: Int, capacity: Int, coverage: CoverageRule) throws {
    var rng = SeededGenerator(seed: UInt64(rows * 1_000 + columns))
    var arcs: [Arc] = []
    for r in 0..<rows {
      for c in 0..<columns where Double.random(in: 0..<1, using: &rng) < 0.5 {
        arcs.append(Arc(row: r, column: c, score: Int64.random(in: -20...100, using: &rng)))
      }
    }
    let locks = [(row: 3, column: Int(arcs.first { $0.row == 3 }!.column)), (row: 10, column: Int(arcs.first { $0.row == 10 }!.column))]
    let problem = try AssignmentProblem(rowCount: rows, columnCapacities: Array(repeating: capacity, count: columns), arcs: arcs,
                                        locks: locks, coverage: coverage)
    let outcome = try solveChecked(problem)
    #expect(outcome.status == .optimal)
    #expect(outcome.objective.covered == min(rows, columns * capacity))
    #expect(try solver.solve(problem, limits: .none).columnOfRow == outcome.columnOfRow)
  }

  /// Full-density, capacity-1 instances: the dense path (LAPJV) whenever rows ≤ columns ≤ rows + 2.
  @Test func densePathMatchesBruteForce() throws {
    var shape = RandomProblemShape()
    shape.rows = 2...5
    shape.columns = 2...6
    shape.capacity = 1...1
    shape.density = 1
    shape.scores = -30...30
    shape.lockProbability = 0.1
    try Self.compareWithBruteForce(seeds: 20_000..<20_200, shape: shape)
    shape.scores = 0...2
    try Self.compareWithBruteForce(seeds: 21_000..<21_200, shape: shape)
    var dense = 0
    for seed in UInt64(20_000)..<20_200 where tookDensePath(try solver.solve(RandomProblems.make(seed: seed, shape: shape))) { dense += 1 }
    #expect(dense >= 50, "only \(dense) of 200 instances took the dense path")
  }

  @Test(arguments: [(rows: 200, columns: 200, scores: Int64(-1_000_000)...1_000_000, coverage: CoverageRule.maximize),
                    (rows: 150, columns: 159, scores: Int64(0)...999, coverage: CoverageRule.maximize),
                    (rows: 180, columns: 180, scores: Int64(0)...3, coverage: CoverageRule.requireAll),
                    (rows: 120, columns: 127, scores: Int64(-5)...5, coverage: CoverageRule.requireAll)])
  func mediumDenseProblemIsCertifiedByItsDuals(rows: Int, columns: Int, scores: ClosedRange<Int64>, coverage: CoverageRule) throws {
    var rng = SeededGenerator(seed: UInt64(rows * 1_000 + columns))
    var arcs: [Arc] = []
    for r in 0..<rows {
      for c in 0..<columns { arcs.append(Arc(row: r, column: c, score: Int64.random(in: scores, using: &rng))) }
    }
    let problem = try AssignmentProblem(rowCount: rows, columnCapacities: Array(repeating: 1, count: columns), arcs: arcs,
                                        coverage: coverage)
    let outcome = try solveChecked(problem)  // certificate, and the sparse searches' objective
    #expect(tookDensePath(outcome), "\(outcome.log)")
    #expect(outcome.status == .optimal)
    #expect(outcome.objective.covered == rows)
    #expect(try solver.solve(problem, limits: .none).columnOfRow == outcome.columnOfRow)
  }

  @Test func denseAndSparsePathsAgreeOnTheObjective() throws {
    var rng = SeededGenerator(seed: 77)
    for (rows, columns) in [(60, 60), (45, 47), (90, 90)] {
      var arcs: [Arc] = []
      for r in 0..<rows {
        for c in 0..<columns { arcs.append(Arc(row: r, column: c, score: Int64.random(in: 0...50, using: &rng))) }
      }
      let problem = try AssignmentProblem(rowCount: rows, columnCapacities: Array(repeating: 1, count: columns), arcs: arcs,
                                          locks: [(row: 1, column: 3)])
      let dense = try ShortestAugmentingPathSolver(search: .dense).solve(problem, limits: .none)
      let sparse = try ShortestAugmentingPathSolver(search: .scan).solve(problem, limits: .none)
      #expect(tookDensePath(dense) && !tookDensePath(sparse))
      #expect(dense.objective == sparse.objective)
      #expect(dense.status == .optimal && sparse.status == .optimal)
      #expect(certificateFailures(problem, dense).isEmpty)
    }
  }
}
