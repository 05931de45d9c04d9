//===----------------------------------------------------------------------===//
// DenseJonkerVolgenant: the dense path of the native solver — LAPJV (Jonker &
// Volgenant, Computing 38 (1987) 325–340) on a flat row-major score matrix.
// The contract (when it is taken, the tie rule, how its duals are certified) is
// in the header of ShortestAugmentingPathSolver.swift; this file is the machinery.
//
// Input: `rows` × `size` scores (max form, row-major), rows ≤ size; the rows
// rows..<size are virtual all-zero rows that pad the problem to a square (they
// take the columns left spare). Internally min form, cost c = −score, column
// duals v (min form): reduced cost c(i, j) − u(i) − v(j) ≥ 0, u(i) = c(i, x(i)) − v(x(i)).
// Phases, as in lap's lapjv.cpp (`Workspace.solve` runs them in order):
//   1. column minima: v(j) = min over rows, to the lowest such row; then
//      `columnAssignment`: each row keeps the highest-index column it won. O(size²).
//   2. `reductionTransfer`: rows that won no column become free; a row that won exactly one
//      moves its slack into that column's dual. O(size²).
//   3. `augmentingRowReduction`, twice: free rows in list order take their best column,
//      displacing its row (which becomes free again). O(size²) per pass, amortised.
//   4. `augment`, per row still free: a shortest augmenting path by the O(size) array-scan
//      Dijkstra (columns at the current minimum distance form a batch; the first spare column
//      of a batch in scan order, or the first spare column reached at that distance while
//      scanning, ends the search), then the duals of the settled columns and the path flip. O(size²).
// Result: after phase 4 every row has a column, x and y are inverse, and v with
// u(i) = c(i, x(i)) − v(x(i)) is dual feasible; the native solver certifies this on every
// arc before it uses the result (ShortestAugmentingPathSolver.denseRun).
//
// TWO KERNELS, ONE RESULT (`Kernel`; tested equal array for array — assignment, duals,
// searches — on random, tied and degenerate instances, square and not, 1–3 workers:
// Tests/NativeSolverTests/DenseKernelTests.swift).
//   * `reference`: lapjv.cpp's loops on the Int64 scores in place, one thread — the oracle.
//   * `fast` (the solver's): (a) the scores are copied narrowed to Int16 when every
//     |score| ≤ 32767, else Int32 (always exact: |score| ≤ 10⁶; all arithmetic stays Int64):
//     4000² uniform 0–999 scores are 32 MB instead of 128, and phase 4, which reads a
//     scanned row per settled column, is bound by those reads; (b) the copy and phase 1's
//     minima are made by row chunks on `workers` threads (`OrderedParallel`), each chunk's
//     minima to its lowest row, merged in chunk order with a strict `<` — the lowest row
//     overall, as sequentially; (c) phase 4 keeps e(j) = d(j) + v(j) instead of d(j) (v is
//     constant during a search), so the relaxation compares −s(i, j) − h with e(j) and reads
//     v(j) only when a label improves — every comparison as the reference's; (d) the first
//     batch of a search, and the batch after a last batch column whose relaxation added
//     nothing, come from a replay of the positions where the reference's batch-finding pass
//     would swap, recorded during the preceding pass (`replayBatch`).
//   Measured (dense random 4000², release, Documentation/Benchmarks.md "Goal 4"): 598
//   searches relax 43,100 rows (1.2 · 10⁸ column relaxations, 3 % improving a label; batches
//   are large, so (d) rarely applies beyond a search's first batch); after (a)–(d) the
//   relaxations are ≈ 72 % of the solve's CPU, and native / lap.lapjv went from 0.87 to 0.51–0.72.
// Integer arithmetic only (Int64; |c| ≤ 1e6, distances ≤ 2e6·size).
//===----------------------------------------------------------------------===//

import AssignmentCore

enum DenseJonkerVolgenant {
  struct Result: Equatable {
    /// Column (0..<size) of every row, padding rows included.
    var columnOfRow: [Int]
    /// Column duals, min form.
    var v: [Int64]
    /// Rows still free after the initialisation, i.e. shortest-path searches run.
    var searches: Int
  }

  /// How the solve runs; both give the same `Result`, array for array (tested).
  /// `fast`: the scores narrowed to Int16 (when |s| ≤ 32767) or Int32 in a copy made by
  /// `workers` threads together with phase 1's column minima, and the fused phase 4.
  /// `reference`: lapjv.cpp's loops on the Int64 scores in place, one thread — the oracle.
  enum Kernel: Sendable { case fast, reference }

  /// `maxScoreMagnitude` ≥ every |score| (it picks the narrow type; ≤ 10⁶ by `AssignmentProblem`).
  static func solve(scores: UnsafeBufferPointer<Int64>, rows: Int, size n: Int, maxScoreMagnitude: Int64,
                    kernel: Kernel = .fast, workers: Int = OrderedParallel.defaultWorkers) -> Result {
    precondition(n >= 2 && rows <= n && scores.count == rows * n && maxScoreMagnitude <= maximumScoreMagnitude)
    switch kernel {
    case .reference:
      let w = Workspace<Int64>(scores: scores.baseAddress!, rows: rows, size: n)
      defer { w.deallocate() }
      w.columnMinima()
      return w.solve(fused: false)
    case .fast:
      if maxScoreMagnitude <= Int64(Int16.max) {
        return solveNarrowed(Int16.self, scores: scores, rows: rows, size: n, workers: workers)
      }
      return solveNarrowed(Int32.self, scores: scores, rows: rows, size: n, workers: workers)
    }
  }

  /// The `fast` kernel on scores narrowed to `S` (exact: every |score| fits in S, and all
  /// arithmetic on them is Int64). Row chunks, one per worker, are copied and give their
  /// columns' minima (lowest row first); merged in chunk order with a strict `<`, they are
  /// the sequential minima with the same tie rule (the lowest row).
  private static func solveNarrowed<S: FixedWidthInteger & SignedInteger>(_: S.Type, scores: UnsafeBufferPointer<Int64>,
                                                                          rows: Int, size n: Int, workers: Int) -> Result {
    let narrow = UnsafeMutableBufferPointer<S>.allocate(capacity: max(1, rows * n))
    defer { narrow.deallocate() }
    let source = SharedRows(UnsafeMutablePointer(mutating: scores.baseAddress!))
    let target = SharedRows(narrow.baseAddress!)
    let chunks = max(1, min(workers, rows))
    let minima = OrderedParallel.map(count: chunks, workers: workers) { c -> ColumnMinima in
      let first = rows * c / chunks, last = rows * (c + 1) / chunks
      var best = ColumnMinima(cost: [Int64](repeating: Int64.max, count: n), row: [Int](repeating: -1, count: n))
      best.cost.withUnsafeMutableBufferPointer { cost in
        best.row.withUnsafeMutableBufferPointer { row in
          for i in first..<last {
            let from = source.base + i * n, to = target.base + i * n
            for j in 0..<n {
              let s = from[j]
              to[j] = S(truncatingIfNeeded: s)
              if -s < cost[j] { cost[j] = -s; row[j] = i }
            }
          }
        }
      }
      return best
    }
    let w = Workspace<S>(scores: UnsafePointer(narrow.baseAddress!), rows: rows, size: n)
    defer { w.deallocate() }
    w.columnMinima(merging: minima)
    return w.solve(fused: true)
  }

  /// One row chunk's column minima of the cost (−score) and the lowest row attaining each.
  private struct ColumnMinima: Sendable {
    var cost: [Int64]
    var row: [Int]
  }

  /// The arrays of one solve (lapjv.cpp's names): x row → column, y column → row, v column duals,
  /// free rows, and the search's distances d, column order `cols` and predecessors `pred`.
  /// The buffers are written through, so the phases take `self` by value.
  private struct Workspace<S: FixedWidthInteger & SignedInteger> {
    let rows: Int, n: Int
    let large = Int64.max / 4
    let base: UnsafePointer<S>
    let zero: UnsafeMutableBufferPointer<S>
    let x: UnsafeMutableBufferPointer<Int>
    let y: UnsafeMutableBufferPointer<Int>
    let v: UnsafeMutableBufferPointer<Int64>
    let free: UnsafeMutableBufferPointer<Int>
    let d: UnsafeMutableBufferPointer<Int64>
    let cols: UnsafeMutableBufferPointer<Int>
    let pred: UnsafeMutableBufferPointer<Int>
    let unique: UnsafeMutableBufferPointer<Bool>
    /// The fused search's record of the next batch: positions of `cols` whose distance was at
    /// most the running minimum, in scan order (at most `eventCapacity`; more falls back to a pass).
    let events: UnsafeMutableBufferPointer<Int>
    static var eventCapacity: Int { 64 }

    init(scores: UnsafePointer<S>, rows: Int, size n: Int) {
      self.rows = rows
      self.n = n
      base = scores
      func buffer<T>(_ value: T) -> UnsafeMutableBufferPointer<T> {
        let b = UnsafeMutableBufferPointer<T>.allocate(capacity: n)
        b.initialize(repeating: value)
        return b
      }
      zero = buffer(0); x = buffer(-1); y = buffer(-1); v = buffer(Int64.max / 4); free = buffer(0)
      d = buffer(0); cols = buffer(0); pred = buffer(0); unique = buffer(true)
      events = .allocate(capacity: Self.eventCapacity)
      events.initialize(repeating: 0)
    }

    func deallocate() {
      zero.deallocate(); x.deallocate(); y.deallocate(); v.deallocate(); free.deallocate()
      d.deallocate(); cols.deallocate(); pred.deallocate(); unique.deallocate(); events.deallocate()
    }

    /// Row i's scores; the padding rows are all zero.
    @inline(__always) func row(_ i: Int) -> UnsafePointer<S> { i < rows ? base + i * n : UnsafePointer(zero.baseAddress!) }

    /// Phases 2–4 after phase 1's minima: the whole solve.
    func solve(fused: Bool) -> Result {
      columnAssignment()
      var freeCount = reductionTransfer()
      var pass = 0
      while freeCount > 0 && pass < 2 {
        pass += 1
        freeCount = augmentingRowReduction(freeCount: freeCount)
      }
      if fused {
        for f in 0..<freeCount { augment(from: free[f]) }
      } else {
        for f in 0..<freeCount { augmentReference(from: free[f]) }
      }
      return Result(columnOfRow: Array(x), v: Array(v), searches: freeCount)
    }

    /// Phase 1 (reference): v(j) = min_i c(i, j), attained first by row y(j).
    func columnMinima() {
      for i in 0..<n {
        let r = row(i)
        for j in 0..<n {
          let c = -Int64(r[j])
          if c < v[j] { v[j] = c; y[j] = i }
        }
      }
    }

    /// Phase 1 from the real rows' chunk minima (in row order), then the padding rows (cost 0;
    /// the first of them is the lowest row attaining it).
    func columnMinima(merging chunks: [ColumnMinima]) {
      for chunk in chunks {
        for j in 0..<n where chunk.cost[j] < v[j] { v[j] = chunk.cost[j]; y[j] = chunk.row[j] }
      }
      if rows < n {
        for j in 0..<n where 0 < v[j] { v[j] = 0; y[j] = rows }
      }
    }

    /// Phase 1, end: each row keeps the highest-index column it won.
    func columnAssignment() {
      var j = n - 1
      while j >= 0 {
        let i = y[j]
        if x[i] < 0 { x[i] = j } else { unique[i] = false; y[j] = -1 }
        j -= 1
      }
    }

    /// Phase 2: reduction transfer; returns the number of free rows (in `free`).
    func reductionTransfer() -> Int {
      var freeCount = 0
      for i in 0..<n {
        if x[i] < 0 {
          free[freeCount] = i; freeCount += 1
        } else if unique[i] {
          let assigned = x[i]
          let r = row(i)
          var minimum = large
          for k in 0..<n where k != assigned {
            let c = -Int64(r[k]) - v[k]
            if c < minimum { minimum = c }
          }
          v[assigned] -= minimum
        }
      }
      return freeCount
    }

    /// Phase 3, one pass of augmenting row reduction over the first `freeCount` free rows;
    /// returns how many rows are free after it.
    func augmentingRowReduction(freeCount: Int) -> Int {
      var current = 0, newFree = 0, count = 0
      while current < freeCount {
        count += 1
        let fi = free[current]; current += 1
        let r = row(fi)
        var j1 = 0, v1 = -Int64(r[0]) - v[0], j2 = -1, v2 = large
        for k in 1..<n {
          let c = -Int64(r[k]) - v[k]
          if c < v2 {
            if c >= v1 { v2 = c; j2 = k } else { v2 = v1; v1 = c; j2 = j1; j1 = k }
          }
        }
        var i0 = y[j1]
        let v1New = v[j1] - (v2 - v1)
        let lowers = v1New < v[j1]
        if count < current * n {
          if lowers {
            v[j1] = v1New
          } else if i0 >= 0 && j2 >= 0 {
            j1 = j2; i0 = y[j2]
          }
          if i0 >= 0 {
            if lowers { current -= 1; free[current] = i0 } else { free[newFree] = i0; newFree += 1 }
          }
        } else if i0 >= 0 {
          free[newFree] = i0; newFree += 1
        }
        x[fi] = j1; y[j1] = fi
      }
      return newFree
    }

    /// Phase 4 as lapjv.cpp writes it (the reference kernel): a shortest augmenting path from the
    /// free row `start` (array-scan Dijkstra), the settled columns' duals, and the path flipped.
    func augmentReference(from start: Int) {
      let r0 = row(start)
      for k in 0..<n { cols[k] = k; pred[k] = start; d[k] = -Int64(r0[k]) - v[k] }
      var lo = 0, hi = 0, ready = 0, sink = -1
      while sink < 0 {
        if lo == hi {
          // The next batch: all unsettled columns at the minimum distance.
          ready = lo
          hi = lo + 1
          var mind = d[cols[lo]]
          var k = hi
          while k < n {
            let jj = cols[k], dj = d[jj]
            if dj <= mind {
              if dj < mind { hi = lo; mind = dj }
              cols[k] = cols[hi]; cols[hi] = jj; hi &+= 1
            }
            k &+= 1
          }
          for k in lo..<hi where y[cols[k]] < 0 { sink = cols[k]; break }
          if sink >= 0 { break }
        }
        // Scan the batch.
        scan: while lo != hi {
          let jb = cols[lo]; lo += 1
          let i = y[jb]
          let mind = d[jb]
          let ri = row(i)
          let h = -Int64(ri[jb]) - v[jb] - mind
          var k = hi
          while k < n {
            let jj = cols[k]
            let reduced = 0 &- Int64(ri[jj]) &- v[jj] &- h
            if reduced < d[jj] {
              d[jj] = reduced; pred[jj] = i
              if reduced == mind {
                if y[jj] < 0 { sink = jj; break scan }
                cols[k] = cols[hi]; cols[hi] = jj; hi &+= 1
              }
            }
            k &+= 1
          }
        }
      }
      let delta = d[sink]
      for k in 0..<ready {
        let jr = cols[k]
        v[jr] += d[jr] - delta
      }
      flipPath(from: start, sink: sink)
    }

    // The fast kernel's search. Its buffer `d` holds e(j) = d(j) + v(j), the distance shifted by
    // the column dual (v does not change during a search): the relaxation then compares
    // −s(i, j) − h with e(j), where h = −s(i, jb) − e(jb), and reads v(j) only when a label
    // improves — the same comparisons, with the same outcomes, as `augmentReference`.

    /// The next batch from `lo`: all columns of cols[lo...] at the minimum distance, moved to
    /// cols[lo..<hi] by lapjv.cpp's swaps; returns hi.
    @inline(__always) func findBatch(_ lo: Int) -> Int {
      var hi = lo + 1
      var mind = d[cols[lo]] &- v[cols[lo]]
      var k = hi
      while k < n {
        let jj = cols[k], dj = d[jj] &- v[jj]
        if dj <= mind {
          if dj < mind { hi = lo; mind = dj }
          cols[k] = cols[hi]; cols[hi] = jj; hi &+= 1
        }
        k &+= 1
      }
      return hi
    }

    /// `findBatch(lo)` from its recorded events: the positions k > lo whose distance was at most
    /// the minimum of cols[lo...k−1]'s are the only ones where `findBatch` swaps, and a swap
    /// moves only positions ≤ k, so replaying them in order gives the same cols and hi.
    @inline(__always) func replayBatch(_ lo: Int, events count: Int) -> Int {
      var hi = lo + 1
      var mind = d[cols[lo]] &- v[cols[lo]]
      for e in 1..<count {
        let k = events[e]
        let jj = cols[k], dj = d[jj] &- v[jj]
        if dj < mind { hi = lo; mind = dj }
        cols[k] = cols[hi]; cols[hi] = jj; hi &+= 1
      }
      return hi
    }

    /// Phase 4, the fast kernel: the same search as `augmentReference`, step for step, on the
    /// shifted distances above; and the first batch of a search, or the one after a batch whose
    /// last column's relaxation added nothing to it, is found without a second pass: that
    /// relaxation (or the labelling) records where `findBatch` would swap — the running-minimum
    /// "events" over the same positions in the same order — and `replayBatch` replays them.
    /// More than `eventCapacity` events (many ties) fall back to `findBatch`.
    func augment(from start: Int) {
      let r0 = row(start)
      var count = 0
      var runMin = Int64.max
      for k in 0..<n {
        let e = -Int64(r0[k])
        let dk = e &- v[k]
        cols[k] = k; pred[k] = start; d[k] = e
        if dk <= runMin {
          runMin = dk
          if count < Self.eventCapacity { events[count] = k }
          count &+= 1
        }
      }
      var recorded = count <= Self.eventCapacity ? count : -1
      var lo = 0, hi = 0, ready = 0, sink = -1
      while sink < 0 {
        if lo == hi {
          ready = lo
          hi = recorded >= 0 ? replayBatch(lo, events: recorded) : findBatch(lo)
          for k in lo..<hi where y[cols[k]] < 0 { sink = cols[k]; break }
          if sink >= 0 { break }
        }
        recorded = -1
        // Scan the batch.
        scan: while lo != hi {
          let jb = cols[lo]; lo += 1
          let i = y[jb]
          let mind = d[jb] &- v[jb]
          let ri = row(i)
          let h = -Int64(ri[jb]) &- d[jb]
          var k = hi
          if lo != hi {
            while k < n {
              let jj = cols[k]
              let e = 0 &- Int64(ri[jj]) &- h
              if e < d[jj] {
                d[jj] = e; pred[jj] = i
                if e &- v[jj] == mind {
                  if y[jj] < 0 { sink = jj; break scan }
                  cols[k] = cols[hi]; cols[hi] = jj; hi &+= 1
                }
              }
              k &+= 1
            }
            continue scan
          }
          // The batch's last column: relax and record the next batch's events.
          var extended = false
          count = 0
          runMin = Int64.max
          while k < n {
            let jj = cols[k]
            let e = 0 &- Int64(ri[jj]) &- h
            var ej = d[jj]
            if e < ej {
              d[jj] = e; pred[jj] = i; ej = e
              if e &- v[jj] == mind {
                if y[jj] < 0 { sink = jj; break scan }
                cols[k] = cols[hi]; cols[hi] = jj; hi &+= 1
                extended = true
              }
            }
            let dj = ej &- v[jj]
            if dj <= runMin {
              runMin = dj
              if count < Self.eventCapacity { events[count] = k }
              count &+= 1
            }
            k &+= 1
          }
          recorded = !extended && count <= Self.eventCapacity ? count : -1
        }
      }
      // The settled columns' duals: v(j) += d(j) − δ, i.e. v(j) = e(j) − δ.
      let delta = d[sink] &- v[sink]
      for k in 0..<ready {
        let jr = cols[k]
        v[jr] = d[jr] - delta
      }
      flipPath(from: start, sink: sink)
    }

    /// The path flipped: from the sink back to `start` along `pred`.
    @inline(__always) func flipPath(from start: Int, sink: Int) {
      var jc = sink
      while true {
        let i = pred[jc]
        y[jc] = i
        let previous = x[i]
        x[i] = jc
        if i == start { break }
        jc = previous
      }
    }
  }
}

/// A buffer's base address handed to `OrderedParallel` workers. Unchecked because a raw
/// pointer carries no ownership: safe here because the buffer outlives the parallel map
/// (`solveNarrowed` deallocates it after the solve) and each worker touches only its own
/// row chunk (reads of the shared source, writes of its own rows of the target).
struct SharedRows<T>: @unchecked Sendable {
  let base: UnsafeMutablePointer<T>
  init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}
