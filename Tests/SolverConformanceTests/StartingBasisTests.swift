// GLPK's starting basis from the native optimum (issue 3, point 3c) changes nothing but
// the path: on seeded random pure problems GLPK from the standard basis and GLPK started
// at the native plan (with and without its duals) agree on status, objective and bound;
// where the optimal plan is unique (counted by enumeration) they return the same plan; and
// the basis is really taken (glp_warm_up accepts it; with the duals the simplex needs 0
// iterations, far fewer than from the standard basis). With side rules and loads, the MIP's
// root LP started at an incumbent's vertex gives the same outcome as the standard basis.
import AssignmentCore
import DispatchTestSupport
import Foundation
import GLPKBackend
import NativeSolver
import Testing

/// The number of optimal plans of a pure problem, by enumeration (tiny problems only).
func optimalPlanCount(_ problem: AssignmentProblem) -> (optimum: ObjectiveValue, count: Int)? {
  precondition(problem.isPureAssignment)
  var remaining = problem.columnCapacities
  var best: ObjectiveValue? = nil
  var count = 0
  func visit(_ row: Int, _ covered: Int, _ score: Int64) {
    if row == problem.rowCount {
      let value = ObjectiveValue(covered: covered, score: score)
      if best.map({ value > $0 }) ?? true { best = value; count = 1 } else if value == best { count += 1 }
      return
    }
    let locked = problem.lockedColumn[row]
    for arc in problem.arcs(ofRow: row) {
      let column = Int(problem.arcColumns[arc])
      guard remaining[column] > 0, locked < 0 || Int(locked) == column else { continue }
      remaining[column] -= 1
      visit(row + 1, covered + 1, score + problem.arcScores[arc])
      remaining[column] += 1
    }
    if locked < 0 && problem.coverage != .requireAll { visit(row + 1, covered, score) }
  }
  visit(0, 0, 0)
  return best.map { ($0, count) }
}

/// Simplex iterations of the pure LP (GLPK's typed statistics), nil when none ran.
func pureLPIterations(_ outcome: AssignmentOutcome) -> Int? { outcome.statistics.pureLP?.iterations }

/// Whether a wanted starting basis was not used (none built, or GLPK refused it).
func startingBasisFellBack(_ outcome: AssignmentOutcome) -> Bool {
  [outcome.statistics.pureLP, outcome.statistics.rootLP].contains { lp in
    if case .standard(let why) = lp?.start { why != nil } else { false }
  }
}

@Suite struct StartingBasisTests {
  static let native = ShortestAugmentingPathSolver()
  static let standard = GLPKSolver(startingBasis: false)
  static let started = GLPKSolver()

  struct Tally {
    var compared = 0, unique = 0, zeroIterations = 0, withBasis = 0, withoutBasis = 0
  }

  /// Solves `problem` from the standard basis and from the native optimum (plan only, plan + duals);
  /// checks they agree; adds to `tally`.
  func compare(_ problem: AssignmentProblem, seed: UInt64, enumerate: Bool, tally: inout Tally) throws {
    let native = try Self.native.solve(problem, limits: .none)
    let plain = try Self.standard.solve(problem, limits: .none)
    guard native.status.isOptimal else {
      #expect(plain.status.isInfeasible == native.status.isInfeasible, "seed \(seed)")
      return
    }
    let unique = enumerate ? optimalPlanCount(problem)?.count == 1 : false
    for duals in [native.duals, nil] {
      let warm = try Self.started.solve(problem, limits: SolveLimits(incumbent: native.columnOfRow, relaxationOptimum: duals.map { RelaxationOptimum(plan: native.columnOfRow, duals: $0) }))
      #expect(warm.status == plain.status, "seed \(seed): \(warm.status) vs \(plain.status)")
      #expect(warm.objective == plain.objective, "seed \(seed): \(warm.objective) vs \(plain.objective)")
      #expect(warm.bound == plain.bound, "seed \(seed)")
      #expect((warm.duals == nil) == (plain.duals == nil), "seed \(seed)")
      #expect(SolutionChecker.violations(warm.columnOfRow, in: problem, claimed: warm.objective).isEmpty, "seed \(seed)")
      #expect(!startingBasisFellBack(warm), "seed \(seed): \(warm.log)")
      if unique { #expect(warm.columnOfRow == plain.columnOfRow, "seed \(seed): unique optimum, different plans") }
      guard let with = pureLPIterations(warm), let without = pureLPIterations(plain) else { continue }
      #expect(warm.statistics.pureLP?.start == (duals != nil ? .relaxationOptimum : .incumbent), "seed \(seed): \(warm.log)")
      if duals != nil {
        tally.withBasis += with
        tally.withoutBasis += without
        if with == 0 { tally.zeroIterations += 1 }
        tally.compared += 1
      }
    }
    if unique { tally.unique += 1 }
  }

  @Test func tinyProblemsAgreeWithAndWithoutTheBasis() throws {
    var tally = Tally()
    for seed in UInt64(1)...400 { try compare(RandomProblems.make(seed: seed), seed: seed, enumerate: true, tally: &tally) }
    print("tiny pure problems: \(tally)")
    #expect(tally.compared > 200 && tally.unique > 100, "\(tally)")
    // With the native duals the basis is optimal on (nearly) every instance.
    #expect(tally.zeroIterations * 10 >= tally.compared * 9, "\(tally)")
    #expect(tally.withBasis < tally.withoutBasis, "\(tally)")
  }

  @Test func mediumProblemsAgreeWithFarFewerIterations() throws {
    var shape = RandomProblemShape()
    shape.rows = 20...80
    shape.columns = 5...25
    shape.capacity = 1...5
    shape.density = 0.4
    shape.scores = 0...100
    shape.lockProbability = 0.03
    var tally = Tally()
    for seed in UInt64(11_001)...11_080 { try compare(RandomProblems.make(seed: seed, shape: shape), seed: seed, enumerate: false, tally: &tally) }
    print("medium pure problems: \(tally)")
    #expect(tally.compared > 40, "\(tally)")
    #expect(tally.zeroIterations * 10 >= tally.compared * 9, "\(tally)")
    #expect(tally.withBasis * 10 < tally.withoutBasis, "\(tally)")
  }

  /// Side rules and loads: GLPK's MIP given an incumbent (here plain GLPK's own optimum) starts its
  /// root LP at the incumbent's vertex, or, given the native optimum of the pure relaxation, at
  /// that optimum's basis with the dual simplex; the outcome is the same as from the standard basis.
  @Test func mipRootLPFromTheIncumbentOrTheRelaxationAgrees() throws {
    var fromIncumbent = 0, fromRelaxation = 0
    var iterations = (incumbent: 0, relaxation: 0, standard: 0, standardForRelaxation: 0)
    var shape = RandomProblemShape()
    shape.rows = 2...9
    for seed in UInt64(12_001)...12_200 {
      shape.loads = seed % 3 == 0 ? 1...3 : 1...1
      let problem = RandomSideRules.attach(to: RandomProblems.make(seed: seed, shape: shape), seed: seed)
      let first = try Self.standard.solve(problem, limits: .none)
      guard !first.status.isInfeasible else { continue }
      var limits = SolveLimits(incumbent: first.columnOfRow)
      let b = try Self.standard.solve(problem, limits: limits)
      var variants = [("incumbent", limits)]
      if problem.arcLoads.isEmpty, let native = try? Self.native.solve(problem.withoutSideRules(), limits: .none), let duals = native.duals {
        limits.relaxationOptimum = RelaxationOptimum(plan: native.columnOfRow, duals: duals)
        variants.append(("relaxation", limits))
      }
      for (name, limits) in variants {
        let a = try Self.started.solve(problem, limits: limits)
        #expect(a.status == b.status, "seed \(seed) \(name): \(a.status) vs \(b.status)")
        #expect(a.objective == b.objective, "seed \(seed) \(name): \(a.objective) vs \(b.objective)")
        #expect(a.bound == b.bound, "seed \(seed) \(name)")
        #expect(SolutionChecker.violations(a.columnOfRow, in: problem, claimed: a.objective).isEmpty, "seed \(seed) \(name)")
        #expect(a.statistics.rootLP?.start != .standard(why: .refused), "seed \(seed) \(name): \(a.log)")
        guard let root = a.statistics.rootLP, let x = Optional(root.iterations), let y = b.statistics.rootLP?.iterations else { continue }
        if root.start == .relaxationOptimum {
          #expect(root.dualSimplex, "seed \(seed) \(name)")
          fromRelaxation += 1; iterations.relaxation += x; iterations.standardForRelaxation += y
        } else if root.start == .incumbent {
          fromIncumbent += 1; iterations.incumbent += x; iterations.standard += y
        }
      }
    }
    print("MIP root LP: \(fromIncumbent) from the incumbent, \(fromRelaxation) from the relaxation optimum; iterations \(iterations)")
    #expect(fromIncumbent > 30 && fromRelaxation > 30, "incumbent \(fromIncumbent), relaxation \(fromRelaxation)")
  }
}
