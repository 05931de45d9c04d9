// The warm GLPK path against brute force and plain GLPK; reduced-cost pruning never loses
// the optimum; the component split changes nothing.
import AssignmentCore
import DispatchTestSupport
import GLPKBackend
@testable import HybridSolver
import NativeSolver
import Synchronization
import Testing

@Suite struct WarmStartedMIPSolverTests {
  let warm = WarmStartedMIPSolver(pure: ShortestAugmentingPathSolver(), mip: GLPKSolver())
  let glpk = GLPKSolver()

  func sideRuleProblem(seed: UInt64) -> AssignmentProblem {
    RandomSideRules.attach(to: RandomProblems.make(seed: seed), seed: seed)
  }

  @Test func sideRulesMatchBruteForceAndPlainGLPK() throws {
    var solvedWithPruning = 0
    for seed in UInt64(5001)...5250 {
      let problem = sideRuleProblem(seed: seed)
      let expected = BruteForce.optimum(problem)
      let outcome = try warm.solve(problem, limits: .none)
      let plain = try glpk.solve(problem, limits: .none)
      if let expected {
        #expect(outcome.status == .optimal, "seed \(seed): \(outcome.status) \(outcome.log)")
        #expect(outcome.objective == expected, "seed \(seed): warm \(outcome.objective), brute force \(expected)\n\(outcome.log.joined(separator: "\n"))")
        #expect(outcome.bound == outcome.objective, "seed \(seed)")
        #expect(plain.objective == outcome.objective, "seed \(seed)")
        #expect(SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective).isEmpty, "seed \(seed)")
        if (outcome.prunedArcs ?? 0) > 0 { solvedWithPruning += 1 }
      } else {
        #expect(outcome.status.isInfeasible, "seed \(seed): expected infeasible, got \(outcome.status)")
        #expect(plain.status.isInfeasible, "seed \(seed)")
      }
    }
    #expect(solvedWithPruning > 10, "pruning ran on only \(solvedWithPruning) instances")
  }

  @Test func purePathAgreesWithNativeAndReturnsItsDuals() throws {
    var shape = RandomProblemShape()
    shape.rows = 3...9
    shape.columns = 2...5
    for seed in UInt64(6001)...6150 {
      let problem = RandomProblems.make(seed: seed, shape: shape)
      let native = try ShortestAugmentingPathSolver().solve(problem, limits: .none)
      let outcome = try warm.solve(problem, limits: .none)
      #expect(outcome.status == native.status, "seed \(seed)")
      if native.status.isOptimal {
        #expect(outcome.objective == native.objective, "seed \(seed)")
        #expect(outcome.duals != nil, "seed \(seed)")
      }
    }
  }

  /// Every arc of an optimal plan has reduced cost ≤ U − W(optimum), and brute force on the
  /// problem restricted to those arcs finds the same optimum.
  @Test func pruningNeverRemovesAnArcOfTheOptimum() throws {
    var checked = 0
    for seed in UInt64(7001)...7250 {
      let problem = sideRuleProblem(seed: seed)
      guard let optimum = BruteForce.optimum(problem) else { continue }
      let relaxed = problem.withoutSideRules()
      let native = try ShortestAugmentingPathSolver().solve(relaxed, limits: .none)
      guard native.status.isOptimal, let duals = native.duals else { continue }
      let cert = try #require(RelaxationCertificate(problem: problem, plan: native.columnOfRow, duals: duals), "seed \(seed)")
      let optimalPlan = try glpk.solve(problem, limits: .none)
      #expect(optimalPlan.objective == optimum)
      let threshold = cert.upper - cert.weighted(optimum)
      #expect(threshold >= 0, "seed \(seed)")
      for (row, column) in optimalPlan.columnOfRow.enumerated() where column >= 0 {
        let arc = try #require(problem.arcIndex(row: row, column: Int(column)))
        #expect(cert.reducedCost[arc] <= threshold, "seed \(seed): arc of the optimum would be pruned")
      }
      let restricted = problem.keepingArcs { cert.reducedCost[$0] <= threshold }
      #expect(BruteForce.optimum(restricted) == optimum, "seed \(seed)")
      checked += 1
    }
    #expect(checked > 100)
  }

  /// Several independent blocks side by side: split and whole give the same optimum, and plain GLPK agrees.
  @Test func componentSplitGivesTheSameOptimum() throws {
    var whole = warm
    whole.splitComponents = false
    var split = 0, softSplit = 0
    for seed in UInt64(8001)...8060 {
      let problem = try blockProblem(seed: seed)
      let a = try warm.solve(problem, limits: .none)
      let b = try whole.solve(problem, limits: .none)
      let c = try glpk.solve(problem, limits: .none)
      #expect(a.status.isOptimal == c.status.isOptimal && a.status.isInfeasible == c.status.isInfeasible, "seed \(seed): split \(a.status), glpk \(c.status)")
      #expect(b.status.isOptimal == c.status.isOptimal && b.status.isInfeasible == c.status.isInfeasible, "seed \(seed): whole \(b.status), glpk \(c.status)")
      if c.status.isOptimal {
        #expect(a.objective == c.objective, "seed \(seed): split \(a.objective), glpk \(c.objective)\n\(a.log.joined(separator: "\n"))")
        #expect(b.objective == c.objective, "seed \(seed)")
        #expect(SolutionChecker.violations(a.columnOfRow, in: problem, claimed: a.objective).isEmpty, "seed \(seed)")
      }
      if let parts = a.statistics.components, parts > 1 {
        split += 1
        if problem.hasSoftRules { softSplit += 1 }
      }
    }
    #expect(split > 15, "split ran on only \(split) instances")
    #expect(softSplit > 2, "split ran on only \(softSplit) instances with soft rules")
  }

  @Test func componentsOfAProblemPartitionItsRowsAndRules() throws {
    let problem = try AssignmentProblem(
      rowCount: 4, columnCapacities: [2, 2, 1],
      arcs: [Arc(row: 0, column: 0, score: 5), Arc(row: 1, column: 0, score: 3), Arc(row: 2, column: 1, score: 4), Arc(row: 3, column: 2, score: 1)],
      sideRules: [.exclusive(row: 0), .usedColumns(columns: [1, 2], minimum: 0, maximum: 1), .mix(groupA: [0, 2], groupB: [1, 3])])
    let split = try #require(ComponentSplit(problem))
    #expect(split.components.map(\.rows) == [[0, 1], [2, 3]])
    #expect(split.components[0].problem.sideRules.contains(.exclusive(row: 0)))
    #expect(split.components[1].problem.sideRules.contains(.usedColumns(columns: [0, 1], minimum: 0, maximum: 1)))
  }

  /// GLPK's starting basis (native optimum on pure problems, the incumbent's vertex in the MIP)
  /// changes no status, objective or bound of the warm path; on pure problems with it, the LP
  /// needs 0 simplex iterations and returns the native plan.
  @Test func startingBasisChangesNoOutcome() throws {
    let standard = WarmStartedMIPSolver(pure: ShortestAugmentingPathSolver(), mip: GLPKSolver(startingBasis: false))
    var whole = warm
    whole.splitComponents = false
    var shape = RandomProblemShape()
    shape.rows = 3...12
    shape.columns = 2...6
    var pureZero = 0, pure = 0
    for seed in UInt64(13_001)...13_200 {
      let base = RandomProblems.make(seed: seed, shape: shape)
      let problem = seed % 2 == 0 ? base : RandomSideRules.attach(to: base, seed: seed)
      let a = try warm.solve(problem, limits: .none)
      let b = try standard.solve(problem, limits: .none)
      #expect(a.status == b.status, "seed \(seed): \(a.status) vs \(b.status)")
      #expect(a.objective == b.objective, "seed \(seed): \(a.objective) vs \(b.objective)")
      #expect(a.bound == b.bound, "seed \(seed)")
      #expect((a.duals == nil) == (b.duals == nil), "seed \(seed)")
      if !a.status.isInfeasible {
        #expect(SolutionChecker.violations(a.columnOfRow, in: problem, claimed: a.objective).isEmpty, "seed \(seed)")
      }
      // One component, so that GLPK's statistics reach the outcome.
      if problem.sideRules.isEmpty, a.status.isOptimal, let lp = try whole.solve(problem, limits: .none).statistics.pureLP {
        pure += 1
        if lp.iterations == 0 {
          pureZero += 1
          let native = try ShortestAugmentingPathSolver().solve(problem, limits: .none)
          let plan = try whole.solve(problem, limits: .none).columnOfRow
          #expect(plan == native.columnOfRow, "seed \(seed): 0 iterations from the native optimum, yet another plan")
        }
      }
    }
    #expect(pure > 50 && pureZero * 10 >= pure * 9, "pure LPs \(pure), at 0 iterations \(pureZero)")
  }

  /// Components solved by two workers (or five) combine into exactly the plan, status and bound of one worker.
  @Test func concurrentComponentsGiveTheSameOutcome() throws {
    var one = warm
    one.workers = 1
    var concurrent = 0
    for seed in UInt64(8001)...8060 {
      let problem = try blockProblem(seed: seed)
      let a = try one.solve(problem, limits: .none)
      for workers in [2, 5] {
        var many = warm
        many.workers = workers
        let b = try many.solve(problem, limits: .none)
        #expect(a.status == b.status && a.columnOfRow == b.columnOfRow && a.objective == b.objective && a.bound == b.bound,
                "seed \(seed), \(workers) workers: \(b.status) \(b.objective) against \(a.status) \(a.objective)")
        if b.statistics.componentWorkers == workers { concurrent += 1 }
      }
    }
    #expect(concurrent > 20, "components ran concurrently on only \(concurrent) instances")
  }
}

/// Three random side-rule problems side by side (rows, columns and rules shifted): at least three
/// independent components for the warm path.
func blockProblem(seed: UInt64) throws -> AssignmentProblem {
  var shape = RandomProblemShape()
  shape.requireAllProbability = 0
  // Odd seeds: roomier blocks, some rules soft, full coverage required (where soft rules keep the warm path).
  shape.capacity = seed % 2 == 1 ? 2...4 : 0...3
  shape.density = seed % 2 == 1 ? 0.9 : 0.7
  var arcs: [Arc] = [], capacities: [Int] = [], locks: [(row: Int, column: Int)] = [], rules: [SideRule] = []
  var rows = 0
  for block in 0..<3 {
    let part = RandomSideRules.attach(to: RandomProblems.make(seed: seed * 7 + UInt64(block), shape: shape), seed: seed * 7 + UInt64(block),
                                      softness: seed % 2 == 1 ? 0.5 : 0)
    let r0 = rows, c0 = capacities.count
    arcs += part.allArcs.map { Arc(row: $0.row + r0, column: $0.column + c0, score: $0.score) }
    locks += part.locks.map { ($0.row + r0, $0.column + c0) }
    capacities += part.columnCapacities
    rules += part.sideRules.map { $0.renamed(row: { $0 + r0 }, column: { $0 + c0 })! }
    rows += part.rowCount
  }
  return try AssignmentProblem(rowCount: rows, columnCapacities: capacities, arcs: arcs, locks: locks,
                               coverage: seed % 2 == 1 ? .requireAll : .maximize, sideRules: rules)
}

/// Soft rules through the warm path: same optimum as brute force and plain GLPK, whether the
/// warm path runs (full coverage reachable within the hard rules) or falls back to plain GLPK.
@Suite struct WarmSoftRuleTests {
  @Test func softRulesMatchBruteForce() throws {
    let warm = WarmStartedMIPSolver(pure: ShortestAugmentingPathSolver(), mip: GLPKSolver())
    var warmPathRan = 0
    for seed in UInt64(13001)...13200 {
      var shape = RandomProblemShape()
      shape.scores = seed % 7 == 0 ? -1_000_000...1_000_000 : 0...30
      let problem = RandomSideRules.attach(to: RandomProblems.make(seed: seed, shape: shape), seed: seed, softness: 0.8, weights: 0...200)
      let expected = BruteForce.optimum(problem)
      let outcome = try warm.solve(problem, limits: .none)
      guard let expected else {
        #expect(outcome.status.isInfeasible, "seed \(seed): \(outcome.status)")
        continue
      }
      #expect(outcome.status == .optimal, "seed \(seed): \(outcome.status)\n\(outcome.log.joined(separator: "\n"))")
      #expect(outcome.objective == expected, "seed \(seed): warm \(outcome.objective), brute force \(expected)\n\(outcome.log.joined(separator: "\n"))")
      #expect(outcome.bound == outcome.objective, "seed \(seed)")
      #expect(SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective).isEmpty, "seed \(seed)")
      if problem.hasSoftRules && outcome.statistics.warmStartSkipped == nil { warmPathRan += 1 }
    }
    #expect(warmPathRan > 40, "the warm path ran on only \(warmPathRan) soft instances")
  }
}

/// A stop request (Ctrl-C, the workbench's cancel button) ends the warm path with its best plan
/// so far: checked, `feasible` unless proven, its bound at least its objective and at least the optimum.
@Suite struct WarmStopRequestTests {
  let warm = WarmStartedMIPSolver(pure: ShortestAugmentingPathSolver(), mip: GLPKSolver())

  @Test func stoppingAtTheFirstIncumbentGivesAnHonestPlan() throws {
    var stoppedEarly = 0
    for seed in UInt64(7001)...7080 {
      let problem = RandomSideRules.attach(to: RandomProblems.make(seed: seed), seed: seed)
      guard let optimum = BruteForce.optimum(problem) else { continue }
      // The observer stops the solve as soon as a plan that keeps the rules is known.
      let box = ControlBox()
      let control = SolveControl { p in if p.best != nil { box.control?.cancel() } }
      box.control = control
      let outcome: AssignmentOutcome
      do { outcome = try warm.solve(problem, limits: SolveLimits(control: control)) } catch {
        #expect(error.stoppedWithoutPlan, "seed \(seed): \(error)")
        continue
      }
      #expect(SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective).isEmpty, "seed \(seed)")
      #expect(outcome.objective <= optimum, "seed \(seed)")
      if outcome.status.isOptimal {
        #expect(outcome.objective == optimum, "seed \(seed)")
      } else {
        stoppedEarly += 1
        let bound = try #require(outcome.bound, "seed \(seed)")
        #expect(bound >= optimum && bound >= outcome.objective, "seed \(seed): bound \(bound), optimum \(optimum)")
      }
    }
    #expect(stoppedEarly > 5, "only \(stoppedEarly) solves stopped before their proof")
  }

  @Test func glpkStoppedBeforeItStartsKeepsTheGivenIncumbent() throws {
    var checked = 0
    for seed in UInt64(7101)...7160 {
      let problem = RandomSideRules.attach(to: RandomProblems.make(seed: seed), seed: seed)
      guard BruteForce.optimum(problem) != nil, let start = try? GLPKSolver().solve(problem, limits: .none), start.status.isOptimal else { continue }
      let control = SolveControl()
      control.cancel()
      let outcome = try GLPKSolver().solve(problem, limits: SolveLimits(incumbent: start.columnOfRow, control: control))
      #expect(outcome.objective == start.objective, "seed \(seed)")
      #expect(SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective).isEmpty, "seed \(seed)")
      if !problem.isPureAssignment { #expect(!outcome.status.isOptimal || outcome.bound == outcome.objective, "seed \(seed)") }
      checked += 1
    }
    #expect(checked > 10)
  }
}

/// Lets an observer reach the control it belongs to (set once before the solve).
final class ControlBox: Sendable {
  let held = Mutex<SolveControl?>(nil)
  var control: SolveControl? {
    get { held.withLock { $0 } }
    set { held.withLock { $0 = newValue } }
  }
}

/// The descent from the Lagrangian bound (BoundDescent.swift) on exclusive + mix (+ minimum load,
/// soft mix) instances with full coverage: the same optimum as brute force, proven, with the
/// descent's facts recorded; and a set-partitioning problem small enough to check by hand.
@Suite struct BoundDescentTests {
  let warm = WarmStartedMIPSolver(pure: ShortestAugmentingPathSolver(), mip: GLPKSolver())

  static func instance(seed: UInt64) throws -> AssignmentProblem {
    var shape = RandomProblemShape()
    shape.rows = 4...8
    shape.columns = 2...4
    shape.lockProbability = 0
    shape.scores = 0...40
    let base = RandomProblems.make(seed: seed, shape: shape)
    var rng = SeededGenerator(seed: seed &* 7919 &+ 3)
    let rows = base.rowCount
    var rules: [SideRule] = []
    for _ in 0..<Int.random(in: 0...1, using: &rng) { rules.append(.exclusive(row: Int.random(in: 0..<rows, using: &rng))) }
    let a = (0..<rows).filter { _ in Bool.random(using: &rng) }
    let mix = SideRule.mix(groupA: a, groupB: (0..<rows).filter { !a.contains($0) })
    rules.append(seed % 5 == 0 ? .soft(mix, weight: Int64(seed % 11)) : mix)
    if seed % 3 == 0 { rules += (0..<base.columnCount).map { .minimumLoad(column: $0, minimum: 2) } }
    return try AssignmentProblem(rowCount: rows, columnCapacities: base.columnCapacities, arcs: base.allArcs,
                                 coverage: .requireAll, sideRules: rules)
  }

  /// With and without the local search: without it the Lagrangian bound runs with no incumbent and the
  /// descent finds every plan (or proves there is none) by itself.
  @Test(arguments: [true, false]) func descentMatchesBruteForce(localSearch: Bool) throws {
    var solver = warm
    solver.localSearch = localSearch
    var descended = 0, withPatterns = 0, provedInfeasible = 0
    for seed in UInt64(21001)...21300 {
      let problem = try Self.instance(seed: seed)
      let expected = BruteForce.optimum(problem)
      let outcome = try solver.solve(problem, limits: .none)
      if outcome.statistics.infeasibilityProof != nil {
        provedInfeasible += 1
        #expect(expected == nil || expected!.covered < problem.rowCount, "seed \(seed): proved infeasible, brute force \(String(describing: expected))")
      }
      guard let expected, expected.covered == problem.rowCount else {
        #expect(outcome.status.isInfeasible || outcome.objective.covered < problem.rowCount, "seed \(seed): \(outcome.status)")
        continue
      }
      #expect(outcome.status == .optimal, "seed \(seed): \(outcome.status)\n\(outcome.log.joined(separator: "\n"))")
      #expect(outcome.objective == expected, "seed \(seed): warm \(outcome.objective), brute force \(expected)\n\(outcome.log.joined(separator: "\n"))")
      #expect(outcome.bound == outcome.objective, "seed \(seed)")
      #expect(SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective).isEmpty, "seed \(seed)")
      if let d = outcome.statistics.descent {
        descended += 1
        #expect(d.finished, "seed \(seed)")
        #expect(d.rounds >= 1 && d.mipRounds <= d.rounds, "seed \(seed)")
        if d.mipRounds > 0 { withPatterns += 1 }
      }
    }
    if !localSearch {
      #expect(descended >= 10 && withPatterns >= 10 && provedInfeasible >= 10,
              "the descent ran on \(descended) instances, solved patterns on \(withPatterns), proved \(provedInfeasible) infeasible")
    }
  }

  /// Three rows, two columns. Patterns: column 0 takes {0, 1} (9) or {2} (4); column 1 takes {2} (5)
  /// or {0} (3). The best cover is {0, 1} at 0 and {2} at 1: 14. With column 1 barred from {2}
  /// and column 0 required: {0,1}+{2} at column 0 is impossible (one pattern per column) → infeasible.
  @Test func setPartitioningByHand() throws {
    typealias P = PatternProblem.Pattern
    let patterns = [P(column: 0, rows: [0, 1], score: 9), P(column: 0, rows: [2], score: 4), P(column: 1, rows: [2], score: 5), P(column: 1, rows: [0], score: 3)]
    let problem = PatternProblem(rowCount: 3, columnCount: 2, patterns: patterns, mustUseColumn: [true, false])
    let o = try GLPKSolver().solve(patterns: problem, limits: .none)
    #expect(o.status == .optimal)
    #expect(o.chosen == [0, 2])
    #expect(problem.plan(choosing: o.chosen) == [0, 0, 1])
    let barred = PatternProblem(rowCount: 3, columnCount: 2, patterns: Array(patterns.prefix(2)) + [patterns[3]], mustUseColumn: [true, false])
    #expect(try GLPKSolver().solve(patterns: barred, limits: .none).status == .infeasible)
    let uncovered = PatternProblem(rowCount: 3, columnCount: 2, patterns: [patterns[0]], mustUseColumn: [false, false])
    #expect(try GLPKSolver().solve(patterns: uncovered, limits: .none).status == .infeasible)
  }
}
