import DispatchModel
import Foundation

/// Writes a scenario as a format-v1 folder with English headers, so that
/// `ScenarioReader().read(folder:)` gives the same scenario back.
///
/// settings.csv holds only the settings that differ from their defaults, and the
/// optional files (regions, wishes, scores, overrides, settings) are left out when
/// they would have no rows. Lists are joined with `;`.
public struct ScenarioWriter: Sendable {
  public init() {}

  /// Creates `folder` (which must not exist) and writes the scenario's files into it.
  public func write(_ scenario: Scenario, to folder: URL) throws(OutputError) {
    let tables = try tables(for: scenario)
    _ = try OutputFolder.build(.exactly(folder)) { output throws(OutputError) in
      for (name, table) in tables { try output.write(table, named: name) }
    }
  }

  /// The files `write` would write, in file-name order.
  public func tables(for scenario: Scenario) throws(OutputError) -> [(name: String, table: CSVWriter)] {
    var result: [(name: String, table: CSVWriter)] = []

    let instructorExtras = [LedgerField].headers(of: scenario.instructors.map(\.extraFields))
    var instructors = CSVWriter(header: Self.header(ScenarioFormat.instructors) + instructorExtras)
    for i in scenario.instructors {
      instructors.addRow([
        i.id.rawValue, i.name, i.unit.rawValue, i.region.rawValue, String(i.capacity),
        try list(i.skills, file: ScenarioFormat.instructors), i.station ?? "",
        try list(i.roles.map(\.rawValue), file: ScenarioFormat.instructors),
        i.daysPerMonth.map(String.init) ?? "", i.kind?.rawValue ?? "",
      ] + i.extraFields.values(instructorExtras).map { $0 ?? "" })
    }
    result.append((ScenarioFormat.instructors.name, instructors))

    let organizationExtras = [LedgerField].headers(of: scenario.organizations.map(\.extraFields))
    var organizations = CSVWriter(header: Self.header(ScenarioFormat.organizations) + organizationExtras)
    for o in scenario.organizations {
      organizations.addRow([
        o.id.rawValue, o.name, o.region.rawValue, o.industry, o.kind?.rawValue ?? "", o.size?.rawValue ?? "",
        o.partyStatus?.rawValue ?? "", try list(o.needs, file: ScenarioFormat.organizations),
        o.workloadDays.map(String.init) ?? "", o.keyProject ? "yes" : "no",
        try list(o.roles.map(\.rawValue), file: ScenarioFormat.organizations), o.currentInstructor?.rawValue ?? "",
      ] + o.extraFields.values(organizationExtras).map { $0 ?? "" })
    }
    result.append((ScenarioFormat.organizations.name, organizations))

    if !scenario.overrides.isEmpty {
      var overrides = CSVWriter(header: Self.header(ScenarioFormat.overrides))
      for o in scenario.overrides {
        overrides.addRow([o.organization.rawValue, o.instructor.rawValue, o.action.rawValue])
      }
      result.append((ScenarioFormat.overrides.name, overrides))
    }

    if !scenario.regions.isEmpty {
      // Latitude and longitude only when some region has them (older folders stay byte-identical).
      let located = scenario.regions.contains { $0.location != nil }
      let header = Self.header(ScenarioFormat.regions).filter { located || ($0 != "latitude" && $0 != "longitude") }
      var regions = CSVWriter(header: header)
      for r in scenario.regions {
        var row = [
          r.id.rawValue, r.name, r.grid ?? "", r.station ?? "", r.remote ? "yes" : "no",
          try list(r.neighbours.map(\.rawValue), file: ScenarioFormat.regions),
        ]
        if located { row += [r.location.map { Self.degrees($0.latitude) } ?? "", r.location.map { Self.degrees($0.longitude) } ?? ""] }
        regions.addRow(row)
      }
      result.append((ScenarioFormat.regions.name, regions))
    }

    if !scenario.givenScores.isEmpty {
      var scores = CSVWriter(header: Self.header(ScenarioFormat.scores))
      for s in scenario.givenScores {
        scores.addRow([s.organization.rawValue, s.instructor.rawValue, String(s.score)])
      }
      result.append((ScenarioFormat.scores.name, scores))
    }

    let settingRows = Self.settingRows(scenario.settings)
    if !settingRows.isEmpty {
      var settings = CSVWriter(header: Self.header(ScenarioFormat.settings))
      for row in settingRows { settings.addRow(row) }
      result.append((ScenarioFormat.settings.name, settings))
    }

    var units = CSVWriter(header: Self.header(ScenarioFormat.units))
    for u in scenario.units {
      units.addRow([u.id.rawValue, u.name, try list(u.functions, file: ScenarioFormat.units)])
    }
    result.append((ScenarioFormat.units.name, units))

    if !scenario.wishes.isEmpty {
      var wishes = CSVWriter(header: Self.header(ScenarioFormat.wishes))
      for w in scenario.wishes {
        switch w {
        case .instructorWants(let i, let o, let rank): wishes.addRow([i.rawValue, o.rawValue, String(rank)])
        case .organizationWants(let o, let i, let rank): wishes.addRow([o.rawValue, i.rawValue, String(rank)])
        }
      }
      result.append((ScenarioFormat.wishes.name, wishes))
    }
    return result
  }

  static func header(_ file: FileSpec) -> [String] { file.columns.map(\.key) }

  /// Degrees with six decimals (about 0.1 m), trailing zeros dropped: "118.3", "29.712345".
  static func degrees(_ value: Double) -> String {
    var text = String(format: "%.6f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// `key,value` rows for every setting that differs from `ScenarioSettings()`.
  static func settingRows(_ settings: ScenarioSettings) -> [[String]] {
    let defaults = ScenarioSettings()
    var rows: [[String]] = []
    for spec in ScenarioFormat.settingSpecs {
      switch spec.target {
      case .count(let path, _):
        if settings[keyPath: path] != defaults[keyPath: path] { rows.append([spec.key, String(settings[keyPath: path])]) }
      case .optionalCount(let path, _):
        if settings[keyPath: path] != defaults[keyPath: path] {
          rows.append([spec.key, settings[keyPath: path].map(String.init) ?? ScenarioFormat.unsetWords[0]])
        }
      case .flag(let path):
        if settings[keyPath: path] != defaults[keyPath: path] { rows.append([spec.key, settings[keyPath: path] ? "yes" : "no"]) }
      case .text(let path):
        if let text = settings[keyPath: path], text != defaults[keyPath: path] { rows.append([spec.key, text]) }
      case .reach:
        if settings.reach != defaults.reach { rows.append([spec.key, settings.reach.rawValue]) }
      }
    }
    return rows
  }

  /// Joins list items with `;`; an item that holds a list separator cannot be written.
  private func list(_ items: [String], file: FileSpec) throws(OutputError) -> String {
    for item in items where item.contains(where: { ValueParser.listSeparators.contains($0) }) || item.isEmpty {
      throw .unrepresentable(file: file.name, value: item, reason: "list item is empty or contains a list separator (; ； 、 ， ,)")
    }
    return items.joined(separator: ";")
  }
}
