/// The domain of every number a scenario or a change set holds, refused at read time
/// outside it (a located error), so that no sum formed later can overflow.
///
/// Why these bounds are enough (Documentation/ScenarioFormat.md, "Number domains"):
/// - A computed pair score is at most skill 10,000 × 64 + counterpart + region (same, or
///   adjacent + grid: 2 × 10,000) + station + two wishes + mutual + continuity
///   = 640,000 + 8 × 10,000 = 720,000, plus a re-plan's continuity bonus (≤ 10,000): 730,000;
///   at least −100,000 (the reach penalty). A given score is in −100,000 … 110,000.
///   So every |pair score| ≤ 1,000,000 = `maximumScoreMagnitude`, which the solvers' big-M
///   and the lexicographic objective are sized for (and `AssignmentProblem` re-checks).
/// - A wish's points, weight − step × (rank − 1), need step × rank ≤ 10,000 × 1,000 = 10^7.
/// - A capacity in days is at most 10,000 × 31 = 310,000; a sum of loads over r rows at
///   most 31 r; soft penalties at most 100,000 per violation.
/// - An objective over r rows is at most 10^6 × r + 10^5 × (violations ≤ 2 r + columns), far
///   below 2^53 (exact in GLPK's doubles) for any ledger that fits in memory (r < 10^9).
public enum NumberDomain {
  /// instructors.csv capacity (organizations at a time) and settings minimum_load.
  public static let capacity: ClosedRange<Int> = 0...10_000
  /// instructors.csv days_per_month, organizations.csv workload_days, default_workload_days.
  public static let days: ClosedRange<Int> = 0...31
  /// wishes.csv rank.
  public static let wishRank: ClosedRange<Int> = 1...1_000
  /// scores.csv score.
  public static let givenScore: ClosedRange<Int> = 0...100_000
  /// Every weight_* setting, wish_rank_step, a re-plan's continuity bonus.
  public static let weight: ClosedRange<Int> = 0...10_000
  /// max_skill_matches (skills are 64-bit masks: more can never match).
  public static let skillMatches: ClosedRange<Int> = 0...64
  /// The weight of a soft rule (…_weight, reach_weight): points per violation.
  public static let softWeight: ClosedRange<Int> = 0...100_000
  /// unit_min_instructors, unit_max_instructors.
  public static let instructorCount: ClosedRange<Int> = 0...100_000
  /// max_distance_km (half the Earth's circumference is about 20,000 km).
  public static let distanceKilometres: ClosedRange<Int> = 0...20_000
}
