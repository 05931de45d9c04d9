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

/// A number of a scenario outside its domain (a scenario built in code; the reader refuses
/// these with their file and line first).
public struct NumberOutsideDomain: Sendable, Hashable, CustomStringConvertible {
  /// Where: "instructor I01 capacity", "settings weight_skill_match", "region R1 latitude".
  public var field: String
  public var value: String
  public var domain: String

  public var description: String { "\(field) = \(value), outside \(domain) / 数值超出范围" }
}

extension NumberDomain {
  /// Every number of `scenario` outside its domain, in a fixed order (instructors, organizations,
  /// wishes, given scores, regions, settings). O(size of the scenario).
  public static func violations(in scenario: Scenario) -> [NumberOutsideDomain] {
    var out: [NumberOutsideDomain] = []
    func check(_ value: Int?, _ domain: ClosedRange<Int>, _ field: @autoclosure () -> String) {
      guard let value, !domain.contains(value) else { return }
      out.append(NumberOutsideDomain(field: field(), value: String(value), domain: "\(domain.lowerBound)…\(domain.upperBound)"))
    }
    for i in scenario.instructors {
      check(i.capacity, capacity, "instructor \(i.id) capacity")
      check(i.daysPerMonth, days, "instructor \(i.id) days_per_month")
    }
    for o in scenario.organizations { check(o.workloadDays, days, "organization \(o.id) workload_days") }
    for w in scenario.wishes { check(w.rank, wishRank, "wish \(w.instructor)–\(w.organization) rank") }
    for g in scenario.givenScores { check(g.score, givenScore, "score \(g.organization)–\(g.instructor)") }
    for r in scenario.regions {
      guard let p = r.location else { continue }
      for (name, value, limit) in [("latitude", p.latitude, 90.0), ("longitude", p.longitude, 180.0)] where !(value.isFinite && abs(value) <= limit) {
        out.append(NumberOutsideDomain(field: "region \(r.id) \(name)", value: "\(value)", domain: "−\(Int(limit))…\(Int(limit))"))
      }
    }
    let s = scenario.settings, w = s.weights, rules = s.rules
    for (key, value) in [("weight_skill_match", w.skillMatch), ("weight_counterpart", w.counterpart), ("weight_same_region", w.sameRegion),
                         ("weight_adjacent_region", w.adjacentRegion), ("weight_same_grid", w.sameGrid), ("weight_same_station", w.sameStation),
                         ("weight_instructor_wish", w.instructorWish), ("weight_organization_wish", w.organizationWish),
                         ("wish_rank_step", w.wishRankStep), ("weight_mutual_wish", w.mutualWishBonus), ("weight_continuity", w.continuity)] {
      check(value, weight, "settings \(key)")
    }
    check(w.maxSkillMatches, skillMatches, "settings max_skill_matches")
    check(s.defaultWorkloadDays, days, "settings default_workload_days")
    check(rules.minimumLoad, capacity, "settings minimum_load")
    check(rules.unitMinimumInstructors, instructorCount, "settings unit_min_instructors")
    check(rules.unitMaximumInstructors, instructorCount, "settings unit_max_instructors")
    check(s.maximumDistanceKilometres, distanceKilometres, "settings max_distance_km")
    for (key, value) in [("key_project_exclusive_weight", rules.keyProjectExclusiveWeight), ("mix_weight", rules.mixWeight),
                         ("minimum_load_weight", rules.minimumLoadWeight), ("unit_quota_weight", rules.unitQuotaWeight),
                         ("dual_role_weight", rules.dualRoleWeight), ("reach_weight", s.reachWeight)] {
      check(value, softWeight, "settings \(key)")
    }
    return out
  }
}
