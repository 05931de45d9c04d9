// usedColumns(columns, minimum, maximum) — unit quotas (单位名额): the number of used columns
// among `columns` (with multiplicity) lies in minimum...maximum.
//   Counted: columns used below the minimum plus those above the maximum.
//   Modelled: minimum ≤ Σ mult_c·y_c ≤ maximum (a side left out when it cannot bind);
//             soft: s⁻, s⁺ ∈ ℤ≥0 with Σ y + s⁻ ≥ minimum, Σ y − s⁺ ≤ maximum.
//   Repaired: only by the MIP.

public struct UsedColumnsRule: SideRuleDescriptor, Equatable {
  public var columns: [Int]
  public var minimum: Int
  public var maximum: Int

  public init(columns: [Int], minimum: Int, maximum: Int) {
    self.columns = columns
    self.minimum = minimum
    self.maximum = maximum
  }

  public var kind: SideRuleKind { .usedColumns }
  public var repair: SideRuleRepair { .none }
  public var scope: SideRuleScope { .joins(rows: [], columns: columns) }
  public var usedColumns: [Int] { columns }

  static func used(_ columns: [Int], _ plan: PlanOccupancy) -> Int { columns.filter { plan.load[$0] > 0 }.count }

  public func breach(in plan: PlanOccupancy) -> RuleBreach? {
    let used = Self.used(columns, plan)
    guard used < minimum || used > maximum else { return nil }
    return RuleBreach(count: max(0, minimum - used) + max(0, used - maximum), detail: "\(used) columns used, allowed \(minimum)...\(maximum)")
  }

  public func maximumViolations(columnCount: Int) -> Int { max(minimum, columns.count - max(0, maximum)) }

  public func outOfRange(rowCount: Int, columnCount: Int) -> String? {
    columns.first { !(0..<columnCount).contains($0) }.map { "names column \($0), out of range" }
  }

  public func renamed(row: (Int) -> Int?, column: (Int) -> Int?) -> SideRule? {
    let renamed = columns.compactMap(column)
    return renamed.count == columns.count ? .usedColumns(columns: renamed, minimum: minimum, maximum: maximum) : nil
  }

  public func linearRows(in context: LinearModelContext, soft: Bool) throws(RuleModelObstacle) -> RuleRows {
    var out = RuleRows()
    let (columns, minimum, maximum) = (self.columns, self.minimum, self.maximum)
    var multiplicity: [Int: Double] = [:]
    for c in columns where context.hasUsedVariable[c] { multiplicity[c, default: 0] += 1 }
    let most = multiplicity.values.reduce(0, +)
    let entries: [(variable: LinearVariable, coefficient: Double)] = multiplicity.sorted { $0.key < $1.key }.map { (.used(column: $0.key), $0.value) }
    if soft {
      if minimum > 0 {
        let below = out.violation(upper: Double(minimum)) { Double(max(0, minimum - Self.used(columns, $0))) }
        out.rows.append(LinearRow(lower: Double(minimum), upper: nil, entries: entries + [(below, 1)]))
      }
      if Double(max(0, maximum)) < most {
        let above = out.violation(upper: most) { Double(max(0, Self.used(columns, $0) - maximum)) }
        out.rows.append(LinearRow(lower: nil, upper: Double(maximum), entries: entries + [(above, -1)]))
      }
      return out
    }
    guard minimum <= maximum, maximum >= 0, Double(minimum) <= most else { throw .emptyRange }
    let lower: Double? = minimum > 0 ? Double(minimum) : nil
    let upper: Double? = Double(maximum) < most ? Double(maximum) : nil
    if lower != nil || upper != nil { out.rows.append(LinearRow(lower: lower, upper: upper, entries: entries)) }
    return out
  }
}
