/// Which instructors may be considered for an organization at all.
public enum ReachRule: String, Sendable, Hashable, CaseIterable {
  /// Anyone in the scenario (the default; locality is rewarded by the score).
  case any
  /// The organization's own region only.
  case sameRegion = "same-region"
  /// The organization's region or one of its neighbours.
  case adjacentRegion = "adjacent-region"
  /// Anyone whose region is in the organization's grid.
  case sameGrid = "same-grid"
}

/// Integer weights of the pair score. Every weight has a documented default
/// (Documentation/Model.md); a scenario's settings file may change any of them.
public struct ScoreWeights: Sendable, Hashable {
  /// Per organization need met by an instructor skill.
  public var skillMatch = 10
  /// At most this many needs are counted per pair.
  public var maxSkillMatches = 3
  /// The sending unit's functions serve the organization's industry (对口).
  public var counterpart = 15
  /// Same township / street / park.
  public var sameRegion = 20
  /// Neighbouring region.
  public var adjacentRegion = 8
  /// Same regional grid (when not the same region).
  public var sameGrid = 6
  /// Same guidance station.
  public var sameStation = 5
  /// Instructor's wish of rank 1; each lower rank gets `wishRankStep` less, never below 0.
  public var instructorWish = 30
  /// Organization's wish of rank 1; each lower rank gets `wishRankStep` less, never below 0.
  public var organizationWish = 30
  public var wishRankStep = 10
  /// Extra when both sides wish for each other (双向选择 met).
  public var mutualWishBonus = 10
  /// Keeping an organization with its current instructor (re-planning).
  public var continuity = 0

  public init() {}
}

/// The office's rules (issue 4). Each is off by default except where a
/// document makes it the norm; any rule that links several slots (everything
/// but roles) takes the problem off the fast exact path to GLPK's MIP.
public struct RuleSettings: Sendable, Hashable {
  /// A key-project organization gets an instructor who covers nothing else (1名指导员牵一头牛).
  public var keyProjectExclusive = false
  /// An instructor with two or more organizations covers at least one with its own
  /// party organization and one without (已建立党组织+未组建党组织).
  public var mix = false
  /// Capacity counted in days: an organization uses `workload_days` (or
  /// `defaultWorkloadDays`) of its instructor's `days_per_month` (保德).
  public var capacityInDays = false
  /// Every instructor who is dispatched at all gets at least this many organizations (派得进); 0 = off.
  public var minimumLoad = 0
  /// Instructors used per sending unit, when set.
  public var unitMinimumInstructors: Int? = nil
  public var unitMaximumInstructors: Int? = nil
  /// One person may hold both the first-secretary and first-chairman role of
  /// the same organization (福绵). When false, the two slots need two people.
  public var allowDualRole = true

  // Soft rules: a weight makes a rule soft — the plan may break it, each violation costing
  // that many score points (Documentation/Rules.md says what one violation is); nil = hard.
  public var keyProjectExclusiveWeight: Int? = nil
  public var mixWeight: Int? = nil
  public var minimumLoadWeight: Int? = nil
  public var unitQuotaWeight: Int? = nil
  /// With `allowDualRole == false`: per organization where one person holds both roles.
  public var dualRoleWeight: Int? = nil

  public init() {}

  /// Whether any rule needs the MIP.
  public var needsMIP: Bool {
    keyProjectExclusive || mix || capacityInDays || minimumLoad > 0 || unitMinimumInstructors != nil
      || unitMaximumInstructors != nil || !allowDualRole
  }
}

/// Every setting of a scenario, with its default.
public struct ScenarioSettings: Sendable, Hashable {
  public var weights = ScoreWeights()
  public var rules = RuleSettings()
  public var reach: ReachRule = .any
  /// Every organization must be covered, or the plan is infeasible (otherwise:
  /// cover as many as possible, report the rest).
  public var requireFullCoverage = false
  /// Default days a month an organization needs when it gives none (保德: 5).
  public var defaultWorkloadDays = 5
  /// Reach by distance: an instructor's region seat at most this many km from the
  /// organization's (regions.csv latitude/longitude); nil = no distance limit.
  public var maximumDistanceKilometres: Int? = nil
  /// A weight makes reach (the rule and the distance limit) soft: a pair out of reach is
  /// allowed, its score lowered by the weight; nil = hard (no such pair at all).
  public var reachWeight: Int? = nil
  /// The office that issues the notices (发文机关, e.g. 中共黄山市委组织部); nil = not named.
  public var officeName: String? = nil
  /// The office's contact line printed on every notice (联系人、电话); nil = not given.
  public var officeContact: String? = nil

  public init() {}

  /// Whether reach limits the pairs at all (a reach rule other than `any`, or a distance limit).
  public var reachIsLimited: Bool { reach != .any || maximumDistanceKilometres != nil }
}
