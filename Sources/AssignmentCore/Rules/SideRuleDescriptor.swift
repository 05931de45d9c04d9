//===----------------------------------------------------------------------===//
// One home per office rule (issue 15 point 3). Each `SideRule` case has one
// descriptor type (Rules/*.swift) that says everything about it:
//   - COUNTED:   `breach(in:)` — how often a plan breaks it (SolutionChecker's verdict,
//                the soft penalty, the catalogue's violation counts all read this);
//                `maximumViolations` — the most it can count (a soft rule's penalty bound);
//   - MODELLED:  `linearRows(in:)` — its constraints as linear rows over solver-neutral
//                variables (x per arc, y "column used", v per violation of a soft rule),
//                which GLPKBackend translates one to one into GLPK rows and columns;
//   - REPAIRED:  `repair` — which heuristic keeps or restores it (RuleHeuristics);
//   - REPORTED:  `kind` — what the rule catalogue matches findings on, and `detail` text;
//   - and what the component split and index checks need (`scope`, `outOfRange`, `renamed`).
// `SideRule.descriptor` is the only switch over the rule cases. A new rule is one new
// file here, one case in `SideRule`, one line in `descriptor`, and its verifier test.
//
// The model's invariant, per rule: for every plan, with x the plan's arcs and y its used
// columns, the rows hold with v = the violation variables' `count`s, and Σ v = the
// rule's `breach` count; a hard rule's rows hold exactly when `breach` is nil.
//
// Sums here (loads per column, counts against a rule's minimum or maximum) need no checks:
// `AssignmentProblem`'s gate (`checkSums`) has proven with checked sums that all arc loads
// together fit in Int and every rule count is within ±2^31, so no partial sum can overflow.
//===----------------------------------------------------------------------===//

/// The kinds of side rule, for matching without a switch over payloads.
public enum SideRuleKind: String, Sendable, Hashable, CaseIterable {
  case exclusive, mix, minimumLoad, usedColumns, distinctColumns, maximumMoves
}

/// Which heuristic keeps or restores a rule when a feasible plan is needed quickly.
public enum SideRuleRepair: Sendable, Equatable {
  /// `RuleKeepingImprover`'s local search keeps it (exclusive, mix).
  case ruleKeepingLocalSearch
  /// `MinimumLoadRepair` restores it after the local search (minimum load).
  case minimumLoadRepair
  /// No heuristic: only the MIP keeps it.
  case none
}

/// Which rows and columns a rule ties together, for splitting a problem into components.
public enum SideRuleScope: Sendable, Equatable {
  /// These rows and columns must share a component; the rule belongs to it.
  case joins(rows: [Int], columns: [Int])
  /// The rule acts column by column: every component gets it, restricted to its rows.
  case everyComponent
}

/// A plan seen column by column: the input every rule's count reads (built once per plan).
public struct PlanOccupancy: Sendable {
  /// The column of each row, -1 when unassigned.
  public let columnOfRow: [Int32]
  /// The rows of each column, over the plan's allowed arcs, in row order.
  public let rowsOfColumn: [[Int]]
  /// The load each column carries (Σ arc loads).
  public let load: [Int]
  /// Rows that `exclusive` rules (hard or soft) name: their column is exempt from minimum load.
  public let exclusiveRows: Set<Int>

  public init(columnOfRow: [Int32], rowsOfColumn: [[Int]], load: [Int], exclusiveRows: Set<Int>) {
    self.columnOfRow = columnOfRow
    self.rowsOfColumn = rowsOfColumn
    self.load = load
    self.exclusiveRows = exclusiveRows
  }

  /// The occupancy of `columnOfRow` (assumed of the problem's length) over its allowed arcs.
  public init(_ columnOfRow: [Int32], in problem: AssignmentProblem) {
    var load = [Int](repeating: 0, count: problem.columnCount)
    var rowsOfColumn = [[Int]](repeating: [], count: problem.columnCount)
    for (row, column) in columnOfRow.enumerated() where column >= 0 && Int(column) < problem.columnCount {
      guard let arc = problem.arcIndex(row: row, column: Int(column)) else { continue }
      load[Int(column)] += problem.load(ofArc: arc)
      rowsOfColumn[Int(column)].append(row)
    }
    self.init(columnOfRow: columnOfRow, rowsOfColumn: rowsOfColumn, load: load, exclusiveRows: SideRule.exclusiveRows(in: problem.sideRules))
  }
}

/// How a plan breaks a rule: the number of violations and a line for people.
public struct RuleBreach: Sendable, Equatable {
  public var count: Int
  public var detail: String

  public init(count: Int, detail: String) {
    self.count = count
    self.detail = detail
  }
}

// MARK: - Solver-neutral linear rows

/// A variable of the linear model of a problem with side rules.
public enum LinearVariable: Sendable, Hashable {
  /// x_a ∈ {0, 1}: arc `a` of the problem is in the plan.
  case arc(Int)
  /// y_c ∈ {0, 1}: column `c` carries load (exists for the columns a rule's `usedColumns` names).
  case used(column: Int)
  /// The `k`-th violation variable of this rule (0-based, `RuleRows.violations[k]`).
  case violation(Int)
}

/// `lower ≤ Σ coefficient · variable ≤ upper` (nil: unbounded on that side).
public struct LinearRow: Sendable, Equatable {
  public var lower: Double?
  public var upper: Double?
  public var entries: [(variable: LinearVariable, coefficient: Double)]

  public init(lower: Double?, upper: Double?, entries: [(variable: LinearVariable, coefficient: Double)]) {
    self.lower = lower
    self.upper = upper
    self.entries = entries
  }

  public static func == (a: LinearRow, b: LinearRow) -> Bool {
    a.lower == b.lower && a.upper == b.upper && a.entries.count == b.entries.count
      && zip(a.entries, b.entries).allSatisfy { $0.variable == $1.variable && $0.coefficient == $1.coefficient }
  }
}

/// A violation variable of a soft rule: integer in 0...upper, costing the rule's weight per unit,
/// and its value in a given plan (so an incumbent's values satisfy the rows).
public struct ViolationVariable: Sendable {
  public var upper: Double
  /// The variable's value for a plan: its share of the rule's `breach` count.
  public var count: @Sendable (PlanOccupancy) -> Double

  public init(upper: Double, count: @escaping @Sendable (PlanOccupancy) -> Double) {
    self.upper = upper
    self.count = count
  }
}

/// A rule's part of the linear model: its violation variables (soft rules only) and its rows,
/// in the order they are added.
public struct RuleRows: Sendable {
  public var violations: [ViolationVariable] = []
  public var rows: [LinearRow] = []

  public init() {}

  /// Adds a violation variable and returns it.
  public mutating func violation(upper: Double, count: @escaping @Sendable (PlanOccupancy) -> Double) -> LinearVariable {
    violations.append(ViolationVariable(upper: upper, count: count))
    return .violation(violations.count - 1)
  }
}

/// Why a hard rule cannot hold in any plan, found while modelling it.
public enum RuleModelObstacle: Error, Sendable, Equatable {
  /// A range of allowed counts that is empty, or beyond what the columns can reach.
  case emptyRange
}

/// What a rule's rows are built over: the model's arcs per column (those the model includes)
/// and its used-column variables.
public struct LinearModelContext: Sendable {
  /// One included arc at a column.
  public struct ArcAtColumn: Sendable {
    public var row: Int
    public var arc: Int
    public var load: Int
    public init(row: Int, arc: Int, load: Int) {
      self.row = row
      self.arc = arc
      self.load = load
    }
  }

  public let problem: AssignmentProblem
  /// Included arcs of each column, in row order.
  public let arcsAtColumn: [[ArcAtColumn]]
  /// Whether column c has a y variable (its load can be positive and a rule names it).
  public let hasUsedVariable: [Bool]
  /// Rows that `exclusive` rules (hard or soft) name.
  public let exclusiveRows: Set<Int>

  public init(problem: AssignmentProblem, arcsAtColumn: [[ArcAtColumn]], hasUsedVariable: [Bool]) {
    self.problem = problem
    self.arcsAtColumn = arcsAtColumn
    self.hasUsedVariable = hasUsedVariable
    exclusiveRows = SideRule.exclusiveRows(in: problem.sideRules)
    var included = [Bool](repeating: false, count: problem.arcCount)
    for arcs in arcsAtColumn { for a in arcs { included[a.arc] = true } }
    isIncluded = included
  }

  /// The context of the integer model of `problem` (what GLPKBackend builds): every arc whose
  /// load fits its column and whose row is not locked to another column; y for each column a
  /// rule names whose load can be positive. For verifier tests and other back ends.
  public init(integerModelOf problem: AssignmentProblem) {
    var arcsAtColumn = [[ArcAtColumn]](repeating: [], count: problem.columnCount)
    for row in 0..<problem.rowCount {
      let locked = Int(problem.lockedColumn[row])
      for arc in problem.arcs(ofRow: row) {
        let column = Int(problem.arcColumns[arc]), load = problem.load(ofArc: arc)
        guard locked < 0 || column == locked, load <= problem.columnCapacities[column] else { continue }
        arcsAtColumn[column].append(ArcAtColumn(row: row, arc: arc, load: load))
      }
    }
    var hasUsed = [Bool](repeating: false, count: problem.columnCount)
    for column in Set(problem.sideRules.flatMap { $0.descriptor.usedColumns }) where (0..<problem.columnCount).contains(column) {
      hasUsed[column] = min(problem.columnCapacities[column], arcsAtColumn[column].reduce(0) { $0 + $1.load }) > 0
    }
    self.init(problem: problem, arcsAtColumn: arcsAtColumn, hasUsedVariable: hasUsed)
  }

  /// Whether arc `a` is in the model.
  public func includes(arc: Int) -> Bool { isIncluded[arc] }
  private let isIncluded: [Bool]

  /// Most rows column c can take: rows with a zero-load arc there plus at most `cap` others.
  public func mostRows(_ column: Int) -> Int {
    let arcs = arcsAtColumn[column]
    let zero = arcs.filter { $0.load == 0 }.count
    return zero + min(problem.columnCapacities[column], arcs.count - zero)
  }
}

/// Everything about one kind of side rule; see the file header.
public protocol SideRuleDescriptor: Sendable {
  var kind: SideRuleKind { get }
  var repair: SideRuleRepair { get }
  var scope: SideRuleScope { get }
  /// Columns whose "used" variable y_c the rule's rows need.
  var usedColumns: [Int] { get }
  /// How `plan` breaks the rule (taken as hard); nil when it keeps it.
  func breach(in plan: PlanOccupancy) -> RuleBreach?
  /// The most violations `breach` can count in a problem with `columnCount` columns.
  func maximumViolations(columnCount: Int) -> Int
  /// The first index the rule names outside `rowCount` rows and `columnCount` columns, said in words.
  func outOfRange(rowCount: Int, columnCount: Int) -> String?
  /// The rule with rows and columns renamed (nil drops one); nil when an index it needs is dropped.
  func renamed(row: (Int) -> Int?, column: (Int) -> Int?) -> SideRule?
  /// The rule's rows; `soft`: each violation gets a variable that relaxes them by one violation.
  func linearRows(in context: LinearModelContext, soft: Bool) throws(RuleModelObstacle) -> RuleRows
}

extension SideRule {
  /// The rule's descriptor (the rule itself for a soft rule: a soft rule is counted and modelled
  /// like its hard rule, with violation variables). The only switch over the rule cases.
  public var descriptor: any SideRuleDescriptor {
    switch constraint {
    case .exclusive(let row): ExclusiveRule(row: row)
    case .mix(let a, let b): MixRule(groupA: a, groupB: b)
    case .minimumLoad(let column, let minimum): MinimumLoadRule(column: column, minimum: minimum)
    case .usedColumns(let columns, let minimum, let maximum): UsedColumnsRule(columns: columns, minimum: minimum, maximum: maximum)
    case .distinctColumns(let rows): DistinctColumnsRule(rows: rows)
    case .maximumMoves(let rows, let columns, let limit): MaximumMovesRule(rows: rows, columns: columns, limit: limit)
    case .soft(let inner, _): inner.descriptor  // never nested in a problem (AssignmentProblem refuses it)
    }
  }

  /// The kind of the rule (of its hard rule, for a soft one).
  public var kind: SideRuleKind { descriptor.kind }
}
