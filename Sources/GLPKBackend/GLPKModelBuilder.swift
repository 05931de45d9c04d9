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
//   minimumLoad:  load_c − minimum · y_c ≥ 0
//   usedColumns:  minimum ≤ Σ mult_c y_c ≤ maximum (mult: how often c is listed)
//   distinct(R):  per column c: Σ_{r ∈ R, with multiplicity} x_rc ≤ 1
//   coverage floor (second phase only): Σ x ≥ k
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

enum GLPKModelBuilder {
  /// What the builder found before GLPK: a row that must be covered but has no usable arc,
  /// or a usedColumns rule whose range is empty.
  enum Obstacle: Error { case uncoverableRow(Int), emptyRange }

  /// Checks every index a side rule names; the message says which one is bad.
  static func validate(_ problem: AssignmentProblem) throws(SolverError) {
    func bad(_ what: String) -> SolverError { .unsupported(solver: GLPKSolver.solverName, reason: what) }
    let rows = 0..<problem.rowCount, columns = 0..<problem.columnCount
    for rule in problem.sideRules {
      switch rule {
      case .exclusive(let r): if !rows.contains(r) { throw bad("side rule \(rule) names row \(r), out of range") }
      case .mix(let a, let b):
        if let r = (a + b).first(where: { !rows.contains($0) }) { throw bad("side rule \(rule) names row \(r), out of range") }
      case .minimumLoad(let c, _): if !columns.contains(c) { throw bad("side rule \(rule) names column \(c), out of range") }
      case .usedColumns(let cs, _, _):
        if let c = cs.first(where: { !columns.contains($0) }) { throw bad("side rule \(rule) names column \(c), out of range") }
      case .distinctColumns(let rs):
        if let r = rs.first(where: { !rows.contains($0) }) { throw bad("side rule \(rule) names row \(r), out of range") }
      }
    }
    for arc in 0..<problem.arcCount where problem.load(ofArc: arc) > Int(Int32.max) || problem.arcScores[arc].magnitude > UInt64(maximumScoreMagnitude) {
      throw bad("arc \(arc) has a load or score out of range")
    }
  }

  /// Builds the model. `integer`: x (and y) binary, arcs over capacity left out; otherwise
  /// x is continuous with only `x ≥ 0` (rows bound it), every arc kept (for exact duals).
  /// `objective(arc)` is each x's coefficient; `coverageFloor` adds Σ x ≥ k.
  static func build(_ problem: AssignmentProblem, integer: Bool, coverageFloor: Int? = nil,
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
      switch rule {
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
    for rule in problem.sideRules {
      switch rule {
      case .exclusive(let row):
        guard exclusiveDone.insert(row).inserted else { continue }
        for arc in problem.arcs(ofRow: row) where model.columnOfArc[arc] != 0 {
          let column = Int(problem.arcColumns[arc])
          let others = arcsAtColumn[column].filter { $0.row != row }
          let zero = others.filter { $0.load == 0 }.count
          let big = zero + min(capacities[column], others.count - zero)
          guard big > 0 else { continue }
          model.addRow(lower: nil, upper: Double(big),
                       entries: [(model.columnOfArc[arc], Double(big))] + others.map { ($0.x, 1.0) })
        }
      case .mix(let groupA, let groupB):
        let inA = Set(groupA), inB = Set(groupB)
        for column in 0..<problem.columnCount {
          let most = mostRows(column)
          guard most >= 2 else { continue }
          let big = Double(most - 1)
          for group in [inA, inB] {
            model.addRow(lower: -1, upper: nil,
                         entries: arcsAtColumn[column].map { ($0.x, group.contains($0.row) ? big - 1 : -1) })
          }
        }
      case .minimumLoad(let column, let minimum):
        let y = model.usedColumnVariable[column]
        guard y != 0, minimum > 1 else { continue }
        model.addRow(lower: 0, upper: nil, entries: loadEntries(column) + [(y, -Double(minimum))])
      case .usedColumns(let columns, let minimum, let maximum):
        guard minimum <= maximum, maximum >= 0 else { throw .emptyRange }
        var multiplicity: [Int32: Double] = [:]
        for c in columns where model.usedColumnVariable[c] != 0 { multiplicity[model.usedColumnVariable[c], default: 0] += 1 }
        let most = multiplicity.values.reduce(0, +)
        if Double(minimum) > most { throw .emptyRange }
        let lower: Double? = minimum > 0 ? Double(minimum) : nil
        let upper: Double? = Double(maximum) < most ? Double(maximum) : nil
        if lower == nil && upper == nil { continue }
        model.addRow(lower: lower, upper: upper, entries: multiplicity.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
      case .distinctColumns(let rows):
        var count: [Int: Double] = [:]
        for row in rows { count[row, default: 0] += 1 }
        for column in 0..<problem.columnCount {
          let entries = arcsAtColumn[column].compactMap { entry in count[entry.row].map { (entry.x, $0) } }
          guard entries.reduce(0, { $0 + $1.1 }) > 1 else { continue }
          model.addRow(lower: nil, upper: 1, entries: entries)
        }
      }
    }
    if let coverageFloor, coverageFloor > 0 {
      let all = (1..<model.columnType.count).filter { model.arcOfColumn[$0] >= 0 }.map { (Int32($0), 1.0) }
      model.addRow(lower: Double(coverageFloor), upper: nil, entries: all)
    }
    return model
  }
}
