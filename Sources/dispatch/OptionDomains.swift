import ArgumentParser

/// The domain of every numeric command-line option, checked in each command's `validate()`:
/// a value outside it (negative, NaN, infinite, absurdly large) is a usage error (exit 64)
/// with the option, the value and the allowed range, before any file is read.
enum OptionDomain {
  /// --time-limit: seconds (a week at most; GLPK takes milliseconds as a 32-bit int).
  static let timeLimitSeconds: ClosedRange<Double> = 0.001...604_800
  /// --gap: a relative MIP gap.
  static let gap: ClosedRange<Double> = 0...0.999
  /// --candidates: plans written, each its own folder.
  static let candidates: ClosedRange<Int> = 1...100
  /// --max-changes: slots a candidate may change against candidate 1.
  static let maxChanges: ClosedRange<Int> = 1...10_000
  /// --max-moves and each budget of --sweep.
  static let moves: ClosedRange<Int> = 0...1_000_000
  /// How many budgets one --sweep may list.
  static let sweepLength = 50
  /// --continuity: a weight (the scenario's weight domain, NumberDomain.weight).
  static let continuity: ClosedRange<Int> = 0...10_000
  /// --alternatives of explain.
  static let alternatives: ClosedRange<Int> = 0...1_000
  /// generate --scale: a multiplier of the profile's counts (ScenarioGenerator.scaleDomain, which the API checks too).
  static let scale: ClosedRange<Double> = 0.001...1_000

  static func check(_ value: Double, _ option: String, in range: ClosedRange<Double>) throws {
    guard value.isFinite, range.contains(value) else {
      throw ValidationError("\(option) must be a number from \(format(range.lowerBound)) to \(format(range.upperBound)), not \(value)"
        + " / \(option) 须为 \(format(range.lowerBound)) 至 \(format(range.upperBound)) 之间的数")
    }
  }

  static func check(_ value: Int, _ option: String, in range: ClosedRange<Int>) throws {
    guard range.contains(value) else {
      throw ValidationError("\(option) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \(value)"
        + " / \(option) 须为 \(range.lowerBound) 至 \(range.upperBound) 之间的整数")
    }
  }

  private static func format(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
