//===----------------------------------------------------------------------===//
// Progress of a long solve, and stopping it from outside (Ctrl-C, a cancel button).
//
// `SolveControl` is handed to a solve through `SolveLimits.control`. Solvers call
// `enter(_:)` when a phase begins and `record(best:bound:)` when they learn a better plan
// or bound; every change is delivered to the observer as a `SolveProgress` value, on the
// solver's thread (callers that render must hop themselves). `cancel()` asks every solver
// holding the control to stop as soon as it can and return its best plan so far with an
// honest status (`feasible`, its bound and gap) — the same way a time limit ends it.
//
// Invariants: within one step (`begin(step:timeLimit:)`) `best` never decreases and
// `bound` never increases (each reported value is valid for that step's problem, so the
// best of them is). A scoped view (`scoped(...)`) shares the flag, clock and observer and
// maps a subproblem's values to the whole problem's, or drops them when it cannot.
// Cost: O(1) per call under one lock; observers should be cheap.
//===----------------------------------------------------------------------===//
import Foundation
import Synchronization

/// One progress report: what runs now and how good the plan is so far.
public struct SolveProgress: Sendable, Equatable {
  /// What the solve is doing.
  public enum Phase: String, Sendable, CaseIterable, Codable {
    case reading, building
    /// The pure relaxation (the native solver), or the pure problem itself.
    case relaxation
    /// Searching for plans that keep the rules (local search, repairs).
    case incumbentSearch = "incumbent-search"
    /// Tightening the bound (Lagrangian relaxation).
    case bounding
    /// GLPK's simplex or branch and bound.
    case branchAndBound = "branch-and-bound"
    /// A fallback back end after the first one failed.
    case fallback
    case checking, writing, done
  }

  public var phase: Phase
  /// Which part of a multi-solve command runs (e.g. "candidate 2/3", "budget 5"), nil for a single plan.
  public var step: String?
  /// The best plan found so far in this step (nil before the first).
  public var best: ObjectiveValue?
  /// The best upper bound known in this step (nil when none yet).
  public var bound: ObjectiveValue?
  /// Seconds since the control was created.
  public var elapsed: Double
  /// The time limit of the current solve, nil when none.
  public var timeLimit: Double?
  /// True once a stop was requested.
  public var cancelled: Bool

  /// Relative gap of the best plan to the bound (nil when either is missing or they cover different counts).
  public var gap: Double? {
    guard let best, let bound, best.covered == bound.covered else { return nil }
    return Double(max(0, bound.score - best.score)) / max(1, Double(abs(bound.score)))
  }
}

/// Observes a solve and can stop it. Thread-safe; share one per command run.
public final class SolveControl: Sendable, Equatable {
  final class Core: Sendable {
    let start = ContinuousClock.now
    let cancelled = Atomic<Bool>(false)
    let state: Mutex<SolveProgress>
    let observer: @Sendable (SolveProgress) -> Void

    init(observer: @escaping @Sendable (SolveProgress) -> Void) {
      self.observer = observer
      state = Mutex(SolveProgress(phase: .reading, step: nil, best: nil, bound: nil, elapsed: 0, timeLimit: nil, cancelled: false))
    }

    var elapsed: Double {
      let d = ContinuousClock.now - start
      return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    func update(_ change: (inout SolveProgress) -> Bool) {
      let snapshot: SolveProgress? = state.withLock { p in
        guard change(&p) else { return nil }
        p.elapsed = elapsed
        p.cancelled = cancelled.load(ordering: .relaxed)
        return p
      }
      if let snapshot { observer(snapshot) }
    }
  }

  let core: Core
  /// Maps a subproblem's plan value to the whole problem's (nil: not known for the whole problem).
  let mapBest: @Sendable (ObjectiveValue) -> ObjectiveValue?
  let mapBound: @Sendable (ObjectiveValue) -> ObjectiveValue?

  /// - Parameter observer: called on every change, on the solving thread.
  public init(observer: @escaping @Sendable (SolveProgress) -> Void = { _ in }) {
    core = Core(observer: observer)
    mapBest = { $0 }
    mapBound = { $0 }
  }

  init(core: Core, mapBest: @escaping @Sendable (ObjectiveValue) -> ObjectiveValue?,
       mapBound: @escaping @Sendable (ObjectiveValue) -> ObjectiveValue?) {
    self.core = core
    self.mapBest = mapBest
    self.mapBound = mapBound
  }

  /// A control and the stream of its progress (for `for await` consumers such as a web page).
  public static func withStream() -> (SolveControl, AsyncStream<SolveProgress>) {
    let (stream, continuation) = AsyncStream<SolveProgress>.makeStream(bufferingPolicy: .bufferingNewest(64))
    return (SolveControl { continuation.yield($0) }, stream)
  }

  /// Asks every solve using this control to stop and return its best plan so far.
  public func cancel() {
    // Once: an observer that cancels on an event must not recurse through the event it causes.
    guard !core.cancelled.exchange(true, ordering: .relaxed) else { return }
    core.update { $0.cancelled = true; return true }
  }

  public var isCancelled: Bool { core.cancelled.load(ordering: .relaxed) }

  /// The latest progress, with the elapsed time as of now.
  public var latest: SolveProgress {
    var p = core.state.withLock { $0 }
    p.elapsed = core.elapsed
    return p
  }

  /// A new step of a multi-solve command (or the one solve): best and bound start afresh.
  public func begin(step: String?, timeLimit: Double?) {
    core.update { p in
      p.step = step
      p.timeLimit = timeLimit
      p.best = nil
      p.bound = nil
      return true
    }
  }

  public func enter(_ phase: SolveProgress.Phase) {
    core.update { p in
      guard p.phase != phase else { return false }
      p.phase = phase
      return true
    }
  }

  /// A plan and/or bound valid for this view's problem; kept when it improves on what is known.
  public func record(best: ObjectiveValue? = nil, bound: ObjectiveValue? = nil) {
    let b = best.flatMap(mapBest), u = bound.flatMap(mapBound)
    guard b != nil || u != nil else { return }
    core.update { p in
      var changed = false
      if let b, p.best.map({ b > $0 }) ?? true { p.best = b; changed = true }
      if let u, p.bound.map({ u < $0 }) ?? true { p.bound = u; changed = true }
      return changed
    }
  }

  /// A view for a subproblem: same stop flag, clock and observer; its values mapped to the whole problem's.
  public func scoped(best: @escaping @Sendable (ObjectiveValue) -> ObjectiveValue?,
                     bound: @escaping @Sendable (ObjectiveValue) -> ObjectiveValue?) -> SolveControl {
    let outerBest = mapBest, outerBound = mapBound
    return SolveControl(core: core, mapBest: { best($0).flatMap(outerBest) }, mapBound: { bound($0).flatMap(outerBound) })
  }

  /// A view that only forwards phases and the stop flag (a subproblem whose values say nothing about the whole).
  public var phasesOnly: SolveControl { scoped(best: { _ in nil }, bound: { _ in nil }) }

  /// Identity: two limits are equal only when they share the very same control.
  public static func == (a: SolveControl, b: SolveControl) -> Bool { a === b }
}

extension SolveProgress: Encodable {
  enum CodingKeys: String, CodingKey {
    case phase, step, best, bound, gap, elapsed, cancelled
    case timeLimit = "time_limit"
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(phase, forKey: .phase)
    try c.encodeIfPresent(step, forKey: .step)
    try c.encodeIfPresent(best, forKey: .best)
    try c.encodeIfPresent(bound, forKey: .bound)
    try c.encodeIfPresent(gap, forKey: .gap)
    try c.encode((elapsed * 1000).rounded() / 1000, forKey: .elapsed)
    try c.encodeIfPresent(timeLimit, forKey: .timeLimit)
    try c.encode(cancelled, forKey: .cancelled)
  }

  /// One JSON object on one line (sorted keys): `{"best":{"covered":…,"score":…},"bound":…,"elapsed":…,"phase":…}`.
  public var jsonLine: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }
}


extension SolveLimits {
  /// True when a stop was requested through `control`.
  public var isCancelled: Bool { control?.isCancelled ?? false }
}
