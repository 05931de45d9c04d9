// Seeded random instances against the brute-force oracle: pure, loads (GAP) and side rules.
import AssignmentCore
import DispatchTestSupport
import GLPKBackend
import Testing

@Suite struct GLPKRandomTests {
  let solver = GLPKSolver()

  /// Solves, checks against BruteForce and SolutionChecker; returns the outcome.
  @discardableResult
  func check(_ problem: AssignmentProblem, seed: UInt64, limits: SolveLimits = .none) throws -> AssignmentOutcome {
    let expected = BruteForce.optimum(problem)
    let outcome = try solver.solve(problem, limits: limits)
    if let expected {
      #expect(outcome.status == .optimal, "seed \(seed): \(outcome.status)")
      #expect(outcome.objective == expected, "seed \(seed): glpk \(outcome.objective), brute force \(expected)")
      #expect(outcome.bound == outcome.objective, "seed \(seed)")
      let broken = SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective)
      #expect(broken.isEmpty, "seed \(seed): \(broken)")
    } else {
      #expect(outcome.status.isInfeasible, "seed \(seed): expected infeasible, got \(outcome.status) \(outcome.objective)")
    }
    return outcome
  }

  @Test func pureInstancesMatchBruteForceWithCertifiedDuals() throws {
    var withDuals = 0
    for seed in UInt64(1)...200 {
      let problem = RandomProblems.make(seed: seed)
      let outcome = try check(problem, seed: seed)
      guard outcome.status == .optimal else { continue }
      let duals = try #require(outcome.duals, "seed \(seed): pure optimal outcome without duals")
      withDuals += 1
      for column in 0..<problem.columnCount {
        #expect(duals.columnDual[column] >= 0)
        let load = outcome.columnOfRow.filter { $0 == Int32(column) }.count
        if load < problem.columnCapacities[column] { #expect(duals.columnDual[column] == 0, "seed \(seed) column \(column)") }
      }
      for row in 0..<problem.rowCount {
        let locked = problem.lockedColumn[row]
        for arc in problem.arcs(ofRow: row) where locked < 0 || problem.arcColumns[arc] == locked {
          let reduced = duals.reducedCost(of: problem, arc: arc, row: row)
          #expect(reduced >= 0, "seed \(seed) row \(row) arc \(arc): reduced cost \(reduced)")
          if outcome.columnOfRow[row] == problem.arcColumns[arc] { #expect(reduced == 0, "seed \(seed) row \(row)") }
        }
      }
    }
    #expect(withDuals > 100)
  }

  @Test func loadsMatchBruteForce() throws {
    var shape = RandomProblemShape()
    shape.loads = 1...3
    shape.capacity = 0...5
    for seed in UInt64(1001)...1150 { try check(RandomProblems.make(seed: seed, shape: shape), seed: seed) }
  }

  @Test func sideRulesMatchBruteForce() throws {
    var shape = RandomProblemShape()
    var changed = 0
    for seed in UInt64(2001)...2200 {
      shape.loads = seed % 3 == 0 ? 0...3 : 1...1
      let base = RandomProblems.make(seed: seed, shape: shape)
      let problem = RandomSideRules.attach(to: base, seed: seed)
      try check(problem, seed: seed)
      if BruteForce.optimum(problem) != BruteForce.optimum(base) { changed += 1 }
    }
    #expect(changed > 30, "side rules changed only \(changed) optima")
  }

  @Test func largeScoresUseTwoPhases() throws {
    var shape = RandomProblemShape()
    shape.scores = -1_000_000...1_000_000
    shape.loads = 1...2
    for seed in UInt64(3001)...3040 {
      let problem = RandomSideRules.attach(to: RandomProblems.make(seed: seed, shape: shape), seed: seed, count: 0...2)
      try check(problem, seed: seed)
    }
  }
}

/// Soft rules: GLPK's optimum (arc scores minus penalties) equals brute force's, judged by
/// the checker, on random instances mixing hard and soft rules, in one and two phases.
@Suite struct GLPKSoftRuleTests {
  @Test func softRulesMatchBruteForce() throws {
    var shape = RandomProblemShape()
    var penalised = 0, differsFromHard = 0
    for seed in UInt64(12001)...12200 {
      shape.loads = seed % 4 == 0 ? 0...3 : 1...1
      shape.scores = seed % 5 == 0 ? -1_000_000...1_000_000 : 0...30
      let base = RandomProblems.make(seed: seed, shape: shape)
      let problem = RandomSideRules.attach(to: base, seed: seed, count: 1...3, softness: 0.7)
      let expected = BruteForce.optimum(problem)
      let outcome = try GLPKSolver().solve(problem, limits: .none)
      guard let expected else {
        #expect(outcome.status.isInfeasible, "seed \(seed): \(outcome.status)")
        continue
      }
      #expect(outcome.status == .optimal, "seed \(seed): \(outcome.status)")
      #expect(outcome.objective == expected, "seed \(seed): glpk \(outcome.objective), brute force \(expected)")
      #expect(SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective).isEmpty, "seed \(seed)")
      if SolutionChecker.penalty(of: outcome.columnOfRow, in: problem) > 0 { penalised += 1 }
      let hard = try AssignmentProblem(rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: problem.allArcs,
                                       locks: problem.locks, coverage: problem.coverage, sideRules: problem.sideRules.map(\.constraint))
      if BruteForce.optimum(hard) != expected { differsFromHard += 1 }
    }
    // The instances exercise the penalties: optimal plans that pay some, and optima that differ from the hard rules'.
    #expect(penalised > 15, "only \(penalised) optimal plans pay a penalty")
    #expect(differsFromHard > 30, "soft and hard optima differ on only \(differsFromHard) instances")
  }
}
