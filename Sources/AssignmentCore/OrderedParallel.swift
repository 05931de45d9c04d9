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
// CHECKED. `body` is `@Sendable` and `T` is `Sendable`, so Swift 6 checks every caller:
// a body cannot capture a mutable variable or a non-Sendable object. Each worker keeps its
// results in its own array and hands them over once, into its own slot under a `Mutex`;
// nothing is unchecked.
//
// workers ≤ 1 or count ≤ 1: a plain loop on the calling thread.
// Complexity: the bodies' total work over min(workers, count) threads; O(count)
// extra memory for the results. `defaultWorkers` is the machine's active cores.
//===----------------------------------------------------------------------===//
import Foundation
import Synchronization

public enum OrderedParallel {
  /// The machine's active processor count (at least 1).
  public static var defaultWorkers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

  /// `(0..<count).map(body)`, computed by up to `workers` threads; see the file header.
  public static func map<T: Sendable>(count: Int, workers: Int = defaultWorkers, _ body: @Sendable (Int) -> T) -> [T] {
    let w = min(max(1, workers), count)
    guard w > 1 else { return (0..<count).map(body) }
    // Worker k's results, for indices k, k + w, k + 2w, …, stored once when the worker is done,
    // each under its own Mutex: no two threads ever contend for one, so the lock stays on its
    // inlined fast path (atomics ThreadSanitizer sees; see scripts/sanitize).
    let finished = (0..<w).map { _ in WorkerResults<T>() }
    withoutActuallyEscaping(body) { body in
      DispatchQueue.concurrentPerform(iterations: w) { worker in
        let mine = Array(stride(from: worker, to: count, by: w).map(body))
        finished[worker].results.withLock { $0 = mine }
      }
    }
    let perWorker = finished.map { slot in slot.results.withLock { $0! } }
    return (0..<count).map { perWorker[$0 % w][$0 / w] }
  }
}

/// One worker's results, handed over once (a class, so that the non-copyable Mutex can sit in an array).
private final class WorkerResults<T: Sendable>: Sendable {
  let results = Mutex<[T]?>(nil)
}
