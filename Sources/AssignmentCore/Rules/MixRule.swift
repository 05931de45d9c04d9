// mix(groupA, groupB) — 已建立党组织 + 未组建党组织: a column that takes two or more rows takes
// at least one of groupA and at least one of groupB.
//   Counted: per column with ≥ 2 rows lacking a group.
//   Modelled: per column c that can take ≥ 2 rows, M = (most rows at c) − 1, for G in {A, B}:
//             M·Σ_{r ∈ G} x_rc − Σ_all x_rc ≥ −1 (with integer x: "≥ 2 rows ⇒ one of G"; 0 or 1 row is
//             never constrained); soft: v_c ∈ {0,1} per column, +M·v_c in both rows.
//   Repaired: RuleKeepingImprover.

public struct MixRule: SideRuleDescriptor, Equatable {
  public var groupA: [Int]
  public var groupB: [Int]

  public init(groupA: [Int], groupB: [Int]) {
    self.groupA = groupA
    self.groupB = groupB
  }

  public var kind: SideRuleKind { .mix }
  public var repair: SideRuleRepair { .ruleKeepingLocalSearch }
  public var scope: SideRuleScope { .everyComponent }
  public var usedColumns: [Int] { [] }

  /// Whether `rows` (one column's) break the rule: two or more rows without both kinds.
  static func lacksAGroup(_ rows: [Int], _ inA: Set<Int>, _ inB: Set<Int>) -> Bool {
    rows.count >= 2 && (!rows.contains(where: inA.contains) || !rows.contains(where: inB.contains))
  }

  public func breach(in plan: PlanOccupancy) -> RuleBreach? {
    let inA = Set(groupA), inB = Set(groupB)
    var count = 0, first = ""
    for (column, rows) in plan.rowsOfColumn.enumerated() where Self.lacksAGroup(rows, inA, inB) {
      if count == 0 { first = "column \(column) takes rows \(rows) without both kinds" }
      count += 1
    }
    return count == 0 ? nil : RuleBreach(count: count, detail: count == 1 ? first : "\(first) (and \(count - 1) more columns)")
  }

  public func maximumViolations(columnCount: Int) -> Int { columnCount }

  public func outOfRange(rowCount: Int, columnCount: Int) -> String? {
    (groupA + groupB).first { !(0..<rowCount).contains($0) }.map { "names row \($0), out of range" }
  }

  /// Mix groups keep the rows that survive.
  public func renamed(row: (Int) -> Int?, column: (Int) -> Int?) -> SideRule? {
    .mix(groupA: groupA.compactMap(row), groupB: groupB.compactMap(row))
  }

  public func linearRows(in context: LinearModelContext, soft: Bool) -> RuleRows {
    let inA = Set(groupA), inB = Set(groupB)
    var out = RuleRows()
    for column in 0..<context.problem.columnCount {
      let most = context.mostRows(column)
      guard most >= 2 else { continue }
      let big = Double(most - 1)
      let v = soft ? out.violation(upper: 1) { Self.lacksAGroup($0.rowsOfColumn[column], inA, inB) ? 1 : 0 } : nil
      for group in [inA, inB] {
        out.rows.append(LinearRow(lower: -1, upper: nil, entries: context.arcsAtColumn[column].map { (.arc($0.arc), group.contains($0.row) ? big - 1 : -1) }
          + (v.map { [($0, big)] } ?? [])))
      }
    }
    return out
  }
}
