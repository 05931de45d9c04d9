//===----------------------------------------------------------------------===//
// MixLagrangianBound's incremental evaluation of L(x): per column, the best rows of
// each kind kept from one iteration to the next, so an iteration that changed few
// multipliers re-reads only those rows (issue 14: near the end of a search only the
// rows picked 0 or 2+ times change price; the full evaluation reads every arc).
//
// INVARIANT. For column c and kind k (exclusive, group A, group B, neither), `rows`
// holds up to `depth` rows of that kind, and `threshold` ≥ the profit s(r, c) − x_r
// of every other row r of that kind with an arc to c, at the multipliers of the last
// evaluation (Int64.min: there is no other row).
//
// UPDATE. After a step that changed the rows Δ, the candidates of (c, k) are `rows` and
// the rows of Δ, at their new profits; every other row kept its profit, so it is still
// ≤ threshold. The best `need` candidates (1 exclusive row, cap + 1 of the others) are
// the best rows of the whole column when the need-th is strictly above the threshold
// (or every row is a candidate): then v_c is exact and the same rows in the same order
// (profit descending, row ascending) as a full scan gives, so the search's path is
// unchanged. The new `rows` are the best `depth` candidates; the threshold rises to the
// best one left out. Otherwise the column is scanned in full, which resets both.
//
// COMPLEXITY. An update is O(depth² + |Δ|) per column, a scan O(rows·depth).
//===----------------------------------------------------------------------===//

extension MixLagrangianBound {
  /// The kept best rows per column and kind (INVARIANT in the header).
  struct ColumnCaches {
    /// Rows kept beyond the cap + 1 an evaluation needs: room for rows whose price rose.
    static let extra = 4
    let n: Int
    /// Per column, rows kept per kind: capacity + 1 + extra.
    let depth: [Int]
    /// Index column·4 + kind: the kept rows, profit descending then row ascending.
    var rows: [[Int]]
    /// Index column·4 + kind: the bound on the other rows' profits.
    var threshold: [Int64]
    /// Per row: the stamp of the update that already holds it as a candidate.
    var mark: [Int]
    var stamp = 0
    var candidates: [[(Int64, Int)]] = [[], [], [], []]
    /// Columns evaluated by an update, and by a full scan (for tests and notes).
    var updates = 0, scans = 0

    init(_ instance: Instance) {
      n = instance.n
      depth = instance.problem.columnCapacities.map { $0 + 1 + Self.extra }
      rows = [[Int]](repeating: [], count: 4 * instance.m)
      threshold = [Int64](repeating: .min, count: 4 * instance.m)
      mark = [Int](repeating: 0, count: instance.n)
    }

    /// v_c(x) by a full scan of column c, which resets its kept rows.
    mutating func scan(column c: Int, x: [Int64], instance: Instance, lists: inout ColumnLists) -> Int64 {
      scans += 1
      let d = depth[c], base = c * n
      for k in 0..<4 { candidates[k].removeAll(keepingCapacity: true); threshold[4 * c + k] = .min }
      for r in 0..<n {
        let sc = instance.s[base + r]
        if sc == Instance.none { continue }
        let k = Int(instance.kindIndex[r])
        if let out = ColumnLists.pushEvicting(&candidates[k], (sc - x[r], r), d) { threshold[4 * c + k] = max(threshold[4 * c + k], out) }
      }
      for k in 0..<4 { rows[4 * c + k] = candidates[k].map(\.1) }
      return evaluate(column: c, instance: instance, lists: &lists)
    }

    /// v_c(x) from the kept rows and the rows `changed` since the last evaluation (UPDATE in the header),
    /// or nil when they do not decide it (the caller scans the column).
    mutating func update(column c: Int, x: [Int64], changed: [Int], instance: Instance, lists: inout ColumnLists) -> Int64? {
      let d = depth[c], base = c * n, need = instance.problem.columnCapacities[c] + 1
      stamp += 1
      var left: (Int64, Int64, Int64, Int64) = (.min, .min, .min, .min)
      func push(_ k: Int, _ item: (Int64, Int)) {
        guard let out = ColumnLists.pushEvicting(&candidates[k], item, d) else { return }
        switch k { case 0: left.0 = max(left.0, out); case 1: left.1 = max(left.1, out); case 2: left.2 = max(left.2, out); default: left.3 = max(left.3, out) }
      }
      for k in 0..<4 {
        candidates[k].removeAll(keepingCapacity: true)
        for r in rows[4 * c + k] { mark[r] = stamp; push(k, (instance.s[base + r] - x[r], r)) }
      }
      for r in changed where mark[r] != stamp {
        let sc = instance.s[base + r]
        if sc == Instance.none { continue }
        push(Int(instance.kindIndex[r]), (sc - x[r], r))
      }
      for k in 0..<4 {
        let list = candidates[k], t = threshold[4 * c + k], needed = k == 0 ? 1 : need
        guard list.count >= needed ? list[needed - 1].0 > t : t == .min else { return nil }
      }
      updates += 1
      let lefts = [left.0, left.1, left.2, left.3]
      for k in 0..<4 {
        rows[4 * c + k] = candidates[k].map(\.1)
        threshold[4 * c + k] = max(threshold[4 * c + k], lefts[k])
      }
      return evaluate(column: c, instance: instance, lists: &lists)
    }

    /// v_c from the candidates: the first row of the exclusive ones, the first cap + 1 of each other kind.
    private func evaluate(column c: Int, instance: Instance, lists: inout ColumnLists) -> Int64 {
      let k = instance.problem.columnCapacities[c] + 1
      lists.listE.removeAll(keepingCapacity: true); lists.listE.append(contentsOf: candidates[0].prefix(1))
      lists.listA.removeAll(keepingCapacity: true); lists.listA.append(contentsOf: candidates[1].prefix(k))
      lists.listB.removeAll(keepingCapacity: true); lists.listB.append(contentsOf: candidates[2].prefix(k))
      lists.listN.removeAll(keepingCapacity: true); lists.listN.append(contentsOf: candidates[3].prefix(k))
      return instance.value(column: c, lists: &lists)
    }
  }
}
