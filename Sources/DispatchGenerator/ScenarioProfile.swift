import CheckedNumbers
// A calibration profile: the figures one source document gives about a place,
// and an explicit, reasoned assumption for every figure it does not give.
// Profiles live as JSON in the package's `seeds/` folder (see seeds/README.md).
import DispatchModel

/// Where a figure comes from.
public enum FigureBasis: String, Codable, Sendable, Hashable {
  /// Stated in the source document.
  case document
  /// Computed from figures stated in the document (e.g. 1557 / 484).
  case derived
  /// Not in the document; `note` says why this value was chosen.
  case assumption
}

/// One value of a profile with its basis and a one-line note: for a document
/// figure, what the document says (in our words); for an assumption, the reason.
public struct Figure<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
  public var value: Value
  public var basis: FigureBasis
  public var note: String

  public init(_ value: Value, basis: FigureBasis, note: String) {
    self.value = value
    self.basis = basis
    self.note = note
  }
}

/// A name with a relative weight (industries, skills, sending units).
public struct WeightedName: Codable, Sendable, Hashable {
  public var name: String
  public var weight: Double
  public init(name: String, weight: Double) {
    self.name = name
    self.weight = weight
  }
}

/// A county-level district (or, for a county profile, the county itself
/// split into townships), with its industrial parks.
public struct DistrictSpec: Codable, Sendable, Hashable {
  public var name: String
  /// Townships and streets generated in this district.
  public var townships: Int
  /// Industrial parks (工业园区, 开发区) in this district, by name.
  public var parks: [String]
  public init(name: String, townships: Int, parks: [String] = []) {
    self.name = name
    self.townships = townships
    self.parks = parks
  }
}

/// A kind of sending unit; one is generated per unit level (city and/or district).
public struct UnitTemplate: Codable, Sendable, Hashable {
  /// The unit's name without the place prefix, e.g. 市场监督管理局.
  public var name: String
  /// Functions in `CounterpartTable.standard`'s vocabulary (工商, 税务, 环保 …).
  public var functions: [String]
  /// Relative share of instructors this kind of unit sends.
  public var weight: Double
  public init(name: String, functions: [String], weight: Double) {
    self.name = name
    self.functions = functions
    self.weight = weight
  }
}

/// Instructors of one kind: how many, whom they serve, which roles they may hold.
public struct InstructorGroup: Codable, Sendable, Hashable {
  public var label: String
  public var count: Figure<Int>
  /// The kind of organization this group is sent to; nil means any.
  public var serves: OrganizationKind?
  /// Roles beyond the plain instructor role (福绵: first chairman, first secretary).
  public var roles: [DispatchRole]
  /// Unit functions this group is mostly drawn from (e.g. 民政 for social organizations); nil means any unit.
  public var preferredFunctions: [String]?
  /// Full-time (专职) or part-time (兼职); nil means drawn from the profile's full-time share.
  public var employment: EmploymentKind?

  public init(label: String, count: Figure<Int>, serves: OrganizationKind? = nil, roles: [DispatchRole] = [],
              preferredFunctions: [String]? = nil, employment: EmploymentKind? = nil) {
    self.label = label
    self.count = count
    self.serves = serves
    self.roles = roles
    self.preferredFunctions = preferredFunctions
    self.employment = employment
  }
}

/// Organizations of one kind and party status.
public struct OrganizationGroup: Codable, Sendable, Hashable {
  public var label: String
  public var kind: OrganizationKind
  public var partyStatus: PartyStatus
  public var count: Figure<Int>
  /// Role slots each organization of the group needs; empty means one plain instructor.
  public var roles: [DispatchRole]
  /// A fixed size class; nil means drawn from the profile's size shares.
  public var size: OrganizationSize?
  /// Days a month of guidance each needs (保德); nil means none given.
  public var workloadDays: Int?
  /// Industries of this group; nil means the profile's mix for its kind.
  public var industries: [WeightedName]?

  public init(label: String, kind: OrganizationKind, partyStatus: PartyStatus, count: Figure<Int>, roles: [DispatchRole] = [],
              size: OrganizationSize? = nil, workloadDays: Int? = nil, industries: [WeightedName]? = nil) {
    self.label = label
    self.kind = kind
    self.partyStatus = partyStatus
    self.count = count
    self.roles = roles
    self.size = size
    self.workloadDays = workloadDays
    self.industries = industries
  }
}

/// Shares of enterprise size classes (they need not sum to 1; they are weights).
public struct SizeShares: Codable, Sendable, Hashable {
  public var aboveScale: Double
  public var medium: Double
  public var small: Double
  public var micro: Double
  public init(aboveScale: Double, medium: Double, small: Double, micro: Double) {
    self.aboveScale = aboveScale
    self.medium = medium
    self.small = small
    self.micro = micro
  }
}

/// How much of each side takes part in the two-way selection (双向选择).
public struct WishShares: Codable, Sendable, Hashable {
  /// Share of instructors who list wishes.
  public var instructorShare: Double
  /// Share of organizations who list wishes.
  public var organizationShare: Double
  /// At most this many ranked wishes per instructor or organization.
  public var maxPerSide: Int
  public init(instructorShare: Double, organizationShare: Double, maxPerSide: Int) {
    self.instructorShare = instructorShare
    self.organizationShare = organizationShare
    self.maxPerSide = maxPerSide
  }
}

/// Quarterly change rates (每季度动态调整), each a share of the current ledger or roster.
public struct ChangeRates: Codable, Sendable, Hashable {
  /// New organizations, as a share of the organizations on the ledger.
  public var opened: Double
  /// Organizations closed or deregistered.
  public var closed: Double
  /// Organizations that grew one size class.
  public var grown: Double
  /// Organizations without their own party organization that set one up.
  public var partyOrganized: Double
  /// Instructors who leave (transfer, retirement), as a share of the roster.
  public var instructorsLeft: Double
  /// New instructors joining.
  public var instructorsJoined: Double

  public init(opened: Double, closed: Double, grown: Double, partyOrganized: Double, instructorsLeft: Double, instructorsJoined: Double) {
    self.opened = opened
    self.closed = closed
    self.grown = grown
    self.partyOrganized = partyOrganized
    self.instructorsLeft = instructorsLeft
    self.instructorsJoined = instructorsJoined
  }

  /// Used when a change set is asked for without a profile: a few percent a quarter.
  public static let typical = ChangeRates(opened: 0.04, closed: 0.03, grown: 0.02, partyOrganized: 0.01,
                                          instructorsLeft: 0.03, instructorsJoined: 0.03)
}

/// The office rules a profile's scenario is meant to be planned with.
public struct ProfileRules: Codable, Sendable, Hashable {
  public var keyProjectExclusive: Figure<Bool>
  public var mix: Figure<Bool>
  public var capacityInDays: Figure<Bool>
  public var allowDualRole: Figure<Bool>
  public var requireFullCoverage: Figure<Bool>
}

/// A figure the document gives that the generator does not use directly
/// (context such as "260 party organizations built"), kept so the profile is complete.
public struct DocumentFigure: Codable, Sendable, Hashable {
  public var label: String
  public var value: String
  public var note: String
}

/// Everything needed to generate a scenario that looks like one place.
public struct ScenarioProfile: Codable, Sendable, Hashable {
  /// Short ASCII name, also the file name in `seeds/` (huangshan, yanan …).
  public var name: String
  /// The place in Chinese (黄山市).
  public var place: String
  /// The prefix of unit and organization names (黄山市, 某县).
  public var namePrefix: String
  /// File name of the source document in the shared seeds folder.
  public var source: String
  public var summary: String

  public var districts: Figure<[DistrictSpec]>
  /// Whether each district has its own sending units besides the top-level ones (市、县(区)选派).
  public var districtUnits: Figure<Bool>
  public var remoteShare: Figure<Double>

  public var instructorGroups: [InstructorGroup]
  public var organizationGroups: [OrganizationGroup]
  /// Totals as the document states them; the groups must add up to them.
  public var instructorsTotal: Figure<Int>
  public var organizationsTotal: Figure<Int>
  public var organizationsPerInstructor: Figure<Double>

  public var keyProjects: Figure<Int>
  public var stations: Figure<Int>
  /// Share of instructors who belong to a guidance station.
  public var stationShare: Figure<Double>
  public var fullTimeShare: Figure<Double>
  /// Spare capacity on top of a feasible load, as a share of it.
  public var capacitySlack: Figure<Double>
  /// The least days a month an instructor gives when capacity is counted in days (保德: 5).
  public var minimumDaysPerMonth: Figure<Int>?

  public var sizeShares: Figure<SizeShares>
  public var enterpriseIndustries: Figure<[WeightedName]>
  public var socialIndustries: Figure<[WeightedName]>
  public var parkIndustries: Figure<[WeightedName]>
  public var units: Figure<[UnitTemplate]>
  /// Probability that an instructor has each skill (besides skills from the unit's functions).
  public var skills: Figure<[WeightedName]>
  public var wishes: Figure<WishShares>
  public var quarterlyChange: Figure<ChangeRates>
  public var rules: ProfileRules
  public var documentFigures: [DocumentFigure]
}

/// How a profile count becomes a scenario count at a given scale: the count
/// times the scale, rounded half away from zero, and never below 1 for a count
/// that is positive (so a scaled-down scenario keeps every group).
public enum ScaleRule {
  public static func scaled(_ count: Int, by scale: Double) throws(NumberOverflow) -> Int {
    guard count > 0 else { return 0 }
    return max(1, try Int(whole: Double(count) * scale, rounded: .toNearestOrAwayFromZero, what: "\(count) × scale \(scale)"))
  }
}
