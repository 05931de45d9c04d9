/// One side's wish in the two-way selection (双向选择).
public enum Wish: Sendable, Hashable {
  /// An instructor ranks an organization (rank 1 = first choice).
  case instructorWants(InstructorID, OrganizationID, rank: Int)
  /// An organization ranks an instructor (rank 1 = first choice).
  case organizationWants(OrganizationID, InstructorID, rank: Int)

  public var organization: OrganizationID {
    switch self {
    case .instructorWants(_, let o, _), .organizationWants(let o, _, _): o
    }
  }
  public var instructor: InstructorID {
    switch self {
    case .instructorWants(let i, _, _), .organizationWants(_, let i, _): i
    }
  }
  public var rank: Int {
    switch self {
    case .instructorWants(_, _, let r), .organizationWants(_, _, let r): r
    }
  }
}

/// The office's final say on one pair (审核把关).
public enum OverrideAction: String, Sendable, Hashable, CaseIterable {
  /// The pair must be in the plan.
  case lock
  /// The pair must not be in the plan.
  case forbid
}

public struct PairOverride: Sendable, Hashable {
  public var organization: OrganizationID
  public var instructor: InstructorID
  public var action: OverrideAction
  public init(organization: OrganizationID, instructor: InstructorID, action: OverrideAction) {
    self.organization = organization
    self.instructor = instructor
    self.action = action
  }
}

/// A pair score given by the office (scores.csv).
public struct GivenScore: Sendable, Hashable {
  public var organization: OrganizationID
  public var instructor: InstructorID
  public var score: Int
  public init(organization: OrganizationID, instructor: InstructorID, score: Int) {
    self.organization = organization
    self.instructor = instructor
    self.score = score
  }
}
