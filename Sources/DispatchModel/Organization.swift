/// 非公企业 or 社会组织.
public enum OrganizationKind: String, Sendable, Hashable, CaseIterable, Codable {
  case enterprise   // 非公企业
  case social       // 社会组织
}

/// Party status of an organization, the basis of the "mix" rule.
public enum PartyStatus: String, Sendable, Hashable, CaseIterable, Codable {
  /// 已建立党组织: has its own party organization.
  case organization
  /// 有党员、未建组织: has members but no organization.
  case members
  /// 无党员
  case none
}

/// Size class of an enterprise.
public enum OrganizationSize: String, Sendable, Hashable, CaseIterable, Codable {
  case aboveScale = "above-scale"  // 规模以上
  case medium
  case small
  case micro
}

/// An organization on the ledger (台账) that must be covered.
public struct Organization: Sendable, Hashable, Identifiable {
  public var id: OrganizationID
  public var name: String
  public var region: RegionID
  public var industry: String
  public var kind: OrganizationKind?
  public var size: OrganizationSize?
  public var partyStatus: PartyStatus?
  /// Needs as skill tags (经营管理, 党务 …).
  public var needs: [String]
  /// Days a month of guidance needed, when capacity is counted in days.
  public var workloadDays: Int?
  /// A key project gets a dedicated instructor (1名指导员牵一头牛).
  public var keyProject: Bool
  /// Roles to fill; empty means one plain instructor.
  public var roles: [DispatchRole]
  /// The instructor of the previous plan, if any (for re-planning and reports).
  public var currentInstructor: InstructorID?
  /// Ledger columns the format does not know, in the ledger's column order (see `LedgerField`).
  public var extraFields: [LedgerField]

  public init(
    id: OrganizationID, name: String, region: RegionID, industry: String,
    kind: OrganizationKind? = nil, size: OrganizationSize? = nil, partyStatus: PartyStatus? = nil,
    needs: [String] = [], workloadDays: Int? = nil, keyProject: Bool = false,
    roles: [DispatchRole] = [], currentInstructor: InstructorID? = nil, extraFields: [LedgerField] = []
  ) {
    self.id = id
    self.name = name
    self.region = region
    self.industry = industry
    self.kind = kind
    self.size = size
    self.partyStatus = partyStatus
    self.needs = needs
    self.workloadDays = workloadDays
    self.keyProject = keyProject
    self.roles = roles
    self.currentInstructor = currentInstructor
    self.extraFields = extraFields
  }

  /// The role slots to fill, in a fixed order: at least the plain instructor.
  public var slots: [DispatchRole] { roles.isEmpty ? [.instructor] : roles.sorted() }
}
