// maximumMoves(rows, columns, limit) — the move budget of re-planning (dispatch replan --max-moves):
// at most `limit` of `rows` leave their previous column (row rows[k] moves unless it is assigned
// to columns[k]; an unassigned row moves too).
//   Counted: the moves beyond the limit (a rule whose lists differ in length counts 1).
//   Modelled: Σ_k x[rows_k, columns_k] ≥ count − limit (pairs without an included arc add 0);
//             soft: s ∈ ℤ≥0, +s.
//   Repaired: only by the MIP.

public struct MaximumMovesRule: SideRuleDescriptor, Equatable {
  public var rows: [Int]
  public var columns: [Int]
  public var limit: Int

  public init(rows: [Int], columns: [Int], limit: Int) {
    self.rows = rows
    self.columns = columns
    self.limit = limit
  }

  public var kind: SideRuleKind { .maximumMoves }
  public var repair: SideRuleRepair { .none }
  /// One budget over all these rows: they, and the columns they may keep, stay together.
  public var scope: SideRuleScope { .joins(rows: rows, columns: columns) }
  public var usedColumns: [Int] { [] }

  static func moves(_ rows: [Int], _ columns: [Int], _ columnOfRow: [Int32]) -> Int {
    zip(rows, columns).filter { columnOfRow[$0.0] != Int32($0.1) }.count
  }

  public func breach(in plan: PlanOccupancy) -> RuleBreach? {
    guard rows.count == columns.count else { return RuleBreach(count: 1, detail: "\(rows.count) rows but \(columns.count) columns") }
    let moved = Self.moves(rows, columns, plan.columnOfRow)
    guard moved > max(0, limit) else { return nil }
    return RuleBreach(count: moved - max(0, limit), detail: "\(moved) rows moved, at most \(limit) allowed")
  }

  public func maximumViolations(columnCount: Int) -> Int { max(0, rows.count - max(0, limit)) }

  public func outOfRange(rowCount: Int, columnCount: Int) -> String? {
    guard rows.count == columns.count else { return "has \(rows.count) rows but \(columns.count) columns" }
    if let r = rows.first(where: { !(0..<rowCount).contains($0) }) { return "names row \(r), out of range" }
    return columns.first { !(0..<columnCount).contains($0) }.map { "names column \($0), out of range" }
  }

  public func renamed(row: (Int) -> Int?, column: (Int) -> Int?) -> SideRule? {
    let rs = rows.compactMap(row), cs = columns.compactMap(column)
    return rs.count == rows.count && cs.count == columns.count ? .maximumMoves(rows: rs, columns: cs, limit: limit) : nil
  }

  public func linearRows(in context: LinearModelContext, soft: Bool) -> RuleRows {
    var out = RuleRows()
    let (rows, columns, limit) = (self.rows, self.columns, max(0, self.limit))
    let needed = rows.count - limit
    guard needed > 0 else { return out }
    var entries: [(variable: LinearVariable, coefficient: Double)] = []
    for (row, column) in zip(rows, columns) {
      if let arc = context.problem.arcIndex(row: row, column: column), context.includes(arc: arc) { entries.append((.arc(arc), 1)) }
    }
    if soft {
      entries.append((out.violation(upper: Double(needed)) { Double(max(0, Self.moves(rows, columns, $0.columnOfRow) - limit)) }, 1))
    }
    // Fewer keepable pairs than needed: the row still says so (the MIP reports infeasible).
    out.rows.append(LinearRow(lower: Double(needed), upper: nil, entries: entries))
    return out
  }
}
