// Tests of quarterly change sets: counts at the profile's rates, references,
// reproducibility, application to a scenario and the changes.csv layout.
import DispatchGenerator
import DispatchIO
import DispatchModel
import Foundation
import Testing

@Suite struct ChangeSetTests {
  func baseAndChanges(seed: UInt64 = 7) throws -> (ScenarioProfile, Scenario, ChangeSet) {
    let p = try profile("huangshan")
    let base = try ScenarioGenerator(profile: p, seed: 7).generate()
    return (p, base, try ChangeSetGenerator(profile: p, base: base, seed: seed).generate())
  }

  @Test func countsFollowTheRates() throws {
    let (p, _, changes) = try baseAndChanges()
    let rates = p.quarterlyChange.value
    #expect(try changes.organizationsOpened.count == ChangeSetGenerator.count(rates.opened, of: 1557))
    #expect(try changes.organizationsClosed.count == ChangeSetGenerator.count(rates.closed, of: 1557))
    #expect(try changes.organizationsGrown.count == ChangeSetGenerator.count(rates.grown, of: 1557))
    #expect(try changes.organizationsPartyOrganized.count == ChangeSetGenerator.count(rates.partyOrganized, of: 1557))
    #expect(try changes.instructorsLeft.count == ChangeSetGenerator.count(rates.instructorsLeft, of: 484))
    #expect(try changes.instructorsJoined.count == ChangeSetGenerator.count(rates.instructorsJoined, of: 484))
    // 2.5% of 1557 = 38.9 → 39; 3% of 484 = 14.5 → 15 (half away from zero).
    #expect(changes.organizationsClosed.count == 39 && changes.instructorsLeft.count == 15)
  }

  @Test func referencesResolveAndNewIdsAreNew() throws {
    let (_, base, changes) = try baseAndChanges()
    let organizations = Set(base.organizations.map(\.id)), instructors = Set(base.instructors.map(\.id))
    let keyProjects = Set(base.organizations.filter(\.keyProject).map(\.id))
    #expect(changes.organizationsClosed.allSatisfy { organizations.contains($0) && !keyProjects.contains($0) })
    #expect(changes.organizationsGrown.allSatisfy { organizations.contains($0.organization) })
    #expect(changes.organizationsPartyOrganized.allSatisfy(organizations.contains))
    #expect(changes.instructorsLeft.allSatisfy(instructors.contains))
    #expect(changes.organizationsOpened.allSatisfy { !organizations.contains($0.id) })
    #expect(changes.instructorsJoined.allSatisfy { !instructors.contains($0.id) })
    let closed = Set(changes.organizationsClosed)
    #expect(changes.organizationsGrown.allSatisfy { !closed.contains($0.organization) })
    #expect(Set(changes.organizationsOpened.map(\.id)).count == changes.organizationsOpened.count)
  }

  @Test func appliedChangesGiveTheNextQuarter() throws {
    let (_, base, changes) = try baseAndChanges()
    let next = changes.applied(to: base)
    #expect(next.organizations.count == base.organizations.count - changes.organizationsClosed.count + changes.organizationsOpened.count)
    #expect(next.instructors.count == base.instructors.count - changes.instructorsLeft.count + changes.instructorsJoined.count)
    let organized = Set(changes.organizationsPartyOrganized)
    #expect(next.organizations.filter { organized.contains($0.id) }.allSatisfy { $0.partyStatus == .organization })
    let present = Set(next.instructors.map(\.id))
    #expect(next.wishes.allSatisfy { present.contains($0.instructor) })
    #expect(next.wishes.count < base.wishes.count)
  }

  @Test func sameSeedSameChangesDifferentSeedDifferent() throws {
    let (_, _, a) = try baseAndChanges(seed: 7)
    let (_, _, b) = try baseAndChanges(seed: 7)
    let (_, _, c) = try baseAndChanges(seed: 8)
    #expect(a == b)
    #expect(ChangeSetWriter().table(for: a).data == ChangeSetWriter().table(for: b).data)
    #expect(a != c)
  }

  @Test func csvHasOneFieldChangePerRow() throws {
    let (_, _, changes) = try baseAndChanges()
    let table = ChangeSetWriter().table(for: changes)
    #expect(table.rows.first == ["action", "kind", "id", "field", "value"])
    let rows = table.rows.dropFirst()
    #expect(rows.allSatisfy { $0.count == 5 })
    #expect(rows.filter { $0[0] == "close" }.count == changes.organizationsClosed.count)
    #expect(rows.filter { $0[0] == "leave" }.count == changes.instructorsLeft.count)
    #expect(rows.filter { $0[0] == "open" && $0[3] == "name" }.count == changes.organizationsOpened.count)
    #expect(rows.filter { $0[0] == "join" && $0[3] == "capacity" }.count == changes.instructorsJoined.count)
    #expect(rows.filter { $0[0] == "update" && $0[3] == "party_status" }.count == changes.organizationsPartyOrganized.count)
    #expect(Set(rows.map { $0[0] }).isSubset(of: ["open", "close", "update", "leave", "join"]))
  }

  @Test func worksWithoutAProfile() throws {
    let base = try ScenarioGenerator(profile: try profile("fumian"), seed: 3).generate()
    let changes = try ChangeSetGenerator(base: base, seed: 1).generate()
    #expect(try changes.instructorsLeft.count == ChangeSetGenerator.count(ChangeRates.typical.instructorsLeft, of: 60))
    #expect(changes.organizationsOpened.allSatisfy { $0.roles == [.firstChairman] || $0.roles == [.firstSecretary, .firstChairman] })
  }
}
