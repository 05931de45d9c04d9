// Loads calibration profiles from a seeds folder (`seeds/<name>.json`) and
// checks that each one is coherent before anything is generated from it.
import CheckedNumbers
import DispatchModel
import Foundation

/// Why a profile could not be loaded.
public enum ProfileError: Error, Sendable, Hashable, CustomStringConvertible {
  case notFound(name: String, folder: String, available: [String])
  case unreadable(path: String, reason: String)
  case invalid(name: String, problems: [String])

  public var description: String {
    switch self {
    case .notFound(let name, let folder, let available):
      "no profile '\(name)' in \(folder) (available: \(available.joined(separator: ", ")))"
    case .unreadable(let path, let reason):
      "cannot read profile \(path): \(reason)"
    case .invalid(let name, let problems):
      "profile '\(name)' is not coherent: " + problems.joined(separator: "; ")
    }
  }
}

public enum ProfileLibrary {
  /// The profile names in `folder` (`*.json`), sorted.
  public static func names(in folder: URL) -> [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  /// The nearest `seeds/` folder holding profiles, looking in `directory` and then
  /// its parents, so `dispatch generate --profile NAME` works from anywhere in the package.
  public static func findSeedsFolder(from directory: URL) -> URL? {
    var current = directory.standardizedFileURL
    while true {
      let candidate = current.appendingPathComponent("seeds", isDirectory: true)
      if !names(in: candidate).isEmpty { return candidate }
      let parent = current.deletingLastPathComponent()
      if parent.path == current.path { return nil }
      current = parent
    }
  }

  /// Loads `<folder>/<name>.json` and checks it (see `problems(in:)`).
  public static func load(_ name: String, from folder: URL) throws(ProfileError) -> ScenarioProfile {
    let file = folder.appendingPathComponent("\(name).json")
    guard FileManager.default.fileExists(atPath: file.path) else {
      throw .notFound(name: name, folder: folder.path, available: names(in: folder))
    }
    let profile: ScenarioProfile
    do {
      profile = try JSONDecoder().decode(ScenarioProfile.self, from: Data(contentsOf: file))
    } catch {
      throw .unreadable(path: file.path, reason: String(describing: error))
    }
    let found = problems(in: profile)
    if !found.isEmpty { throw .invalid(name: name, problems: found) }
    return profile
  }

  /// Everything that would make a profile misleading or its scenario impossible.
  public static func problems(in profile: ScenarioProfile) -> [String] {
    var problems: [String] = []
    do {
      let instructorSum = try profile.instructorGroups.map(\.count.value).checkedSum("the instructor groups' counts")
      if instructorSum != profile.instructorsTotal.value {
        problems.append("instructor groups add up to \(instructorSum), total says \(profile.instructorsTotal.value)")
      }
      let organizationSum = try profile.organizationGroups.map(\.count.value).checkedSum("the organization groups' counts")
      if organizationSum != profile.organizationsTotal.value {
        problems.append("organization groups add up to \(organizationSum), total says \(profile.organizationsTotal.value)")
      }
    } catch {
      problems.append(error.description)
    }
    // Draw weights: finite, never negative, and some positive in every list drawn from.
    let s = profile.sizeShares.value
    let weightLists: [(String, [Double])] = [
      ("enterpriseIndustries", profile.enterpriseIndustries.value.map(\.weight)), ("socialIndustries", profile.socialIndustries.value.map(\.weight)),
      ("parkIndustries", profile.parkIndustries.value.map(\.weight)), ("units", profile.units.value.map(\.weight)),
      ("sizeShares", [s.aboveScale, s.medium, s.small, s.micro]),
    ] + profile.organizationGroups.compactMap { g in g.industries.map { ("\(g.label) industries", $0.map(\.weight)) } }
    for (label, weights) in weightLists {
      if weights.contains(where: { !$0.isFinite || $0 < 0 }) || (!weights.isEmpty && !(weights.reduce(0, +) > 0)) || !weights.reduce(0, +).isFinite {
        problems.append("\(label) weights must be finite, not negative, and not all zero")
      }
    }
    let rates = profile.quarterlyChange.value
    for (label, rate) in [("opened", rates.opened), ("closed", rates.closed), ("grown", rates.grown), ("partyOrganized", rates.partyOrganized),
                          ("instructorsLeft", rates.instructorsLeft), ("instructorsJoined", rates.instructorsJoined)] where !(0...1).contains(rate) {
      problems.append("quarterly rate \(label) = \(rate) is outside 0…1")
    }
    // A capacity grows by at most this share of its load (and the days with it).
    if !(0...100).contains(profile.capacitySlack.value) { problems.append("capacity slack \(profile.capacitySlack.value) is outside 0…100") }
    if profile.instructorGroups.contains(where: { $0.count.value <= 0 }) || profile.organizationGroups.contains(where: { $0.count.value <= 0 }) {
      problems.append("every group needs a positive count")
    }
    if profile.districts.value.isEmpty || profile.districts.value.contains(where: { $0.townships <= 0 }) {
      problems.append("every district needs at least one township")
    }
    // Places are not scaled: counts far beyond any real place would only make `generate` run away.
    if profile.districts.value.count > 1_000 || profile.districts.value.contains(where: { $0.townships > 10_000 || $0.parks.count > 10_000 })
      || profile.stations.value > 100_000 || profile.units.value.count > 100_000 {
      problems.append("districts ≤ 1,000 with ≤ 10,000 townships and parks each, stations and units ≤ 100,000")
    }
    if profile.units.value.isEmpty { problems.append("no sending units") }
    if profile.enterpriseIndustries.value.isEmpty || profile.socialIndustries.value.isEmpty {
      problems.append("industry mixes must not be empty")
    }
    for group in profile.organizationGroups {
      let servers = profile.instructorGroups.filter { instructors in
        (instructors.serves == nil || instructors.serves == group.kind) && group.roles.allSatisfy { $0 == .instructor || instructors.roles.contains($0) }
      }
      if servers.isEmpty { problems.append("no instructor group can serve '\(group.label)'") }
    }
    for share in [profile.remoteShare, profile.stationShare, profile.fullTimeShare] where !(0 ... 1).contains(share.value) {
      problems.append("share \(share.value) is outside 0…1")
    }
    if profile.keyProjects.value > profile.organizationsTotal.value { problems.append("more key projects than organizations") }
    if profile.stations.value < 0 || profile.capacitySlack.value < 0 { problems.append("negative stations or slack") }
    // Every figure that is not from the document must say why it was chosen.
    for (label, basis, note) in figureNotes(profile) where basis != .document && note.trimmingCharacters(in: .whitespaces).isEmpty {
      problems.append("\(label) is an unexplained \(basis.rawValue)")
    }
    return problems
  }

  /// Label, basis and note of every figure in the profile, in a fixed order.
  public static func figureNotes(_ p: ScenarioProfile) -> [(label: String, basis: FigureBasis, note: String)] {
    var notes: [(String, FigureBasis, String)] = [
      ("districts", p.districts.basis, p.districts.note),
      ("districtUnits", p.districtUnits.basis, p.districtUnits.note),
      ("remoteShare", p.remoteShare.basis, p.remoteShare.note),
      ("instructorsTotal", p.instructorsTotal.basis, p.instructorsTotal.note),
      ("organizationsTotal", p.organizationsTotal.basis, p.organizationsTotal.note),
      ("organizationsPerInstructor", p.organizationsPerInstructor.basis, p.organizationsPerInstructor.note),
      ("keyProjects", p.keyProjects.basis, p.keyProjects.note),
      ("stations", p.stations.basis, p.stations.note),
      ("stationShare", p.stationShare.basis, p.stationShare.note),
      ("fullTimeShare", p.fullTimeShare.basis, p.fullTimeShare.note),
      ("capacitySlack", p.capacitySlack.basis, p.capacitySlack.note),
      ("sizeShares", p.sizeShares.basis, p.sizeShares.note),
      ("enterpriseIndustries", p.enterpriseIndustries.basis, p.enterpriseIndustries.note),
      ("socialIndustries", p.socialIndustries.basis, p.socialIndustries.note),
      ("parkIndustries", p.parkIndustries.basis, p.parkIndustries.note),
      ("units", p.units.basis, p.units.note),
      ("skills", p.skills.basis, p.skills.note),
      ("wishes", p.wishes.basis, p.wishes.note),
      ("quarterlyChange", p.quarterlyChange.basis, p.quarterlyChange.note),
      ("rules.keyProjectExclusive", p.rules.keyProjectExclusive.basis, p.rules.keyProjectExclusive.note),
      ("rules.mix", p.rules.mix.basis, p.rules.mix.note),
      ("rules.capacityInDays", p.rules.capacityInDays.basis, p.rules.capacityInDays.note),
      ("rules.allowDualRole", p.rules.allowDualRole.basis, p.rules.allowDualRole.note),
      ("rules.requireFullCoverage", p.rules.requireFullCoverage.basis, p.rules.requireFullCoverage.note),
    ]
    if let days = p.minimumDaysPerMonth { notes.append(("minimumDaysPerMonth", days.basis, days.note)) }
    for g in p.instructorGroups { notes.append(("instructors '\(g.label)'", g.count.basis, g.count.note)) }
    for g in p.organizationGroups { notes.append(("organizations '\(g.label)'", g.count.basis, g.count.note)) }
    return notes
  }
}
