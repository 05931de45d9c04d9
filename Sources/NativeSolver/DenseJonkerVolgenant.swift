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
// Phases, one function each, as in lap's lapjv.cpp (`solve` only runs them in order):
//   1. `columnReduction`: v(j) = min over rows, to the lowest such row; each row keeps the
//      highest-index column it won. O(size²).
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
// Integer arithmetic only (Int64; |c| ≤ 1e6, distances ≤ 2e6·size).
//===----------------------------------------------------------------------===//

enum DenseJonkerVolgenant {
  struct Result {
    /// Column (0..<size) of every row, padding rows included.
    var columnOfRow: [Int]
    /// Column duals, min form.
    var v: [Int64]
    /// Rows still free after the initialisation, i.e. shortest-path searches run.
    var searches: Int
  }

  static func solve(scores: UnsafeBufferPointer<Int64>, rows: Int, size n: Int) -> Result {
    precondition(n >= 2 && rows <= n && scores.count == rows * n)
    let w = Workspace(scores: scores, rows: rows, size: n)
    defer { w.deallocate() }
    w.columnReduction()
    var freeCount = w.reductionTransfer()
    var pass = 0
    while freeCount > 0 && pass < 2 {
      pass += 1
      freeCount = w.augmentingRowReduction(freeCount: freeCount)
    }
    for f in 0..<freeCount { w.augment(from: w.free[f]) }
    return Result(columnOfRow: Array(w.x), v: Array(w.v), searches: freeCount)
  }

  /// The arrays of one solve (lapjv.cpp's names): x row → column, y column → row, v column duals,
  /// free rows, and the search's distances d, column order `cols` and predecessors `pred`.
  /// The buffers are written through, so the phases take `self` by value.
  private struct Workspace {
    let rows: Int, n: Int
    let large = Int64.max / 4
    let base: UnsafePointer<Int64>
    let zero: UnsafeMutableBufferPointer<Int64>
    let x: UnsafeMutableBufferPointer<Int>
    let y: UnsafeMutableBufferPointer<Int>
    let v: UnsafeMutableBufferPointer<Int64>
    let free: UnsafeMutableBufferPointer<Int>
    let d: UnsafeMutableBufferPointer<Int64>
    let cols: UnsafeMutableBufferPointer<Int>
    let pred: UnsafeMutableBufferPointer<Int>
    let unique: UnsafeMutableBufferPointer<Bool>

    init(scores: UnsafeBufferPointer<Int64>, rows: Int, size n: Int) {
      self.rows = rows
      self.n = n
      base = scores.baseAddress!
      func buffer<T>(_ value: T) -> UnsafeMutableBufferPointer<T> {
        let b = UnsafeMutableBufferPointer<T>.allocate(capacity: n)
        b.initialize(repeating: value)
        return b
      }
      zero = buffer(0); x = buffer(-1); y = buffer(-1); v = buffer(Int64.max / 4); free = buffer(0)
      d = buffer(0); cols = buffer(0); pred = buffer(0); unique = buffer(true)
    }

    func deallocate() {
      zero.deallocate(); x.deallocate(); y.deallocate(); v.deallocate(); free.deallocate()
      d.deallocate(); cols.deallocate(); pred.deallocate(); unique.deallocate()
    }

    /// Row i's scores; the padding rows are all zero.
    @inline(__always) func row(_ i: Int) -> UnsafePointer<Int64> { i < rows ? base + i * n : UnsafePointer(zero.baseAddress!) }

    /// Phase 1: v(j) = min_i c(i, j), attained first by row y(j); each row keeps the highest-index column it won.
    func columnReduction() {
      for i in 0..<n {
        let r = row(i)
        for j in 0..<n {
          let c = -r[j]
          if c < v[j] { v[j] = c; y[j] = i }
        }
      }
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
            let c = -r[k] - v[k]
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
        var j1 = 0, v1 = -r[0] - v[0], j2 = -1, v2 = large
        for k in 1..<n {
          let c = -r[k] - v[k]
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

    /// Phase 4: a shortest augmenting path from the free row `start` (array-scan Dijkstra), the
    /// settled columns' duals, and the path flipped.
    func augment(from start: Int) {
      let r0 = row(start)
      for k in 0..<n { cols[k] = k; pred[k] = start; d[k] = -r0[k] - v[k] }
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
          let h = -ri[jb] - v[jb] - mind
          var k = hi
          while k < n {
            let jj = cols[k]
            let reduced = 0 &- ri[jj] &- v[jj] &- h
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
      // Flip the path.
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
