/// One line of a plan: an organization's role slot and its instructor.
public struct PlannedAssignment: Sendable, Hashable {
  public var organization: OrganizationID
  public var role: DispatchRole
  public var instructor: InstructorID
  /// The pair score (sum of `breakdown`'s points).
  public var score: Int
  public var breakdown: [ScoreTerm]

  public init(organization: OrganizationID, role: DispatchRole, instructor: InstructorID, score: Int, breakdown: [ScoreTerm]) {
    self.organization = organization
    self.role = role
    self.instructor = instructor
    self.score = score
    self.breakdown = breakdown
  }
}

/// One named part of a pair score, so a plan can explain itself.
public struct ScoreTerm: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case skill, counterpart, region, grid, station, instructorWish, organizationWish, mutualWish, continuity, given
    /// A soft reach rule's penalty: the pair lies out of reach (negative points).
    case outOfReach
  }
  public var kind: Kind
  public var points: Int
  /// A short human note ("经营管理, 财税", "rank 2").
  public var note: String

  public init(kind: Kind, points: Int, note: String) {
    self.kind = kind
    self.points = points
    self.note = note
  }
}

/// Why an organization's slot stayed empty.
public enum UncoveredReason: Sendable, Hashable {
  /// No instructor may take it at all (reach, forbids, roles, `--scores-only`).
  case noEligibleInstructor
  /// Eligible instructors exist, but their capacity went to others.
  case capacityExhausted(eligible: Int)
}

public struct UncoveredSlot: Sendable, Hashable {
  public var organization: OrganizationID
  public var role: DispatchRole
  public var reason: UncoveredReason
  public init(organization: OrganizationID, role: DispatchRole, reason: UncoveredReason) {
    self.organization = organization
    self.role = role
    self.reason = reason
  }
}

/// 选派方案: the assignment of every covered slot, and the slots left open.
public struct DispatchPlan: Sendable, Hashable {
  /// In (organization, role) order.
  public var assignments: [PlannedAssignment]
  public var uncovered: [UncoveredSlot]
  /// What the soft rules the plan breaks cost (Σ weight × violations; soft reach is in the pair scores).
  public var softRulePenalty: Int

  public init(assignments: [PlannedAssignment], uncovered: [UncoveredSlot], softRulePenalty: Int = 0) {
    self.assignments = assignments
    self.uncovered = uncovered
    self.softRulePenalty = softRulePenalty
  }

  /// The sum of the pair scores.
  public var pairScore: Int { assignments.reduce(0) { $0 + $1.score } }
  /// The plan's score, as the solvers maximise it: pair scores minus soft-rule penalties.
  public var totalScore: Int { pairScore - softRulePenalty }
}
