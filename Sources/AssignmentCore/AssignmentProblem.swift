//===----------------------------------------------------------------------===//
// The generic capacitated assignment problem every solver back end solves.
//
// Rows are organization (× role) slots; columns are instructors. A row may be
// assigned to at most one column, and only along an arc (forbidden pairs simply
// have no arc). Column `c` takes rows whose summed `load` is at most
// `columnCapacities[c]`; with every load equal to 1 this is the transportation
// form of the assignment problem, otherwise it is a generalized assignment
// problem (GAP, NP-hard).
//
// Objective (lexicographic, both maximised):
//   1. coverage — the number of assigned rows (全覆盖 first);
//   2. the total integer score of the assigned arcs.
// With `coverage == .requireAll` a plan that leaves any row unassigned is
// infeasible instead.
//
// Locks are hard: a locked row must take its locked column. Side rules that
// link several rows (issue 4) live in `sideRules`; only back ends whose
// capabilities include them may solve such a problem. A soft side rule
// (`SideRule.soft`) may be broken at a cost: its weight per violation is
// subtracted from the score (step 2), so coverage still comes first.
//
// Storage is compressed sparse rows: the arcs of row r are
// `rowStart[r] ..< rowStart[r + 1]`, sorted by column, no column twice.
//===----------------------------------------------------------------------===//

/// How coverage enters the objective.
public enum CoverageRule: String, Sendable, Equatable, Codable {
  /// Cover as many rows as possible, then maximise the score (the default).
  case maximize
  /// Every row must be covered; otherwise the problem is infeasible.
  case requireAll
}

/// One allowed pair of a row and a column.
public struct Arc: Sendable, Equatable, Hashable {
  public var row: Int
  public var column: Int
  public var score: Int64
  /// Capacity units the row uses at this column (1 for a plain assignment).
  public var load: Int

  public init(row: Int, column: Int, score: Int64, load: Int = 1) {
    self.row = row
    self.column = column
    self.score = score
    self.load = load
  }
}

/// The largest score magnitude accepted, so that the lexicographic objective
/// (coverage × big-M + score) fits in `Int64` for up to a few million rows.
public let maximumScoreMagnitude: Int64 = 1_000_000

/// The largest magnitude of a side rule's count parameter (a minimum load, a unit quota, a
/// move budget): beyond any problem that fits in memory, and small enough that a count minus
/// it, or a weight times it, cannot overflow.
public let maximumRuleParameterMagnitude = Int(Int32.max)

/// The objective's span (Σ over rows of the largest |score| plus Σ over soft rules of weight ×
/// most violations) must stay exact in a Double (GLPK) and leave room for the big-M: 2^52.
public let maximumObjectiveSpan: Int64 = 1 << 52

public struct AssignmentProblem: Sendable, Equatable {
  public let rowCount: Int
  public let columnCapacities: [Int]
  /// CSR index: arcs of row r are `rowStart[r] ..< rowStart[r + 1]`.
  public let rowStart: [Int]
  public let arcColumns: [Int32]
  public let arcScores: [Int64]
  /// Load of each arc; empty when every load is 1 (the pure assignment form).
  public let arcLoads: [Int]
  /// The locked column of each row, or -1.
  public let lockedColumn: [Int32]
  public let coverage: CoverageRule
  /// Rules that link several rows; empty for the pure problem.
  public let sideRules: [SideRule]

  public var columnCount: Int { columnCapacities.count }
  public var arcCount: Int { arcColumns.count }
  /// True when every arc's load is 1 and there are no side rules: the fast exact path applies.
  public var isPureAssignment: Bool { arcLoads.isEmpty && sideRules.isEmpty }
  /// True when some side rule is soft (its penalty enters the score).
  public var hasSoftRules: Bool { sideRules.contains { $0.softWeight != nil } }

  /// Builds a problem from arcs in any order.
  ///
  /// - Throws: `AssignmentProblemError` for a bad index, a duplicate arc, a
  ///   negative capacity or load, a score out of range, or a lock that is not an arc.
  /// - Complexity: O(*a* log *a*) for *a* arcs; O(*a*), without copying them, when they come in
  ///   strict (row, column) order.
  public init(
    rowCount: Int, columnCapacities: [Int], arcs: [Arc], locks: [(row: Int, column: Int)] = [],
    coverage: CoverageRule = .maximize, sideRules: [SideRule] = []
  ) throws(AssignmentProblemError) {
    guard rowCount >= 0 else { throw .invalidRowCount(rowCount) }
    for (column, capacity) in columnCapacities.enumerated() where capacity < 0 {
      throw .negativeCapacity(column: column, capacity: capacity)
    }
    for arc in arcs {
      guard (0..<rowCount).contains(arc.row), (0..<columnCapacities.count).contains(arc.column) else {
        throw .arcOutOfRange(row: arc.row, column: arc.column)
      }
      guard abs(arc.score) <= maximumScoreMagnitude else { throw .scoreOutOfRange(row: arc.row, column: arc.column, score: arc.score) }
      guard arc.load >= 0 else { throw .negativeLoad(row: arc.row, column: arc.column, load: arc.load) }
    }
    // Arcs usually arrive in strict (row, column) order (the planner and the derived problems build
    // them so): then they are used in place; the sorted copy (a second arc array) is made otherwise.
    let inOrder = zip(arcs, arcs.dropFirst()).allSatisfy { ($0.row, $0.column) < ($1.row, $1.column) }
    let sorted = inOrder ? arcs : arcs.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    var rowStart = [Int](repeating: 0, count: rowCount + 1)
    for arc in sorted { rowStart[arc.row + 1] += 1 }
    for r in 0..<rowCount { rowStart[r + 1] += rowStart[r] }
    for i in sorted.indices.dropFirst() where sorted[i].row == sorted[i - 1].row && sorted[i].column == sorted[i - 1].column {
      throw .duplicateArc(row: sorted[i].row, column: sorted[i].column)
    }
    try self.init(validatedRowCount: rowCount, columnCapacities: columnCapacities, rowStart: rowStart,
                  arcColumns: sorted.map { Int32($0.column) }, arcScores: sorted.map(\.score),
                  arcLoads: sorted.allSatisfy { $0.load == 1 } ? [] : sorted.map(\.load), locks: locks, coverage: coverage, sideRules: sideRules)
  }

  /// Builds a problem from its CSR form (what the arcs initialiser makes of arcs in (row, column)
  /// order): the arcs of row r are `rowStart[r] ..< rowStart[r + 1]`, their columns strictly
  /// increasing; `arcLoads` empty when every load is 1. Checked like the arcs initialiser
  /// (same errors); the arrays are used as they are, with no `[Arc]` in between.
  /// - Complexity: O(*a* + *n* + *m*) for *a* arcs, *n* rows and *m* columns.
  public init(
    rowCount: Int, columnCapacities: [Int], rowStart: [Int], arcColumns: [Int32], arcScores: [Int64], arcLoads: [Int] = [],
    locks: [(row: Int, column: Int)] = [], coverage: CoverageRule = .maximize, sideRules: [SideRule] = []
  ) throws(AssignmentProblemError) {
    guard rowCount >= 0 else { throw .invalidRowCount(rowCount) }
    precondition(rowStart.count == rowCount + 1 && rowStart.first == 0 && rowStart.last == arcColumns.count
                 && arcScores.count == arcColumns.count && (arcLoads.isEmpty || arcLoads.count == arcColumns.count),
                 "CSR arrays of inconsistent sizes")
    let m = columnCapacities.count
    for r in 0..<rowCount {
      var previous: Int32 = -1
      for a in rowStart[r]..<rowStart[r + 1] {
        let c = arcColumns[a]
        guard c >= 0, Int(c) < m else { throw .arcOutOfRange(row: r, column: Int(c)) }
        guard c != previous else { throw .duplicateArc(row: r, column: Int(c)) }
        precondition(c > previous, "CSR columns must increase within a row")
        previous = c
        guard abs(arcScores[a]) <= maximumScoreMagnitude else { throw .scoreOutOfRange(row: r, column: Int(c), score: arcScores[a]) }
        if !arcLoads.isEmpty, arcLoads[a] < 0 { throw .negativeLoad(row: r, column: Int(c), load: arcLoads[a]) }
      }
    }
    try self.init(validatedRowCount: rowCount, columnCapacities: columnCapacities, rowStart: rowStart, arcColumns: arcColumns,
                  arcScores: arcScores, arcLoads: arcLoads.allSatisfy { $0 == 1 } ? [] : arcLoads, locks: locks, coverage: coverage,
                  sideRules: sideRules)
  }

  /// The checks both public initialisers share (capacities, locks, soft rules), on a checked CSR.
  private init(
    validatedRowCount rowCount: Int, columnCapacities: [Int], rowStart: [Int], arcColumns: [Int32], arcScores: [Int64], arcLoads: [Int],
    locks: [(row: Int, column: Int)], coverage: CoverageRule, sideRules: [SideRule]
  ) throws(AssignmentProblemError) {
    for (column, capacity) in columnCapacities.enumerated() where capacity < 0 {
      throw .negativeCapacity(column: column, capacity: capacity)
    }
    self.rowCount = rowCount
    self.columnCapacities = columnCapacities
    self.rowStart = rowStart
    self.arcColumns = arcColumns
    self.arcScores = arcScores
    self.arcLoads = arcLoads
    var locked = [Int32](repeating: -1, count: rowCount)
    for lock in locks {
      guard (0..<rowCount).contains(lock.row) else { throw .arcOutOfRange(row: lock.row, column: lock.column) }
      guard locked[lock.row] < 0 else { throw .rowLockedTwice(row: lock.row) }
      locked[lock.row] = Int32(lock.column)
    }
    self.lockedColumn = locked
    self.coverage = coverage
    for rule in sideRules {
      guard case .soft(let inner, let weight) = rule else { continue }
      if case .soft = inner { throw .invalidSoftRule("a soft rule inside a soft rule") }
      guard (0...maximumScoreMagnitude).contains(weight) else { throw .invalidSoftRule("weight \(weight) is outside 0...\(maximumScoreMagnitude)") }
    }
    self.sideRules = sideRules
    for lock in locks where Self.arcIndex(rowStart: rowStart, arcColumns: arcColumns, row: lock.row, column: lock.column) == nil {
      throw .lockWithoutArc(row: lock.row, column: lock.column)
    }
    try Self.checkSums(arcLoads: arcLoads, columnCapacities: columnCapacities, rowCount: rowCount, sideRules: sideRules)
    // Cannot overflow now: every locked load is one of the arc loads whose total fits.
    var lockedLoad = [Int](repeating: 0, count: columnCapacities.count)
    for lock in locks {
      lockedLoad[lock.column] += load(ofArc: arcIndex(row: lock.row, column: lock.column)!)
    }
    for (column, used) in lockedLoad.enumerated() where used > columnCapacities[column] {
      throw .locksExceedCapacity(column: column, lockedLoad: used, capacity: columnCapacities[column])
    }
  }

  /// The gate that makes every later sum safe (the solvers, the rule descriptors, the local
  /// search and the reports add loads, capacities, scores and rule counts without checks):
  /// the total of all arc loads and the total of all capacities fit in `Int` (so does any sum
  /// of some of them), every rule parameter is within ±`maximumRuleParameterMagnitude`, and
  /// the objective's span is at most `maximumObjectiveSpan`. A problem built through the API
  /// beyond these gets a typed error here, never a trap later. O(*a* + *s*).
  private static func checkSums(arcLoads: [Int], columnCapacities: [Int], rowCount: Int, sideRules: [SideRule]) throws(AssignmentProblemError) {
    do {
      // Empty loads: every load is 1, and the total (the arc count) fits.
      _ = try arcLoads.checkedSum("the total load of all arcs")
      _ = try columnCapacities.checkedSum("the total capacity of all columns")
      for rule in sideRules {
        if let parameter = rule.countParameters.first(where: { $0.magnitude > UInt(maximumRuleParameterMagnitude) }) {
          throw AssignmentProblemError.ruleParameterOutOfRange(rule: rule, value: parameter)
        }
      }
      // Σ_rows max |score| ≤ rows × 10^6, then the soft rules' penalties.
      var span = try Int64(rowCount).checkedMultiplied(by: maximumScoreMagnitude, "the objective's span")
      for rule in sideRules {
        guard let weight = rule.softWeight else { continue }
        let most = Int64(rule.maximumViolations(columnCount: columnCapacities.count))
        span = try span.checkedAdding(try weight.checkedMultiplied(by: most, "a soft rule's largest penalty"), "the objective's span")
      }
      guard span <= maximumObjectiveSpan else { throw NumberOverflow("the objective's span \(span) is beyond \(maximumObjectiveSpan)") }
    } catch let error as NumberOverflow {
      throw .overflow(error.what)
    } catch let error as AssignmentProblemError {
      throw error
    } catch {
      throw .overflow("\(error)")
    }
  }

  /// The arcs of `row`, as indices into `arcColumns` / `arcScores`.
  @inlinable public func arcs(ofRow row: Int) -> Range<Int> { rowStart[row]..<rowStart[row + 1] }

  @inlinable public func load(ofArc index: Int) -> Int { arcLoads.isEmpty ? 1 : arcLoads[index] }

  /// The index of the arc (row, column), or nil when the pair is not allowed.
  /// - Complexity: O(log *d*) for the row's degree *d*.
  public func arcIndex(row: Int, column: Int) -> Int? {
    Self.arcIndex(rowStart: rowStart, arcColumns: arcColumns, row: row, column: column)
  }

  private static func arcIndex(rowStart: [Int], arcColumns: [Int32], row: Int, column: Int) -> Int? {
    guard row >= 0, row + 1 < rowStart.count else { return nil }
    var low = rowStart[row], high = rowStart[row + 1]
    let target = Int32(column)
    while low < high {
      let mid = (low + high) / 2
      if arcColumns[mid] < target { low = mid + 1 } else { high = mid }
    }
    return low < rowStart[row + 1] && arcColumns[low] == target ? low : nil
  }

  /// Every arc, in (row, column) order.
  public var allArcs: [Arc] {
    (0..<rowCount).flatMap { row in
      arcs(ofRow: row).map { Arc(row: row, column: Int(arcColumns[$0]), score: arcScores[$0], load: load(ofArc: $0)) }
    }
  }

  /// The locked pairs, in row order.
  public var locks: [(row: Int, column: Int)] {
    lockedColumn.enumerated().compactMap { $0.element >= 0 ? ($0.offset, Int($0.element)) : nil }
  }
}

public enum AssignmentProblemError: Error, Equatable, Sendable {
  case invalidRowCount(Int)
  case negativeCapacity(column: Int, capacity: Int)
  case negativeLoad(row: Int, column: Int, load: Int)
  case arcOutOfRange(row: Int, column: Int)
  case duplicateArc(row: Int, column: Int)
  case scoreOutOfRange(row: Int, column: Int, score: Int64)
  case rowLockedTwice(row: Int)
  case lockWithoutArc(row: Int, column: Int)
  case locksExceedCapacity(column: Int, lockedLoad: Int, capacity: Int)
  case invalidSoftRule(String)
  /// A side rule's count (minimum, maximum, limit) beyond ±`maximumRuleParameterMagnitude`.
  case ruleParameterOutOfRange(rule: SideRule, value: Int)
  /// A total the problem's numbers form does not fit (loads, capacities, the objective's span).
  case overflow(String)
}

extension AssignmentProblemError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .invalidRowCount(let n): "row count \(n) is negative"
    case .negativeCapacity(let c, let cap): "column \(c) has negative capacity \(cap)"
    case .negativeLoad(let r, let c, let l): "arc (\(r), \(c)) has negative load \(l)"
    case .arcOutOfRange(let r, let c): "arc (\(r), \(c)) is out of range"
    case .duplicateArc(let r, let c): "arc (\(r), \(c)) is given twice"
    case .scoreOutOfRange(let r, let c, let s): "arc (\(r), \(c)) has score \(s), beyond ±\(maximumScoreMagnitude)"
    case .rowLockedTwice(let r): "row \(r) is locked twice"
    case .lockWithoutArc(let r, let c): "lock (\(r), \(c)) is not an allowed pair"
    case .locksExceedCapacity(let c, let used, let cap): "locks put load \(used) on column \(c), whose capacity is \(cap)"
    case .invalidSoftRule(let why): "soft side rule: \(why)"
    case .ruleParameterOutOfRange(let rule, let value): "side rule \(rule.kind.rawValue) has count \(value), beyond ±\(maximumRuleParameterMagnitude)"
    case .overflow(let what): "数值溢出 the numbers do not fit: \(what)"
    }
  }
}
