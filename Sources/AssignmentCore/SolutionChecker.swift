/// An independent check of an assignment against its problem: it shares no bookkeeping
/// with any back end, so a back end's bug cannot hide behind its own. Side rules are
/// counted by their descriptors' `breach` (Rules/), which no back end's search uses.
public enum SolutionChecker {
  public enum Violation: Sendable, Equatable, CustomStringConvertible {
    case wrongLength(expected: Int, found: Int)
    case notAnArc(row: Int, column: Int)
    case overCapacity(column: Int, load: Int, capacity: Int)
    case lockBroken(row: Int, locked: Int, found: Int)
    case uncoveredRow(row: Int)
    case objectiveMismatch(claimed: ObjectiveValue, recomputed: ObjectiveValue)
    case sideRuleBroken(SideRule, detail: String)

    public var description: String {
      switch self {
      case .wrongLength(let e, let f): "assignment has \(f) rows, problem has \(e)"
      case .notAnArc(let r, let c): "row \(r) is assigned to column \(c), which is not an allowed pair"
      case .overCapacity(let c, let l, let cap): "column \(c) carries load \(l) over its capacity \(cap)"
      case .lockBroken(let r, let l, let f): "row \(r) is locked to column \(l) but assigned to \(f)"
      case .uncoveredRow(let r): "row \(r) is not covered although full coverage is required"
      case .objectiveMismatch(let claimed, let recomputed): "claimed objective \(claimed), recomputed \(recomputed)"
      case .sideRuleBroken(let rule, let detail): "side rule \(rule) broken: \(detail)"
      }
    }
  }

  /// The objective of `columnOfRow` (assumed to use allowed arcs only): coverage, and the
  /// arcs' scores minus the penalties of broken soft rules.
  /// - Complexity: O(*r* log *d* + *s*) for side rules of total size *s*.
  public static func objective(of columnOfRow: [Int32], in problem: AssignmentProblem) -> ObjectiveValue {
    var value = ObjectiveValue(covered: 0, score: 0)
    for (row, column) in columnOfRow.enumerated() where column >= 0 {
      guard let arc = problem.arcIndex(row: row, column: Int(column)) else { continue }
      value.covered += 1
      value.score += problem.arcScores[arc]
    }
    value.score -= penalty(of: columnOfRow, in: problem)
    return value
  }

  /// The penalty of the soft rules `columnOfRow` breaks: Σ weight × violations.
  public static func penalty(of columnOfRow: [Int32], in problem: AssignmentProblem) -> Int64 {
    guard problem.hasSoftRules else { return 0 }
    return zip(problem.sideRules, violationCounts(of: columnOfRow, in: problem))
      .reduce(0) { $0 + ($1.0.softWeight ?? 0) * Int64($1.1) }
  }

  /// How many times `columnOfRow` breaks each of the problem's side rules, hard or soft, in
  /// `sideRules` order (see `SideRule.soft` for what counts); all 0 for a plan of the wrong length.
  /// - Complexity: O(*r* log *d* + *s*), one pass over the plan for all the rules.
  public static func violationCounts(of columnOfRow: [Int32], in problem: AssignmentProblem) -> [Int] {
    guard columnOfRow.count == problem.rowCount else { return problem.sideRules.map { _ in 0 } }
    let plan = PlanOccupancy(columnOfRow, in: problem)
    return problem.sideRules.map { $0.descriptor.breach(in: plan)?.count ?? 0 }
  }

  /// Every way `columnOfRow` breaks `problem`; empty when it is a feasible
  /// assignment whose objective is `claimed` (when given).
  /// - Complexity: O(*r* log *d* + *s*) for *r* rows and side rules of total size *s*.
  public static func violations(
    _ columnOfRow: [Int32], in problem: AssignmentProblem, claimed: ObjectiveValue? = nil
  ) -> [Violation] {
    guard columnOfRow.count == problem.rowCount else {
      return [.wrongLength(expected: problem.rowCount, found: columnOfRow.count)]
    }
    var found: [Violation] = []
    var load = [Int](repeating: 0, count: problem.columnCount)
    var rowsOfColumn = [[Int]](repeating: [], count: problem.columnCount)
    for (row, column) in columnOfRow.enumerated() {
      let locked = Int(problem.lockedColumn[row])
      if locked >= 0 && Int(column) != locked { found.append(.lockBroken(row: row, locked: locked, found: Int(column))) }
      guard column >= 0 else {
        if problem.coverage == .requireAll { found.append(.uncoveredRow(row: row)) }
        continue
      }
      guard Int(column) < problem.columnCount, let arc = problem.arcIndex(row: row, column: Int(column)) else {
        found.append(.notAnArc(row: row, column: Int(column)))
        continue
      }
      load[Int(column)] += problem.load(ofArc: arc)
      rowsOfColumn[Int(column)].append(row)
    }
    for (column, used) in load.enumerated() where used > problem.columnCapacities[column] {
      found.append(.overCapacity(column: column, load: used, capacity: problem.columnCapacities[column]))
    }
    let plan = PlanOccupancy(columnOfRow: columnOfRow, rowsOfColumn: rowsOfColumn, load: load,
                             exclusiveRows: SideRule.exclusiveRows(in: problem.sideRules))
    for rule in problem.sideRules {
      // A soft rule is never broken: it costs (`penalty`). AssignmentProblem refuses bad weights.
      guard rule.softWeight == nil else { continue }
      if let breach = rule.descriptor.breach(in: plan) {
        found.append(.sideRuleBroken(rule, detail: breach.detail))
      }
    }
    if let claimed {
      let recomputed = objective(of: columnOfRow, in: problem)
      if recomputed != claimed { found.append(.objectiveMismatch(claimed: claimed, recomputed: recomputed)) }
    }
    return found
  }

}
