// Issue 13: GLPK's MIP result with no solution and an infinite (or NaN) bound must not trap
// ("Double value cannot be converted to Int64 because it is either infinite or NaN").
import AssignmentCore
@testable import GLPKBackend
import Testing

@Suite struct BoundConversionTests {
  @Test func checkedConversionRefusesNaNInfinitiesAndOutOfRange() {
    for bad in [Double.nan, .infinity, -.infinity, 9.3e18, -9.3e18, Double.greatestFiniteMagnitude] {
      #expect(Int64(checked: bad, .down) == nil, "\(bad)")
      #expect(Int32(checked: bad, .down) == nil, "\(bad)")
    }
    #expect(Int64(checked: 2.9, .down) == 2)
    #expect(Int64(checked: -2.1, .down) == -3)
    #expect(Int64(checked: -9_223_372_036_854_775_808.0, .down) == .min)
    #expect(Int32(checked: 2_147_483_647.4, .down) == .max)
    #expect(Int32(checked: 2_147_483_648.0, .down) == nil)
    #expect(UInt8(checked: 255.9, .down) == 255 && UInt8(checked: -0.5, .down) == nil)
    #expect(Int32(clamping: .infinity, .down, nan: 7) == .max)
    #expect(Int32(clamping: -.infinity, .down, nan: 7) == .min)
    #expect(Int32(clamping: .nan, .down, nan: 7) == 7)
  }

  /// Phase one's and phase two's bounds from whatever GLPK reports: trivial bounds for no number, never a trap.
  @Test func glpkBoundsWithoutAFiniteValueBecomeTrivialBounds() throws {
    let problem = try AssignmentProblem(
      rowCount: 2, columnCapacities: [1, 1],
      arcs: [Arc(row: 0, column: 0, score: 5), Arc(row: 0, column: 1, score: -3), Arc(row: 1, column: 1, score: 4)])
    let run = GLPKRun(problem: problem, limits: .none, startingBasis: false)
    for bad in [Double.nan, .infinity, -.infinity, nil] {
      #expect(run.coverageBound(bad) == 2)
      #expect(run.scoreBound(bad) == 9)  // Σ rows max(0, best score)
      if let bad { #expect(run.weightedBound(bad) == run.trivialBound) }
    }
    #expect(run.coverageBound(1.4) == 1)
    #expect(run.coverageBound(-5) == 0)
    #expect(run.scoreBound(7.2) == 7)
    #expect(run.scoreBound(1e300) == 9)
  }
}
