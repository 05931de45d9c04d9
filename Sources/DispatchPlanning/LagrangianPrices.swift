//===----------------------------------------------------------------------===//
// LagrangianPrices — a solve's Lagrangian multipliers kept with its plan (summary.json
// `lagrangian_prices`), so the next solve of a similar problem (the next quarter's
// re-plan, the re-plan's score ignoring continuity) starts its bound where this one
// ended instead of from the pure relaxation (issue 14: never solve twice what one
// solve can tell).
//
// WHAT IS KEPT. The multiplier x_r prices slot r (thousandths of a point). It is kept
// relative to the slot's own pair in the plan: p_r = x_r − 1000·s(r, plan(r)). The next
// problem's start is x'_r = 1000·s'(r, c) + p_r with c the slot's instructor in the plan
// the prices came from (the previous instructor, for a re-plan), so every such pair keeps
// its profit s − x; a score that changed for that pair (the continuity bonus, a new wish)
// moves the price with it. Slots are keyed "organization/role", so new, closed and
// renumbered slots need nothing: a slot without a price starts as it would without any.
//
// WHY IT IS SAFE. Every x gives a valid bound L(x) (MixLagrangianBound): a stale, edited
// or missing price costs iterations, never correctness. Prices outside a generous range
// (far beyond any score) are ignored, so the search's Int64 sums stay far from overflow.
//
// Complexity: O(rows) to write, O(rows) dictionary look-ups to read.
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchModel

public enum LagrangianPrices {
  static let scale = LagrangianMultipliers.scale

  /// The key of a slot: "organization/role".
  public static func key(_ organization: OrganizationID, _ role: DispatchRole) -> String { "\(organization.rawValue)/\(role.rawValue)" }

  /// The prices of `multipliers` (per row of `model`) relative to the pairs of `columnOfRow`; nil when
  /// there are none. Rows without a pair in the plan are left out.
  public static func prices(model: PlanningModel, columnOfRow: [Int32], multipliers: [Int64]?) -> [String: Int64]? {
    let problem = model.problem
    guard let multipliers, multipliers.count == problem.rowCount, columnOfRow.count == problem.rowCount else { return nil }
    var out: [String: Int64] = [:]
    for (row, slot) in model.slots.enumerated() where columnOfRow[row] >= 0 {
      guard let arc = problem.arcIndex(row: row, column: Int(columnOfRow[row])) else { continue }
      out[key(model.scenario.organizations[slot.organization].id, slot.role)] = multipliers[row] - scale * problem.arcScores[arc]
    }
    return out
  }

  /// Starting multipliers for `model`'s problem from `prices`: for each row whose slot has a price and
  /// whose instructor in `columnOfRow` (the plan the prices were taken against, mapped onto these rows)
  /// still has the pair, 1000·score + price; `LagrangianMultipliers.unknown` elsewhere. Nil when no row has a start.
  public static func start(model: PlanningModel, columnOfRow: [Int32], prices: [String: Int64]?) -> [Int64]? {
    let problem = model.problem
    guard let prices, !prices.isEmpty, columnOfRow.count == problem.rowCount else { return nil }
    var limit: Int64 = 1
    for a in 0..<problem.arcCount { limit = max(limit, abs(problem.arcScores[a])) }
    // Far beyond any sensible price (a multiplier near a pair's score), far below overflow.
    limit = min(limit * scale * 64, Int64(1) << 50)
    var x = [Int64](repeating: LagrangianMultipliers.unknown, count: problem.rowCount)
    var known = 0
    for (row, slot) in model.slots.enumerated() where columnOfRow[row] >= 0 {
      guard let price = prices[key(model.scenario.organizations[slot.organization].id, slot.role)], abs(price) <= limit,
            let arc = problem.arcIndex(row: row, column: Int(columnOfRow[row]))
      else { continue }
      x[row] = scale * problem.arcScores[arc] + price
      known += 1
    }
    return known > 0 ? x : nil
  }
}
