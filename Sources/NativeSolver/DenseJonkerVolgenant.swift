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
// Phases: column reduction (v(j) = min over rows, to the lowest such row; each row
// keeps the highest-index column it won), reduction transfer, two passes of
// augmenting row reduction (free rows in list order), then for every row still
// free a shortest augmenting path by the O(size) array-scan Dijkstra (columns at
// the current minimum distance form a batch; the first spare column of a batch in
// scan order, or the first spare column reached at that distance while scanning,
// ends the search). Integer arithmetic only (Int64; |c| ≤ 1e6, distances ≤ 2e6·size).
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
    let large = Int64.max / 4
    let zero = UnsafeMutableBufferPointer<Int64>.allocate(capacity: n)
    zero.initialize(repeating: 0)
    let x = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
    x.initialize(repeating: -1)
    let y = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
    y.initialize(repeating: -1)
    let v = UnsafeMutableBufferPointer<Int64>.allocate(capacity: n)
    v.initialize(repeating: large)
    let free = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
    free.initialize(repeating: 0)
    let d = UnsafeMutableBufferPointer<Int64>.allocate(capacity: n)
    d.initialize(repeating: 0)
    let cols = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
    cols.initialize(repeating: 0)
    let pred = UnsafeMutableBufferPointer<Int>.allocate(capacity: n)
    pred.initialize(repeating: 0)
    let unique = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
    unique.initialize(repeating: true)
    defer {
      zero.deallocate(); x.deallocate(); y.deallocate(); v.deallocate(); free.deallocate()
      d.deallocate(); cols.deallocate(); pred.deallocate(); unique.deallocate()
    }
    let base = scores.baseAddress!
    let zeroRow = UnsafePointer(zero.baseAddress!)
    @inline(__always) func row(_ i: Int) -> UnsafePointer<Int64> { i < rows ? base + i * n : zeroRow }

    // Column reduction: v(j) = min_i c(i, j), attained first by row y(j).
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
    // Reduction transfer.
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
    // Augmenting row reduction, twice.
    var pass = 0
    while freeCount > 0 && pass < 2 {
      pass += 1
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
      freeCount = newFree
    }
    // Shortest augmenting paths for the rows still free.
    for f in 0..<freeCount {
      let start = free[f]
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
    return Result(columnOfRow: Array(x), v: Array(v), searches: freeCount)
  }
}
