import DispatchModel
import Foundation
import GRDB
import Testing
@testable import WorkbenchStore

@Suite struct WorkbenchStoreTests {
  func freshStore() throws -> WorkbenchStore {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wbstore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try WorkbenchStore(path: folder.appendingPathComponent("w.sqlite").path)
  }

  func version(_ name: String, kind: PlanKind = .plan) -> NewVersion {
    .init(folder: "plans/\(name)", kind: kind, inputSHA256: "abc", objective: 10, assigned: 3, slots: 3, optimal: true, status: .optimal, moves: nil)
  }

  let lock = ScenarioEdit(kind: .lock, organization: OrganizationID("O1"), instructor: InstructorID("I2"))

  /// Plan, then an accepted edit: two steps; undo returns to the plan, redo to the edit.
  @Test func undoRedoWalkTheHistory() throws {
    let store = try freshStore()
    let plan = try store.createJob(scenario: "s", kind: .plan, edit: nil, author: "a")
    let planned = try store.finishJob(plan, version: version("s-1"))
    #expect(planned.status == .accepted)
    let edit = try store.createJob(scenario: "s", kind: .edit, edit: lock, author: "a")
    try store.proposalReady(jobID: edit.id)
    #expect(try store.job(edit.id)?.status == .ready)
    #expect(try store.job(edit.id)?.planVersion == nil)  // nothing recorded before acceptance
    let v = try store.state(of: "s").version
    try store.accept(jobID: edit.id, expectedVersion: v, author: "b", version: version("s-2", kind: .replan))
    #expect(try store.currentVersion("s")?.version.kind == .replan)
    #expect(try store.edits("s", at: try store.state(of: "s").cursor) == [lock])
    try store.undo("s", expectedVersion: try store.state(of: "s").version, author: "b")
    #expect(try store.currentVersion("s")?.version.folder == "plans/s-1")
    #expect(try store.edits("s", at: try store.state(of: "s").cursor).isEmpty)
    try store.redo("s", expectedVersion: try store.state(of: "s").version, author: "b")
    #expect(try store.currentVersion("s")?.version.folder == "plans/s-2")
    #expect(try store.acceptedEditCount("s") == 1)
  }

  /// A change made against an old version is refused and names what the other writer did.
  @Test func staleWriterIsToldTheOthersChange() throws {
    let store = try freshStore()
    _ = try store.finishJob(try store.createJob(scenario: "s", kind: .plan, edit: nil, author: "a"), version: version("s-1"))
    let first = try store.createJob(scenario: "s", kind: .edit, edit: lock, author: "a")
    let second = try store.createJob(scenario: "s", kind: .edit, edit: ScenarioEdit(kind: .absent, instructor: InstructorID("I9")), author: "b")
    try store.proposalReady(jobID: first.id)
    try store.proposalReady(jobID: second.id)
    let v = try store.state(of: "s").version
    try store.accept(jobID: first.id, expectedVersion: v, author: "a", version: version("s-2", kind: .replan))
    #expect {
      try store.accept(jobID: second.id, expectedVersion: v, author: "b", version: version("s-3", kind: .replan))
    } throws: { error in
      guard case .conflict(let c) = error as? StoreError else { return false }
      return c.since.map(\.detail) == [lock.summary]
    }
    #expect(try store.acceptedEditCount("s") == 1)
  }

  /// A publication row can never be changed or removed.
  @Test func publicationsAreFrozen() throws {
    let store = try freshStore()
    _ = try store.finishJob(try store.createJob(scenario: "s", kind: .plan, edit: nil, author: "a"), version: version("s-1"))
    let p = try store.publish("s", expectedVersion: try store.state(of: "s").version, author: "王", files: "plan.csv 00")
    #expect(throws: (any Error).self) {
      try store.queue.write { db in try db.execute(sql: "UPDATE publication SET published_by = 'x' WHERE id = ?", arguments: [p.id]) }
    }
    #expect(try store.publication(p.id)?.publishedBy == "王")
  }

  /// A job left running (or a proposal waiting) by a killed server is marked interrupted at the next start.
  @Test func runningJobsAreInterruptedOnRestart() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wbstore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("w.sqlite").path
    let first = try WorkbenchStore(path: path)
    let job = try first.createJob(scenario: "s", kind: .plan, edit: nil, author: "a")
    let proposal = try first.createJob(scenario: "s", kind: .edit, edit: lock, author: "a")
    try first.proposalReady(jobID: proposal.id)
    let restarted = try WorkbenchStore(path: path)
    #expect(try restarted.job(job.id)?.status == .interrupted)
    // A proposal lived in the server's memory only: it cannot be accepted after a restart.
    #expect(try restarted.job(proposal.id)?.status == .interrupted)
  }

  /// Edits apply in order; a later edit of the same pair wins; absent removes the instructor.
  @Test func editsApplyInOrder() {
    let scenario = Scenario(
      instructors: [Instructor(id: InstructorID("I1"), name: "甲", unit: UnitID("U"), region: RegionID("R"), capacity: 2),
                    Instructor(id: InstructorID("I2"), name: "乙", unit: UnitID("U"), region: RegionID("R"), capacity: 2)],
      organizations: [Organization(id: OrganizationID("O1"), name: "一", region: RegionID("R"), industry: "x", currentInstructor: InstructorID("I1"))],
      units: [SendingUnit(id: UnitID("U"), name: "单位")])
    let edits = [lock, ScenarioEdit(kind: .forbid, organization: OrganizationID("O1"), instructor: InstructorID("I2")),
                 ScenarioEdit(kind: .capacity, instructor: InstructorID("I2"), capacity: 5), ScenarioEdit(kind: .absent, instructor: InstructorID("I1"))]
    let result = ScenarioEdit.apply(edits, to: scenario)
    #expect(result.overrides == [PairOverride(organization: OrganizationID("O1"), instructor: InstructorID("I2"), action: .forbid)])
    #expect(result.instructors.map(\.id) == [InstructorID("I2")])
    #expect(result.instructors[0].capacity == 5)
    #expect(result.organizations[0].currentInstructor == nil)
  }
}

extension WorkbenchStoreTests {
  /// A version row keeps its kind and the planner's status as types; an unknown status word is never read as optimal.
  @Test func versionKindAndStatusAreTyped() throws {
    let store = try freshStore()
    var made = version("s-1")
    made.status = .coverageUnproven
    let job = try store.finishJob(try store.createJob(scenario: "s", kind: .plan, edit: nil, author: "a"), version: made)
    let id = try #require(job.planVersion)
    let v = try #require(try store.planVersion(id))
    #expect(v.made == made)
    #expect(v.status == .coverageUnproven && v.kind == .plan && v.author == "a")
    #expect(PlanStatus(summaryStatus: "something new") == .feasible)
  }
}
