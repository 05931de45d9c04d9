// The generator's own seeded random numbers (SplitMix64), so a seed gives the
// same scenario on every run and platform. The tests use it too
// (Tests/DispatchTestSupport/SeededGenerator.swift is an alias).

/// SplitMix64: small, fast and fully determined by its seed.
public struct DeterministicRNG: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A generator for one part of the scenario, so adding draws to one part
  /// never shifts the numbers another part sees.
  public func derived(_ stream: UInt64) -> DeterministicRNG {
    var copy = DeterministicRNG(seed: state ^ (stream &* 0xD6E8_FEB8_6659_FD93))
    _ = copy.next()
    return copy
  }

  /// Uniform in 0 ..< upperBound (upperBound > 0). Written out rather than
  /// `Int.random(in:using:)` so the stream does not depend on the standard
  /// library's sampling algorithm.
  public mutating func int(below upperBound: Int) -> Int {
    precondition(upperBound > 0)
    return Int(next() % UInt64(upperBound))
  }

  /// Uniform in [0, 1).
  public mutating func unit() -> Double {
    Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
  }

  public mutating func chance(_ probability: Double) -> Bool { unit() < probability }

  public mutating func pick<T>(_ items: [T]) -> T { items[int(below: items.count)] }

  /// An index drawn in proportion to `weights` (all ≥ 0, at least one > 0).
  public mutating func weightedIndex(_ weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    precondition(total > 0, "weights must not all be zero")
    var target = unit() * total
    for (index, weight) in weights.enumerated() {
      if target < weight { return index }
      target -= weight
    }
    return weights.lastIndex { $0 > 0 }!
  }

  /// Fisher–Yates with this generator's own draws.
  public mutating func shuffle<T>(_ items: inout [T]) {
    guard items.count > 1 else { return }
    for i in stride(from: items.count - 1, to: 0, by: -1) {
      items.swapAt(i, int(below: i + 1))
    }
  }
}
