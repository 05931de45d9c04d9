//===----------------------------------------------------------------------===//
// GLPKStartingBasis: a simplex starting basis built from a known plan and, when
// given, the duals that prove it optimal (issue 3, point 3c).
//
// WHAT A BASIS IS. One status per auxiliary variable (one per model row) and per
// structural variable (model column); exactly m of the m + n are basic (GLP_BS), and
// their columns of [I | −A] form a nonsingular matrix; the others sit at a bound
// (GLP_NL, GLP_NU, GLP_NS for a fixed row).
//
// FROM A PLAN OF THE PURE RELAXATION (`fromPlan`). The pure part of the model is a
// bipartite network: a node per assignment row (problem row) and per capacity row
// (column); x_a is an edge between its row's and its column's node; a node's auxiliary
// variable is an edge to the ground. m variables form a basis of the pure model iff their
// edges form a spanning forest in which every tree holds exactly one auxiliary variable,
// its root (the basis matrix is then triangular up to permutation). Any other row (side
// rules, "column used" rows, a coverage floor) keeps its auxiliary basic and every y
// column is nonbasic at 0: the basis matrix is then block triangular [[B_net, 0], [·, I]],
// nonsingular iff B_net is. Construction, deterministic (index orders only):
//   1. Forced roots: a row the plan leaves unassigned (its activity 0 lies strictly
//      inside (−∞, 1], so its auxiliary cannot be nonbasic) and a column with room
//      (load < capacity), for the same reason.
//   2. Every arc of the plan is basic (x = 1 is not at its only bound 0). A row has at
//      most one, so they form stars around columns: no cycle, and no star holds two
//      forced roots (its rows are assigned, its one column is the only candidate).
//   3. With duals: arcs of reduced cost 0 (x_r + y_c = s), in row then arc order, join
//      two trees unless both already have a root (union–find); x stays 0 on them.
//   4. Every tree still without a root gets one: its first node (GLPK row order) whose
//      GLPK dual is 0 (a column with y_c = 0, or a row with x_r + BIG = 0), else its
//      first column node, else its first node.
// Nonbasic auxiliaries then belong to tight rows only (an assigned row is at 1, a full
// column at its capacity) and nonbasic x are 0, so the basic solution IS the plan: on the
// pure LP primal feasible, phase 1 is skipped. With duals, every basic x has reduced cost
// 0 and every root chosen in 4's first choice has dual 0, so on those trees the basis's
// own duals are the given ones (rows shifted by the model's weight W on the objective
// W + s): dual feasible, side rows' duals 0. The pure LP then stops after 0 iterations;
// the MIP's root LP (the relaxation optimum breaks side rules: primal infeasible) goes to
// the dual simplex, which only has to repair the broken side rows. Elsewhere (a root whose
// dual is not 0: e.g. an unassigned row when the native B differs from GLPK's weight) the
// simplex goes on from there.
//
// FROM AN INCUMBENT (`forIncumbent`, MIP root LP without a relaxation optimum). x and y
// are bounded (0 ≤ · ≤ 1): every auxiliary is basic (the identity) and every column
// nonbasic at its incumbent value (GLP_NU for 1, GLP_NL for 0). Always a basis; primal
// feasible because the incumbent satisfies every row of the model.
//
// INVARIANTS. Exactly m basic statuses; every nonbasic status matches its variable's
// bound type. Nothing here decides a result: GLPK factorises the basis (glp_warm_up);
// if it refuses, the standard basis is restored and the log says so; the outcome is
// certified exactly as without a start.
// Complexity: O(m + n·α(m)) time, O(m + n) memory (α: inverse Ackermann).
//===----------------------------------------------------------------------===//
import AssignmentCore
import CGLPK

struct GLPKStartingBasis {
  /// Status per GLPK row [1...m] and column [1...n] (index 0 unused).
  var rowStatus: [Int32]
  var columnStatus: [Int32]
  /// What was built, for the log.
  var summary: String

  /// Nonbasic status of an auxiliary variable at its active bound.
  private static func atBound(_ rowType: Int32) -> Int32 {
    switch rowType {
    case GLP_FX: GLP_NS
    case GLP_LO: GLP_NL
    case GLP_FR: GLP_NF
    default: GLP_NU  // GLP_UP, and GLP_DB at its upper bound (assignment and capacity rows)
    }
  }

  /// The basis at `plan`, a plan of the pure relaxation (see the file header); nil when the plan
  /// uses an arc the model left out or overfills a column. `weight` is W in the objective
  /// coefficient W + s(a) of arc a (GLPK's BIG, or 0), used only to spot rows whose dual is 0.
  static func fromPlan(_ problem: AssignmentProblem, model: GLPKModel, plan: [Int32], duals: AssignmentDuals?, weight: Int64) -> GLPKStartingBasis? {
    let m = model.glpkRowCount, n = model.glpkColumnCount
    guard plan.count == problem.rowCount else { return nil }
    // Node kinds: GLPK row i is problem row nodeRow[i], column nodeColumn[i], or (both -1) a side row.
    var nodeRow = [Int](repeating: -1, count: m + 1), nodeColumn = [Int](repeating: -1, count: m + 1)
    for (row, i) in model.assignmentRow.enumerated() where i != 0 { nodeRow[Int(i)] = row }
    for (column, i) in model.capacityRow.enumerated() where i != 0 { nodeColumn[Int(i)] = column }
    let duals = duals.flatMap { $0.rowDual.count == problem.rowCount && $0.columnDual.count == problem.columnCount ? $0 : nil }

    var parent = Array(0...m)
    var rooted = [Bool](repeating: false, count: m + 1)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
      return x
    }
    /// Joins the trees of a and b; false (nothing done) when that would close a cycle or give a tree two roots.
    func join(_ a: Int, _ b: Int) -> Bool {
      let ra = find(a), rb = find(b)
      guard ra != rb, !(rooted[ra] && rooted[rb]) else { return false }
      let (low, high) = (min(ra, rb), max(ra, rb))
      parent[high] = low
      rooted[low] = rooted[ra] || rooted[rb]
      return true
    }

    var rowStatus = [Int32](repeating: 0, count: m + 1)
    var columnStatus = [Int32](repeating: GLP_NL, count: n + 1)
    for i in 1..<(m + 1) { rowStatus[i] = atBound(model.rowType[i]) }

    // 1. Forced roots.
    var load = [Int](repeating: 0, count: problem.columnCount)
    for column in plan where column >= 0 {
      guard Int(column) < problem.columnCount else { return nil }
      load[Int(column)] += 1
    }
    guard zip(load, problem.columnCapacities).allSatisfy({ $0 <= $1 }) else { return nil }
    var forced = 0, sideRows = 0
    for i in stride(from: 1, through: m, by: 1) {
      if nodeRow[i] < 0 && nodeColumn[i] < 0 { rowStatus[i] = GLP_BS; rooted[i] = true; sideRows += 1; continue }
      let free = nodeRow[i] >= 0 ? plan[nodeRow[i]] < 0 : load[nodeColumn[i]] < problem.columnCapacities[nodeColumn[i]]
      if free { rowStatus[i] = GLP_BS; rooted[i] = true; forced += 1 }
    }
    // 2. The plan's arcs.
    var basicArcs = 0
    for row in 0..<problem.rowCount where plan[row] >= 0 {
      guard let arc = problem.arcIndex(row: row, column: Int(plan[row])), model.columnOfArc[arc] != 0,
            model.assignmentRow[row] != 0, model.capacityRow[Int(plan[row])] != 0,
            join(Int(model.assignmentRow[row]), Int(model.capacityRow[Int(plan[row])]))
      else { return nil }
      columnStatus[Int(model.columnOfArc[arc])] = GLP_BS
      basicArcs += 1
    }
    // 3. Arcs of reduced cost 0.
    var tightArcs = 0
    if let duals {
      for row in 0..<problem.rowCount where model.assignmentRow[row] != 0 {
        for arc in problem.arcs(ofRow: row) where model.columnOfArc[arc] != 0 && columnStatus[Int(model.columnOfArc[arc])] != GLP_BS {
          let column = Int(problem.arcColumns[arc])
          let (sum, o1) = duals.rowDual[row].addingReportingOverflow(duals.columnDual[column])
          guard !o1, sum == problem.arcScores[arc] else { continue }
          if join(Int(model.assignmentRow[row]), Int(model.capacityRow[column])) {
            columnStatus[Int(model.columnOfArc[arc])] = GLP_BS
            tightArcs += 1
          }
        }
      }
    }
    // 4. A root for every tree without one.
    func zeroDual(_ i: Int) -> Bool {
      guard let duals else { return false }
      if nodeColumn[i] >= 0 { return duals.columnDual[nodeColumn[i]] == 0 }
      let (u, o) = duals.rowDual[nodeRow[i]].addingReportingOverflow(weight)
      return !o && u == 0
    }
    var zeroRoots = 0, otherRoots = 0
    for pass in 0..<3 {
      for i in stride(from: 1, through: m, by: 1) {
        let r = find(i)
        guard !rooted[r] else { continue }
        let take = pass == 0 ? zeroDual(i) : pass == 1 ? nodeColumn[i] >= 0 : true
        guard take else { continue }
        rooted[r] = true
        rowStatus[i] = GLP_BS
        if pass == 0 { zeroRoots += 1 } else { otherRoots += 1 }
      }
    }
    let basic = rowStatus.dropFirst().filter { $0 == GLP_BS }.count + columnStatus.dropFirst().filter { $0 == GLP_BS }.count
    guard basic == m else { return nil }
    return GLPKStartingBasis(
      rowStatus: rowStatus, columnStatus: columnStatus,
      summary: "\(basicArcs) plan arcs and \(tightArcs) arcs of reduced cost 0 basic; roots: \(forced) slack rows/columns, "
        + "\(zeroRoots) at a zero dual, \(otherRoots) other" + (sideRows > 0 ? "; \(sideRows) side rows' slacks basic" : "")
        + (duals == nil ? " (no duals given)" : ""))
  }

  /// Every auxiliary basic, every column nonbasic at its value in `values` [1...n] (0 or 1).
  static func forIncumbent(model: GLPKModel, values: [Double]) -> GLPKStartingBasis? {
    let m = model.glpkRowCount, n = model.glpkColumnCount
    guard values.count == n + 1 else { return nil }
    var columnStatus = [Int32](repeating: GLP_NL, count: n + 1)
    var atOne = 0
    for j in stride(from: 1, through: n, by: 1) {
      guard model.columnType[j] == GLP_DB, model.columnLower[j] == 0, model.columnUpper[j] == 1 else { return nil }
      if values[j] > 0.5 { columnStatus[j] = GLP_NU; atOne += 1 }
    }
    var rowStatus = [Int32](repeating: GLP_BS, count: m + 1)
    rowStatus[0] = 0
    return GLPKStartingBasis(rowStatus: rowStatus, columnStatus: columnStatus,
                             summary: "every row's slack basic, \(atOne) columns at 1 (the incumbent)")
  }
}
