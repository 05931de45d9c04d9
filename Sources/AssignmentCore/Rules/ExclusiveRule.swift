// exclusive(row) — 一名指导员牵一头牛: if `row` is assigned to a column, that column takes no
// other row (a key project's instructor covers nothing else).
//   Counted: 1 when the row's column takes another row.
//   Modelled: per included arc (row, c), with M = most other rows c can take:
//             M·x_(row,c) + Σ_{r' ≠ row} x_(r',c) ≤ M; soft: one v ∈ {0,1} for the rule, −M·v in each row.
//   Repaired: RuleKeepingImprover (and the warm path's exclusive-row locking).

public struct ExclusiveRule: SideRuleDescriptor, Equatable {
  public var row: Int

  public init(row: Int) { self.row = row }

  public var kind: SideRuleKind { .exclusive }
  public var repair: SideRuleRepair { .ruleKeepingLocalSearch }
  public var scope: SideRuleScope { .joins(rows: [row], columns: []) }
  public var usedColumns: [Int] { [] }

  public func breach(in plan: PlanOccupancy) -> RuleBreach? {
    let column = Int(plan.columnOfRow[row])
    guard column >= 0, column < plan.rowsOfColumn.count, plan.rowsOfColumn[column].count > 1 else { return nil }
    return RuleBreach(count: 1, detail: "column \(column) takes \(plan.rowsOfColumn[column].count) rows")
  }

  public func maximumViolations(columnCount: Int) -> Int { 1 }

  public func outOfRange(rowCount: Int, columnCount: Int) -> String? {
    (0..<rowCount).contains(row) ? nil : "names row \(row), out of range"
  }

  public func renamed(row rename: (Int) -> Int?, column: (Int) -> Int?) -> SideRule? {
    rename(row).map { .exclusive(row: $0) }
  }

  public func linearRows(in context: LinearModelContext, soft: Bool) -> RuleRows {
    let problem = context.problem, row = self.row
    var out = RuleRows()
    var v: LinearVariable? = nil
    for arc in problem.arcs(ofRow: row) where context.includes(arc: arc) {
      let column = Int(problem.arcColumns[arc])
      let others = context.arcsAtColumn[column].filter { $0.row != row }
      let zero = others.filter { $0.load == 0 }.count
      let big = zero + min(problem.columnCapacities[column], others.count - zero)
      guard big > 0 else { continue }
      var entries: [(variable: LinearVariable, coefficient: Double)] = [(.arc(arc), Double(big))] + others.map { (.arc($0.arc), 1.0) }
      if soft {
        if v == nil {
          v = out.violation(upper: 1) { plan in
            let c = plan.columnOfRow[row]
            return c >= 0 && plan.rowsOfColumn[Int(c)].count > 1 ? 1 : 0
          }
        }
        entries.append((v!, -Double(big)))
      }
      out.rows.append(LinearRow(lower: nil, upper: Double(big), entries: entries))
    }
    return out
  }
}
