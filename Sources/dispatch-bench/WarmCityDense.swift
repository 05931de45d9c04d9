// `dispatch-bench warm-city-dense [seed]`: the city dense shape (1557 × 484, capacity 4,
// every pair an arc, integer scores 0–100, seeded) solved natively and through the warm
// GLPK path (`--solver glpk` on a pure problem); prints both times and checks the optima agree.
import AssignmentCore
import Foundation
import GLPKBackend
import HybridSolver
import NativeSolver

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
  func timed(_ body: () throws -> AssignmentOutcome) rethrows -> (AssignmentOutcome, Double) {
    let start = Date()
    let o = try body()
    return (o, Date().timeIntervalSince(start))
  }
  let (native, tn) = try timed { try ShortestAugmentingPathSolver().solve(problem, limits: .none) }
  let warm = WarmStartedMIPSolver(pure: ShortestAugmentingPathSolver(), mip: GLPKSolver())
  let (viaGLPK, tw) = try timed { try warm.solve(problem, limits: SolveLimits(timeLimit: 300)) }
  print("city dense \(rows)×\(columns), seed \(seed): native \(native.objective) in \(String(format: "%.3f", tn)) s; "
    + "glpk-warm \(viaGLPK.status) \(viaGLPK.objective) in \(String(format: "%.3f", tw)) s, pruned \(viaGLPK.prunedArcs ?? -1) of \(problem.arcCount) arcs; "
    + (native.objective == viaGLPK.objective ? "AGREE" : "DISAGREE"))
  for line in viaGLPK.log where !line.hasPrefix("GLPK") && !line.hasPrefix(" ") && !line.hasPrefix("*") { print("  \(line)") }
}
