/// Whether an instructor works full time on party building or beside a post.
public enum EmploymentKind: String, Sendable, Hashable, CaseIterable, Codable {
  case fullTime = "full-time"   // 专职
  case partTime = "part-time"   // 兼职
}

/// A role an instructor may take in an organization (福绵: first secretary and first chairman).
public enum DispatchRole: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
  /// 党建工作指导员: the default, when an organization names no role.
  case instructor
  /// 第一书记
  case firstSecretary = "first-secretary"
  /// 第一主席 (trade union)
  case firstChairman = "first-chairman"

  public static func < (a: Self, b: Self) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }

  public var chineseName: String {
    switch self {
    case .instructor: "指导员"
    case .firstSecretary: "第一书记"
    case .firstChairman: "第一主席"
    }
  }
}

/// 指导员: a person sent by a unit to guide organizations.
public struct Instructor: Sendable, Hashable, Identifiable {
  public var id: InstructorID
  public var name: String
  public var unit: UnitID
  public var region: RegionID
  /// The most organizations this instructor may cover.
  public var capacity: Int
  /// Skill tags (党务, 经营管理, 财税, 法律 …), normalised text.
  public var skills: [String]
  /// The guidance station (指导站) the instructor belongs to, if any.
  public var station: String?
  /// Roles the instructor may hold; empty means the plain instructor role only.
  public var roles: [DispatchRole]
  /// Days a month the instructor can give, when capacity is counted in days.
  public var daysPerMonth: Int?
  public var kind: EmploymentKind?
  /// Ledger columns the format does not know, in the ledger's column order (see `LedgerField`).
  public var extraFields: [LedgerField]

  public init(
    id: InstructorID, name: String, unit: UnitID, region: RegionID, capacity: Int,
    skills: [String] = [], station: String? = nil, roles: [DispatchRole] = [],
    daysPerMonth: Int? = nil, kind: EmploymentKind? = nil, extraFields: [LedgerField] = []
  ) {
    self.id = id
    self.name = name
    self.unit = unit
    self.region = region
    self.capacity = capacity
    self.skills = skills
    self.station = station
    self.roles = roles
    self.daysPerMonth = daysPerMonth
    self.kind = kind
    self.extraFields = extraFields
  }

  /// Whether this instructor may hold `role`.
  public func mayHold(_ role: DispatchRole) -> Bool {
    role == .instructor || roles.contains(role)
  }
}
