// Tests of the calibration profiles and the scenario generator: counts as the
// profiles say, reproducibility, scaling, feasibility and resolvable references.
import CheckedNumbers
import DispatchGenerator
import DispatchIO
import DispatchModel
import Foundation
import Testing

/// The package's `seeds/` folder, found from this file's location.
let seedsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("seeds", isDirectory: true)

let profileNames = ["baode", "county-one-to-one", "fumian", "huangshan", "yanan"]

func profile(_ name: String) throws -> ScenarioProfile { try ProfileLibrary.load(name, from: seedsFolder) }

/// The written form of a scenario, file by file, for byte comparisons.
func writtenBytes(_ scenario: Scenario) throws -> [String: Data] {
  var files: [String: Data] = [:]
  for (name, table) in try ScenarioWriter().tables(for: scenario) { files[name] = table.data }
  return files
}

func sameScenario(_ a: Scenario, _ b: Scenario) -> Bool {
  a.instructors == b.instructors && a.organizations == b.organizations && a.units == b.units && a.regions == b.regions
    && a.wishes == b.wishes && a.settings == b.settings
}

@Suite struct ProfileTests {
  @Test func everyPlaceHasACoherentProfile() throws {
    #expect(ProfileLibrary.names(in: seedsFolder) == profileNames)
    for name in profileNames {
      let p = try profile(name)
      #expect(p.name == name)
      #expect(ProfileLibrary.problems(in: p).isEmpty)
      #expect(p.source.range(of: #"^00[0-4]_[0-9a-f]{16}\.txt$"#, options: .regularExpression) != nil)
    }
  }

  @Test func documentFiguresAreTheIssueTargets() throws {
    let huangshan = try profile("huangshan")
    #expect(huangshan.instructorsTotal.value == 484 && huangshan.organizationsTotal.value == 1557)
    #expect(huangshan.stations.value == 25 && huangshan.keyProjects.value == 10)
    let yanan = try profile("yanan")
    #expect(yanan.organizationsTotal.value == 5333)
    #expect(yanan.organizationGroups.filter { $0.kind == .enterprise }.reduce(0) { $0 + $1.count.value } == 4456)
    #expect(yanan.organizationGroups.filter { $0.kind == .social }.reduce(0) { $0 + $1.count.value } == 877)
    #expect(yanan.instructorGroups.map(\.count.value) == [1104, 332])
    let county = try profile("county-one-to-one")
    #expect(county.instructorsTotal.value == 329 && county.organizationsTotal.value == 329)
    #expect(try profile("baode").minimumDaysPerMonth?.value == 5)
    let fumian = try profile("fumian")
    #expect(fumian.instructorsTotal.value == 60)
    #expect(fumian.instructorGroups.filter { $0.roles.contains(.firstSecretary) }.reduce(0) { $0 + $1.count.value } == 20)
  }

  @Test func theSeedsFolderIsFoundFromInsideThePackage() {
    let inside = seedsFolder.deletingLastPathComponent().appendingPathComponent("Sources/DispatchGenerator")
    #expect(ProfileLibrary.findSeedsFolder(from: inside)?.standardizedFileURL.path == seedsFolder.standardizedFileURL.path)
    #expect(ProfileLibrary.findSeedsFolder(from: URL(fileURLWithPath: "/")) == nil)
  }

  @Test func anIncoherentProfileIsRefused() throws {
    var p = try profile("huangshan")
    p.organizationGroups[0].count.value += 1
    p.remoteShare.value = 1.5
    p.capacitySlack = Figure(0.1, basis: .assumption, note: " ")
    #expect(ProfileLibrary.problems(in: p).count == 3)
    #expect(throws: ProfileError.self) { try ProfileLibrary.load("nowhere", from: seedsFolder) }
  }
}

@Suite struct ScenarioGeneratorTests {
  @Test(arguments: profileNames) func countsEqualTheProfile(_ name: String) throws {
    let p = try profile(name)
    let scenario = try ScenarioGenerator(profile: p, seed: 7).generate()
    #expect(scenario.instructors.count == p.instructorsTotal.value)
    #expect(scenario.organizations.count == p.organizationsTotal.value)
    for group in p.organizationGroups {
      let expected = p.organizationGroups.filter { $0.kind == group.kind && $0.partyStatus == group.partyStatus }.reduce(0) { $0 + $1.count.value }
      #expect(scenario.organizations.filter { $0.kind == group.kind && $0.partyStatus == group.partyStatus }.count == expected)
    }
    #expect(scenario.organizations.filter(\.keyProject).count == p.keyProjects.value)
    for role in [DispatchRole.firstSecretary, .firstChairman] {
      let slots = p.organizationGroups.filter { $0.roles.contains(role) }.reduce(0) { $0 + $1.count.value }
      let holders = p.instructorGroups.filter { $0.roles.contains(role) }.reduce(0) { $0 + $1.count.value }
      #expect(scenario.organizations.filter { $0.roles.contains(role) }.count == slots)
      #expect(scenario.instructors.filter { $0.roles.contains(role) }.count == holders)
    }
    let regionCount = p.districts.value.reduce(0) { $0 + $1.townships + $1.parks.count }
    #expect(scenario.regions.count == regionCount)
  }

  @Test func fumianHasItsRolesAndBaodeItsDays() throws {
    let fumian = try ScenarioGenerator(profile: try profile("fumian"), seed: 7).generate()
    #expect(fumian.organizations.filter { $0.slots == [.firstSecretary, .firstChairman] }.count == 20)
    #expect(fumian.instructors.filter { $0.mayHold(.firstSecretary) && $0.mayHold(.firstChairman) }.count == 20)
    #expect(fumian.settings.rules.allowDualRole)

    let baode = try ScenarioGenerator(profile: try profile("baode"), seed: 7).generate()
    #expect(baode.settings.rules.capacityInDays)
    #expect(baode.organizations.allSatisfy { ($0.workloadDays ?? 0) >= 5 })
    #expect(baode.instructors.allSatisfy { ($0.daysPerMonth ?? 0) >= 5 && $0.daysPerMonth! % 5 == 0 })
  }

  @Test(arguments: profileNames) func sameSeedGivesTheSameScenarioAndBytes(_ name: String) throws {
    let p = try profile(name)
    let first = try ScenarioGenerator(profile: p, seed: 42).generate()
    let second = try ScenarioGenerator(profile: p, seed: 42).generate()
    #expect(sameScenario(first, second))
    let firstBytes = try writtenBytes(first), secondBytes = try writtenBytes(second)
    #expect(firstBytes == secondBytes)
  }

  @Test func writtenFoldersAreByteIdentical() throws {
    let p = try profile("huangshan")
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("gen-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    for run in ["a", "b"] {
      try ScenarioWriter().write(try ScenarioGenerator(profile: p, seed: 7).generate(), to: base.appendingPathComponent(run))
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: base.appendingPathComponent("a").path).sorted()
    #expect(files.contains("instructors.csv") && files.contains("wishes.csv") && files.contains("regions.csv"))
    for file in files {
      let a = try Data(contentsOf: base.appendingPathComponent("a").appendingPathComponent(file))
      let b = try Data(contentsOf: base.appendingPathComponent("b").appendingPathComponent(file))
      #expect(a == b, "\(file) differs between two runs with the same seed")
    }
  }

  @Test(arguments: profileNames) func differentSeedsDiffer(_ name: String) throws {
    let p = try profile(name)
    let a = try ScenarioGenerator(profile: p, seed: 1).generate()
    let b = try ScenarioGenerator(profile: p, seed: 2).generate()
    #expect(a.instructors.map(\.name) != b.instructors.map(\.name))
    #expect(a.organizations.map(\.name) != b.organizations.map(\.name))
  }

  @Test(arguments: [0.1, 0.5, 2.0]) func scaleMultipliesCounts(_ scale: Double) throws {
    let p = try profile("huangshan")
    let scenario = try ScenarioGenerator(profile: p, seed: 7, scale: scale).generate()
    let expectedOrganizations = try p.organizationGroups.reduce(0) { $0 + (try ScaleRule.scaled($1.count.value, by: scale)) }
    #expect(scenario.organizations.count == expectedOrganizations)
    #expect(try scenario.instructors.count == ScaleRule.scaled(484, by: scale))
    #expect(try scenario.organizations.filter(\.keyProject).count == ScaleRule.scaled(10, by: scale))
    #expect(abs(Double(scenario.organizations.count) - 1557 * scale) <= Double(p.organizationGroups.count))
    #expect(try ScaleRule.scaled(3, by: 0.5) == 2 && ScaleRule.scaled(1, by: 0.01) == 1 && ScaleRule.scaled(0, by: 3) == 0)
  }

  @Test(arguments: profileNames) func scenariosAreFeasible(_ name: String) throws {
    let scenario = try ScenarioGenerator(profile: try profile(name), seed: 7).generate()
    let slots = scenario.organizations.reduce(0) { $0 + $1.slots.count }
    let capacity = scenario.instructors.reduce(0) { $0 + $1.capacity }
    #expect(capacity >= slots && capacity >= scenario.organizations.count)
    if scenario.settings.rules.keyProjectExclusive {
      // Key projects take a whole instructor each: the others must still hold the rest.
      let keys = scenario.organizations.filter(\.keyProject).count
      let others = scenario.instructors.map(\.capacity).sorted().dropLast(keys).reduce(0, +)
      #expect(others >= slots - keys)
    }
    if scenario.settings.rules.capacityInDays {
      let needed = scenario.organizations.reduce(0) { $0 + ($1.workloadDays ?? scenario.settings.defaultWorkloadDays) * $1.slots.count }
      #expect(scenario.instructors.reduce(0) { $0 + ($1.daysPerMonth ?? 0) } >= needed)
    }
    for role in [DispatchRole.firstSecretary, .firstChairman] {
      let needed = scenario.organizations.filter { $0.slots.contains(role) }.count
      #expect(scenario.instructors.filter { $0.mayHold(role) }.reduce(0) { $0 + $1.capacity } >= needed)
    }
    if scenario.settings.rules.mix {
      // Every regular instructor can get one organization with a party organization.
      let keys = scenario.organizations.filter(\.keyProject).count
      #expect(scenario.organizations.filter { $0.partyStatus == .organization && !$0.keyProject }.count >= scenario.instructors.count - keys)
    }
  }

  @Test(arguments: profileNames) func everyReferenceResolves(_ name: String) throws {
    let scenario = try ScenarioGenerator(profile: try profile(name), seed: 7).generate()
    let units = Set(scenario.units.map(\.id)), regions = Set(scenario.regions.map(\.id))
    let instructors = Set(scenario.instructors.map(\.id)), organizations = Set(scenario.organizations.map(\.id))
    #expect(units.count == scenario.units.count && regions.count == scenario.regions.count)
    #expect(instructors.count == scenario.instructors.count && organizations.count == scenario.organizations.count)
    #expect(scenario.instructors.allSatisfy { units.contains($0.unit) && regions.contains($0.region) })
    #expect(scenario.organizations.allSatisfy { regions.contains($0.region) })
    #expect(scenario.regions.allSatisfy { $0.neighbours.allSatisfy(regions.contains) && !$0.neighbours.contains($0.id) })
    #expect(scenario.wishes.allSatisfy { instructors.contains($0.instructor) && organizations.contains($0.organization) })
    let regionStations = Set(scenario.regions.compactMap(\.station))
    #expect(scenario.instructors.compactMap(\.station).allSatisfy { regionStations.contains($0) || $0.contains("行业") })
  }

  @Test func huangshanLooksLikeThePlace() throws {
    let scenario = try ScenarioGenerator(profile: try profile("huangshan"), seed: 7).generate()
    #expect(scenario.regions.contains { $0.remote })
    #expect(scenario.regions.contains { $0.name.hasSuffix("园区") || $0.name.contains("开发区") })
    let stations = Set(scenario.regions.compactMap(\.station) + scenario.instructors.compactMap(\.station))
    #expect(stations.count == 25)
    let inStation = Double(scenario.instructors.filter { $0.station != nil }.count) / Double(scenario.instructors.count)
    #expect(inStation > 0.65 && inStation < 0.8)
    // Many know party work, few business management (the report's complaint).
    let partyAffairs = scenario.instructors.filter { $0.skills.contains("党务") }.count
    let management = scenario.instructors.filter { $0.skills.contains("经营管理") }.count
    #expect(partyAffairs > 3 * management)
    #expect(Set(scenario.units.flatMap(\.functions)).isSuperset(of: ["工商", "税务", "环保", "经贸", "招商", "发改", "市场监管", "民政"]))
    #expect(scenario.organizations.filter { $0.kind == .social }.count == 311)
  }

  @Test func wishesArePartialAndFavourFit() throws {
    let scenario = try ScenarioGenerator(profile: try profile("huangshan"), seed: 7).generate()
    let wishers = Set(scenario.wishes.compactMap { wish -> InstructorID? in
      if case .instructorWants(let i, _, _) = wish { return i } else { return nil }
    })
    #expect(wishers.count > 200 && wishers.count < scenario.instructors.count)
    let regionOf = Dictionary(uniqueKeysWithValues: scenario.organizations.map { ($0.id, $0.region) })
    let homeOf = Dictionary(uniqueKeysWithValues: scenario.instructors.map { ($0.id, $0.region) })
    let instructorWishes = scenario.wishes.filter { wish in
      if case .instructorWants = wish { return true } else { return false }
    }
    let local = instructorWishes.filter { regionOf[$0.organization] == homeOf[$0.instructor] }.count
    // A random pair shares a region about 1 time in 50; wishes should be far more local.
    #expect(Double(local) / Double(instructorWishes.count) > 0.3)
    #expect(instructorWishes.allSatisfy { (1 ... 3).contains($0.rank) })
  }
}

/// Issue 13: every Double → Int conversion of the generator is checked; a scale, a profile figure
/// or a count out of range is a typed error through the API, never a trap.
@Suite struct GeneratorNumberTests {
  @Test func aScaleOutOfRangeIsATypedError() throws {
    let p = try profile("fumian")
    for scale in [Double.infinity, -.infinity, .nan, 0, -1, 1e300] {
      let error = #expect(throws: GeneratorError.self, "\(scale)") { try ScenarioGenerator(profile: p, seed: 1, scale: scale).generate() }
      guard case .scale = error else { Issue.record("\(scale): \(String(describing: error))"); continue }
    }
  }

  @Test func profileFiguresThatAreNotNumbersAreRefused() throws {
    var p = try profile("fumian")
    p.capacitySlack.value = .nan
    #expect(throws: GeneratorError.self) { try ScenarioGenerator(profile: p, seed: 1).generate() }
    p = try profile("fumian")
    p.capacitySlack.value = 1e300
    #expect(!ProfileLibrary.problems(in: p).isEmpty)
    p = try profile("fumian")
    p.enterpriseIndustries.value = p.enterpriseIndustries.value.map { WeightedName(name: $0.name, weight: 0) }
    #expect(ProfileLibrary.problems(in: p).contains { $0.contains("enterpriseIndustries") })
    p = try profile("fumian")
    p.instructorGroups[0].count.value = Int.max
    #expect(ProfileLibrary.problems(in: p).contains { $0.contains("does not fit") })
  }

  @Test func aCountThatOverflowsAtScaleIsATypedError() throws {
    var p = try profile("fumian")
    let extra = Int.max / 2 - p.instructorsTotal.value
    p.instructorGroups[0].count.value += extra
    p.instructorsTotal.value += extra
    #expect(ProfileLibrary.problems(in: p).isEmpty)
    #expect(throws: GeneratorError.self) { try ScenarioGenerator(profile: p, seed: 1, scale: 1000).generate() }
  }

  /// yanan × 1,000 would be 5.3 million organizations (hours, out of memory); a profile with a
  /// billion townships would never finish. Both are refused before anything is generated.
  @Test func scenariosThatWouldRunAwayAreRefused() throws {
    let error = #expect(throws: GeneratorError.self) { try ScenarioGenerator(profile: try profile("yanan"), seed: 1, scale: 1_000).generate() }
    guard case .tooLarge = error else { Issue.record("\(String(describing: error))"); return }
    var p = try profile("fumian")
    p.districts.value[0].townships = 1_000_000_000
    #expect(throws: GeneratorError.self) { try ScenarioGenerator(profile: p, seed: 1).generate() }
  }

  @Test func changeRatesOutOfRangeAreATypedError() throws {
    let base = try ScenarioGenerator(profile: try profile("fumian"), seed: 3).generate()
    var rates = ChangeRates.typical
    rates.opened = 1e300
    #expect(throws: GeneratorError.self) { try ChangeSetGenerator(base: base, rates: rates, seed: 1).generate() }
    rates = .typical
    rates.closed = .nan
    #expect(throws: GeneratorError.self) { try ChangeSetGenerator(base: base, rates: rates, seed: 1).generate() }
    #expect(throws: NumberOverflow.self) { try ChangeSetGenerator.count(.infinity, of: 3) }
  }
}
