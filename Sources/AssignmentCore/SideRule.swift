/// A rule that links several rows or columns: only back ends whose
/// `SolverCapabilities.sideRules` is true accept problems that carry one.
///
/// Rows and columns are indices of the enclosing `AssignmentProblem`. Each case has one
/// home, its descriptor in `Rules/` (`SideRule.descriptor`): how it is counted, modelled as
/// linear rows, repaired and reported.
public enum SideRule: Sendable, Equatable, Hashable {
  /// If `row` is assigned to a column, that column takes no other row (一名指导员牵一头牛).
  case exclusive(row: Int)
  /// A column that takes two or more rows must take at least one of `groupA`
  /// and at least one of `groupB` (已建立党组织 + 未组建党组织).
  case mix(groupA: [Int], groupB: [Int])
  /// A column that is used at all takes at least `minimum` load (派得进) — unless it takes a
  /// row that an `exclusive` rule (hard or soft) names: a key project's own instructor is
  /// not idle, and exclusivity would otherwise make the two rules contradict each other.
  case minimumLoad(column: Int, minimum: Int)
  /// The number of used columns among `columns` lies in `minimum...maximum`.
  case usedColumns(columns: [Int], minimum: Int, maximum: Int)
  /// No column takes two of `rows` (two role slots of one organization need two people).
  case distinctColumns(rows: [Int])
  /// At most `limit` of `rows` leave their previous column: row `rows[k]` "moves" unless it is
  /// assigned to `columns[k]` (an unassigned row moves too). The move budget of re-planning
  /// (`dispatch replan --max-moves`): Σ_k x[rows[k], columns[k]] ≥ rows.count − limit.
  case maximumMoves(rows: [Int], columns: [Int], limit: Int)
  /// A soft rule: `rule` may be broken, and each violation costs `weight` score points
  /// (the plan's score is the arc scores minus the penalties). `rule` is never itself soft.
  /// Violations, counted by each rule's descriptor (`breach(in:)`):
  /// exclusive — 1 when the row's column takes another row; mix — per column with ≥ 2 rows
  /// lacking a group; minimumLoad — 1 when the column is used below its minimum;
  /// usedColumns — columns used below the minimum or above the maximum; distinctColumns —
  /// per column, the rows beyond the first; maximumMoves — the moves beyond the limit.
  indirect case soft(SideRule, weight: Int64)
}

extension SideRule {
  /// The rule itself, whether it is hard or soft.
  public var constraint: SideRule {
    if case .soft(let rule, _) = self { rule } else { self }
  }

  /// The penalty per violation of a soft rule, nil for a hard one.
  public var softWeight: Int64? {
    if case .soft(_, let weight) = self { weight } else { nil }
  }

  /// The same rule with its rows and columns renamed (`nil` drops a row or column). Mix
  /// groups keep the rows that survive; other rules need every index they name.
  public func renamed(row: (Int) -> Int?, column: (Int) -> Int?) -> SideRule? {
    guard let renamed = descriptor.renamed(row: row, column: column) else { return nil }
    return softWeight.map { .soft(renamed, weight: $0) } ?? renamed
  }

  /// The rows that `exclusive` rules (hard or soft) among `rules` name.
  public static func exclusiveRows(in rules: [SideRule]) -> Set<Int> {
    Set(rules.compactMap { if case .exclusive(let r) = $0.constraint { r } else { nil } })
  }

  /// The most violations the rule can count in a problem with `columnCount` columns (0 for a
  /// hard rule); times the weight, a bound on the rule's penalty.
  public func maximumViolations(columnCount: Int) -> Int {
    softWeight == nil ? 0 : descriptor.maximumViolations(columnCount: columnCount)
  }

  /// The rule's count parameters (minimum, maximum, limit), for the problem's range check.
  public var countParameters: [Int] {
    switch constraint {
    case .minimumLoad(_, let minimum): [minimum]
    case .usedColumns(_, let minimum, let maximum): [minimum, maximum]
    case .maximumMoves(_, _, let limit): [limit]
    case .exclusive, .mix, .distinctColumns, .soft: []
    }
  }

  /// The number of moves `columnOfRow` makes against a `.maximumMoves` rule's pairs (nil for other rules).
  public func moves(in columnOfRow: [Int32]) -> Int? {
    guard case .maximumMoves(let rows, let columns, _) = constraint else { return nil }
    return zip(rows, columns).filter { columnOfRow[$0.0] != Int32($0.1) }.count
  }
}
