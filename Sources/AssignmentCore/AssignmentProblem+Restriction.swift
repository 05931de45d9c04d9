//===----------------------------------------------------------------------===//
// Derived problems: the pure relaxation (side rules dropped) and restrictions to
// a subset of arcs (reduced-cost pruning, used by the warm-started MIP path).
//
// Both keep rows, columns, capacities, locks and the coverage rule unchanged,
// so a plan of the derived problem is indexed exactly like one of the original.
// Soundness facts the callers rely on:
// - `withoutSideRules()` only removes constraints and penalties (soft weights are
//   ≥ 0): every plan feasible for the original is feasible for it and scores at
//   least as much there, so its optimum is an upper bound.
// - `requiringFullCoverage()` only adds "every row covered": when some plan of the
//   original covers every row, the two have the same optima.
// - `keepingArcs(_:)` only removes arcs (never a locked one): every plan feasible
//   for it is feasible for the original, so its plans are lower bounds.
// Complexity: O(a) for a arcs (the arcs stay in (row, column) order).
//===----------------------------------------------------------------------===//

extension AssignmentProblem {
  /// The same problem without side rules (its optimum bounds the original's from above).
  public func withoutSideRules() -> AssignmentProblem {
    guard !sideRules.isEmpty else { return self }
    // Same arcs and locks as a valid problem: the initialiser cannot throw.
    return try! AssignmentProblem(rowCount: rowCount, columnCapacities: columnCapacities, arcs: allArcs, locks: locks,
                                  coverage: coverage)
  }

  /// The same problem with every soft rule made hard. Its plans are plans of the original with
  /// no penalty, so a good plan of it is a good incumbent for the original.
  public func hardened() -> AssignmentProblem {
    guard hasSoftRules else { return self }
    return try! AssignmentProblem(rowCount: rowCount, columnCapacities: columnCapacities, arcs: allArcs, locks: locks,
                                  coverage: coverage, sideRules: sideRules.map(\.constraint))
  }

  /// The same problem with `rules` as its side rules (a relaxation when they are a subset).
  public func keeping(_ rules: [SideRule]) -> AssignmentProblem {
    try! AssignmentProblem(rowCount: rowCount, columnCapacities: columnCapacities, arcs: allArcs, locks: locks,
                           coverage: coverage, sideRules: rules)
  }

  /// The same problem with `coverage == .requireAll`.
  public func requiringFullCoverage() -> AssignmentProblem {
    guard coverage != .requireAll else { return self }
    return try! AssignmentProblem(rowCount: rowCount, columnCapacities: columnCapacities, arcs: allArcs, locks: locks,
                                  coverage: .requireAll, sideRules: sideRules)
  }

  /// The same problem restricted to the arcs for which `keep(arcIndex)` is true;
  /// locked arcs are always kept. Side rules are kept as they are.
  public func keepingArcs(_ keep: (Int) -> Bool) -> AssignmentProblem {
    var arcs: [Arc] = []
    arcs.reserveCapacity(arcCount)
    for row in 0..<rowCount {
      let locked = lockedColumn[row]
      for arc in self.arcs(ofRow: row) where keep(arc) || arcColumns[arc] == locked {
        arcs.append(Arc(row: row, column: Int(arcColumns[arc]), score: arcScores[arc], load: load(ofArc: arc)))
      }
    }
    return try! AssignmentProblem(rowCount: rowCount, columnCapacities: columnCapacities, arcs: arcs, locks: locks,
                                  coverage: coverage, sideRules: sideRules)
  }
}
