// Generates a realistic, reproducible scenario from a calibration profile: the
// place's regions, grids and parks, its sending units, organizations and
// instructors in the profile's counts, key projects, roles, workload days and
// wishes from both sides. Capacities come from a feasible "witness" assignment
// built along the way, so every generated scenario can be fully covered under
// the profile's own rules (key projects exclusive, mix, days, roles).
import CheckedNumbers
import DispatchModel
import DispatchScoring

/// Generates one `Scenario` per (profile, seed, scale). The same inputs always
/// give an equal scenario: every draw comes from `DeterministicRNG`, and no
/// output ever depends on `Set` or `Dictionary` iteration order.
public struct ScenarioGenerator: Sendable {
  public let profile: ScenarioProfile
  public let seed: UInt64
  /// Multiplies every count of people and organizations (see `ScaleRule`);
  /// places (districts, townships, parks) and units keep their profile counts.
  public let scale: Double

  public init(profile: ScenarioProfile, seed: UInt64, scale: Double = 1) {
    self.profile = profile
    self.seed = seed
    self.scale = scale
  }

  /// The scales `generate` accepts (`dispatch generate --scale` checks the same range).
  public static let scaleDomain: ClosedRange<Double> = 0.001...1_000
  /// The most organizations, and the most instructors, one generated scenario may have (a province
  /// is about 30,000; yanan × 1,000 would be 5.3 million, which runs for hours and out of memory).
  public static let maximumPeople = 2_000_000

  /// The number of instructors of each group at this scale, in group order.
  public var instructorCounts: [Int] {
    get throws(NumberOverflow) { try profile.instructorGroups.map { (g) throws(NumberOverflow) in try ScaleRule.scaled(g.count.value, by: scale) } }
  }
  /// The number of organizations of each group at this scale, in group order.
  public var organizationCounts: [Int] {
    get throws(NumberOverflow) { try profile.organizationGroups.map { (g) throws(NumberOverflow) in try ScaleRule.scaled(g.count.value, by: scale) } }
  }
  /// Key projects at this scale (never more than the organizations).
  public var keyProjectCount: Int {
    get throws(NumberOverflow) {
      min(try ScaleRule.scaled(profile.keyProjects.value, by: scale), try organizationCounts.checkedSum("the organizations at this scale"))
    }
  }

  /// The scenario; a scale outside `scaleDomain`, an incoherent profile (`ProfileLibrary.problems`)
  /// or a count that does not fit gives a typed error, never a trap.
  public func generate() throws(GeneratorError) -> Scenario {
    guard scale.isFinite, Self.scaleDomain.contains(scale) else { throw .scale(scale, allowed: Self.scaleDomain) }
    let problems = ProfileLibrary.problems(in: profile)
    guard problems.isEmpty else { throw .profile(problems) }
    let root = DeterministicRNG(seed: seed)
    do {
      for (what, total) in [("organizations", try organizationCounts.checkedSum("the organizations at this scale")),
                            ("instructors", try instructorCounts.checkedSum("the instructors at this scale"))] where total > Self.maximumPeople {
        throw GeneratorError.tooLarge("\(total) \(what) at scale \(scale), at most \(Self.maximumPeople)")
      }
      let places = try makePlaces(rng: root.derived(1))
      let units = makeUnits(places: places)
      var organizations = try makeOrganizations(places: places, counts: organizationCounts, keyProjects: keyProjectCount, rng: root.derived(2))
      var instructors = makeInstructors(places: places, units: units, counts: try instructorCounts, rng: root.derived(3))
      let capacityRNG = root.derived(4)
      try assignCapacities(&instructors, organizations: &organizations, rng: capacityRNG)
      return assemble(instructors: instructors, organizations: organizations, places: places, units: units, rng: root.derived(5))
    } catch let error as GeneratorError {
      throw error
    } catch let error as NumberOverflow {
      throw .number(error)
    } catch {
      throw .number(NumberOverflow("\(error)"))
    }
  }

  private func assemble(instructors: [GeneratedInstructor], organizations: [GeneratedOrganization], places: Places, units: [GeneratedUnit],
                        rng: DeterministicRNG) -> Scenario {

    let scenarioInstructors = instructors.map(\.instructor)
    let scenarioOrganizations = organizations.map(\.organization)
    let wishes = makeWishes(instructors: instructors, organizations: organizations, places: places,
                            units: units, rng: rng)

    var settings = ScenarioSettings()
    settings.rules.keyProjectExclusive = profile.rules.keyProjectExclusive.value
    settings.rules.mix = profile.rules.mix.value
    settings.rules.capacityInDays = profile.rules.capacityInDays.value
    settings.rules.allowDualRole = profile.rules.allowDualRole.value
    settings.requireFullCoverage = profile.rules.requireFullCoverage.value
    return Scenario(instructors: scenarioInstructors, organizations: scenarioOrganizations, units: units.map(\.unit),
                    regions: places.regions, wishes: wishes, settings: settings)
  }

  // MARK: - Places

  /// Regions with the district each belongs to and what kind of place it is.
  struct Places {
    enum Kind { case street, township, park }
    var regions: [Region] = []
    var district: [Int] = []
    var kind: [Kind] = []
    /// Region indices per district.
    var byDistrict: [[Int]] = []
    /// Station names that serve an industry grid rather than a region, per district.
    var industryStations: [[String]] = []
    var allStations: [String] = []
  }

  private func makePlaces(rng start: DeterministicRNG) throws(NumberOverflow) -> Places {
    var rng = start
    var places = Places()
    let districts = profile.districts.value
    let singleDistrict = districts.count == 1
    var stems = NameBank.townshipStems
    rng.shuffle(&stems)
    var stemCursor = 0
    func nextStem() -> String {
      defer { stemCursor += 1 }
      let stem = stems[stemCursor % stems.count]
      // Past the list, a number keeps names apart (二, 三 …) rather than repeating one.
      return stemCursor < stems.count ? stem : stem + String(stemCursor / stems.count + 1)
    }
    let width = max(3, String(districts.reduce(0) { $0 + $1.townships + $1.parks.count }).count)
    func regionID(_ n: Int) -> RegionID { RegionID("R" + pad(n, width)) }

    for (d, district) in districts.enumerated() {
      var indices: [Int] = []
      let prefix = singleDistrict ? "" : district.name
      for t in 0 ..< district.townships {
        let index = places.regions.count
        // The first place of a district is its seat (a street, 街道); the rest are towns and a few 乡.
        let isStreet = t == 0
        let suffix = isStreet ? "街道" : (rng.chance(0.3) ? "乡" : "镇")
        let remote = !isStreet && rng.chance(profile.remoteShare.value)
        places.regions.append(Region(id: regionID(index + 1), name: prefix + nextStem() + suffix, grid: "\(district.name)网格", remote: remote))
        places.district.append(d)
        places.kind.append(isStreet ? .street : .township)
        indices.append(index)
      }
      for park in district.parks {
        let index = places.regions.count
        places.regions.append(Region(id: regionID(index + 1), name: park, grid: "\(district.name)网格"))
        places.district.append(d)
        places.kind.append(.park)
        indices.append(index)
      }
      places.byDistrict.append(indices)
    }

    // Neighbours: townships of a district in a chain, parks next to the seat,
    // and the seats of consecutive districts (行业相近、地域相连 within reach).
    var neighbours = Array(repeating: [Int](), count: places.regions.count)
    func link(_ a: Int, _ b: Int) {
      guard a != b, !neighbours[a].contains(b) else { return }
      neighbours[a].append(b)
      neighbours[b].append(a)
    }
    for (d, indices) in places.byDistrict.enumerated() {
      let townships = indices.filter { places.kind[$0] != .park }
      for pair in zip(townships, townships.dropFirst()) { link(pair.0, pair.1) }
      for park in indices where places.kind[park] == .park { link(park, townships[0]) }
      if d > 0 { link(places.byDistrict[d - 1][0], townships[0]) }
    }
    for i in places.regions.indices {
      places.regions[i].neighbours = neighbours[i].sorted().map { places.regions[$0].id }
    }

    // Guidance stations: streets and parks first (where the documents build them),
    // then towns; stations beyond ~60% of the regions serve industry grids instead.
    let stationCount = profile.stations.value
    var hosts = places.regions.indices.filter { places.kind[$0] != .township }
    var towns = places.regions.indices.filter { places.kind[$0] == .township }
    rng.shuffle(&hosts)
    rng.shuffle(&towns)
    let regionalStations = min(stationCount, try Int(whole: Double(places.regions.count) * 0.6 + 0.5, what: "regional stations"))
    for index in (hosts + towns).prefix(regionalStations).sorted() {
      let name = places.regions[index].name + "党建工作指导站"
      places.regions[index].station = name
      places.allStations.append(name)
    }
    places.industryStations = Array(repeating: [], count: districts.count)
    let industries = profile.enterpriseIndustries.value.map(\.name)
    for n in 0 ..< max(0, stationCount - regionalStations) {
      let d = n % districts.count
      let industry = industries[(n / districts.count) % industries.count]
      let name = "\(districts[d].name)\(industry)行业党建工作指导站"
      places.industryStations[d].append(name)
      places.allStations.append(name)
    }
    return places
  }

  // MARK: - Units

  struct GeneratedUnit {
    var unit: SendingUnit
    var weight: Double
    /// The district whose unit this is; nil for a top-level (city or county) unit.
    var district: Int?
  }

  private func makeUnits(places: Places) -> [GeneratedUnit] {
    var levels: [(name: String, district: Int?)] = [(profile.namePrefix, nil)]
    if profile.districtUnits.value {
      for (d, district) in profile.districts.value.enumerated() { levels.append((district.name, d)) }
    }
    var units: [GeneratedUnit] = []
    let total = levels.count * profile.units.value.count
    let width = max(3, String(total).count)
    for level in levels {
      for template in profile.units.value {
        let id = UnitID("U" + pad(units.count + 1, width))
        units.append(GeneratedUnit(unit: SendingUnit(id: id, name: level.name + template.name, functions: template.functions),
                                   weight: template.weight, district: level.district))
      }
    }
    return units
  }

  // MARK: - Organizations

  struct GeneratedOrganization {
    var organization: Organization
    var group: Int
    var regionIndex: Int
  }

  private func makeOrganizations(places: Places, counts organizationCounts: [Int], keyProjects keyProjectCount: Int,
                                 rng start: DeterministicRNG) -> [GeneratedOrganization] {
    var rng = start
    var drafts: [GeneratedOrganization] = []
    var usedNames = Set<String>()  // membership only, never iterated
    for (g, group) in profile.organizationGroups.enumerated() {
      for _ in 0 ..< organizationCounts[g] {
        let regionIndex = rng.weightedIndex(places.kind.indices.map { regionWeight(places, $0, for: group.kind) })
        let region = places.regions[regionIndex]
        let isPark = places.kind[regionIndex] == .park
        let mix: [WeightedName] =
          group.industries ?? (group.kind == .social ? profile.socialIndustries.value
            : (isPark && !profile.parkIndustries.value.isEmpty ? profile.parkIndustries.value : profile.enterpriseIndustries.value))
        let industry = mix[rng.weightedIndex(mix.map(\.weight))].name
        let size: OrganizationSize? = group.kind == .social ? nil : (group.size ?? drawSize(&rng))
        let name = organizationName(kind: group.kind, industry: industry, region: region, places: places,
                                    regionIndex: regionIndex, used: &usedNames, rng: &rng)
        let needs = drawNeeds(kind: group.kind, status: group.partyStatus, size: size, industry: industry, roles: group.roles, rng: &rng)
        drafts.append(GeneratedOrganization(
          organization: Organization(id: "", name: name, region: region.id, industry: industry, kind: group.kind, size: size,
                                     partyStatus: group.partyStatus, needs: needs, workloadDays: group.workloadDays,
                                     roles: group.roles.sorted()),
          group: g, regionIndex: regionIndex))
      }
    }
    // Ids in a shuffled order, so an id says nothing about the group.
    rng.shuffle(&drafts)
    let width = max(4, String(drafts.count).count)
    for i in drafts.indices { drafts[i].organization.id = OrganizationID("O" + pad(i + 1, width)) }

    // Key projects (重点打造的党建创新项目): enterprises that already have a party
    // organization and some size first, then any enterprise, then anything.
    func tier(_ o: Organization) -> Int {
      guard o.kind == .enterprise else { return 2 }
      return o.partyStatus == .organization && (o.size == .aboveScale || o.size == .medium) ? 0 : 1
    }
    let candidates = drafts.indices.sorted { (tier(drafts[$0].organization), $0) < (tier(drafts[$1].organization), $1) }
    for index in candidates.prefix(keyProjectCount) { drafts[index].organization.keyProject = true }
    return drafts
  }

  private func regionWeight(_ places: Places, _ index: Int, for kind: OrganizationKind) -> Double {
    let remote = places.regions[index].remote
    switch (places.kind[index], kind) {
    case (.park, .enterprise): return 4
    case (.park, .social): return 0.3
    case (.street, _): return 3
    case (.township, _): return remote ? 0.4 : 1
    }
  }

  private func drawSize(_ rng: inout DeterministicRNG) -> OrganizationSize {
    let s = profile.sizeShares.value
    return [OrganizationSize.aboveScale, .medium, .small, .micro][rng.weightedIndex([s.aboveScale, s.medium, s.small, s.micro])]
  }

  private func organizationName(kind: OrganizationKind, industry: String, region: Region, places: Places, regionIndex: Int,
                                used: inout Set<String>, rng: inout DeterministicRNG) -> String {
    let districtName = profile.districts.value[places.district[regionIndex]].name
    // Enterprises carry the city or district name, social organizations the district or town.
    let prefix = kind == .social ? (rng.chance(0.5) ? districtName : townStem(region.name)) : (rng.chance(0.4) ? profile.namePrefix : districtName)
    for attempt in 0 ..< 6 {
      let candidate = kind == .social
        ? prefix + NameBank.socialSuffix(industry, variant: rng.int(below: 12))
        : prefix + rng.pick(NameBank.brandWords) + NameBank.enterpriseSuffix(industry)
      if !used.contains(candidate) || attempt == 5 {
        var name = candidate
        var n = 2
        while used.contains(name) { name = candidate.replacingLast(kind: kind, n: n); n += 1 }
        used.insert(name)
        return name
      }
    }
    fatalError("unreachable: the last attempt always returns")
  }

  private func townStem(_ regionName: String) -> String {
    for suffix in ["街道", "镇", "乡"] where regionName.hasSuffix(suffix) { return String(regionName.dropLast(suffix.count)) }
    return regionName
  }

  /// Needs follow the organization's situation: no party work yet → 党务; small
  /// and struggling → 经营管理; polluting industries → 环保; the union role → 工会.
  private func drawNeeds(kind: OrganizationKind, status: PartyStatus, size: OrganizationSize?, industry: String,
                         roles: [DispatchRole], rng: inout DeterministicRNG) -> [String] {
    var needs: [String] = []
    if status != .organization ? rng.chance(0.8) : rng.chance(0.3) { needs.append("党务") }
    if kind == .enterprise && (size == .small || size == .micro) && rng.chance(0.4) { needs.append("经营管理") }
    if NameBank.pollutingIndustries.contains(industry) && rng.chance(0.5) { needs.append("环保") }
    if NameBank.tradingIndustries.contains(industry) && rng.chance(0.3) { needs.append("经贸") }
    if kind == .enterprise && rng.chance(0.2) { needs.append("财税") }
    if rng.chance(0.08) { needs.append("法律") }
    if roles.contains(.firstChairman) { needs.append("工会") }
    return needs
  }

  // MARK: - Instructors

  struct GeneratedInstructor {
    var instructor: Instructor
    var group: Int
    var regionIndex: Int
  }

  private func makeInstructors(places: Places, units: [GeneratedUnit], counts instructorCounts: [Int], rng start: DeterministicRNG) -> [GeneratedInstructor] {
    var rng = start
    var drafts: [GeneratedInstructor] = []
    for (g, group) in profile.instructorGroups.enumerated() {
      let preferred = group.preferredFunctions.map { wanted in units.indices.filter { units[$0].unit.functions.contains(where: wanted.contains) } } ?? []
      let pool = preferred.isEmpty ? Array(units.indices) : preferred
      for _ in 0 ..< instructorCounts[g] {
        let unit = units[pool[rng.weightedIndex(pool.map { units[$0].weight })]]
        // A district unit's cadre lives in that district; a top-level unit's anywhere.
        let regionPool = unit.district.map { places.byDistrict[$0] } ?? Array(places.regions.indices)
        let regionIndex = regionPool[rng.weightedIndex(regionPool.map { places.kind[$0] == .township ? 1.0 : 2.0 })]
        let employment = group.employment ?? (rng.chance(profile.fullTimeShare.value) ? .fullTime : .partTime)
        var skills: [String] = unit.unit.functions.flatMap(NameBank.skills(fromFunction:))
        for skill in profile.skills.value where rng.chance(skill.weight) { skills.append(skill.name) }
        if group.roles.contains(.firstChairman) && rng.chance(0.5) { skills.append("工会") }
        if skills.isEmpty { skills.append("党务") }
        var station: String?
        if rng.chance(profile.stationShare.value) {
          let district = places.district[regionIndex]
          station = places.regions[regionIndex].station
            ?? (places.industryStations[district].isEmpty ? places.allStations.isEmpty ? nil : rng.pick(places.allStations)
                  : rng.pick(places.industryStations[district]))
        }
        let name = rng.pick(NameBank.surnames) + (0 ..< (rng.chance(0.7) ? 2 : 1)).map { _ in rng.pick(NameBank.givenCharacters) }.joined()
        drafts.append(GeneratedInstructor(
          instructor: Instructor(id: "", name: name, unit: unit.unit.id, region: places.regions[regionIndex].id, capacity: 1,
                                 skills: unique(skills), station: station, roles: group.roles.sorted(), kind: employment),
          group: g, regionIndex: regionIndex))
      }
    }
    rng.shuffle(&drafts)
    let width = max(4, String(drafts.count).count)
    for i in drafts.indices { drafts[i].instructor.id = InstructorID("I" + pad(i + 1, width)) }
    return drafts
  }

  // MARK: - Capacities from a witness assignment

  /// Whether instructors of group `g` may take organization `o` whole (all its slots).
  private func groupServes(_ g: Int, _ o: Organization) -> Bool {
    let group = profile.instructorGroups[g]
    if let serves = group.serves, serves != o.kind { return false }
    return o.slots.allSatisfy { $0 == .instructor || group.roles.contains($0) }
  }

  /// Builds one full assignment that keeps every profile rule (key projects
  /// alone, mix, roles, days), then gives every instructor its witness load plus
  /// a little slack, so the scenario is feasible by construction.
  private func assignCapacities(_ instructors: inout [GeneratedInstructor], organizations: inout [GeneratedOrganization], rng start: DeterministicRNG)
    throws(NumberOverflow) {
    var rng = start
    let inDays = profile.rules.capacityInDays.value || profile.minimumDaysPerMonth != nil
    let dayUnit = profile.minimumDaysPerMonth?.value ?? ScenarioSettings().defaultWorkloadDays
    var slotLoad = Array(repeating: 0, count: instructors.count)
    var dayLoad = Array(repeating: 0, count: instructors.count)
    var dedicated = Array(repeating: false, count: instructors.count)
    func take(_ i: Int, _ o: Organization) {
      slotLoad[i] += o.slots.count
      dayLoad[i] += o.slots.count * (o.workloadDays ?? dayUnit)
    }

    // Key projects first: one dedicated instructor each, never the last free one of a group.
    var order = Array(instructors.indices)
    rng.shuffle(&order)
    var free = profile.instructorGroups.indices.map { g in instructors.indices.filter { instructors[$0].group == g }.count }
    var handled = Array(repeating: false, count: organizations.count)
    for o in organizations.indices where organizations[o].organization.keyProject {
      let org = organizations[o].organization
      if let i = order.first(where: { !dedicated[$0] && free[instructors[$0].group] > 1 && groupServes(instructors[$0].group, org) }) {
        dedicated[i] = true
        free[instructors[i].group] -= 1
        take(i, org)
        handled[o] = true
      }
    }

    // The rest: for the mix rule, one organization with its own party organization
    // and one without to every instructor first; then the remainder in turn.
    let rest = organizations.indices.filter { !handled[$0] }
    var ordered: [Int]
    if profile.rules.mix.value {
      let regular = instructors.indices.filter { !dedicated[$0] }.count
      let withParty = rest.filter { organizations[$0].organization.partyStatus == .organization }
      let without = rest.filter { organizations[$0].organization.partyStatus != .organization }
      var remainder = Array(withParty.dropFirst(regular)) + Array(without.dropFirst(regular))
      rng.shuffle(&remainder)
      ordered = Array(withParty.prefix(regular)) + Array(without.prefix(regular)) + remainder
    } else {
      ordered = rest
      rng.shuffle(&ordered)
      // Organizations fewer groups can serve go first (福绵's dual-role enterprises),
      // so the groups that can take anything are not used up by the easy ones.
      let servingGroups = ordered.map { o in profile.instructorGroups.indices.filter { groupServes($0, organizations[o].organization) }.count }
      ordered = ordered.indices.sorted { (servingGroups[$0], $0) < (servingGroups[$1], $1) }.map { ordered[$0] }
    }
    let members = profile.instructorGroups.indices.map { g in order.filter { instructors[$0].group == g && !dedicated[$0] } }
    var cursor = Array(repeating: 0, count: members.count)
    var groupLoad = Array(repeating: 0, count: members.count)
    for o in ordered {
      let org = organizations[o].organization
      // The serving group with the least load per instructor keeps loads even across groups.
      let servers = members.indices.filter { !members[$0].isEmpty && groupServes($0, org) }
      guard let g = servers.min(by: { Double(groupLoad[$0]) / Double(members[$0].count) < Double(groupLoad[$1]) / Double(members[$1].count) })
      else { continue }  // cannot happen for a profile that passes ProfileLibrary.problems(in:)
      let i = members[g][cursor[g] % members[g].count]
      cursor[g] += 1
      groupLoad[g] += 1
      take(i, org)
    }

    let slack = profile.capacitySlack.value
    for i in instructors.indices {
      // Stochastic rounding: the expected extra is slack × load, and a zero slack adds nothing.
      let expected: Double = Double(slotLoad[i]) * slack + (slack > 0 ? rng.unit() : 0)
      let extra = try Int(whole: expected, what: "a capacity's slack")
      instructors[i].instructor.capacity = max(1, try slotLoad[i].checkedAdding(extra, "a capacity"))
      if inDays {
        let extraDays = Double(dayLoad[i]) * slack
        let daysNeeded: Double = Double(dayLoad[i]) + extraDays + Double(dayUnit) - 1
        let units = try Int(whole: daysNeeded / Double(dayUnit), what: "days per month")
        let days = try units.checkedMultiplied(by: dayUnit, "days per month")
        instructors[i].instructor.daysPerMonth = max(dayUnit, days)
      }
    }
  }

  // MARK: - Wishes

  /// Wishes from both sides (双向选择): only some people list any, and they pick,
  /// among the options they see (nearby first), the ones that fit best, with noise.
  private func makeWishes(instructors: [GeneratedInstructor], organizations: [GeneratedOrganization], places: Places,
                          units: [GeneratedUnit], rng start: DeterministicRNG) -> [Wish] {
    var rng = start
    let shares = profile.wishes.value
    guard shares.maxPerSide > 0, !instructors.isEmpty, !organizations.isEmpty else { return [] }
    // The generator's own arrays are in generation order; wishes follow id order.
    let instructorOrder = instructors.indices.sorted { instructors[$0].instructor.id < instructors[$1].instructor.id }
    let organizationOrder = organizations.indices.sorted { organizations[$0].organization.id < organizations[$1].organization.id }
    var organizationsInRegion = Array(repeating: [Int](), count: places.regions.count)
    for o in organizationOrder { organizationsInRegion[organizations[o].regionIndex].append(o) }
    var instructorsInRegion = Array(repeating: [Int](), count: places.regions.count)
    for i in instructorOrder { instructorsInRegion[instructors[i].regionIndex].append(i) }
    let unitIndex = Dictionary(uniqueKeysWithValues: units.enumerated().map { ($1.unit.id, $0) })
    let neighbourIndex = Dictionary(uniqueKeysWithValues: places.regions.enumerated().map { ($1.id, $0) })

    func eligible(_ i: Int, _ o: Int) -> Bool {
      let org = organizations[o].organization
      let group = profile.instructorGroups[instructors[i].group]
      if let serves = group.serves, serves != org.kind { return false }
      return org.slots.contains { instructors[i].instructor.mayHold($0) }
    }
    func fit(_ i: Int, _ o: Int) -> Double {
      let person = instructors[i].instructor
      let org = organizations[o].organization
      var points = 0.0
      let functions = unitIndex[person.unit].map { units[$0].unit.functions } ?? []
      if CounterpartTable.standard.serves(functions: functions, industry: org.industry, isSocial: org.kind == .social) { points += 15 }
      if instructors[i].regionIndex == organizations[o].regionIndex {
        points += 20
      } else if places.regions[organizations[o].regionIndex].neighbours.contains(where: { neighbourIndex[$0] == instructors[i].regionIndex }) {
        points += 8
      }
      points += Double(min(3, org.needs.filter(person.skills.contains).count)) * 10
      return points
    }
    func candidates<T>(near local: [T], all: [T], rng: inout DeterministicRNG) -> [T] where T: Equatable {
      var seen: [T] = []
      for _ in 0 ..< 8 where !local.isEmpty { let c = rng.pick(local); if !seen.contains(c) { seen.append(c) } }
      for _ in 0 ..< 8 { let c = rng.pick(all); if !seen.contains(c) { seen.append(c) } }
      return seen
    }

    var wishes: [Wish] = []
    for i in instructorOrder where rng.chance(shares.instructorShare) {
      let options = candidates(near: organizationsInRegion[instructors[i].regionIndex], all: organizationOrder, rng: &rng)
        .filter { eligible(i, $0) }
        .map { (o: $0, score: fit(i, $0) + rng.unit() * 25) }
        .sorted { ($0.score, organizations[$1.o].organization.id) > ($1.score, organizations[$0.o].organization.id) }
      let count = 1 + rng.int(below: shares.maxPerSide)
      for (rank, option) in options.prefix(count).enumerated() {
        wishes.append(.instructorWants(instructors[i].instructor.id, organizations[option.o].organization.id, rank: rank + 1))
      }
    }
    for o in organizationOrder where rng.chance(shares.organizationShare) {
      let options = candidates(near: instructorsInRegion[organizations[o].regionIndex], all: instructorOrder, rng: &rng)
        .filter { eligible($0, o) }
        .map { (i: $0, score: fit($0, o) + rng.unit() * 25) }
        .sorted { ($0.score, instructors[$1.i].instructor.id) > ($1.score, instructors[$0.i].instructor.id) }
      let count = 1 + rng.int(below: shares.maxPerSide)
      for (rank, option) in options.prefix(count).enumerated() {
        wishes.append(.organizationWants(organizations[o].organization.id, instructors[option.i].instructor.id, rank: rank + 1))
      }
    }
    return wishes
  }
}

/// Zero-padded decimal, so ids sort in numeric order as text.
func pad(_ n: Int, _ width: Int) -> String {
  let digits = String(n)
  return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// The items in first-seen order without repeats.
func unique(_ items: [String]) -> [String] {
  var result: [String] = []
  for item in items where !result.contains(item) { result.append(item) }
  return result
}

extension String {
  /// A second enterprise of the same name becomes a branch (二分公司 …), a
  /// second association of the same name gets a number, as ledgers do.
  fileprivate func replacingLast(kind: OrganizationKind, n: Int) -> String {
    let numerals = ["", "", "二", "三", "四", "五", "六", "七", "八", "九"]
    let numeral = n < numerals.count ? numerals[n] : String(n)
    return kind == .enterprise ? self + numeral + "分公司" : self + "(" + numeral + ")"
  }
}

/// Why a scenario or change set could not be generated (never a trap).
public enum GeneratorError: Error, Sendable, Equatable, CustomStringConvertible {
  case scale(Double, allowed: ClosedRange<Double>)
  case profile([String])
  case number(NumberOverflow)
  /// More people or organizations than one scenario may have (`ScenarioGenerator.maximumPeople`).
  case tooLarge(String)

  public var description: String {
    switch self {
    case .scale(let scale, let allowed): "规模无效 scale \(scale) is outside \(allowed.lowerBound)…\(allowed.upperBound)"
    case .profile(let problems): "配置不一致 the profile is not coherent: " + problems.joined(separator: "; ")
    case .number(let error): "\(error)"
    case .tooLarge(let what): "规模过大 too large: \(what); use a smaller --scale"
    }
  }
}
