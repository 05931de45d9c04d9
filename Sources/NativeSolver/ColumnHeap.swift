//===----------------------------------------------------------------------===//
// ColumnHeap: the binary min-heap of tentative column labels used by the
// sparse Dijkstra of `AugmentingPathEngine`.
//
// Entries are (distance, column), ordered by distance, then by column index
// (the tie rule: among equal labels the lowest column comes out first). The
// heap is "lazy": a column whose label improves is pushed again and the stale
// entry is skipped when it surfaces (the engine compares it with the current
// label), so no decrease-key and no position index are needed.
//
// Complexity: push and popMin are O(log h) for h entries; h ≤ the number of
// label improvements in one search ≤ the number of arcs scanned.
//===----------------------------------------------------------------------===//

struct ColumnLabel {
  var distance: Int64
  var column: Int32

  @inline(__always)
  static func precedes(_ a: ColumnLabel, _ b: ColumnLabel) -> Bool {
    a.distance < b.distance || (a.distance == b.distance && a.column < b.column)
  }
}

struct ColumnHeap {
  private(set) var entries: [ColumnLabel] = []

  init(reserving capacity: Int) { entries.reserveCapacity(capacity) }

  var isEmpty: Bool { entries.isEmpty }

  mutating func removeAll() { entries.removeAll(keepingCapacity: true) }

  mutating func push(_ label: ColumnLabel) {
    entries.append(label)
    entries.withUnsafeMutableBufferPointer { heap in
      var child = heap.count - 1
      let moving = heap[child]
      while child > 0 {
        let parent = (child - 1) >> 1
        guard ColumnLabel.precedes(moving, heap[parent]) else { break }
        heap[child] = heap[parent]
        child = parent
      }
      heap[child] = moving
    }
  }

  mutating func popMin() -> ColumnLabel? {
    guard let last = entries.popLast() else { return nil }
    if entries.isEmpty { return last }
    return entries.withUnsafeMutableBufferPointer { heap in
      let top = heap[0]
      let count = heap.count
      var parent = 0
      while true {
        var child = 2 * parent + 1
        if child >= count { break }
        if child + 1 < count && ColumnLabel.precedes(heap[child + 1], heap[child]) { child += 1 }
        guard ColumnLabel.precedes(heap[child], last) else { break }
        heap[parent] = heap[child]
        parent = child
      }
      heap[parent] = last
      return top
    }
  }
}
