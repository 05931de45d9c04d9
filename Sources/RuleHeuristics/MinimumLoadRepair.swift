//===----------------------------------------------------------------------===//
// MinimumLoadRepair — makes a plan keep hard `minimumLoad` rules (派得进) by moving
// the rows of under-loaded columns to columns that stay valid, so that a plan found
// for exclusive + mix rules (RuleKeepingImprover) becomes an incumbent for a problem
// that also has a minimum load (the warm MIP path needs one to prune).
//
// PULL, THEN EMPTY. A column used below its minimum (and not holding an exclusive
// row, which exempts it) first pulls rows from columns that can spare one (load above
// their own minimum, no exclusive row, both mix kinds kept on both sides), the pull
// that loses the least score first, until it reaches its minimum. If it cannot, it
// is emptied: each of its rows moves to the best-scoring column with room that is
// not emptied, holds no exclusive row, and whose rows stay of both mix kinds when it
// takes two or more. An emptied column is unused, which the rule allows. Columns are
// taken in index order; a row that finds no place makes the repair give up (nil)
// rather than leave it open.
//
// RESULT. Returned only when SolutionChecker finds no violation in the full
// problem; the repair never claims anything about optimality.
//
// COMPLEXITY. O(r + a + Σ over moved rows of their arcs · rows of the target) per pass,
// at most `passes` passes.
//===----------------------------------------------------------------------===//
import AssignmentCore

public enum MinimumLoadRepair {
  /// `plan` with the rows of under-loaded columns moved, or nil when it does not end clean.
  public static func repair(_ plan: [Int32], in problem: AssignmentProblem, passes: Int = 3) -> [Int32]? {
    guard plan.count == problem.rowCount else { return nil }
    var minimum = [Int](repeating: 0, count: problem.columnCount)
    var groupA = Set<Int>(), groupB = Set<Int>(), hasMix = false
    for rule in problem.sideRules {
      switch rule {
      case .minimumLoad(let c, let k) where problem.columnCapacities.indices.contains(c): minimum[c] = max(minimum[c], k)
      case .mix(let a, let b): groupA.formUnion(a); groupB.formUnion(b); hasMix = true
      default: break
      }
    }
    let exclusive = SideRule.exclusiveRows(in: problem.sideRules)
    var plan = plan
    var rowsOf = [[Int]](repeating: [], count: problem.columnCount)
    var load = [Int](repeating: 0, count: problem.columnCount)
    for (row, c) in plan.enumerated() where c >= 0 {
      guard let arc = problem.arcIndex(row: row, column: Int(c)) else { return nil }
      rowsOf[Int(c)].append(row)
      load[Int(c)] += problem.load(ofArc: arc)
    }
    func mixed(_ rows: [Int]) -> Bool {
      !hasMix || rows.count < 2 || (rows.contains(where: groupA.contains) && rows.contains(where: groupB.contains))
    }
    var arcsAt = [[Int]](repeating: [], count: problem.columnCount)  // arcs into each column
    var rowOfArc = [Int](repeating: 0, count: problem.arcCount)
    for row in 0..<problem.rowCount {
      for arc in problem.arcs(ofRow: row) { arcsAt[Int(problem.arcColumns[arc])].append(arc); rowOfArc[arc] = row }
    }
    /// Pulls the cheapest row another column can spare into `c`; false when none can come.
    func pull(into c: Int) -> Bool {
      var best: (row: Int, from: Int, arc: Int, loss: Int64)? = nil
      for arc in arcsAt[c] {
        let row = rowOfArc[arc], from = Int(plan[row])
        guard from >= 0, from != c, problem.lockedColumn[row] < 0, !exclusive.contains(row),
              load[c] + problem.load(ofArc: arc) <= problem.columnCapacities[c],
              let fromArc = problem.arcIndex(row: row, column: from),
              load[from] - problem.load(ofArc: fromArc) >= max(1, minimum[from]),
              !rowsOf[from].contains(where: exclusive.contains),
              mixed(rowsOf[c] + [row]), mixed(rowsOf[from].filter { $0 != row })
        else { continue }
        let loss = problem.arcScores[fromArc] - problem.arcScores[arc]
        if best.map({ loss < $0.loss }) ?? true { best = (row, from, arc, loss) }
      }
      guard let best else { return false }
      let fromArc = problem.arcIndex(row: best.row, column: best.from)!
      rowsOf[best.from].removeAll { $0 == best.row }
      load[best.from] -= problem.load(ofArc: fromArc)
      rowsOf[c].append(best.row)
      load[c] += problem.load(ofArc: best.arc)
      plan[best.row] = Int32(c)
      return true
    }
    for _ in 0..<passes {
      var changed = false
      for c in 0..<problem.columnCount where load[c] > 0 && load[c] < minimum[c] && !rowsOf[c].contains(where: exclusive.contains) {
        while load[c] < minimum[c], pull(into: c) {}
        if load[c] >= minimum[c] { changed = true; continue }
        guard rowsOf[c].allSatisfy({ problem.lockedColumn[$0] < 0 }) else { return nil }
        for row in rowsOf[c] {
          var best: (arc: Int, column: Int)? = nil
          for arc in problem.arcs(ofRow: row) {
            let t = Int(problem.arcColumns[arc])
            guard t != c, load[t] > 0 || minimum[t] <= problem.load(ofArc: arc), load[t] + problem.load(ofArc: arc) <= problem.columnCapacities[t],
                  !rowsOf[t].contains(where: exclusive.contains), mixed(rowsOf[t] + [row])
            else { continue }
            if best.map({ problem.arcScores[arc] > problem.arcScores[$0.arc] }) ?? true { best = (arc, t) }
          }
          guard let best else { return nil }
          plan[row] = Int32(best.column)
          rowsOf[best.column].append(row)
          load[best.column] += problem.load(ofArc: best.arc)
        }
        rowsOf[c] = []
        load[c] = 0
        changed = true
      }
      if !changed { break }
    }
    return SolutionChecker.violations(plan, in: problem).isEmpty ? plan : nil
  }
}
