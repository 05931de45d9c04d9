//===----------------------------------------------------------------------===//
// Double → integer conversions that cannot trap.
//
// Swift's `Int64(x)` traps when x is NaN, infinite or out of range. Solvers and
// floating-point formulas hand us such values (GLPK's MIP bound with no solution
// is −∞; a subgradient step over a zero norm is NaN). Every conversion of a
// computed Double to an integer goes through `init?(checked:_:)`, which returns
// nil for them, so the caller must decide what "no number" means (a trivial
// bound, a clamp, a typed error) — by construction, never a crash.
//===----------------------------------------------------------------------===//

extension FixedWidthInteger {
  /// `x` rounded by `rule`, or nil when it is NaN, infinite or outside `Self`'s range.
  @inlinable
  public init?(checked x: Double, _ rule: FloatingPointRoundingRule = .towardZero) {
    let r = x.rounded(rule)
    // The range is [min, 2^(bits − sign)), both ends exact in Double (Double(Int64.max) would round up).
    let upper = Double(sign: .plus, exponent: Self.bitWidth - (Self.isSigned ? 1 : 0), significand: 1)
    guard r.isFinite, r >= Double(Self.min), r < upper else { return nil }
    self.init(r)
  }

  /// `x` rounded by `rule` and clamped into `Self`'s range; NaN gives `nan`.
  @inlinable
  public init(clamping x: Double, _ rule: FloatingPointRoundingRule = .towardZero, nan: Self) {
    if x.isNaN { self = nan } else if let v = Self(checked: x, rule) { self = v } else { self = x < 0 ? .min : .max }
  }
}
