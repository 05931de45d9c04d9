// Reads `changes.csv` (what ChangeSetWriter writes) back into a ChangeSet, for
// `dispatch replan --changes`. The parsing and its located errors are
// DispatchIO's `ChangeTableReader`; this only checks ids against the scenario.
import DispatchIO
import DispatchModel
import Foundation

public struct ChangeSetReader: Sendable {
  public init() {}

  /// Reads `url` (changes.csv or a folder holding one) against `scenario`, the scenario before the changes.
  /// - Throws: `InputErrors` with file and line for unknown ids, bad values and contradictions.
  public func read(_ url: URL, for scenario: Scenario) throws(InputErrors) -> ChangeSet {
    let reader = ChangeTableReader(
      organizations: Set(scenario.organizations.map(\.id.rawValue)), instructors: Set(scenario.instructors.map(\.id.rawValue)),
      units: Set(scenario.units.map(\.id.rawValue)),
      // Without regions.csv the ledger's regions are free names, and so are a change's.
      regions: scenario.regions.isEmpty ? nil : Set(scenario.regions.map(\.id.rawValue)),
      unitIDsByName: ChangeTableReader.uniqueNames(scenario.units.map { ($0.name, $0.id.rawValue) }),
      regionIDsByName: ChangeTableReader.uniqueNames(scenario.regions.map { ($0.name, $0.id.rawValue) }))
    let records = try reader.read(url)
    return ChangeSet(
      organizationsOpened: records.opened, organizationsClosed: records.closed,
      organizationsGrown: records.grown.map { ChangeSet.SizeChange(organization: $0.organization, size: $0.size) },
      organizationsPartyOrganized: records.partyOrganized, instructorsLeft: records.left, instructorsJoined: records.joined)
  }
}
