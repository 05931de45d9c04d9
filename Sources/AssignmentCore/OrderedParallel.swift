//===----------------------------------------------------------------------===//
// OrderedParallel: a parallel map whose result never depends on the number of
// workers or on scheduling (issue 3, point 5: use both cores, deterministically).
//
// WHAT. `map(count:workers:body)` returns [body(0), body(1), …, body(count − 1)],
// exactly the array a sequential loop returns. Workers (threads of
// DispatchQueue.concurrentPerform) take indices k, k + w, k + 2w, … and write each
// result into its own slot; nothing is shared but the result buffer, whose slots
// are disjoint. So the output is byte-identical for any worker count, provided
// `body` is a pure function of its index (callers must not let bodies share
// mutable state or depend on the order in which they run).
//
// workers ≤ 1 or count ≤ 1: a plain loop on the calling thread.
// Complexity: the bodies' total work over min(workers, count) threads; O(count)
// extra memory for the results. `defaultWorkers` is the machine's active cores.
//===----------------------------------------------------------------------===//
import Foundation

public enum OrderedParallel {
  /// The machine's active processor count (at least 1).
  public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// `(0..<count).map(body)`, computed by up to `workers` threads; see the file header.
  public static func map<T>(count: Int, workers: Int = defaultWorkers, _ body: (Int) -> T) -> [T] {
    let w = min(max(1, workers), count)
    guard w > 1 else { return (0..<count).map(body) }
    return withoutActuallyEscaping(body) { body in
      let slots = UnsafeMutablePointer<T?>.allocate(capacity: count)
      slots.initialize(repeating: nil, count: count)
      defer { slots.deinitialize(count: count); slots.deallocate() }
      let box = SlotBox(slots: slots, body: body)
      DispatchQueue.concurrentPerform(iterations: w) { worker in
        var k = worker
        while k < count {
          box.slots[k] = box.body(k)
          k += w
        }
      }
      return (0..<count).map { slots[$0]! }
    }
  }
}

/// The result slots and the body, handed to the worker threads. Each slot is written by exactly
/// one worker and read only after `concurrentPerform` returned, so there is no data race.
private final class SlotBox<T>: @unchecked Sendable {
  let slots: UnsafeMutablePointer<T?>
  let body: (Int) -> T
  init(slots: UnsafeMutablePointer<T?>, body: @escaping (Int) -> T) {
    self.slots = slots
    self.body = body
  }
}
