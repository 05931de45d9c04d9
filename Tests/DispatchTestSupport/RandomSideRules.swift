// Test helper (shared by the GLPK and repair tests): attaches random side rules to a RandomProblems problem (same arcs, locks, coverage).
import AssignmentCore

public enum RandomSideRules {
  /// `softness`: the chance that a rule is soft, with a weight in `weights` (0: every rule hard,
  /// and the same rules as before this option existed).
  public static func attach(to problem: AssignmentProblem, seed: UInt64, count: ClosedRange<Int> = 1...3,
                            softness: Double = 0, weights: ClosedRange<Int64> = 0...40) -> AssignmentProblem {
    var rng = SeededGenerator(seed: seed &* 0x9E37_79B9 &+ 17)
    let rows = problem.rowCount, columns = problem.columnCount
    guard rows > 0, columns > 0 else { return problem }
    func someRows() -> [Int] { (0..<rows).filter { _ in Bool.random(using: &rng) } }
    var rules: [SideRule] = []
    for _ in 0..<Int.random(in: count, using: &rng) {
      switch Int.random(in: 0..<5, using: &rng) {
      case 0: rules.append(.exclusive(row: Int.random(in: 0..<rows, using: &rng)))
      case 1:
        let a = someRows(), b = someRows()
        rules.append(.mix(groupA: a, groupB: b))
      case 2: rules.append(.minimumLoad(column: Int.random(in: 0..<columns, using: &rng), minimum: Int.random(in: 0...4, using: &rng)))
      case 3:
        let cs = (0..<columns).filter { _ in Bool.random(using: &rng) }
        let low = Int.random(in: 0...max(0, cs.count), using: &rng)
        let high = Int.random(in: low...max(low, cs.count), using: &rng)
        rules.append(.usedColumns(columns: cs, minimum: low, maximum: high))
      default:
        let rs = (0..<Int.random(in: 2...3, using: &rng)).map { _ in Int.random(in: 0..<rows, using: &rng) }
        rules.append(.distinctColumns(rows: rs))
      }
      if softness > 0, Double.random(in: 0..<1, using: &rng) < softness {
        rules[rules.count - 1] = .soft(rules[rules.count - 1], weight: Int64.random(in: weights, using: &rng))
      }
    }
    return try! AssignmentProblem(rowCount: rows, columnCapacities: problem.columnCapacities, arcs: problem.allArcs,
                                  locks: problem.locks, coverage: problem.coverage, sideRules: rules)
  }
}
