//===----------------------------------------------------------------------===//
// ShortestAugmentingPathSolver — the native exact solver ("native") for the
// pure capacitated assignment problem.
//
// PROBLEM. Rows r = 0..<n, columns j = 0..<m with integer capacities cap[j],
// arcs (r, j) with integer scores |s(r, j)| ≤ S ≤ 1e6 (CSR, `AssignmentProblem`).
// Choose at most one arc per row, at most cap[j] arcs per column, such that
// locked rows take exactly their locked arc, maximising lexicographically
// (1) the number of covered rows, then (2) the total score. With
// `CoverageRule.requireAll` every row must be covered, otherwise the problem is
// infeasible. Arc loads other than 1 and side rules are NOT supported (they make
// the problem NP-hard); `solve` throws `SolverError.unsupported` for them.
//
// LEXICOGRAPHIC OBJECTIVE (exact, by a big penalty). Locked rows are fixed
// first: they are removed and their columns' capacities reduced (the problem's
// initialiser guarantees the locks fit). Each of the n' remaining ("free") rows
// gets a private "unassigned" option of capacity 1 and score −B with
//     B = 2·S'·n' + 1,     S' = max(1, max |score| over the free rows' arcs),
// and the solver maximises P(A) = score(A) − B·(n' − covered(A)). Proof that the
// P-optimum is the lexicographic optimum: for plans A, A' with covered(A) >
// covered(A'), P(A) − P(A') ≥ B − |score(A)| − |score(A')| ≥ B − 2·S'·n' > 0, so
// more coverage always wins and among equal coverage P orders by score. B fits
// easily: |potentials| ≤ B + 2·S' ≪ 2^63 for any n' below 10^9 (checked, else
// `.unsupported`). With `.requireAll` there is no "unassigned" option at all.
//
// METHOD. Successive shortest augmenting paths with potentials (the Hungarian /
// Jonker–Volgenant family; Jonker & Volgenant, Computing 38 (1987) 325–340;
// Ahuja, Magnanti & Orlin, Network Flows, §9.7 "successive shortest path").
// Free rows are inserted one at a time, in index order. For row r, Dijkstra runs
// on the residual graph with reduced costs (duals in max form, x rows, y columns):
//     row → column j, arc not in use:  x[r] + y[j] − s(r, j)   (≥ 0)
//     column j → each row on j:        0
//     row → its "unassigned" option:   x[r] + B                 (≥ 0)
// Capacities are native: a column with spare capacity is a sink (columns are
// never replicated); so is the "unassigned" option of any row in the tree (that
// row is bumped out, coverage unchanged). The first sink settled at distance δ
// ends the search; then y[j] += δ − d(j) for settled columns and
// x[v] −= δ − d(v) for rows in the tree, and the path is flipped. A row left
// unassigned is never reached again (its only way in is through its own option),
// so it stays unassigned. Before a search, x[r] = max(s(r, j) − y[j], −B); if the
// first maximising arc goes to a column with spare capacity the row is placed
// there directly (a zero-length shortest path: the greedy initialisation).
// All arithmetic is Int64; nothing is floating point.
//
// SEARCH. Two exact frontier structures with the same result: a lazy binary heap
// of (distance, rank) labels, and a scan of the labelled columns. The scan keeps the
// columns at the current minimum distance (a "level") in a bitset and scans the
// frontier only when the level is empty — once per distinct distance, not once per
// settle, which matters with many tied scores — and relaxes a row with an arc to
// every column without the column index (AugmentingPathEngine.swift). Chosen
// automatically: the scan when m ≤ 2048 or the average free-row degree is at least
// m/4 (dense), else the heap. Scores are held as Int32 (|s| ≤ 10⁶); all sums are Int64.
// On yanan's problem (5333 × 1436, capacity 4, every pair an arc): 3241 rows placed
// directly, 2092 searches settling 52,839 columns in all; the levels and Int32 scores
// give the same plan and duals as before, about 2–3× faster (Documentation/Benchmarks.md).
//
// DENSE PATH (`DenseJonkerVolgenant.swift`). Taken by the default search when, after
// the locks are taken out, every column with residual capacity has exactly 1, every
// free row has an arc to each of these m' columns, and 2 ≤ n' ≤ m' ≤ n' + max(2, ⌊n'/16⌋)
// (padding costs searches; beyond that the sparse engine is as fast). Then every
// free row is covered in every optimum (a complete matching exists), the penalty B
// plays no role, and the problem is a dense linear assignment: LAPJV (Jonker &
// Volgenant 1987) on the flat row-major score array (the CSR itself, which is dense),
// padded to m' × m' with virtual all-zero rows (they take the spare columns), with
// JV's initialisation — column reduction, reduction transfer, two passes of
// augmenting row reduction — and then shortest augmenting paths by the O(m')
// array-scan Dijkstra. Its column duals are shifted so that min y = 0; then
// y = 0 on the spare columns (the padding rows make them the cheapest). The result
// is CERTIFIED before it is returned — x + y ≥ s on all n'·m' arcs, equality on
// the assigned ones (by construction), y ≥ 0, y = 0 on spare columns, x ≥ −B —
// the same optimality conditions as the sparse engine's invariants, so the outcome
// contract (status, objective, duals and their conditions) is unchanged; should the
// certificate ever fail, the sparse engine solves the problem instead. The certificate
// reads the problem's own Int64 scores (not the solver's narrowed copy), by row chunks
// on the active cores; every arc is checked. Memory beyond the problem: the scores
// narrowed to Int16/Int32 (2–4 bytes per arc; DenseJonkerVolgenant.swift's header says
// why) and O(n' + m') work arrays. Time O(m'³) worst case; column reduction, reduction
// transfer and the certificate are O(n'·m'), each search O(m'·settled columns); measured
// (release): 4000 × 4000 uniform scores 0–999, ≈ 0.2 s wall on 2 cores (3402 rows placed
// by the initialisation, 598 searches) where the sparse engine took ≈ 4 s; 800 × 800, 0.008 s.
//
// COMPLEXITY. n' free rows, m columns, a arcs, k ≤ m the columns settled in one
// search, a_k ≤ a the arcs of the rows in its tree. One search is
// O(a_k log a_k) with the (lazy) heap and O(a_k + ℓ·m) with the scan (ℓ ≤ k the
// distinct distances settled); in total
// O(n'·a·log a) heap / O(n'·(a + m²)) scan worst case; O(a + n + m) memory.
// Most rows are placed directly and most searches stop after a few settled
// columns. Measured (release, shared 2-core machine, best of 5): 1557×484 dense,
// capacity 4, scores 0–100: 0.005–0.011 s (1499 direct, 58 searches); the same
// with 24 arcs per row: 0.0007 s; 1557 rows over 300 columns (357 left
// unassigned): 0.08–0.11 s dense, 0.02 s sparse; 20000×5000, 30 arcs/row: ~1.3 s.
//
// INVARIANTS (checked after every augmentation when DISPATCH_INTERNAL_CHECKS is
// defined — debug builds — while n'·a ≤ 2·10^7, else once at the end):
//   * y[j] ≥ 0, and y[j] = 0 on every column with spare capacity (loads of
//     columns never decrease, y only increases);
//   * every processed row has reduced cost ≥ 0 on all its arcs and = 0 on its
//     assigned arc; x[r] ≥ −B for assigned rows; x[r] = −B for rows left unassigned;
//   * the slot lists of the columns agree with the row → column map.
// These are exactly the LP optimality conditions of the penalised problem, so the
// final assignment is optimal; `duals` report them.
//
// DUALS (max form, `AssignmentDuals`): rowDual[r] + columnDual[j] ≥ s(r, j) on
// every arc of a free row, with equality on assigned arcs; columnDual ≥ 0, = 0 on
// columns with spare capacity. A free row left unassigned has rowDual = −B (the
// score of its "unassigned" option; B is in the log) and the columns it could use
// then carry duals of order B — the price of coverage. If nothing is left
// unassigned, B appears nowhere. A locked row has rowDual = s(lock) − columnDual
// (equality on its locked arc; its other arcs are not constrained: the lock
// removed them). Columns whose whole capacity is locked (or zero) get
// columnDual = max(0, max over free rows' arcs of s − rowDual). Certificate: with
// λ = −B, x̃ = rowDual − λ ≥ 0 on free rows and 0 on uncovered ones, so for every
// feasible plan A, score(A) + B·covered(A) ≤ Σ x̃ + Σ cap·y + const, with equality
// for the returned plan.
//
// TIE RULE / DETERMINISM. Same input, same output, on every platform and for any
// number of threads (no hashing, no floating point; the dense path's parallel parts —
// column minima, the largest score, the certificate — are split by row ranges and merged
// in range order so that their ties break as the sequential loop's). DENSE PATH: among equal optima the plan is the one
// this fixed procedure reaches (the objective is the same as the sparse engine's,
// the assignment may differ on ties): column reduction gives each column to the
// lowest row attaining its minimum cost (= maximum score), and a row winning several
// columns keeps the highest-index one; augmenting row reduction processes the free
// rows in increasing index order (a row it displaces is processed next when the price
// of its column strictly dropped, else queued for the second pass), each taking its
// best column (the lowest index among equal reduced costs) — or, when the best and the
// second best tie and the best is taken, the second best (the lowest index among the
// rest); each remaining free row (in the order
// the reduction left them) is augmented along the first shortest path the array-scan
// Dijkstra finds, scanning columns in its batch order (a label improves only on a
// strictly smaller distance; the first spare column met at the minimum distance ends
// the search). SPARSE ENGINE: rows are inserted in index order. Labels are
// settled in (distance, rank) order, rank = (column full ? 1 : 0, column index):
// among equal distances a column with spare capacity comes first (it ends the
// search at once — this cut the dense benchmark from 0.8 s to 0.008 s), then the
// lowest column index; a label's predecessor row is replaced on equal distance
// only by a lower row index. The direct placement uses the same order (largest
// s − y, spare first, lowest column). An "unassigned" option ends the search
// before full columns at the same distance, but a spare column at that distance
// wins; between options, the lowest row. The heap and scan searches therefore
// return the same assignment and duals (tested).
//
// FAILURE MODES. `.unsupported` for loads ≠ 1, side rules, or a size whose
// penalty would not fit Int64. With `.requireAll`, when row r has no augmenting
// path the outcome is `.infeasible(uncoverable:)` with the Hall-violator set:
// r, the rows of its alternating tree, and the locked rows on the columns they
// can reach (together they need more places than those columns have); the plan
// returned with it is the lexicographic optimum under `.maximize` (so it shows
// what can be covered), duals nil, bound nil. `SolveLimits` are ignored (the
// solve is polynomial and has no time check); an incumbent is not used.
//===----------------------------------------------------------------------===//

import AssignmentCore

public struct ShortestAugmentingPathSolver: AssignmentSolver {
  public var name: String { "native" }
  public var capabilities: SolverCapabilities { SolverCapabilities(generalLoads: false, sideRules: false) }

  /// Which search runs: `automatic` takes the dense path when it applies, else picks the
  /// frontier by density; `heap`/`scan` force the sparse engine's frontier (same result);
  /// `dense` is `automatic` (named for tests). The dense path may return a different
  /// optimum among ties (same objective).
  enum Search: Sendable { case automatic, heap, scan, dense }
  let search: Search

  /// From this many scores on, the passes over all of them (largest score, the dense path's
  /// narrowed copy and column minima, its certificate) run on the active cores; below, starting
  /// threads costs more than it saves. The results are the same either way.
  static let parallelScores = 1 << 18

  public init() { search = .automatic }
  init(search: Search) { self.search = search }

  public func solve(_ problem: AssignmentProblem, limits: SolveLimits = .none) throws(SolverError) -> AssignmentOutcome {
    guard problem.arcLoads.isEmpty else {
      throw .unsupported(solver: name, reason: "arc loads other than 1 (generalized assignment) need the MIP back end")
    }
    guard problem.sideRules.isEmpty else {
      throw .unsupported(solver: name, reason: "side rules need the MIP back end")
    }
    let prepared = try Prepared(problem, solverName: name)
    switch problem.coverage {
    case .maximize:
      return try run(prepared, problem, useDummy: true).outcome
    case .requireAll:
      let attempt = try run(prepared, problem, useDummy: false)
      guard let uncoverable = attempt.uncoverable else { return attempt.outcome }
      var best = try run(prepared, problem, useDummy: true).outcome
      best.status = .infeasible(uncoverable: uncoverable)
      best.bound = nil
      best.duals = nil
      best.log = attempt.outcome.log + ["native: not every row can be covered; \(uncoverable.count) rows compete for too few places"]
        + best.log.map { $0 + " (plan shown: best under coverage .maximize)" }
      return best
    }
  }

  /// The problem with locks taken out: free rows, residual capacities, CSR of the free rows.
  struct Prepared {
    var freeRows: [Int] = []
    var arcStart: [Int] = [0]
    var arcColumn: [Int32] = []
    var arcScore: [Int64] = []
    var residual: [Int32]
    /// max(1, max |score| over the free rows' arcs) (S' in the header).
    var maxScore: Int64 = 1
    var big: Int64 = 1

    init(_ problem: AssignmentProblem, solverName: String) throws(SolverError) {
      let freeCount = problem.lockedColumn.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
      var caps = problem.columnCapacities
      for c in problem.lockedColumn where c >= 0 { caps[Int(c)] -= 1 }
      residual = caps.map { Int32(clamping: min($0, freeCount)) }
      if freeCount == problem.rowCount && !residual.contains(0) {
        // Nothing locked, no column closed: the problem's CSR is the free rows' CSR (shared, not copied).
        freeRows = Array(0..<freeCount)
        arcStart = problem.rowStart
        arcColumn = problem.arcColumns
        arcScore = problem.arcScores
        maxScore = Self.largestMagnitude(arcScore)
        big = try Self.penalty(rows: freeCount, maxScore: maxScore, solverName: solverName)
        return
      }
      freeRows.reserveCapacity(freeCount)
      arcColumn.reserveCapacity(problem.arcCount)
      arcScore.reserveCapacity(problem.arcCount)
      arcStart.reserveCapacity(freeCount + 1)
      for r in 0..<problem.rowCount where problem.lockedColumn[r] < 0 {
        freeRows.append(r)
        for a in problem.arcs(ofRow: r) {
          let j = problem.arcColumns[a]
          guard residual[Int(j)] > 0 else { continue }
          arcColumn.append(j)
          let s = problem.arcScores[a]
          arcScore.append(s)
          maxScore = max(maxScore, abs(s))
        }
        arcStart.append(arcColumn.count)
      }
      big = try Self.penalty(rows: freeCount, maxScore: maxScore, solverName: solverName)
    }

    /// max(1, max |s|), by row-range chunks on the active cores when there are millions of scores.
    static func largestMagnitude(_ scores: [Int64]) -> Int64 {
      let chunks = scores.count >= ShortestAugmentingPathSolver.parallelScores ? OrderedParallel.defaultWorkers : 1
      return OrderedParallel.map(count: chunks) { c -> Int64 in
        scores.withUnsafeBufferPointer { all in
          var largest: Int64 = 1
          for s in all[all.count * c / chunks ..< all.count * (c + 1) / chunks] { largest = max(largest, abs(s)) }
          return largest
        }
      }.max()!
    }

    /// B = 2·S'·n' + 1 (see the header), or `.unsupported` when it would not fit comfortably in Int64.
    static func penalty(rows freeCount: Int, maxScore: Int64, solverName: String) throws(SolverError) -> Int64 {
      let (twoN, o1) = Int64(freeCount).multipliedReportingOverflow(by: 2)
      let (product, o2) = twoN.multipliedReportingOverflow(by: maxScore)
      guard !o1, !o2, product < Int64.max / 64 else {
        throw .unsupported(solver: solverName, reason: "\(freeCount) rows are too many for the Int64 coverage penalty")
      }
      return product + 1
    }
  }

  struct Run {
    var outcome: AssignmentOutcome
    var uncoverable: [Int]?
  }

  func run(_ p: Prepared, _ problem: AssignmentProblem, useDummy: Bool) throws(SolverError) -> Run {
    let m = problem.columnCount
    let n = p.freeRows.count
    if search == .automatic || search == .dense, let dense = denseRun(p, columnCount: m, useDummy: useDummy) {
      var statistics = SolveStatistics()
      statistics.nativePath = .dense
      statistics.augmentingSearches = dense.searches
      return finish(p, problem, columnOfFree: dense.columnOf, x: dense.x, y: dense.y, unassignedRows: 0, log: dense.log, statistics: statistics)
    }
    let mode: AugmentingPathEngine.SearchMode
    switch search {
    case .heap: mode = .heap
    case .scan: mode = .scan
    case .automatic, .dense: mode = m <= 2048 || p.arcColumn.count * 4 >= n * m ? .scan : .heap
    }
    let engine = AugmentingPathEngine(arcStart: p.arcStart, arcColumn: p.arcColumn, arcScore: p.arcScore,
                                      capacity: p.residual, useDummy: useDummy, big: p.big, mode: mode)
    #if DISPATCH_INTERNAL_CHECKS
    let checkEveryStep = n * max(1, p.arcColumn.count) <= 20_000_000
    #endif
    for r in 0..<n {
      guard engine.augment(r) else {
        var outcome = AssignmentOutcome(status: .infeasible(uncoverable: []), columnOfRow: [], objective: .init(covered: 0, score: 0),
                                        bound: nil, solverName: name, duals: nil, log: logLines(engine, mode: mode))
        outcome.statistics = statistics(engine, mode: mode)
        return Run(outcome: outcome, uncoverable: hallViolator(source: r, engine: engine, prepared: p, problem: problem))
      }
      #if DISPATCH_INTERNAL_CHECKS
      if checkEveryStep || r == n - 1, let failure = engine.invariantViolation(processedThrough: r) {
        preconditionFailure("native solver invariant broken after row \(p.freeRows[r]): \(failure)")
      }
      #endif
    }
    var log = logLines(engine, mode: mode)
    if engine.unassignedRows > 0 { log.append("native: \(engine.unassignedRows) rows left unassigned; coverage penalty B = \(p.big) (their row dual is −B)") }
    return finish(p, problem, columnOfFree: Array(engine.columnOf), x: Array(engine.x), y: Array(engine.y),
                  unassignedRows: engine.unassignedRows, log: log, statistics: statistics(engine, mode: mode))
  }

  /// The outcome from the free rows' assignment and duals (engine numbering; y over all columns).
  private func finish(_ p: Prepared, _ problem: AssignmentProblem, columnOfFree: [Int32], x: [Int64], y: [Int64],
                      unassignedRows: Int, log: [String], statistics: SolveStatistics) -> Run {
    let m = problem.columnCount
    var columnOfRow = problem.lockedColumn
    for (i, r) in p.freeRows.enumerated() { columnOfRow[r] = columnOfFree[i] }
    var objective = ObjectiveValue(covered: 0, score: 0)
    var rowDual = [Int64](repeating: 0, count: problem.rowCount)
    for (i, r) in p.freeRows.enumerated() { rowDual[r] = x[i] }
    var columnDual = y
    // Columns with no free capacity: the smallest dual that keeps the free rows' arcs feasible.
    for j in 0..<m where p.residual[j] == 0 { columnDual[j] = 0 }
    if p.residual.contains(0) {
      for (i, r) in p.freeRows.enumerated() {
        for a in problem.arcs(ofRow: r) {
          let j = Int(problem.arcColumns[a])
          guard p.residual[j] == 0 else { continue }
          columnDual[j] = max(columnDual[j], problem.arcScores[a] - x[i])
        }
      }
    }
    for r in 0..<problem.rowCount {
      let c = Int(columnOfRow[r])
      guard c >= 0 else { continue }
      let a = problem.arcIndex(row: r, column: c)!
      objective.covered += 1
      objective.score += problem.arcScores[a]
      if problem.lockedColumn[r] >= 0 { rowDual[r] = problem.arcScores[a] - columnDual[c] }
    }
    var outcome = AssignmentOutcome(status: .optimal, columnOfRow: columnOfRow, objective: objective, bound: objective,
                                    solverName: name, duals: AssignmentDuals(rowDual: rowDual, columnDual: columnDual), log: log)
    outcome.statistics = statistics
    return Run(outcome: outcome, uncoverable: nil)
  }

  /// The dense path (LAPJV, `DenseJonkerVolgenant`) when it applies: every column with
  /// residual capacity has exactly 1, every free row has an arc to each of them, and
  /// n' ≤ m' ≤ n' + max(2, n'/16) (m' such columns, n' ≥ 2 free rows). The result is certified before it
  /// is returned (the engine's invariants, checked on all n'·m' arcs); nil otherwise.
  func denseRun(_ p: Prepared, columnCount m: Int, useDummy: Bool) -> (columnOf: [Int32], x: [Int64], y: [Int64], log: [String], searches: Int)? {
    let n = p.freeRows.count
    var active: [Int] = []
    for j in 0..<m where p.residual[j] > 0 {
      guard p.residual[j] == 1 else { return nil }
      active.append(j)
    }
    let size = active.count
    // Padding rows cost searches: beyond a few percent the sparse engine is as fast
    // (measured, 3000 rows, uniform scores: 3000 columns 0.22 s vs 1.8 s sparse;
    // 3100: 0.55 s vs 0.85 s; 3300: 0.24 s vs 0.19 s; 5000: 0.20 s vs 0.18 s).
    guard n >= 2, n <= size, size - n <= max(2, n / 16), p.arcColumn.count == n * size else { return nil }
    return p.arcScore.withUnsafeBufferPointer { scores -> (columnOf: [Int32], x: [Int64], y: [Int64], log: [String], searches: Int)? in
      let workers = n * size >= Self.parallelScores ? OrderedParallel.defaultWorkers : 1
      let result = DenseJonkerVolgenant.solve(scores: scores, rows: n, size: size, maxScoreMagnitude: p.maxScore, workers: workers)
      // Max-form duals, shifted so that the smallest column dual is 0.
      var yCompact = result.v.map { -$0 }
      let shift = yCompact.min()!
      for k in 0..<size { yCompact[k] -= shift }
      var x = [Int64](repeating: 0, count: n)
      var columnOf = [Int32](repeating: -1, count: n)
      var taken = [Bool](repeating: false, count: size)
      for i in 0..<n {
        let k = result.columnOfRow[i]
        x[i] = scores[i * size + k] - yCompact[k]
        columnOf[i] = Int32(active[k])
        taken[k] = true
        if useDummy && x[i] < -p.big { return nil }
      }
      // Certificate: y ≥ 0 (by the shift), y = 0 on spare columns, x + y ≥ s on every arc
      // (row chunks on the active cores; every arc is checked whatever the chunking).
      for k in 0..<size where !taken[k] && yCompact[k] != 0 { return nil }
      guard Self.dualsCover(p.arcScore, rows: n, size: size, x: x, y: yCompact) else { return nil }
      var y = [Int64](repeating: 0, count: m)
      for k in 0..<size { y[active[k]] = yCompact[k] }
      let log = ["native: dense path (Jonker–Volgenant) on \(n) × \(size)\(n < size ? " padded to \(size) × \(size)" : ""); \(size - result.searches) of the \(size) rows placed by the initialisation, \(result.searches) shortest-path searches"]
      return (columnOf, x, y, log, result.searches)
    }
  }

  /// x[i] + y[k] ≥ s(i, k) on every arc of the n × size row-major `scores`.
  static func dualsCover(_ scores: [Int64], rows n: Int, size: Int, x: [Int64], y: [Int64]) -> Bool {
    let chunks = n * size >= parallelScores ? min(n, OrderedParallel.defaultWorkers) : 1
    return OrderedParallel.map(count: chunks) { c -> Bool in
      scores.withUnsafeBufferPointer { scores in
        y.withUnsafeBufferPointer { yb in
          for i in n * c / chunks ..< n * (c + 1) / chunks {
            let xi = x[i]
            let rowBase = i * size
            var violated = false
            for k in 0..<size { violated = violated || xi + yb[k] < scores[rowBase + k] }
            if violated { return false }
          }
          return true
        }
      }
    }.allSatisfy { $0 }
  }

  private func statistics(_ engine: AugmentingPathEngine, mode: AugmentingPathEngine.SearchMode) -> SolveStatistics {
    var statistics = SolveStatistics()
    statistics.nativePath = mode == .heap ? .heap : .scan
    statistics.augmentingSearches = engine.searches
    return statistics
  }

  private func logLines(_ engine: AugmentingPathEngine, mode: AugmentingPathEngine.SearchMode) -> [String] {
    ["native: \(engine.directAssignments + engine.searches) augmentations (\(engine.directAssignments) direct, \(engine.searches) searches), \(engine.pops) \(mode == .heap ? "heap pops" : "column scans")"]
  }

  /// The rows that cannot all be covered: the source, its alternating tree, and
  /// the locked rows on the columns they have arcs to (in the original problem).
  private func hallViolator(source: Int, engine: AugmentingPathEngine, prepared p: Prepared, problem: AssignmentProblem) -> [Int] {
    var rows = Set([p.freeRows[source]])
    for v in engine.lastVisitedRows { rows.insert(p.freeRows[v]) }
    var columns = Set<Int32>()
    for r in rows { for a in problem.arcs(ofRow: r) { columns.insert(problem.arcColumns[a]) } }
    for (r, c) in problem.lockedColumn.enumerated() where c >= 0 && columns.contains(c) { rows.insert(r) }
    return rows.sorted()
  }
}
