// A quarterly change set (每季度动态调整): what happened to the ledger and the
// roster since the last plan, how to apply it to a scenario, and its CSV form.
import DispatchIO
import DispatchModel
import Foundation

/// One quarter's changes to a scenario. Every list is in id order.
public struct ChangeSet: Sendable, Hashable {
  /// An organization that moved up a size class.
  public struct SizeChange: Sendable, Hashable {
    public var organization: OrganizationID
    public var size: OrganizationSize
    public init(organization: OrganizationID, size: OrganizationSize) {
      self.organization = organization
      self.size = size
    }
  }

  /// New organizations on the ledger (they have no instructor yet).
  public var organizationsOpened: [Organization]
  /// Organizations closed or deregistered.
  public var organizationsClosed: [OrganizationID]
  public var organizationsGrown: [SizeChange]
  /// Organizations that set up their own party organization this quarter.
  public var organizationsPartyOrganized: [OrganizationID]
  public var instructorsLeft: [InstructorID]
  public var instructorsJoined: [Instructor]

  public init(organizationsOpened: [Organization] = [], organizationsClosed: [OrganizationID] = [], organizationsGrown: [SizeChange] = [],
              organizationsPartyOrganized: [OrganizationID] = [], instructorsLeft: [InstructorID] = [], instructorsJoined: [Instructor] = []) {
    self.organizationsOpened = organizationsOpened.sorted { $0.id < $1.id }
    self.organizationsClosed = organizationsClosed.sorted()
    self.organizationsGrown = organizationsGrown.sorted { $0.organization < $1.organization }
    self.organizationsPartyOrganized = organizationsPartyOrganized.sorted()
    self.instructorsLeft = instructorsLeft.sorted()
    self.instructorsJoined = instructorsJoined.sorted { $0.id < $1.id }
  }

  public var isEmpty: Bool {
    organizationsOpened.isEmpty && organizationsClosed.isEmpty && organizationsGrown.isEmpty
      && organizationsPartyOrganized.isEmpty && instructorsLeft.isEmpty && instructorsJoined.isEmpty
  }

  /// The scenario after this quarter: closed organizations and departed
  /// instructors are gone, with every wish, override and given score that named
  /// them, and no organization keeps a departed instructor as its current one.
  public func applied(to scenario: Scenario) -> Scenario {
    var result = scenario
    let closed = Set(organizationsClosed)      // lookups only
    let left = Set(instructorsLeft)
    let grown = Dictionary(organizationsGrown.map { ($0.organization, $0.size) }, uniquingKeysWith: { a, _ in a })
    let organized = Set(organizationsPartyOrganized)
    var organizations = scenario.organizations.filter { !closed.contains($0.id) }
    for i in organizations.indices {
      if let size = grown[organizations[i].id] { organizations[i].size = size }
      if organized.contains(organizations[i].id) { organizations[i].partyStatus = .organization }
      if let current = organizations[i].currentInstructor, left.contains(current) { organizations[i].currentInstructor = nil }
    }
    let instructors = scenario.instructors.filter { !left.contains($0.id) } + instructorsJoined
    result = Scenario(
      instructors: instructors, organizations: organizations + organizationsOpened, units: scenario.units, regions: scenario.regions,
      wishes: scenario.wishes.filter { !closed.contains($0.organization) && !left.contains($0.instructor) },
      givenScores: scenario.givenScores.filter { !closed.contains($0.organization) && !left.contains($0.instructor) },
      overrides: scenario.overrides.filter { !closed.contains($0.organization) && !left.contains($0.instructor) },
      settings: scenario.settings)
    return result
  }
}

/// Writes a change set as `changes.csv`, one change of one field per row:
///
///     action,kind,id,field,value
///     open,organization,O1558,name,黄山市徽润茶业有限公司   ← one row per field of a new organization
///     close,organization,O0042,,                            ← field and value empty
///     update,organization,O0107,size,medium                 ← grew one size class
///     update,organization,O0311,party_status,organization   ← set up its own party organization
///     leave,instructor,I0017,,
///     join,instructor,I0485,name,王芳                        ← one row per field of a new instructor
///
/// Fields use the column keys of organizations.csv and instructors.csv; lists
/// are joined with `;`; empty optional fields are left out. Rows come in the
/// order open, close, update (size, then party status), leave, join, each by id.
/// UTF-8 with BOM and CRLF, like every CSV the package writes.
public struct ChangeSetWriter: Sendable {
  public static let fileName = "changes.csv"
  public static let header = ["action", "kind", "id", "field", "value"]

  public init() {}

  public func table(for changes: ChangeSet) -> CSVWriter {
    var table = CSVWriter(header: Self.header)
    for o in changes.organizationsOpened {
      let fields: [(String, String)] = [
        ("name", o.name), ("region", o.region.rawValue), ("industry", o.industry), ("kind", o.kind?.rawValue ?? ""),
        ("size", o.size?.rawValue ?? ""), ("party_status", o.partyStatus?.rawValue ?? ""), ("needs", o.needs.joined(separator: ";")),
        ("workload_days", o.workloadDays.map(String.init) ?? ""), ("key_project", o.keyProject ? "yes" : "no"),
        ("roles", o.roles.map(\.rawValue).joined(separator: ";")),
      ]
      for (field, value) in fields where !value.isEmpty { table.addRow(["open", "organization", o.id.rawValue, field, value]) }
    }
    for id in changes.organizationsClosed { table.addRow(["close", "organization", id.rawValue, "", ""]) }
    for change in changes.organizationsGrown {
      table.addRow(["update", "organization", change.organization.rawValue, "size", change.size.rawValue])
    }
    for id in changes.organizationsPartyOrganized {
      table.addRow(["update", "organization", id.rawValue, "party_status", PartyStatus.organization.rawValue])
    }
    for id in changes.instructorsLeft { table.addRow(["leave", "instructor", id.rawValue, "", ""]) }
    for i in changes.instructorsJoined {
      let fields: [(String, String)] = [
        ("name", i.name), ("unit", i.unit.rawValue), ("region", i.region.rawValue), ("capacity", String(i.capacity)),
        ("skills", i.skills.joined(separator: ";")), ("station", i.station ?? ""), ("roles", i.roles.map(\.rawValue).joined(separator: ";")),
        ("days_per_month", i.daysPerMonth.map(String.init) ?? ""), ("kind", i.kind?.rawValue ?? ""),
      ]
      for (field, value) in fields where !value.isEmpty { table.addRow(["join", "instructor", i.id.rawValue, field, value]) }
    }
    return table
  }

  /// Creates `folder` (which must not exist) and writes `changes.csv` into it.
  public func write(_ changes: ChangeSet, to folder: URL) throws(OutputError) {
    let table = table(for: changes)
    _ = try OutputFolder.build(.exactly(folder)) { output throws(OutputError) in try output.write(table, named: Self.fileName) }
  }
}
