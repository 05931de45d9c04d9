//===----------------------------------------------------------------------===//
// AugmentingPathEngine: successive shortest augmenting paths with potentials
// on the residual graph of a capacitated assignment (transportation) problem.
// The contract (problem, method, complexity, invariants, tie rule) is in the
// header of ShortestAugmentingPathSolver.swift; this file is the machinery.
//
// Nodes: engine rows 0..<n (the unlocked rows of the problem, in index order),
// columns 0..<m with residual capacity cap[j] ≥ 0, and, when `useDummy`, one
// private "unassigned" option per row with score −big and capacity 1.
//
// Duals are kept in max form: x[r] (row), y[j] (column), and the reduced cost
// of an arc is rc(r, j) = x[r] + y[j] − s(r, j). Residual arcs are
//   row r → column j   for every arc (r, j) not in use, reduced cost rc(r, j);
//   column j → row r   for every row r assigned to j, reduced cost −rc(r, j) = 0;
//   row r → its option for every assigned row, reduced cost x[r] + big.
// A column with spare capacity and the option of a visited row are sinks.
//
// SCAN FRONTIER BY LEVELS. In scan mode the labelled columns at the current minimum
// distance (the "level") are kept in a bitset; a settle pops the spare column of the
// level with the lowest index if there is one, else its lowest-index full column — the
// same (distance, rank) order as the heap — and the O(frontier) scan runs only when the
// level is empty (once per distinct distance, not once per settle: scores with many ties
// settle many columns at one distance). Relaxing never labels below the level (reduced
// costs ≥ 0), and a label that drops to the level joins it.
// Rows whose arcs go to every column (dense rows) are relaxed without the column index.
// Storage is in manually allocated buffers (bounds-checked in debug builds,
// unchecked in release) so the inner loops run without copy-on-write checks.
//===----------------------------------------------------------------------===//

@usableFromInline
final class AugmentingPathEngine {
  enum SearchMode: Sendable { case heap, scan }

  let rowCount: Int
  let columnCount: Int
  let useDummy: Bool
  let big: Int64
  let mode: SearchMode

  // Graph (CSR over engine rows; arcs only to columns with cap > 0).
  let arcStart: UnsafeMutableBufferPointer<Int>
  let arcColumn: UnsafeMutableBufferPointer<Int32>
  /// Scores as Int32 (|s| ≤ 10⁶, `maximumScoreMagnitude`): half the memory traffic of the relax loops.
  let arcScore: UnsafeMutableBufferPointer<Int32>
  let capacity: UnsafeMutableBufferPointer<Int32>

  // Assignment: rows of column j are slots[slotStart[j] ..< slotStart[j] + load[j]].
  let slotStart: UnsafeMutableBufferPointer<Int>
  let load: UnsafeMutableBufferPointer<Int32>
  let slots: UnsafeMutableBufferPointer<Int32>
  let slotOf: UnsafeMutableBufferPointer<Int>
  let columnOf: UnsafeMutableBufferPointer<Int32>

  // Duals (max form).
  let x: UnsafeMutableBufferPointer<Int64>
  let y: UnsafeMutableBufferPointer<Int64>

  // Search state, reset after every search (only the touched entries).
  private let distance: UnsafeMutableBufferPointer<Int64>
  private let predecessor: UnsafeMutableBufferPointer<Int32>
  private let state: UnsafeMutableBufferPointer<UInt8>  // 0 untouched, 1 labelled, 2 settled
  private let touched: UnsafeMutableBufferPointer<Int32>
  private var touchedCount = 0
  private let settled: UnsafeMutableBufferPointer<Int32>
  /// The distance of `settled[i]` (a settled column's `distance` holds `Int64.min`, so relaxing skips it).
  private let settledDistance: UnsafeMutableBufferPointer<Int64>
  private var settledCount = 0
  private let frontier: UnsafeMutableBufferPointer<Int32>  // scan mode: labelled columns (settled ones dropped lazily)
  private var frontierCount = 0
  // Scan mode: the level (labelled, unsettled columns at distance `levelDistance`), full ones as bits.
  private let levelBits: UnsafeMutableBufferPointer<UInt64>
  private var levelDistance = Int64.max
  private var levelCount = 0
  private var levelSpare = -1  // the lowest spare column at the level, or -1
  private let visitedRow: UnsafeMutableBufferPointer<Int32>
  private let visitedDistance: UnsafeMutableBufferPointer<Int64>
  private(set) var visitedCount = 0
  private var heap: ColumnHeap

  // Statistics for the log.
  private(set) var searches = 0
  private(set) var directAssignments = 0
  private(set) var pops = 0
  private(set) var unassignedRows = 0

  private static let untouched: UInt8 = 0
  private static let labelled: UInt8 = 1
  private static let settledState: UInt8 = 2

  /// - Parameters: CSR arrays over engine rows (columns sorted within a row),
  ///   residual capacities, whether rows may stay unassigned at score −big.
  init(arcStart starts: [Int], arcColumn columns: [Int32], arcScore scores: [Int64], capacity caps: [Int32],
       useDummy: Bool, big: Int64, mode: SearchMode) {
    rowCount = starts.count - 1
    columnCount = caps.count
    precondition(columnCount < 1 << 30, "too many columns")
    self.useDummy = useDummy
    self.big = big
    self.mode = mode
    arcStart = Self.buffer(starts)
    arcColumn = Self.buffer(columns)
    arcScore = Self.buffer(scores.map { Int32($0) })
    capacity = Self.buffer(caps)
    var start = [Int](repeating: 0, count: columnCount + 1)
    for j in 0..<columnCount { start[j + 1] = start[j] + Int(caps[j]) }
    slotStart = Self.buffer(start)
    load = Self.buffer([Int32](repeating: 0, count: columnCount))
    slots = Self.buffer([Int32](repeating: -1, count: max(1, start[columnCount])))
    slotOf = Self.buffer([Int](repeating: -1, count: rowCount))
    columnOf = Self.buffer([Int32](repeating: -1, count: rowCount))
    x = Self.buffer([Int64](repeating: 0, count: rowCount))
    y = Self.buffer([Int64](repeating: 0, count: columnCount))
    distance = Self.buffer([Int64](repeating: 0, count: columnCount))
    predecessor = Self.buffer([Int32](repeating: -1, count: columnCount))
    state = Self.buffer([UInt8](repeating: 0, count: columnCount))
    touched = Self.buffer([Int32](repeating: 0, count: columnCount))
    settled = Self.buffer([Int32](repeating: 0, count: columnCount))
    settledDistance = Self.buffer([Int64](repeating: 0, count: columnCount))
    frontier = Self.buffer([Int32](repeating: 0, count: columnCount))
    levelBits = Self.buffer([UInt64](repeating: 0, count: (columnCount + 63) / 64))
    visitedRow = Self.buffer([Int32](repeating: 0, count: rowCount))
    visitedDistance = Self.buffer([Int64](repeating: 0, count: rowCount))
    heap = ColumnHeap(reserving: mode == .heap ? min(columns.count, 1 << 16) : 0)
  }

  deinit {
    for b in [arcStart, slotStart, slotOf] as [UnsafeMutableBufferPointer<Int>] { b.deallocate() }
    for b in [arcColumn, capacity, load, slots, columnOf, predecessor, touched, settled, frontier, visitedRow]
      as [UnsafeMutableBufferPointer<Int32>] { b.deallocate() }
    for b in [x, y, distance, visitedDistance, settledDistance] as [UnsafeMutableBufferPointer<Int64>] { b.deallocate() }
    arcScore.deallocate()
    state.deallocate()
    levelBits.deallocate()
  }

  private static func buffer<T>(_ values: [T]) -> UnsafeMutableBufferPointer<T> {
    let b = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, values.count))
    _ = b.initialize(from: values)
    return UnsafeMutableBufferPointer(rebasing: b[0..<values.count])
  }

  /// The rows reached by the last search (its alternating tree), source excluded.
  var lastVisitedRows: [Int] { (0..<visitedCount).map { Int(visitedRow[$0]) } }

  // MARK: - One augmentation

  /// Routes row `source` (unassigned, not yet processed) into the assignment
  /// along a shortest augmenting path. Returns false only without the
  /// "unassigned" option, when no augmenting path exists; `lastVisitedRows`
  /// then holds the alternating tree (a Hall violator together with `source`).
  func augment(_ source: Int) -> Bool {
    let lo = arcStart[source], hi = arcStart[source + 1]
    // x[source] = the best value s − y over its options (reduced costs ≥ 0, the best = 0).
    // The first label Dijkstra would settle: largest value, then spare before full, then lowest column.
    var best = Int64.min
    var bestColumn = -1
    var bestSpare = false
    for a in lo..<hi {
      let j = Int(arcColumn[a])
      let value = Int64(arcScore[a]) - y[j]
      if value >= best {
        let spare = load[j] < capacity[j]
        if value > best || (spare && !bestSpare) { best = value; bestColumn = j; bestSpare = spare }
      }
    }
    if bestColumn < 0 || (useDummy && best < -big) {
      // Nothing, or only columns whose price exceeds the "unassigned" option: the source's
      // own option is a sink at distance 0.
      guard useDummy else { visitedCount = 0; return false }
      searches += 1
      x[source] = -big
      unassignedRows += 1
      return true
    }
    x[source] = best
    if load[bestColumn] < capacity[bestColumn] {
      // Greedy step: a zero-reduced-cost arc to a column with spare capacity is a shortest path.
      directAssignments += 1
      place(row: source, column: bestColumn, slot: slotStart[bestColumn] + Int(load[bestColumn]))
      load[bestColumn] += 1
      return true
    }
    searches += 1
    return search(from: source)
  }

  @inline(__always)
  private func place(row: Int, column: Int, slot: Int) {
    slots[slot] = Int32(row)
    slotOf[row] = slot
    columnOf[row] = Int32(column)
  }

  private func search(from source: Int) -> Bool {
    var dummyDistance = useDummy ? x[source] + big : Int64.max
    var dummyRow = source
    var sinkColumn = -1
    var sinkDistance = Int64.max
    relax(row: source, base: x[source])
    while true {
      let j: Int
      switch mode {
      case .heap:
        guard let label = popHeap() else { j = -1; break }
        j = Int(label.column & Self.columnMask)
      case .scan:
        j = popScan()
      }
      if j < 0 { break }
      let dj = distance[j]
      // The best "unassigned" option ends the search before any column farther away, and
      // before a full column at the same distance (a spare one at equal distance still wins).
      if dj > dummyDistance || (dj == dummyDistance && load[j] >= capacity[j]) { break }
      pops += 1
      state[j] = Self.settledState
      settled[settledCount] = Int32(j); settledDistance[settledCount] = dj; settledCount += 1
      distance[j] = Int64.min
      if load[j] < capacity[j] { sinkColumn = j; sinkDistance = dj; break }
      let first = slotStart[j], end = first + Int(load[j])
      for k in first..<end {
        let r = Int(slots[k])
        visitedRow[visitedCount] = Int32(r); visitedDistance[visitedCount] = dj; visitedCount += 1
        let base = dj + x[r]
        relax(row: r, base: base)
        if useDummy {
          let d = base + big
          if d < dummyDistance || (d == dummyDistance && r < dummyRow) { dummyDistance = d; dummyRow = r }
        }
      }
    }
    if sinkColumn < 0 && !useDummy {
      resetSearch(keepVisited: true)
      return false
    }
    let delta = sinkColumn >= 0 ? sinkDistance : dummyDistance
    // Dual update: p'(v) = p(v) − max(0, δ − d(v)) in min form.
    for i in 0..<settledCount {
      let j = Int(settled[i])
      y[j] += delta - settledDistance[i]
    }
    for i in 0..<visitedCount {
      x[Int(visitedRow[i])] -= delta - visitedDistance[i]
    }
    x[source] -= delta
    // Augment along the predecessor chain.
    var column: Int
    var freeSlot: Int
    if sinkColumn >= 0 {
      column = sinkColumn
      freeSlot = slotStart[column] + Int(load[column])
      load[column] += 1
    } else {
      unassignedRows += 1
      let row = dummyRow
      if row == source {
        resetSearch(keepVisited: false)
        return true
      }
      column = Int(columnOf[row])
      freeSlot = slotOf[row]
      columnOf[row] = -1
      slotOf[row] = -1
    }
    while true {
      let row = Int(predecessor[column])
      let previous = Int(columnOf[row])
      let oldSlot = slotOf[row]
      place(row: row, column: column, slot: freeSlot)
      if row == source { break }
      freeSlot = oldSlot
      column = previous
    }
    resetSearch(keepVisited: false)
    return true
  }

  @inline(__always)
  private func relax(row r: Int, base: Int64) {
    let lo = arcStart[r], hi = arcStart[r + 1]
    let r32 = Int32(r)
    if mode == .scan && hi - lo == columnCount {
      relaxDense(row: r32, scores: arcScore.baseAddress! + lo, base: base)
      return
    }
    for a in lo..<hi {
      let j = Int(arcColumn[a])
      let s = state[j]
      if s == Self.settledState { continue }
      let nd = base + y[j] - Int64(arcScore[a])
      if s == Self.untouched {
        state[j] = Self.labelled
        distance[j] = nd
        predecessor[j] = r32
        touched[touchedCount] = Int32(j); touchedCount += 1
        if mode == .heap {
          heap.push(ColumnLabel(distance: nd, column: rank(j)))
        } else {
          frontier[frontierCount] = Int32(j); frontierCount += 1
          if nd == levelDistance { joinLevel(j) }
        }
      } else if nd < distance[j] {
        distance[j] = nd
        predecessor[j] = r32
        if mode == .heap { heap.push(ColumnLabel(distance: nd, column: rank(j))) } else if nd == levelDistance { joinLevel(j) }
      } else if nd == distance[j] && r32 < predecessor[j] {
        predecessor[j] = r32
      }
    }
  }

  /// `relax` for a row with an arc to every column (scan mode): arc k goes to column k. Once every
  /// column is labelled (after the source's row), only the comparison is left: a settled column's
  /// distance is `Int64.min`, so no state is read.
  @inline(__always)
  private func relaxDense(row r32: Int32, scores: UnsafeMutablePointer<Int32>, base: Int64) {
    if touchedCount == columnCount {
      for j in 0..<columnCount {
        let nd = base + y[j] - Int64(scores[j])
        let dj = distance[j]
        if nd <= dj {
          if nd < dj {
            distance[j] = nd
            predecessor[j] = r32
            if nd == levelDistance { joinLevel(j) }
          } else if r32 < predecessor[j] {
            predecessor[j] = r32
          }
        }
      }
      return
    }
    for j in 0..<columnCount {
      let s = state[j]
      if s == Self.settledState { continue }
      let nd = base + y[j] - Int64(scores[j])
      if s == Self.untouched {
        state[j] = Self.labelled
        distance[j] = nd
        predecessor[j] = r32
        touched[touchedCount] = Int32(j); touchedCount += 1
        frontier[frontierCount] = Int32(j); frontierCount += 1
        if nd == levelDistance { joinLevel(j) }
      } else {
        let dj = distance[j]
        if nd < dj {
          distance[j] = nd
          predecessor[j] = r32
          if nd == levelDistance { joinLevel(j) }
        } else if nd == dj && r32 < predecessor[j] {
          predecessor[j] = r32
        }
      }
    }
  }

  /// Column j (labelled, unsettled) now has the level's distance.
  @inline(__always)
  private func joinLevel(_ j: Int) {
    if load[j] < capacity[j] {
      if levelSpare < 0 || j < levelSpare { levelSpare = j }
    } else {
      let word = j >> 6, bit = UInt64(1) << UInt64(j & 63)
      if levelBits[word] & bit == 0 { levelBits[word] |= bit; levelCount += 1 }
    }
  }

  /// The tie-break key of column j within one search: columns with spare capacity
  /// (sinks) before full ones, then the lowest index. Loads do not change during a search.
  @inline(__always)
  private func rank(_ j: Int) -> Int32 {
    load[j] < capacity[j] ? Int32(j) : Int32(j) | Self.fullFlag
  }
  private static let fullFlag: Int32 = 1 << 30
  private static let columnMask: Int32 = (1 << 30) - 1

  private func popHeap() -> ColumnLabel? {
    while let label = heap.popMin() {
      let j = Int(label.column & Self.columnMask)
      if state[j] != Self.settledState && label.distance == distance[j] { return label }
    }
    return nil
  }

  /// The next column in (distance, rank) order: from the level, or, when it is empty, from a
  /// scan of the frontier that forms the next level (dropping settled columns on the way).
  private func popScan() -> Int {
    if levelSpare < 0 && levelCount == 0 {
      var minimum = Int64.max
      var kept = 0
      for i in 0..<frontierCount {
        let j = Int(frontier[i])
        guard state[j] != Self.settledState else { continue }
        frontier[kept] = Int32(j); kept += 1
        minimum = min(minimum, distance[j])
      }
      frontierCount = kept
      guard kept > 0 else { return -1 }
      levelDistance = minimum
      for i in 0..<kept {
        let j = Int(frontier[i])
        if distance[j] == minimum { joinLevel(j) }
      }
    }
    if levelSpare >= 0 {
      let j = levelSpare
      levelSpare = -1
      return j
    }
    var word = 0
    while levelBits[word] == 0 { word += 1 }
    let bits = levelBits[word]
    let j = word << 6 | bits.trailingZeroBitCount
    levelBits[word] = bits & (bits - 1)
    levelCount -= 1
    return j
  }

  private func resetSearch(keepVisited: Bool) {
    for i in 0..<touchedCount {
      let j = Int(touched[i])
      state[j] = Self.untouched
      predecessor[j] = -1
    }
    touchedCount = 0
    settledCount = 0
    frontierCount = 0
    if levelCount > 0 { for w in levelBits.indices { levelBits[w] = 0 } }
    levelCount = 0
    levelSpare = -1
    levelDistance = Int64.max
    if !keepVisited { visitedCount = 0 }
    heap.removeAll()
  }

  // MARK: - Invariants

  /// Checks, for rows 0...processedThrough: reduced costs ≥ 0 on every arc of a
  /// processed row, = 0 on its assigned arc; x = −big for rows left unassigned;
  /// x ≥ −big for assigned rows (their option); y ≥ 0, y = 0 on spare columns;
  /// the slot lists agree with `columnOf`. Returns a description of the first failure.
  func invariantViolation(processedThrough last: Int) -> String? {
    for j in 0..<columnCount {
      if y[j] < 0 { return "column \(j) has dual \(y[j]) < 0" }
      if load[j] < capacity[j] && y[j] != 0 { return "spare column \(j) has dual \(y[j])" }
      if load[j] > capacity[j] { return "column \(j) over capacity" }
      for k in slotStart[j]..<(slotStart[j] + Int(load[j])) {
        let r = Int(slots[k])
        if columnOf[r] != Int32(j) || slotOf[r] != k { return "slot \(k) of column \(j) disagrees with row \(r)" }
      }
    }
    guard last >= 0 else { return nil }
    for r in 0...last {
      let assigned = Int(columnOf[r])
      if assigned < 0 {
        if useDummy && x[r] != -big { return "unassigned row \(r) has dual \(x[r]) ≠ −big" }
      } else if useDummy && x[r] < -big {
        return "row \(r) has dual \(x[r]) below its unassigned option"
      }
      var sawAssigned = assigned < 0
      for a in arcStart[r]..<arcStart[r + 1] {
        let j = Int(arcColumn[a])
        let rc = x[r] + y[j] - Int64(arcScore[a])
        if rc < 0 { return "arc (\(r), \(j)) has reduced cost \(rc) < 0" }
        if j == assigned {
          sawAssigned = true
          if rc != 0 { return "assigned arc (\(r), \(j)) has reduced cost \(rc) ≠ 0" }
        }
      }
      if !sawAssigned { return "row \(r) is assigned to column \(assigned), which is not its arc" }
    }
    return nil
  }
}
