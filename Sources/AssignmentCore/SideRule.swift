/// A rule that links several rows or columns: only back ends whose
/// `SolverCapabilities.sideRules` is true accept problems that carry one.
///
/// Rows and columns are indices of the enclosing `AssignmentProblem`.
public enum SideRule: Sendable, Equatable, Hashable {
  /// If `row` is assigned to a column, that column takes no other row (一名指导员牵一头牛).
  case exclusive(row: Int)
  /// A column that takes two or more rows must take at least one of `groupA`
  /// and at least one of `groupB` (已建立党组织 + 未组建党组织).
  case mix(groupA: [Int], groupB: [Int])
  /// A column that is used at all takes at least `minimum` load (派得进).
  case minimumLoad(column: Int, minimum: Int)
  /// The number of used columns among `columns` lies in `minimum...maximum`.
  case usedColumns(columns: [Int], minimum: Int, maximum: Int)
  /// No column takes two of `rows` (two role slots of one organization need two people).
  case distinctColumns(rows: [Int])
  /// At most `limit` of `rows` leave their previous column: row `rows[k]` "moves" unless it is
  /// assigned to `columns[k]` (an unassigned row moves too). The move budget of re-planning
  /// (`dispatch replan --max-moves`): Σ_k x[rows[k], columns[k]] ≥ rows.count − limit.
  case maximumMoves(rows: [Int], columns: [Int], limit: Int)
}

extension SideRule {
  /// The number of moves `columnOfRow` makes against a `.maximumMoves` rule's pairs (nil for other rules).
  public func moves(in columnOfRow: [Int32]) -> Int? {
    guard case .maximumMoves(let rows, let columns, _) = self else { return nil }
    return zip(rows, columns).filter { columnOfRow[$0.0] != Int32($0.1) }.count
  }
}
