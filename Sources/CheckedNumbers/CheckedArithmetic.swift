//===----------------------------------------------------------------------===//
// Sums and products that report overflow as a typed error instead of trapping.
//
// Swift's `+` and `*` trap on overflow. Where a sum is formed from numbers a caller
// gave (an API user's problem, a profile file, a ledger before its domains are known to
// hold), it is formed here once, and the caller turns `NumberOverflow` into its own
// typed error; downstream sums over the same numbers are then bounded by the checked one.
//===----------------------------------------------------------------------===//

/// A number that does not fit: a sum or product beyond the integer type, or a Double that is
/// NaN, infinite or out of range where a whole number is needed. `what` names the quantity.
public struct NumberOverflow: Error, Sendable, Equatable, CustomStringConvertible {
  public var what: String
  public init(_ what: String) { self.what = what }
  public var description: String { "数值溢出 the number does not fit: \(what)" }
}

extension FixedWidthInteger {
  /// `self + other`, or `NumberOverflow(what)` when it does not fit.
  @inlinable
  public func checkedAdding(_ other: Self, _ what: @autoclosure () -> String) throws(NumberOverflow) -> Self {
    let (sum, overflow) = addingReportingOverflow(other)
    if overflow { throw NumberOverflow(what()) }
    return sum
  }

  /// `self × other`, or `NumberOverflow(what)` when it does not fit.
  @inlinable
  public func checkedMultiplied(by other: Self, _ what: @autoclosure () -> String) throws(NumberOverflow) -> Self {
    let (product, overflow) = multipliedReportingOverflow(by: other)
    if overflow { throw NumberOverflow(what()) }
    return product
  }

  /// `x` rounded by `rule` as a whole number, or `NumberOverflow(what)` when it is NaN,
  /// infinite or out of range (the throwing form of `init?(checked:_:)`).
  @inlinable
  public init(whole x: Double, rounded rule: FloatingPointRoundingRule = .towardZero, what: @autoclosure () -> String) throws(NumberOverflow) {
    guard let value = Self(checked: x, rule) else { throw NumberOverflow("\(what()) = \(x)") }
    self = value
  }
}

extension Sequence where Element: FixedWidthInteger {
  /// The sum of the elements, or `NumberOverflow(what)` when a partial sum does not fit.
  /// - Complexity: O(*n*).
  @inlinable
  public func checkedSum(_ what: @autoclosure () -> String) throws(NumberOverflow) -> Element {
    var total: Element = 0
    for x in self {
      let (sum, overflow) = total.addingReportingOverflow(x)
      if overflow { throw NumberOverflow(what()) }
      total = sum
    }
    return total
  }
}
