// minimumLoad(column, minimum) — 派得进: a column that is used at all carries at least `minimum`
// load, unless it takes a row an exclusive rule (hard or soft) names (a key project's own
// instructor is not idle; exclusivity and minimum load would otherwise contradict each other).
//   Counted: 1 when the column is used below its minimum and holds no exclusive row.
//   Modelled: load_c − minimum·y_c + minimum·Σ_{exclusive r} x_rc ≥ 0 (only for minimum > 1 and
//             a column that can be used); soft: v ∈ {0,1}, +minimum·v.
//   Repaired: MinimumLoadRepair, after the rule-keeping local search.

public struct MinimumLoadRule: SideRuleDescriptor, Equatable {
  public var column: Int
  public var minimum: Int

  public init(column: Int, minimum: Int) {
    self.column = column
    self.minimum = minimum
  }

  public var kind: SideRuleKind { .minimumLoad }
  public var repair: SideRuleRepair { .minimumLoadRepair }
  public var scope: SideRuleScope { .joins(rows: [], columns: [column]) }
  public var usedColumns: [Int] { [column] }

  static func isBroken(_ column: Int, _ minimum: Int, _ plan: PlanOccupancy) -> Bool {
    plan.load[column] > 0 && plan.load[column] < minimum && !plan.rowsOfColumn[column].contains(where: plan.exclusiveRows.contains)
  }

  public func breach(in plan: PlanOccupancy) -> RuleBreach? {
    guard Self.isBroken(column, minimum, plan) else { return nil }
    return RuleBreach(count: 1, detail: "column \(column) carries load \(plan.load[column]) < \(minimum)")
  }

  public func maximumViolations(columnCount: Int) -> Int { 1 }

  public func outOfRange(rowCount: Int, columnCount: Int) -> String? {
    (0..<columnCount).contains(column) ? nil : "names column \(column), out of range"
  }

  public func renamed(row: (Int) -> Int?, column rename: (Int) -> Int?) -> SideRule? {
    rename(column).map { .minimumLoad(column: $0, minimum: minimum) }
  }

  public func linearRows(in context: LinearModelContext, soft: Bool) -> RuleRows {
    var out = RuleRows()
    let (column, minimum) = (self.column, self.minimum)
    guard context.hasUsedVariable[column], minimum > 1 else { return out }
    let v = soft ? out.violation(upper: 1) { Self.isBroken(column, minimum, $0) ? 1 : 0 } : nil
    // Loads are per arc, so an exclusive row's own x adds to its load entry: merge the coefficients.
    var coefficient: [Int: Double] = [:]
    for entry in context.arcsAtColumn[column] {
      coefficient[entry.arc, default: 0] += Double(entry.load) + (context.exclusiveRows.contains(entry.row) ? Double(minimum) : 0)
    }
    let entries: [(variable: LinearVariable, coefficient: Double)] = coefficient.sorted { $0.key < $1.key }.map { (.arc($0.key), $0.value) }
    out.rows.append(LinearRow(lower: 0, upper: nil, entries: entries + [(.used(column: column), -Double(minimum))]
      + (v.map { [($0, Double(minimum))] } ?? [])))
    return out
  }
}
