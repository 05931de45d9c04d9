// `dispatch-bench warm-city-dense [seed]`: the city dense shape (1557 × 484, capacity 4,
// every pair an arc, integer scores 0–100, seeded) solved natively and through the warm
// GLPK path (`--solver glpk` on a pure problem), once with GLPK's starting basis from the
// native optimum and once from GLPK's standard basis; prints the times, the LP lines of
// the log (simplex iterations, LP seconds) and checks that the optima agree.
//
// `dispatch-bench glpk-start SHAPE…`: plain GLPK (no warm path, no pruning) on a benchmark
// shape's pure LP from the standard basis, from the native plan alone, and from the native
// plan with its duals (`SolveLimits.incumbent` / `relaxationOptimum`); same checks.
import AssignmentCore
import DispatchPlanner
import DispatchPlanning
import Foundation
import GLPKBackend
import HybridSolver
import NativeSolver

private func lpLines(_ outcome: AssignmentOutcome) -> [String] {
  outcome.log.filter { $0.hasPrefix("pure LP:") || $0.hasPrefix("root LP:") || $0.contains("starting basis") }
}

func warmCityDense(seed: UInt64) throws {
  var state = seed &+ 0x9E37_79B9_7F4A_7C15
  func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  let rows = 1557, columns = 484
  var arcs: [Arc] = []
  arcs.reserveCapacity(rows * columns)
  for r in 0..<rows { for c in 0..<columns { arcs.append(Arc(row: r, column: c, score: Int64(next() % 101))) } }
  let problem = try AssignmentProblem(rowCount: rows, columnCapacities: [Int](repeating: 4, count: columns), arcs: arcs)
  let (native, tn) = try timed { try ShortestAugmentingPathSolver().solve(problem, limits: .none) }
  for basis in [true, false] {
    let warm = WarmStartedMIPSolver(pure: ShortestAugmentingPathSolver(), mip: GLPKSolver(startingBasis: basis))
    let (viaGLPK, tw) = try timed { try warm.solve(problem, limits: SolveLimits(timeLimit: 300)) }
    print("city dense \(rows)×\(columns), seed \(seed), \(basis ? "starting basis from native" : "standard basis"): native \(native.objective) in \(String(format: "%.3f", tn)) s; "
      + "glpk-warm \(viaGLPK.status) \(viaGLPK.objective) in \(String(format: "%.3f", tw)) s, pruned \(viaGLPK.prunedArcs ?? -1) of \(problem.arcCount) arcs; "
      + (native.objective == viaGLPK.objective ? "AGREE" : "DISAGREE") + (native.columnOfRow == viaGLPK.columnOfRow ? ", same plan" : ", other plan"))
    for line in viaGLPK.log where !line.hasPrefix("GLPK") && !line.hasPrefix(" ") && !line.hasPrefix("*") { print("  \(line)") }
  }
}

func glpkStart(shapes: [String]) throws {
  for id in shapes {
    guard let shape = BenchShape.all.first(where: { $0.id == id }) else { fail("unknown shape \(id)") }
    let problem = shape.makeProblem()
    let (native, tn) = try timed { try ShortestAugmentingPathSolver().solve(problem, limits: .none) }
    print("\(shape.title) \(problem.rowCount)×\(problem.columnCount), \(problem.arcCount) arcs: native \(native.objective) in \(formatSeconds(tn)) s")
    let starts: [(String, GLPKSolver, SolveLimits)] = [
      ("standard basis", GLPKSolver(startingBasis: false), SolveLimits(timeLimit: 600)),
      ("native plan, no duals", GLPKSolver(), SolveLimits(timeLimit: 600, incumbent: native.columnOfRow)),
      ("native plan and duals", GLPKSolver(), SolveLimits(timeLimit: 600, incumbent: native.columnOfRow,
                                                           relaxationOptimum: RelaxationOptimum(plan: native.columnOfRow, duals: native.duals!))),
    ]
    for (name, solver, limits) in starts {
      let (o, t) = try timed { try solver.solve(problem, limits: limits) }
      print("  glpk from \(name): \(o.status) \(o.objective) in \(formatSeconds(t)) s; "
        + (o.objective == native.objective ? "AGREE" : "DISAGREE") + (o.columnOfRow == native.columnOfRow ? ", native's plan" : ", another plan"))
      for line in lpLines(o) { print("    \(line)") }
    }
  }
}

/// `dispatch-bench warm-scenario DIR [SECONDS]`: a scenario's problem (with its rules) through
/// glpk-warm, with and without GLPK's starting basis; GLPK's LP lines ("pure LP", "root LP")
/// go to standard error as "glpk: …" (verbose), the outcome to standard output.
func warmScenario(folder: String, timeLimit: Double) throws {
  let loaded = try Planner.load(folder: URL(fileURLWithPath: folder, isDirectory: true))
  let problem = try ProblemBuilder().build(loaded.scenario).problem
  print("\(loaded.name): \(problem.rowCount) rows × \(problem.columnCount) columns, \(problem.arcCount) arcs, \(problem.sideRules.count) side rules")
  for basis in [true, false] {
    let warm = WarmStartedMIPSolver(pure: ShortestAugmentingPathSolver(), mip: GLPKSolver(startingBasis: basis))
    let (o, t) = try timed { try warm.solve(problem, limits: SolveLimits(timeLimit: timeLimit, verbose: true)) }
    print("  \(basis ? "starting basis" : "standard basis"): \(o.status) \(o.objective), bound \(o.bound.map { "\($0)" } ?? "—") in \(formatSeconds(t)) s")
  }
}
