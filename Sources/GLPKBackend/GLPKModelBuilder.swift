//===----------------------------------------------------------------------===//
// AssignmentProblem → GLPK rows, columns and matrix (1-based arrays, as GLPK wants).
//
// Variables: x_a ∈ {0,1} per included arc (an arc is included unless its load exceeds
// its column's capacity, or its row is locked to another column); y_c ∈ {0,1}
// "column c carries load" for columns named by minimumLoad / usedColumns rules.
// Constraints (each models SolutionChecker's judgement exactly):
//   row r:        Σ x_a ≤ 1 (= 1 with .requireAll or a lock)
//   column c:     Σ load_a x_a ≤ cap_c
//   y_c exact:    load_c − min(cap_c, Σ load) · y_c ≤ 0,   load_c − y_c ≥ 0
//                 (loads are integers, so y_c = 1 ⇔ load_c > 0, the checker's "used")
//   exclusive(r): per arc (r,c): M x_rc + Σ_{r'≠r} x_r'c ≤ M, M = most other rows c can take
//   mix(A,B):     per column c that can take ≥ 2 rows, with M = (most rows at c) − 1:
//                 M·Σ_{A} x − Σ_all x ≥ −1 and the same for B. With integer x this says
//                 "≥ 2 rows ⇒ at least one of A (of B)"; 0 or 1 row is never constrained.
//   minimumLoad:  load_c − minimum · y_c + minimum · Σ_{exclusive r} x_rc ≥ 0 (a column holding
//                 a row an exclusive rule names is exempt, as in SolutionChecker)
//   usedColumns:  minimum ≤ Σ mult_c y_c ≤ maximum (mult: how often c is listed)
//   distinct(R):  per column c: Σ_{r ∈ R, with multiplicity} x_rc ≤ 1
//   maximumMoves: Σ_k x[rows_k, columns_k] ≥ count − limit (pairs without an included arc add 0)
//   coverage floor (second phase only): Σ x ≥ k
// A soft rule (weight w) gets violation variables v ≥ 0 with objective −w·v (× the
// caller's `penaltyScale`) that relax its rows by exactly one violation each, so
// at the optimum v equals SolutionChecker's violation count:
//   exclusive:    v ∈ {0,1} per row, each arc row gets −M·v
//   mix:          v_c ∈ {0,1} per column, both group rows get +(most − 1)·v_c
//   minimumLoad:  v ∈ {0,1}: load_c − minimum·y_c + minimum·v ≥ 0
//   usedColumns:  s⁻, s⁺ ∈ ℤ≥0: Σ y + s⁻ ≥ minimum, Σ y − s⁺ ≤ maximum
//   distinct(R):  v_c ∈ ℤ≥0 per column: Σ x − v_c ≤ 1
//   maximumMoves: s ∈ ℤ≥0: Σ x + s ≥ count − limit
// "Most rows at c" = rows with a zero-load arc at c + min(cap_c, rows with a positive-load arc).
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

/// A violation variable of a soft rule and how to count its value in a plan (the same
/// count as SolutionChecker's, which it must equal for an incumbent to be feasible).
enum SoftTerm {
  case exclusive(row: Int, variable: Int32)
  case mix(column: Int, groupA: Set<Int>, groupB: Set<Int>, variable: Int32)
  case minimumLoad(column: Int, minimum: Int, exempt: Set<Int>, variable: Int32)
  case usedBelow(columns: [Int], minimum: Int, variable: Int32)
  case usedAbove(columns: [Int], maximum: Int, variable: Int32)
  case distinct(column: Int, rows: [Int], variable: Int32)
  case moves(rows: [Int], columns: [Int], limit: Int, variable: Int32)

  var variable: Int32 {
    switch self {
    case .exclusive(_, let v), .mix(_, _, _, let v), .minimumLoad(_, _, _, let v), .usedBelow(_, _, let v),
         .usedAbove(_, _, let v), .distinct(_, _, let v), .moves(_, _, _, let v): v
    }
  }

  /// The variable's value for `plan`, given each column's rows and load.
  func value(plan: [Int32], rowsOfColumn: [[Int]], load: [Int]) -> Double {
    switch self {
    case .exclusive(let row, _):
      let c = plan[row]
      return c >= 0 && rowsOfColumn[Int(c)].count > 1 ? 1 : 0
    case .mix(let column, let a, let b, _):
      let rows = rowsOfColumn[column]
      return rows.count >= 2 && (!rows.contains(where: a.contains) || !rows.contains(where: b.contains)) ? 1 : 0
    case .minimumLoad(let column, let minimum, let exempt, _):
      return load[column] > 0 && load[column] < minimum && !rowsOfColumn[column].contains(where: exempt.contains) ? 1 : 0
    case .usedBelow(let columns, let minimum, _):
      return Double(max(0, minimum - columns.filter { load[$0] > 0 }.count))
    case .usedAbove(let columns, let maximum, _):
      return Double(max(0, columns.filter { load[$0] > 0 }.count - maximum))
    case .distinct(let column, let rows, _):
      return Double(max(0, rows.filter { plan[$0] == Int32(column) }.count - 1))
    case .moves(let rows, let columns, let limit, _):
      return Double(max(0, zip(rows, columns).filter { plan[$0.0] != Int32($0.1) }.count - limit))
    }
  }
}

enum GLPKModelBuilder {
  /// What the builder found before GLPK: a row that must be covered but has no usable arc,
  /// or a usedColumns rule whose range is empty.
  enum Obstacle: Error { case uncoverableRow(Int), emptyRange }

  /// Checks every index a side rule names; the message says which one is bad.
  static func validate(_ problem: AssignmentProblem) throws(SolverError) {
    func bad(_ what: String) -> SolverError { .unsupported(solver: GLPKSolver.solverName, reason: what) }
    let rows = 0..<problem.rowCount, columns = 0..<problem.columnCount
    for rule in problem.sideRules {
      // Weights and nesting of soft rules are AssignmentProblem's invariants (its init refuses bad ones).
      switch rule.constraint {
      case .soft: break
      case .exclusive(let r): if !rows.contains(r) { throw bad("side rule \(rule) names row \(r), out of range") }
      case .mix(let a, let b):
        if let r = (a + b).first(where: { !rows.contains($0) }) { throw bad("side rule \(rule) names row \(r), out of range") }
      case .minimumLoad(let c, _): if !columns.contains(c) { throw bad("side rule \(rule) names column \(c), out of range") }
      case .usedColumns(let cs, _, _):
        if let c = cs.first(where: { !columns.contains($0) }) { throw bad("side rule \(rule) names column \(c), out of range") }
      case .distinctColumns(let rs):
        if let r = rs.first(where: { !rows.contains($0) }) { throw bad("side rule \(rule) names row \(r), out of range") }
      case .maximumMoves(let rs, let cs, _):
        guard rs.count == cs.count else { throw bad("side rule maximumMoves has \(rs.count) rows but \(cs.count) columns") }
        if let r = rs.first(where: { !rows.contains($0) }) { throw bad("side rule maximumMoves names row \(r), out of range") }
        if let c = cs.first(where: { !columns.contains($0) }) { throw bad("side rule maximumMoves names column \(c), out of range") }
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
    // Most rows a column can take: zero-load rows plus at most `cap` positive-load rows.
    func mostRows(_ column: Int) -> Int {
      let zero = arcsAtColumn[column].filter { $0.load == 0 }.count
      return zero + min(capacities[column], arcsAtColumn[column].count - zero)
    }
    func loadEntries(_ column: Int) -> [(Int32, Double)] { arcsAtColumn[column].map { ($0.x, Double($0.load)) } }

    // y_c for the columns that minimumLoad / usedColumns rules name.
    var needsUsed = Set<Int>()
    for rule in problem.sideRules {
      switch rule.constraint {
      case .minimumLoad(let c, _): needsUsed.insert(c)
      case .usedColumns(let cs, _, _): needsUsed.formUnion(cs)
      default: break
      }
    }
    for column in needsUsed.sorted() {
      let totalLoad = arcsAtColumn[column].reduce(0) { $0 + $1.load }
      let big = min(capacities[column], totalLoad)
      guard big > 0 else { continue } // load is always 0: y_c ≡ 0, no variable needed
      let y = model.addColumn(kind: GLP_BV, type: GLP_DB, lower: 0, upper: 1, objective: 0)
      model.usedColumnVariable[column] = y
      model.addRow(lower: nil, upper: 0, entries: loadEntries(column) + [(y, -Double(big))])
      model.addRow(lower: 0, upper: nil, entries: loadEntries(column) + [(y, -1)])
    }

    var exclusiveDone = Set<Int>()
    let exclusiveRows = SideRule.exclusiveRows(in: problem.sideRules)
    for rule in problem.sideRules {
      // Soft: each violation variable costs the weight; nil for a hard rule.
      let cost = rule.softWeight.map { -Double($0) * penaltyScale }
      func violation(upper: Double, _ term: (Int32) -> SoftTerm) -> Int32 {
        let v = model.addColumn(kind: integer ? GLP_IV : GLP_CV, type: GLP_DB, lower: 0, upper: upper, objective: cost ?? 0)
        model.softTerms.append(term(v))
        return v
      }
      switch rule.constraint {
      case .soft: continue // never: AssignmentProblem refuses a soft rule inside a soft rule
      case .exclusive(let row):
        guard cost != nil || exclusiveDone.insert(row).inserted else { continue }
        var v: Int32? = nil
        for arc in problem.arcs(ofRow: row) where model.columnOfArc[arc] != 0 {
          let column = Int(problem.arcColumns[arc])
          let others = arcsAtColumn[column].filter { $0.row != row }
          let zero = others.filter { $0.load == 0 }.count
          let big = zero + min(capacities[column], others.count - zero)
          guard big > 0 else { continue }
          var entries = [(model.columnOfArc[arc], Double(big))] + others.map { ($0.x, 1.0) }
          if cost != nil {
            if v == nil { v = violation(upper: 1) { .exclusive(row: row, variable: $0) } }
            entries.append((v!, -Double(big)))
          }
          model.addRow(lower: nil, upper: Double(big), entries: entries)
        }
      case .mix(let groupA, let groupB):
        let inA = Set(groupA), inB = Set(groupB)
        for column in 0..<problem.columnCount {
          let most = mostRows(column)
          guard most >= 2 else { continue }
          let big = Double(most - 1)
          let v = cost == nil ? nil : violation(upper: 1) { .mix(column: column, groupA: inA, groupB: inB, variable: $0) }
          for group in [inA, inB] {
            model.addRow(lower: -1, upper: nil,
                         entries: arcsAtColumn[column].map { ($0.x, group.contains($0.row) ? big - 1 : -1) } + (v.map { [($0, big)] } ?? []))
          }
        }
      case .minimumLoad(let column, let minimum):
        let y = model.usedColumnVariable[column]
        guard y != 0, minimum > 1 else { continue }
        let v = cost == nil ? nil : violation(upper: 1) { .minimumLoad(column: column, minimum: minimum, exempt: exclusiveRows, variable: $0) }
        // Loads are per arc, so an exclusive row's own x adds to its load entry: merge the coefficients.
        var coefficient: [Int32: Double] = [:]
        for entry in arcsAtColumn[column] {
          coefficient[entry.x, default: 0] += Double(entry.load) + (exclusiveRows.contains(entry.row) ? Double(minimum) : 0)
        }
        let entries = coefficient.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        model.addRow(lower: 0, upper: nil, entries: entries + [(y, -Double(minimum))] + (v.map { [($0, Double(minimum))] } ?? []))
      case .usedColumns(let columns, let minimum, let maximum):
        var multiplicity: [Int32: Double] = [:]
        for c in columns where model.usedColumnVariable[c] != 0 { multiplicity[model.usedColumnVariable[c], default: 0] += 1 }
        let most = multiplicity.values.reduce(0, +)
        let entries = multiplicity.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if cost != nil {
          if minimum > 0 {
            let below = violation(upper: Double(minimum)) { .usedBelow(columns: columns, minimum: minimum, variable: $0) }
            model.addRow(lower: Double(minimum), upper: nil, entries: entries + [(below, 1)])
          }
          if Double(max(0, maximum)) < most {
            let above = violation(upper: most) { .usedAbove(columns: columns, maximum: maximum, variable: $0) }
            model.addRow(lower: nil, upper: Double(maximum), entries: entries + [(above, -1)])
          }
          continue
        }
        guard minimum <= maximum, maximum >= 0 else { throw .emptyRange }
        if Double(minimum) > most { throw .emptyRange }
        let lower: Double? = minimum > 0 ? Double(minimum) : nil
        let upper: Double? = Double(maximum) < most ? Double(maximum) : nil
        if lower == nil && upper == nil { continue }
        model.addRow(lower: lower, upper: upper, entries: entries)
      case .distinctColumns(let rows):
        var count: [Int: Double] = [:]
        for row in rows { count[row, default: 0] += 1 }
        for column in 0..<problem.columnCount {
          let entries = arcsAtColumn[column].compactMap { entry in count[entry.row].map { (entry.x, $0) } }
          let total = entries.reduce(0, { $0 + $1.1 })
          guard total > 1 else { continue }
          let v = cost == nil ? nil : violation(upper: total - 1) { .distinct(column: column, rows: rows, variable: $0) }
          model.addRow(lower: nil, upper: 1, entries: entries + (v.map { [($0, -1)] } ?? []))
        }
      case .maximumMoves(let rows, let columns, let limit):
        let needed = rows.count - max(0, limit)
        guard needed > 0 else { continue }
        var entries: [(Int32, Double)] = []
        for (row, column) in zip(rows, columns) {
          if let arc = problem.arcIndex(row: row, column: column), model.columnOfArc[arc] != 0 { entries.append((model.columnOfArc[arc], 1)) }
        }
        if cost != nil {
          entries.append((violation(upper: Double(needed)) { .moves(rows: rows, columns: columns, limit: max(0, limit), variable: $0) }, 1))
        }
        // Fewer keepable pairs than needed: the row still says so (GLPK reports infeasible).
        model.addRow(lower: Double(needed), upper: nil, entries: entries)
      }
    }
    if let coverageFloor, coverageFloor > 0 {
      let all = (1..<model.columnType.count).filter { model.arcOfColumn[$0] >= 0 }.map { (Int32($0), 1.0) }
      model.addRow(lower: Double(coverageFloor), upper: nil, entries: all)
    }
    return model
  }
}
