/// An independent check of an assignment against its problem: it shares no code
/// with any back end, so a back end's bug cannot hide behind its own bookkeeping.
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
    let (rowsOfColumn, load) = occupancy(columnOfRow, in: problem)
    let exclusive = SideRule.exclusiveRows(in: problem.sideRules)
    return problem.sideRules.map {
      breach(of: $0.constraint, columnOfRow: columnOfRow, rowsOfColumn: rowsOfColumn, load: load, exclusive: exclusive)?.count ?? 0
    }
  }

  /// Rows and load of each column, over the plan's allowed arcs.
  private static func occupancy(_ columnOfRow: [Int32], in problem: AssignmentProblem) -> ([[Int]], [Int]) {
    var load = [Int](repeating: 0, count: problem.columnCount)
    var rowsOfColumn = [[Int]](repeating: [], count: problem.columnCount)
    for (row, column) in columnOfRow.enumerated() where column >= 0 && Int(column) < problem.columnCount {
      guard let arc = problem.arcIndex(row: row, column: Int(column)) else { continue }
      load[Int(column)] += problem.load(ofArc: arc)
      rowsOfColumn[Int(column)].append(row)
    }
    return (rowsOfColumn, load)
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
    let exclusive = SideRule.exclusiveRows(in: problem.sideRules)
    for rule in problem.sideRules {
      // A soft rule is never broken: it costs (`penalty`). AssignmentProblem refuses bad weights.
      guard rule.softWeight == nil else { continue }
      if let breach = breach(of: rule, columnOfRow: columnOfRow, rowsOfColumn: rowsOfColumn, load: load, exclusive: exclusive) {
        found.append(.sideRuleBroken(rule, detail: breach.detail))
      }
    }
    if let claimed {
      let recomputed = objective(of: columnOfRow, in: problem)
      if recomputed != claimed { found.append(.objectiveMismatch(claimed: claimed, recomputed: recomputed)) }
    }
    return found
  }

  /// How `rule` (taken as hard) is broken: the number of violations and what they are; nil when kept.
  /// `exclusive`: rows named by exclusive rules (their column is exempt from minimum load).
  private static func breach(of rule: SideRule, columnOfRow: [Int32], rowsOfColumn: [[Int]], load: [Int],
                             exclusive: Set<Int>) -> (count: Int, detail: String)? {
    switch rule {
    case .exclusive(let row):
      let column = Int(columnOfRow[row])
      guard column >= 0, column < rowsOfColumn.count, rowsOfColumn[column].count > 1 else { return nil }
      return (1, "column \(column) takes \(rowsOfColumn[column].count) rows")
    case .mix(let groupA, let groupB):
      let inA = Set(groupA), inB = Set(groupB)
      var count = 0, first = ""
      for (column, rows) in rowsOfColumn.enumerated() where rows.count >= 2 {
        if !rows.contains(where: inA.contains) || !rows.contains(where: inB.contains) {
          if count == 0 { first = "column \(column) takes rows \(rows) without both kinds" }
          count += 1
        }
      }
      return count == 0 ? nil : (count, count == 1 ? first : "\(first) (and \(count - 1) more columns)")
    case .minimumLoad(let column, let minimum):
      guard load[column] > 0, load[column] < minimum, !rowsOfColumn[column].contains(where: exclusive.contains) else { return nil }
      return (1, "column \(column) carries load \(load[column]) < \(minimum)")
    case .usedColumns(let columns, let minimum, let maximum):
      let used = columns.filter { load[$0] > 0 }.count
      guard used < minimum || used > maximum else { return nil }
      return (max(0, minimum - used) + max(0, used - maximum), "\(used) columns used, allowed \(minimum)...\(maximum)")
    case .distinctColumns(let rows):
      var seen: [Int32: Int] = [:]
      for column in rows.map({ columnOfRow[$0] }) where column >= 0 { seen[column, default: 0] += 1 }
      let extra = seen.values.reduce(0) { $0 + max(0, $1 - 1) }
      guard extra > 0 else { return nil }
      return (extra, "rows \(rows) share a column")
    case .maximumMoves(let rows, let columns, let limit):
      guard rows.count == columns.count else { return (1, "\(rows.count) rows but \(columns.count) columns") }
      let moved = zip(rows, columns).filter { columnOfRow[$0.0] != Int32($0.1) }.count
      guard moved > max(0, limit) else { return nil }
      return (moved - max(0, limit), "\(moved) rows moved, at most \(limit) allowed")
    case .soft(let inner, _):
      return breach(of: inner, columnOfRow: columnOfRow, rowsOfColumn: rowsOfColumn, load: load, exclusive: exclusive)
    }
  }
}
