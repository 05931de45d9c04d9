import AssignmentCore
import DispatchTestSupport
import Foundation
import GLPKBackend
import NativeSolver
import Testing

/// The native solver and GLPK must agree on the status and the optimum of every
/// instance both can solve; tiny instances are also checked against brute force.
/// Seeds are fixed, so a failure names a reproducible instance.
@Suite struct RandomAgreementTests {
  static let native = ShortestAugmentingPathSolver()
  static let glpk = GLPKSolver()
  /// Opt-in long runs multiply the seed count by 20.
  static let scale = ProcessInfo.processInfo.environment["DISPATCH_LONG_TESTS"] == nil ? 1 : 20

  /// Solves with both back ends and checks them against each other and the checker.
  /// Returns the common optimum (nil when both say infeasible).
  @discardableResult
  func agree(_ problem: AssignmentProblem, seed: UInt64) throws -> ObjectiveValue? {
    let a = try Self.native.solve(problem, limits: .none)
    let b = try Self.glpk.solve(problem, limits: .none)
    #expect(a.status.isInfeasible == b.status.isInfeasible, "seed \(seed): native \(a.status), glpk \(b.status)")
    guard !a.status.isInfeasible, !b.status.isInfeasible else { return nil }
    #expect(a.status == .optimal && b.status == .optimal, "seed \(seed)")
    #expect(a.objective == b.objective, "seed \(seed): native \(a.objective), glpk \(b.objective)")
    #expect(SolutionChecker.violations(a.columnOfRow, in: problem, claimed: a.objective).isEmpty, "seed \(seed) native")
    #expect(SolutionChecker.violations(b.columnOfRow, in: problem, claimed: b.objective).isEmpty, "seed \(seed) glpk")
    return a.objective
  }

  @Test func tinyInstancesAgreeWithBruteForce() throws {
    var infeasible = 0, locked = 0
    for seed in UInt64(1)...UInt64(200 * Self.scale) {
      let problem = RandomProblems.make(seed: seed)
      let common = try agree(problem, seed: seed)
      #expect(common == BruteForce.optimum(problem), "seed \(seed)")
      if common == nil { infeasible += 1 }
      if !problem.locks.isEmpty { locked += 1 }
    }
    // The sample must exercise infeasibility and locks, or the test proves little.
    #expect(infeasible >= 10)
    #expect(locked >= 20)
  }

  @Test func mediumInstancesAgree() throws {
    var shape = RandomProblemShape()
    shape.rows = 10...40
    shape.columns = 3...15
    shape.capacity = 0...5
    shape.density = 0.35
    shape.scores = -20...100
    shape.lockProbability = 0.05
    shape.requireAllProbability = 0.2
    for seed in UInt64(10_001)...UInt64(10_000 + 150 * Self.scale) {
      try agree(RandomProblems.make(seed: seed, shape: shape), seed: seed)
    }
  }

  /// Many equal scores: the objective must still agree (ties are where bugs hide).
  @Test func tiedInstancesAgree() throws {
    var shape = RandomProblemShape()
    shape.rows = 5...25
    shape.columns = 2...8
    shape.capacity = 1...4
    shape.density = 0.6
    shape.scores = 0...2
    for seed in UInt64(20_001)...UInt64(20_000 + 100 * Self.scale) {
      try agree(RandomProblems.make(seed: seed, shape: shape), seed: seed)
    }
  }

  @Test func bothBackEndsAreDeterministic() throws {
    var shape = RandomProblemShape()
    shape.rows = 30...30
    shape.columns = 8...8
    shape.scores = 0...3
    let problem = RandomProblems.make(seed: 99, shape: shape)
    for solver in [Self.native as any AssignmentSolver, Self.glpk] {
      let first = try solver.solve(problem, limits: .none)
      let second = try solver.solve(problem, limits: .none)
      #expect(first.columnOfRow == second.columnOfRow, "\(solver.name)")
    }
  }
}
