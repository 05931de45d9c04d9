//===----------------------------------------------------------------------===//
// Time on the monotonic clock, and the one rule for how much of a time limit the
// rule heuristics may spend (issue 15 point 6).
//
// WHY MONOTONIC. Deadlines and timings are differences of instants; the wall clock
// (`Date()`) jumps when the system time is set (NTP, daylight saving, a clerk fixing
// the clock), so a search could stop at once or never. `ContinuousClock` only moves
// forward. Every deadline, stopwatch and timing figure of the solvers and the planner
// goes through `Stopwatch` and `Deadline`.
//
// EVERY PHASE. A solve under a time limit makes one `Deadline(limits:)` when it starts; each
// phase (local search and its repair, Lagrangian bound, restricted MIPs, fallbacks) stops by
// its own share `capped(by:)` that deadline, so the solve ends within the limit plus one
// phase's last step (a native solve or one Lagrangian iteration; GLPK's wind-down).
//
// HEURISTIC BUDGETS. Without a time limit the heuristics assume 40 s. The rule-keeping
// local search gets min(10 s, limit / 4), the Lagrangian bound min(10 s, limit / 5): both
// the warm-started MIP path and the native-repair fallback read them from here.
//===----------------------------------------------------------------------===//

/// Seconds elapsed since it was started, on the monotonic clock.
public struct Stopwatch: Sendable {
  public let start: ContinuousClock.Instant

  public init() { start = ContinuousClock.now }

  /// Seconds since `start`.
  public var seconds: Double { Self.seconds(ContinuousClock.now - start) }

  /// A duration in seconds.
  public static func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}

/// The instant by which a search stops, on the monotonic clock.
public struct Deadline: Sendable {
  public let instant: ContinuousClock.Instant

  /// `seconds` from now (a negative or zero span has already passed).
  public init(secondsFromNow seconds: Double) {
    instant = ContinuousClock.now.advanced(by: .nanoseconds(Int64(max(0, min(seconds, 1e9)) * 1e9)))
  }

  public var hasPassed: Bool { ContinuousClock.now >= instant }

  /// A deadline that does not pass (about 30 years away).
  public static var never: Deadline { Deadline(secondsFromNow: 1e9) }

  /// The deadline of a solve that began now under `limits` (its time limit; never without one).
  public init(limits: SolveLimits) {
    self.init(secondsFromNow: limits.timeLimit ?? 1e9)
  }

  /// The earlier of the two: a phase's own share of the time, capped by the whole solve's deadline.
  public func capped(by other: Deadline) -> Deadline { other.instant < instant ? other : self }

  /// Seconds until it passes (0 once it has).
  public var secondsLeft: Double { max(0, Stopwatch.seconds(instant - ContinuousClock.now)) }
}

extension SolveLimits {
  /// The time limit assumed by the heuristics when the solve has none.
  public static let heuristicReferenceSeconds = 40.0

  /// Seconds the rule-keeping local search may use: min(10, limit / 4).
  public var localSearchSeconds: Double { min(10, (timeLimit ?? Self.heuristicReferenceSeconds) / 4) }

  /// Seconds the Lagrangian bound may use: min(10, limit / 5).
  public var lagrangianSeconds: Double { min(10, (timeLimit ?? Self.heuristicReferenceSeconds) / 5) }
}
