import AssignmentCore

/// Seeded random `AssignmentProblem`s for property tests that compare back ends.
public struct RandomProblemShape: Sendable {
  public var rows: ClosedRange<Int> = 1...6
  public var columns: ClosedRange<Int> = 1...4
  public var capacity: ClosedRange<Int> = 0...3
  /// Probability that a pair is an arc (the rest are forbidden).
  public var density: Double = 0.7
  public var scores: ClosedRange<Int64> = -5...20
  /// Probability that a row is locked to one of its arcs (when capacity allows).
  public var lockProbability: Double = 0.1
  /// Probability that the problem requires full coverage.
  public var requireAllProbability: Double = 0.3
  /// Arc loads; `1...1` keeps the pure assignment form.
  public var loads: ClosedRange<Int> = 1...1

  public init() {}
}

public enum RandomProblems {
  /// One random problem; the same seed and shape always give the same problem.
  public static func make(seed: UInt64, shape: RandomProblemShape = .init()) -> AssignmentProblem {
    var rng = SeededGenerator(seed: seed)
    let rows = Int.random(in: shape.rows, using: &rng)
    let columns = Int.random(in: shape.columns, using: &rng)
    let capacities = (0..<columns).map { _ in Int.random(in: shape.capacity, using: &rng) }
    var arcs: [Arc] = []
    for row in 0..<rows {
      for column in 0..<columns where Double.random(in: 0..<1, using: &rng) < shape.density {
        arcs.append(Arc(row: row, column: column, score: Int64.random(in: shape.scores, using: &rng),
                        load: Int.random(in: shape.loads, using: &rng)))
      }
    }
    var remaining = capacities
    var locks: [(row: Int, column: Int)] = []
    for row in 0..<rows where Double.random(in: 0..<1, using: &rng) < shape.lockProbability {
      let candidates = arcs.filter { $0.row == row && $0.load <= remaining[$0.column] }
      guard let arc = candidates.randomElement(using: &rng) else { continue }
      remaining[arc.column] -= arc.load
      locks.append((row, arc.column))
    }
    let coverage: CoverageRule = Double.random(in: 0..<1, using: &rng) < shape.requireAllProbability ? .requireAll : .maximize
    // The shape guarantees valid indices and locks within capacity, so this cannot throw.
    return try! AssignmentProblem(rowCount: rows, columnCapacities: capacities, arcs: arcs, locks: locks, coverage: coverage)
  }
}
