// Generates one quarter's changes to a scenario at given rates: organizations
// opening, closing, growing or setting up a party organization, instructors
// leaving or joining. Reproducible from the seed, like the scenario generator.
import CheckedNumbers
import DispatchModel

public struct ChangeSetGenerator: Sendable {
  public let base: Scenario
  public let rates: ChangeRates
  public let seed: UInt64

  /// For a scenario read from a folder, with no profile at hand (`--from DIR --seed N`).
  public init(base: Scenario, rates: ChangeRates = .typical, seed: UInt64) {
    self.base = base
    self.rates = rates
    self.seed = seed
  }

  /// With the profile's quarterly rates.
  public init(profile: ScenarioProfile, base: Scenario, seed: UInt64) {
    self.init(base: base, rates: profile.quarterlyChange.value, seed: seed)
  }

  /// How many of `total` a rate gives: rounded half away from zero, never more than `total`.
  public static func count(_ rate: Double, of total: Int) throws(NumberOverflow) -> Int {
    min(total, max(0, try Int(whole: Double(total) * rate, rounded: .toNearestOrAwayFromZero, what: "rate \(rate) of \(total)")))
  }

  /// The change set; a rate that is not a number in 0…1 gives a typed error, never a trap.
  public func generate() throws(GeneratorError) -> ChangeSet {
    let r = rates
    let bad = [("opened", r.opened), ("closed", r.closed), ("grown", r.grown), ("partyOrganized", r.partyOrganized),
               ("instructorsLeft", r.instructorsLeft), ("instructorsJoined", r.instructorsJoined)].filter { !(0...1).contains($0.1) }
    guard bad.isEmpty else { throw .profile(bad.map { "quarterly rate \($0.0) = \($0.1) is outside 0…1" }) }
    do { return try changes() } catch { throw .number(error) }
  }

  private func changes() throws(NumberOverflow) -> ChangeSet {
    let root = DeterministicRNG(seed: seed)
    var rng = root.derived(11)
    let organizations = base.organizations
    let instructors = base.instructors

    // Closures leave key projects alone: the office chose them for the year.
    var closable = organizations.indices.filter { !organizations[$0].keyProject }
    rng.shuffle(&closable)
    let closed = Array(closable.prefix(try Self.count(rates.closed, of: organizations.count)))
    var isClosed = Array(repeating: false, count: organizations.count)
    for o in closed { isClosed[o] = true }

    let order: [OrganizationSize] = [.micro, .small, .medium, .aboveScale]
    var growable = organizations.indices.filter { o in
      !isClosed[o] && organizations[o].size.map { $0 != .aboveScale } == true
    }
    rng.shuffle(&growable)
    let grown = growable.prefix(try Self.count(rates.grown, of: organizations.count)).map { o in
      ChangeSet.SizeChange(organization: organizations[o].id, size: order[order.firstIndex(of: organizations[o].size!)! + 1])
    }

    var organizable = organizations.indices.filter { !isClosed[$0] && organizations[$0].partyStatus != .organization }
    // Those with members already are the likeliest to set up an organization.
    rng.shuffle(&organizable)
    organizable = organizable.filter { organizations[$0].partyStatus == .members } + organizable.filter { organizations[$0].partyStatus != .members }
    let organized = organizable.prefix(try Self.count(rates.partyOrganized, of: organizations.count)).map { organizations[$0].id }

    var opened: [Organization] = []
    if !organizations.isEmpty {
      let width = max(4, organizations.last.map { $0.id.rawValue.count - 1 } ?? 4)
      var next = nextNumber(organizations.map(\.id.rawValue), prefix: "O")
      var openRNG = root.derived(12)
      for _ in try 0 ..< Self.count(rates.opened, of: organizations.count) {
        // A new organization looks like an existing one of the same place and trade.
        let model = openRNG.pick(organizations)
        let isSocial = model.kind == .social
        let name = isSocial
          ? placePrefix(model) + NameBank.socialSuffix(model.industry, variant: openRNG.int(below: 12))
          : placePrefix(model) + openRNG.pick(NameBank.brandWords) + NameBank.enterpriseSuffix(model.industry)
        let size: OrganizationSize? = isSocial ? nil : (openRNG.chance(0.5) ? .micro : .small)
        opened.append(Organization(
          id: OrganizationID("O" + pad(next, width)), name: name, region: model.region, industry: model.industry, kind: model.kind,
          size: size, partyStatus: openRNG.chance(0.9) ? PartyStatus.none : .members, needs: openRNG.chance(0.8) ? ["党务"] : [],
          workloadDays: model.workloadDays, roles: model.roles))
        next += 1
      }
    }

    var leaving = Array(instructors.indices)
    var leaveRNG = root.derived(13)
    leaveRNG.shuffle(&leaving)
    let left = leaving.prefix(try Self.count(rates.instructorsLeft, of: instructors.count)).map { instructors[$0].id }

    var joined: [Instructor] = []
    if !instructors.isEmpty {
      let width = max(4, instructors.last.map { $0.id.rawValue.count - 1 } ?? 4)
      var next = nextNumber(instructors.map(\.id.rawValue), prefix: "I")
      var joinRNG = root.derived(14)
      for _ in try 0 ..< Self.count(rates.instructorsJoined, of: instructors.count) {
        // A newcomer usually replaces someone of the same unit and place.
        let model = joinRNG.pick(instructors)
        let name = joinRNG.pick(NameBank.surnames) + (0 ..< (joinRNG.chance(0.7) ? 2 : 1)).map { _ in joinRNG.pick(NameBank.givenCharacters) }.joined()
        joined.append(Instructor(
          id: InstructorID("I" + pad(next, width)), name: name, unit: model.unit, region: model.region, capacity: model.capacity,
          skills: joinRNG.chance(0.85) ? ["党务"] + model.skills.filter { $0 != "党务" }.prefix(1) : Array(model.skills.prefix(1)),
          station: model.station, roles: model.roles, daysPerMonth: model.daysPerMonth, kind: model.kind))
        next += 1
      }
    }

    return ChangeSet(organizationsOpened: opened, organizationsClosed: closed.map { organizations[$0].id }, organizationsGrown: grown,
                     organizationsPartyOrganized: organized, instructorsLeft: left, instructorsJoined: joined)
  }

  /// One past the largest number in ids of the form `<prefix><digits>`.
  private func nextNumber(_ ids: [String], prefix: String) -> Int {
    var largest = ids.count
    for id in ids where id.hasPrefix(prefix) {
      if let n = Int(id.dropFirst(prefix.count)) { largest = max(largest, n) }
    }
    return largest + 1
  }

  /// The part of a model organization's name before its brand word (its place),
  /// or its first three characters when it has no brand word (associations).
  private func placePrefix(_ model: Organization) -> String {
    for brand in NameBank.brandWords {
      if let range = model.name.range(of: brand) { return String(model.name[..<range.lowerBound]) }
    }
    return String(model.name.prefix(3))
  }
}
