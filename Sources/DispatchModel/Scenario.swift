/// Everything a plan is made from: the ledger, the people, the wishes and the
/// office's rules. Arrays are kept in ID order (see `Scenario.init`), which is
/// the order of the model's rows and columns.
public struct Scenario: Sendable, Hashable {
  public var instructors: [Instructor]
  public var organizations: [Organization]
  public var units: [SendingUnit]
  public var regions: [Region]
  public var wishes: [Wish]
  public var givenScores: [GivenScore]
  public var overrides: [PairOverride]
  public var settings: ScenarioSettings

  public init(
    instructors: [Instructor], organizations: [Organization], units: [SendingUnit], regions: [Region] = [],
    wishes: [Wish] = [], givenScores: [GivenScore] = [], overrides: [PairOverride] = [],
    settings: ScenarioSettings = ScenarioSettings()
  ) {
    self.instructors = instructors.sorted { $0.id < $1.id }
    self.organizations = organizations.sorted { $0.id < $1.id }
    self.units = units.sorted { $0.id < $1.id }
    self.regions = regions.sorted { $0.id < $1.id }
    self.wishes = wishes
    self.givenScores = givenScores
    self.overrides = overrides
    self.settings = settings
  }
}

/// Lookups by id, built once per scenario (dictionaries here are for lookup only,
/// never iterated to build output).
public struct ScenarioIndex: Sendable {
  public let instructorIndex: [InstructorID: Int]
  public let organizationIndex: [OrganizationID: Int]
  public let units: [UnitID: SendingUnit]
  public let regions: [RegionID: Region]

  public init(_ scenario: Scenario) {
    instructorIndex = Dictionary(scenario.instructors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    organizationIndex = Dictionary(scenario.organizations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    units = Dictionary(scenario.units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    regions = Dictionary(scenario.regions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
  }
}
