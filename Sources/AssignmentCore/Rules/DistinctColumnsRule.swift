// distinctColumns(rows) — two role slots of one organization need two people (第一书记 / 第一主席):
// no column takes two of `rows`.
//   Counted: per column, the rows beyond the first.
//   Modelled: per column c: Σ_{r ∈ rows, with multiplicity} x_rc ≤ 1; soft: v_c ∈ ℤ≥0, −v_c.
//   Repaired: only by the MIP.

public struct DistinctColumnsRule: SideRuleDescriptor, Equatable {
  public var rows: [Int]

  public init(rows: [Int]) { self.rows = rows }

  public var kind: SideRuleKind { .distinctColumns }
  public var repair: SideRuleRepair { .none }
  public var scope: SideRuleScope { .joins(rows: rows, columns: []) }
  public var usedColumns: [Int] { [] }

  public func breach(in plan: PlanOccupancy) -> RuleBreach? {
    var seen: [Int32: Int] = [:]
    for column in rows.map({ plan.columnOfRow[$0] }) where column >= 0 { seen[column, default: 0] += 1 }
    let extra = seen.values.reduce(0) { $0 + max(0, $1 - 1) }
    guard extra > 0 else { return nil }
    return RuleBreach(count: extra, detail: "rows \(rows) share a column")
  }

  public func maximumViolations(columnCount: Int) -> Int { max(0, rows.count - 1) }

  public func outOfRange(rowCount: Int, columnCount: Int) -> String? {
    rows.first { !(0..<rowCount).contains($0) }.map { "names row \($0), out of range" }
  }

  public func renamed(row: (Int) -> Int?, column: (Int) -> Int?) -> SideRule? {
    let renamed = rows.compactMap(row)
    return renamed.count == rows.count ? .distinctColumns(rows: renamed) : nil
  }

  public func linearRows(in context: LinearModelContext, soft: Bool) -> RuleRows {
    var out = RuleRows()
    let rows = self.rows
    var count: [Int: Double] = [:]
    for row in rows { count[row, default: 0] += 1 }
    for column in 0..<context.problem.columnCount {
      let entries: [(variable: LinearVariable, coefficient: Double)] = context.arcsAtColumn[column].compactMap { entry in
        count[entry.row].map { (.arc(entry.arc), $0) }
      }
      let total = entries.reduce(0) { $0 + $1.coefficient }
      guard total > 1 else { continue }
      let v = soft ? out.violation(upper: total - 1) { plan in Double(max(0, rows.filter { plan.columnOfRow[$0] == Int32(column) }.count - 1)) } : nil
      out.rows.append(LinearRow(lower: nil, upper: 1, entries: entries + (v.map { [($0, -1)] } ?? [])))
    }
    return out
  }
}
