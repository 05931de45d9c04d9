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

  /// The objective of `columnOfRow` (assumed to use allowed arcs only).
  /// - Complexity: O(*r* log *d*).
  public static func objective(of columnOfRow: [Int32], in problem: AssignmentProblem) -> ObjectiveValue {
    var value = ObjectiveValue(covered: 0, score: 0)
    for (row, column) in columnOfRow.enumerated() where column >= 0 {
      guard let arc = problem.arcIndex(row: row, column: Int(column)) else { continue }
      value.covered += 1
      value.score += problem.arcScores[arc]
    }
    return value
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
    for rule in problem.sideRules {
      if let detail = brokenDetail(of: rule, columnOfRow: columnOfRow, rowsOfColumn: rowsOfColumn, load: load) {
        found.append(.sideRuleBroken(rule, detail: detail))
      }
    }
    if let claimed {
      let recomputed = objective(of: columnOfRow, in: problem)
      if recomputed != claimed { found.append(.objectiveMismatch(claimed: claimed, recomputed: recomputed)) }
    }
    return found
  }

  private static func brokenDetail(of rule: SideRule, columnOfRow: [Int32], rowsOfColumn: [[Int]], load: [Int]) -> String? {
    switch rule {
    case .exclusive(let row):
      let column = Int(columnOfRow[row])
      guard column >= 0, rowsOfColumn[column].count > 1 else { return nil }
      return "column \(column) takes \(rowsOfColumn[column].count) rows"
    case .mix(let groupA, let groupB):
      let inA = Set(groupA), inB = Set(groupB)
      for (column, rows) in rowsOfColumn.enumerated() where rows.count >= 2 {
        if !rows.contains(where: inA.contains) || !rows.contains(where: inB.contains) {
          return "column \(column) takes rows \(rows) without both kinds"
        }
      }
      return nil
    case .minimumLoad(let column, let minimum):
      guard load[column] > 0, load[column] < minimum else { return nil }
      return "column \(column) carries load \(load[column]) < \(minimum)"
    case .usedColumns(let columns, let minimum, let maximum):
      let used = columns.filter { load[$0] > 0 }.count
      guard used < minimum || used > maximum else { return nil }
      return "\(used) columns used, allowed \(minimum)...\(maximum)"
    case .distinctColumns(let rows):
      let columns = rows.map { columnOfRow[$0] }.filter { $0 >= 0 }
      guard Set(columns).count < columns.count else { return nil }
      return "rows \(rows) share a column"
    case .maximumMoves(let rows, let columns, let limit):
      guard rows.count == columns.count else { return "\(rows.count) rows but \(columns.count) columns" }
      let moved = zip(rows, columns).filter { columnOfRow[$0.0] != Int32($0.1) }.count
      guard moved > limit else { return nil }
      return "\(moved) rows moved, at most \(limit) allowed"
    }
  }
}
