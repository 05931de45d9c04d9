//===----------------------------------------------------------------------===//
// AssignmentProblem → GLPK rows, columns and matrix (1-based arrays, as GLPK wants).
//
// Variables: x_a ∈ {0,1} per included arc (an arc is included unless its load exceeds
// its column's capacity, or its row is locked to another column); y_c ∈ {0,1}
// "column c carries load" for columns named by minimumLoad / usedColumns rules.
// Constraints:
//   row r:        Σ x_a ≤ 1 (= 1 with .requireAll or a lock)
//   column c:     Σ load_a x_a ≤ cap_c
//   y_c exact:    load_c − min(cap_c, Σ load) · y_c ≤ 0,   load_c − y_c ≥ 0
//                 (loads are integers, so y_c = 1 ⇔ load_c > 0, the checker's "used")
//   side rules:   each rule's own linear rows (`SideRule.descriptor.linearRows`, AssignmentCore/Rules:
//                 one file per rule says its rows, its count and why they agree), translated one to
//                 one: x_a, y_c and the rule's violation variables become GLPK columns. Identical hard
//                 rules are modelled once.
//   coverage floor (second phase only): Σ x ≥ k
// A soft rule (weight w) gets its violation variables (integer, 0...upper) with objective −w·v (× the
// caller's `penaltyScale`); at the optimum v equals the rule's violation count.
// Complexity: O(a + Σ side-rule sizes + a_c per exclusive row) time and memory.
//===----------------------------------------------------------------------===//
import AssignmentCore
import CGLPK

struct GLPKModel {
  var maximize = true
  // Index 0 of every array is GLPK's unused slot (objective[0] is the constant term).
  var rowType: [Int32] = [0]
  var rowLower: [Double] = [0]
  var rowUpper: [Double] = [0]
  var columnType: [Int32] = [0]
  var columnLower: [Double] = [0]
  var columnUpper: [Double] = [0]
  var columnKind: [Int32] = [0]
  var objective: [Double] = [0]
  var matrixRows: [Int32] = [0]
  var matrixColumns: [Int32] = [0]
  var matrixValues: [Double] = [0]

  /// GLPK column of each arc of the problem, 0 when the arc is left out.
  var columnOfArc: [Int32] = []
  /// Problem arc of each GLPK column, -1 for y columns (index 0 unused).
  var arcOfColumn: [Int] = [-1]
  /// GLPK column of y_c per problem column, 0 when there is none.
  var usedColumnVariable: [Int32] = []
  /// GLPK row of each problem row's assignment constraint, 0 when it has no included arc.
  var assignmentRow: [Int32] = []
  /// GLPK row of each problem column's capacity constraint, 0 when it has none.
  var capacityRow: [Int32] = []

  /// The violation variables of soft rules, to give an incumbent its values.
  var softTerms: [SoftTerm] = []

  var glpkRowCount: Int { rowType.count - 1 }
  var glpkColumnCount: Int { columnType.count - 1 }

  mutating func addColumn(kind: Int32, type: Int32, lower: Double, upper: Double, objective c: Double) -> Int32 {
    columnType.append(type); columnLower.append(lower); columnUpper.append(upper)
    columnKind.append(kind); objective.append(c); arcOfColumn.append(-1)
    return Int32(columnType.count - 1)
  }

  /// Adds a row with bounds `lower...upper` (nil: unbounded that side) and entries.
  mutating func addRow(lower: Double?, upper: Double?, entries: [(Int32, Double)]) {
    let type: Int32
    switch (lower, upper) {
    case (nil, nil): type = GLP_FR
    case (_?, nil): type = GLP_LO
    case (nil, _?): type = GLP_UP
    case let (l?, u?): type = l == u ? GLP_FX : GLP_DB
    }
    rowType.append(type); rowLower.append(lower ?? 0); rowUpper.append(upper ?? 0)
    let i = Int32(rowType.count - 1)
    for (j, v) in entries where v != 0 {
      matrixRows.append(i); matrixColumns.append(j); matrixValues.append(v)
    }
  }
}

/// A violation variable of a soft rule in the GLPK model, and how to count its value in a plan
/// (the rule descriptor's count, which an incumbent's values must equal to be feasible).
struct SoftTerm {
  var variable: Int32
  var count: @Sendable (PlanOccupancy) -> Double
}

enum GLPKModelBuilder {
  /// What the builder found before GLPK: a row that must be covered but has no usable arc,
  /// or a usedColumns rule whose range is empty.
  enum Obstacle: Error { case uncoverableRow(Int), emptyRange }

  /// Checks every index a side rule names; the message says which one is bad.
  static func validate(_ problem: AssignmentProblem) throws(SolverError) {
    func bad(_ what: String) -> SolverError { .unsupported(solver: GLPKSolver.solverName, reason: what) }
    for rule in problem.sideRules {
      // Weights and nesting of soft rules are AssignmentProblem's invariants (its init refuses bad ones).
      if let what = rule.descriptor.outOfRange(rowCount: problem.rowCount, columnCount: problem.columnCount) {
        throw bad("side rule \(rule) \(what)")
      }
    }
    for arc in 0..<problem.arcCount where problem.load(ofArc: arc) > Int(Int32.max) || problem.arcScores[arc].magnitude > UInt64(maximumScoreMagnitude) {
      throw bad("arc \(arc) has a load or score out of range")
    }
  }

  /// Builds the model. `integer`: x (and y) binary, arcs over capacity left out; otherwise
  /// x is continuous with only `x ≥ 0` (rows bound it), every arc kept (for exact duals).
  /// `objective(arc)` is each x's coefficient; `coverageFloor` adds Σ x ≥ k; a soft rule's
  /// violation variables get −weight × `penaltyScale` (0 when only coverage counts).
  static func build(_ problem: AssignmentProblem, integer: Bool, coverageFloor: Int? = nil, penaltyScale: Double = 1,
                    objective: (Int) -> Double) throws(Obstacle) -> GLPKModel {
    var model = GLPKModel()
    let capacities = problem.columnCapacities
    model.columnOfArc = [Int32](repeating: 0, count: problem.arcCount)
    model.assignmentRow = [Int32](repeating: 0, count: problem.rowCount)
    model.capacityRow = [Int32](repeating: 0, count: problem.columnCount)
    model.usedColumnVariable = [Int32](repeating: 0, count: problem.columnCount)

    // x columns, and the arcs (as (row, GLPK column, load)) of each problem column.
    var arcsAtColumn = [[(row: Int, x: Int32, load: Int)]](repeating: [], count: problem.columnCount)
    for row in 0..<problem.rowCount {
      let locked = Int(problem.lockedColumn[row])
      for arc in problem.arcs(ofRow: row) {
        let column = Int(problem.arcColumns[arc]), load = problem.load(ofArc: arc)
        if locked >= 0 && column != locked { continue }
        if integer && load > capacities[column] { continue }
        let x = integer
          ? model.addColumn(kind: GLP_BV, type: GLP_DB, lower: 0, upper: 1, objective: objective(arc))
          : model.addColumn(kind: GLP_CV, type: GLP_LO, lower: 0, upper: 0, objective: objective(arc))
        model.arcOfColumn[Int(x)] = arc
        model.columnOfArc[arc] = x
        arcsAtColumn[column].append((row, x, load))
      }
    }
    // Assignment rows.
    for row in 0..<problem.rowCount {
      let entries = problem.arcs(ofRow: row).compactMap { model.columnOfArc[$0] != 0 ? (model.columnOfArc[$0], 1.0) : nil }
      let required = problem.coverage == .requireAll || problem.lockedColumn[row] >= 0
      if entries.isEmpty {
        if required { throw .uncoverableRow(row) }
        continue
      }
      model.addRow(lower: required ? 1 : nil, upper: 1, entries: entries)
      model.assignmentRow[row] = Int32(model.glpkRowCount)
    }
    // Capacity rows.
    for column in 0..<problem.columnCount where !arcsAtColumn[column].isEmpty {
      model.addRow(lower: nil, upper: Double(capacities[column]), entries: arcsAtColumn[column].map { ($0.x, Double($0.load)) })
      model.capacityRow[column] = Int32(model.glpkRowCount)
    }
    func loadEntries(_ column: Int) -> [(Int32, Double)] { arcsAtColumn[column].map { ($0.x, Double($0.load)) } }

    // y_c for the columns that the rules' rows need (minimumLoad, usedColumns).
    let needsUsed = Set(problem.sideRules.flatMap { $0.descriptor.usedColumns })
    for column in needsUsed.sorted() {
      let totalLoad = arcsAtColumn[column].reduce(0) { $0 + $1.load }
      let big = min(capacities[column], totalLoad)
      guard big > 0 else { continue } // load is always 0: y_c ≡ 0, no variable needed
      let y = model.addColumn(kind: GLP_BV, type: GLP_DB, lower: 0, upper: 1, objective: 0)
      model.usedColumnVariable[column] = y
      model.addRow(lower: nil, upper: 0, entries: loadEntries(column) + [(y, -Double(big))])
      model.addRow(lower: 0, upper: nil, entries: loadEntries(column) + [(y, -1)])
    }

    // Side rules: each descriptor's rows, translated.
    let context = LinearModelContext(
      problem: problem,
      arcsAtColumn: arcsAtColumn.map { $0.map { LinearModelContext.ArcAtColumn(row: $0.row, arc: model.arcOfColumn[Int($0.x)], load: $0.load) } },
      hasUsedVariable: model.usedColumnVariable.map { $0 != 0 })
    var modelled = Set<SideRule>()
    for rule in problem.sideRules {
      let soft = rule.softWeight != nil
      guard soft || modelled.insert(rule).inserted else { continue }
      let parts: RuleRows
      do { parts = try rule.descriptor.linearRows(in: context, soft: soft) } catch { throw .emptyRange }
      // Each violation variable costs the weight (soft rules only).
      let cost = rule.softWeight.map { -Double($0) * penaltyScale } ?? 0
      let violation = parts.violations.map { v in
        let j = model.addColumn(kind: integer ? GLP_IV : GLP_CV, type: GLP_DB, lower: 0, upper: v.upper, objective: cost)
        model.softTerms.append(SoftTerm(variable: j, count: v.count))
        return j
      }
      for row in parts.rows {
        model.addRow(lower: row.lower, upper: row.upper, entries: row.entries.map { entry in
          let j: Int32 = switch entry.variable {
          case .arc(let arc): model.columnOfArc[arc]
          case .used(let column): model.usedColumnVariable[column]
          case .violation(let k): violation[k]
          }
          return (j, entry.coefficient)
        })
      }
    }
    if let coverageFloor, coverageFloor > 0 {
      let all = (1..<model.columnType.count).filter { model.arcOfColumn[$0] >= 0 }.map { (Int32($0), 1.0) }
      model.addRow(lower: Double(coverageFloor), upper: nil, entries: all)
    }
    return model
  }
}
