//===----------------------------------------------------------------------===//
// The workspace database (`.workbench/workbench.sqlite`): the audit trail of the
// office's workbench. Every change is one SQLite transaction, so a killed server
// loses no accepted edit and never shows a half-made version:
//   - a plan folder is written completely first, then referenced by a row;
//     a folder no row names is invisible (left over from a crash);
//   - a job running when the server died is marked interrupted at the next start.
//
// History is a tree of steps (a plan run or an accepted edit), each with the plan
// version it produced; the scenario's cursor names the current step. Undo moves the
// cursor to the parent, redo to the newest child, a new step hangs under the cursor.
// Each scenario has a version, bumped by every change, for optimistic concurrency:
// a change names the version it was made against and is refused if another landed.
//===----------------------------------------------------------------------===//
import DispatchModel
import Foundation
import GRDB

/// What a plan run or re-plan produced, as recorded before it has a row (id, author, time).
public struct NewVersion: Sendable, Hashable {
  /// The plan folder, relative to the workspace.
  public var folder: String
  public var kind: PlanKind
  public var inputSHA256: String
  public var objective: Int
  public var assigned: Int
  public var slots: Int
  public var optimal: Bool
  public var status: PlanStatus
  /// Moves against the version it was re-planned from (nil for a cold plan).
  public var moves: Int?

  public init(folder: String, kind: PlanKind, inputSHA256: String, objective: Int, assigned: Int, slots: Int, optimal: Bool,
              status: PlanStatus, moves: Int?) {
    self.folder = folder
    self.kind = kind
    self.inputSHA256 = inputSHA256
    self.objective = objective
    self.assigned = assigned
    self.slots = slots
    self.optimal = optimal
    self.status = status
    self.moves = moves
  }
}

/// How a plan version was made.
public enum PlanKind: String, Sendable, Hashable {
  /// A cold solve of the scenario.
  case plan
  /// A re-plan from the previous version after an edit (fewest moves).
  case replan
  /// The next quarter: the changes table applied, re-planned from a published version.
  case nextQuarter = "next-quarter"
}

/// A plan's status as the planner records it in summary.json (`status`): proven optimal, a
/// feasible plan not proven optimal, no plan covering every slot, or coverage not proven.
public enum PlanStatus: String, Sendable, Hashable {
  case optimal, feasible, infeasible
  case coverageUnproven = "coverage-unproven"

  /// summary.json's word; an unknown word is read as not proven optimal (never as optimal).
  public init(summaryStatus: String) { self = PlanStatus(rawValue: summaryStatus) ?? .feasible }
}

/// A recorded plan version: what was produced, with its row id, who made it and when.
@dynamicMemberLookup
public struct PlanVersion: Sendable, Hashable {
  public var id: Int64
  public var scenario: String
  public var made: NewVersion
  public var createdAt: String
  public var author: String

  public init(id: Int64, scenario: String, made: NewVersion, createdAt: String, author: String) {
    self.id = id
    self.scenario = scenario
    self.made = made
    self.createdAt = createdAt
    self.author = author
  }

  public subscript<T>(dynamicMember path: KeyPath<NewVersion, T>) -> T { made[keyPath: path] }
}

public struct HistoryStep: Sendable, Hashable {
  public var id: Int64
  public var scenario: String
  public var parent: Int64
  /// nil for a plan run.
  public var edit: ScenarioEdit?
  public var planVersion: Int64
  public var author: String
  public var createdAt: String
}

public enum JobKind: String, Sendable {
  /// A cold solve; its plan becomes the next step at once.
  case plan
  /// An adjustment re-planned from the current version; it waits for acceptance.
  case edit
  /// A new quarter's scenario re-planned from a published version; it becomes the first step at once.
  case nextQuarter = "next-quarter"
}

public enum JobStatus: String, Sendable {
  case queued, running, ready, accepted, discarded, failed, cancelled, interrupted, stale
  public var isFinished: Bool { ![.queued, .running].contains(self) }
}

public struct Job: Sendable, Hashable {
  public var id: Int64
  public var scenario: String
  public var kind: JobKind
  public var edit: ScenarioEdit?
  /// The scenario version and step the job started from.
  public var baseVersion: Int
  public var baseStep: Int64
  public var status: JobStatus
  public var planVersion: Int64?
  public var error: String?
  public var author: String
  public var createdAt: String
}

public struct Publication: Sendable, Hashable {
  public var id: Int64
  public var scenario: String
  public var planVersion: Int64
  public var inputSHA256: String
  /// "name sha256" per file, one a line.
  public var files: String
  public var publishedBy: String
  public var publishedAt: String
}

public struct AuditEvent: Sendable, Hashable {
  public var version: Int
  public var action: String
  public var detail: String
  public var author: String
  public var at: String
}

public struct ScenarioState: Sendable, Hashable {
  public var version: Int
  /// The current step (0: nothing planned yet).
  public var cursor: Int64
}

/// Another writer changed the scenario since the version the request was made against.
public struct VersionConflict: Error, Sendable {
  public var expected: Int
  public var current: Int
  /// What the others did since `expected`.
  public var since: [AuditEvent]
  public init(expected: Int, current: Int, since: [AuditEvent]) {
    self.expected = expected
    self.current = current
    self.since = since
  }
}

public enum StoreError: Error, Sendable, CustomStringConvertible {
  case database(String)
  case conflict(VersionConflict)
  case notFound(String)
  case refused(String)

  public var description: String {
    switch self {
    case .database(let detail): "数据库错误 database error: \(detail)"
    case .conflict(let c): "版本冲突 the scenario changed (version \(c.expected) → \(c.current))"
    case .notFound(let what): "找不到 not found: \(what)"
    case .refused(let why): why
    }
  }
}

public final class WorkbenchStore: Sendable {
  let queue: DatabaseQueue

  public init(path: String) throws(StoreError) {
    do {
      var config = Configuration()
      config.busyMode = .timeout(10)
      queue = try DatabaseQueue(path: path, configuration: config)
      try Self.migrator.migrate(queue)
      // Jobs that were running when the server stopped never finished: say so.
      try queue.write { db in
        try db.execute(sql: "UPDATE job SET status = 'interrupted', finished_at = ? WHERE status IN ('queued', 'running')",
                       arguments: [Self.now()])
        // A proposal waiting for acceptance lived in memory only (nothing was written for it): gone with the server.
        try db.execute(sql: "UPDATE job SET status = 'interrupted' WHERE status = 'ready' AND plan_version IS NULL")
      }
    } catch {
      throw .database("\(error)")
    }
  }

  static var migrator: DatabaseMigrator {
    var m = DatabaseMigrator()
    m.registerMigration("v1") { db in
      try db.execute(sql: """
        CREATE TABLE scenario (name TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0, cursor INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE plan_version (
          id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, folder TEXT NOT NULL, kind TEXT NOT NULL, input_sha256 TEXT NOT NULL,
          objective INTEGER NOT NULL, assigned INTEGER NOT NULL, slots INTEGER NOT NULL, optimal INTEGER NOT NULL,
          status TEXT NOT NULL, moves INTEGER, created_at TEXT NOT NULL, author TEXT NOT NULL);
        CREATE TABLE step (
          id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, parent INTEGER NOT NULL, edit_kind TEXT, organization TEXT,
          instructor TEXT, capacity INTEGER, plan_version INTEGER NOT NULL REFERENCES plan_version(id),
          author TEXT NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE job (
          id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, kind TEXT NOT NULL, edit_kind TEXT, organization TEXT,
          instructor TEXT, capacity INTEGER, base_version INTEGER NOT NULL, base_step INTEGER NOT NULL, status TEXT NOT NULL,
          plan_version INTEGER REFERENCES plan_version(id), error TEXT, author TEXT NOT NULL, created_at TEXT NOT NULL,
          finished_at TEXT);
        CREATE TABLE publication (
          id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, plan_version INTEGER NOT NULL REFERENCES plan_version(id),
          input_sha256 TEXT NOT NULL, files TEXT NOT NULL, published_by TEXT NOT NULL, published_at TEXT NOT NULL);
        CREATE TABLE event (
          id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, version INTEGER NOT NULL, action TEXT NOT NULL,
          detail TEXT NOT NULL, author TEXT NOT NULL, at TEXT NOT NULL);
        CREATE INDEX step_scenario ON step(scenario, parent);
        CREATE INDEX job_scenario ON job(scenario);
        CREATE INDEX event_scenario ON event(scenario, version);
        -- Published versions are frozen: their rows can be neither changed nor removed.
        CREATE TRIGGER publication_frozen_update BEFORE UPDATE ON publication BEGIN SELECT RAISE(ABORT, 'published'); END;
        CREATE TRIGGER publication_frozen_delete BEFORE DELETE ON publication BEGIN SELECT RAISE(ABORT, 'published'); END;
        """)
    }
    return m
  }

  static func now() -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f.string(from: Date())
  }

  func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do { return try queue.read(body) } catch let e as StoreError { throw e } catch { throw .database("\(error)") }
  }

  func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do { return try queue.write(body) } catch let e as StoreError { throw e } catch { throw .database("\(error)") }
  }

  // MARK: - Reading

  static func state(_ db: Database, _ scenario: String) throws -> ScenarioState {
    if let row = try Row.fetchOne(db, sql: "SELECT version, cursor FROM scenario WHERE name = ?", arguments: [scenario]) {
      return ScenarioState(version: row["version"], cursor: row["cursor"])
    }
    return ScenarioState(version: 0, cursor: 0)
  }

  public func state(of scenario: String) throws(StoreError) -> ScenarioState { try read { try Self.state($0, scenario) } }

  static func edit(_ row: Row) -> ScenarioEdit? {
    guard let kind = (row["edit_kind"] as String?).flatMap(ScenarioEdit.Kind.init(rawValue:)),
          let instructor = row["instructor"] as String? else { return nil }
    return ScenarioEdit(kind: kind, organization: (row["organization"] as String?).map(OrganizationID.init),
                        instructor: InstructorID(instructor), capacity: row["capacity"])
  }

  static func step(_ row: Row) -> HistoryStep {
    HistoryStep(id: row["id"], scenario: row["scenario"], parent: row["parent"], edit: edit(row), planVersion: row["plan_version"],
                author: row["author"], createdAt: row["created_at"])
  }

  static func steps(_ db: Database, _ scenario: String) throws -> [Int64: HistoryStep] {
    let rows = try Row.fetchAll(db, sql: "SELECT * FROM step WHERE scenario = ?", arguments: [scenario])
    return Dictionary(uniqueKeysWithValues: rows.map { (($0["id"] as Int64), step($0)) })
  }

  static func chain(_ db: Database, _ scenario: String, to cursor: Int64) throws -> [HistoryStep] {
    let all = try steps(db, scenario)
    var chain: [HistoryStep] = []
    var at = cursor
    while at != 0, let step = all[at] {
      chain.append(step)
      at = step.parent
    }
    return chain.reversed()
  }

  /// The steps from the first to the current one (what the current plan is made of).
  public func activeChain(_ scenario: String) throws(StoreError) -> [HistoryStep] {
    try read { db in try Self.chain(db, scenario, to: try Self.state(db, scenario).cursor) }
  }

  /// The edits in force at `step` (0: none), in order.
  public func edits(_ scenario: String, at step: Int64) throws(StoreError) -> [ScenarioEdit] {
    try read { db in try Self.chain(db, scenario, to: step).compactMap(\.edit) }
  }

  /// Every step ever taken, oldest first (undone ones included), for the history page.
  public func allSteps(_ scenario: String) throws(StoreError) -> [HistoryStep] {
    try read { db in try Self.steps(db, scenario).values.sorted { $0.id < $1.id } }
  }

  /// The step redo would go to, if any.
  public func redoTarget(_ scenario: String) throws(StoreError) -> HistoryStep? {
    try read { db in
      let cursor = try Self.state(db, scenario).cursor
      return try Row.fetchOne(db, sql: "SELECT * FROM step WHERE scenario = ? AND parent = ? ORDER BY id DESC LIMIT 1",
                              arguments: [scenario, cursor]).map(Self.step)
    }
  }

  static func planVersion(_ row: Row) -> PlanVersion {
    let made = NewVersion(folder: row["folder"], kind: PlanKind(rawValue: row["kind"]) ?? .plan, inputSHA256: row["input_sha256"],
                          objective: row["objective"], assigned: row["assigned"], slots: row["slots"], optimal: row["optimal"],
                          status: PlanStatus(summaryStatus: row["status"]), moves: row["moves"])
    return PlanVersion(id: row["id"], scenario: row["scenario"], made: made, createdAt: row["created_at"], author: row["author"])
  }

  public func planVersion(_ id: Int64) throws(StoreError) -> PlanVersion? {
    try read { db in try Row.fetchOne(db, sql: "SELECT * FROM plan_version WHERE id = ?", arguments: [id]).map(Self.planVersion) }
  }

  /// Every plan version of the scenario that belongs to its history, newest first.
  public func historyVersions(_ scenario: String) throws(StoreError) -> [PlanVersion] {
    try read { db in
      try Row.fetchAll(db, sql: """
        SELECT * FROM plan_version WHERE scenario = ? AND id IN (SELECT plan_version FROM step WHERE scenario = ?) ORDER BY id DESC
        """, arguments: [scenario, scenario]).map(Self.planVersion)
    }
  }

  /// The current plan version (nil before the first plan).
  public func currentVersion(_ scenario: String) throws(StoreError) -> (step: HistoryStep, version: PlanVersion)? {
    try read { db in
      let cursor = try Self.state(db, scenario).cursor
      guard cursor != 0, let row = try Row.fetchOne(db, sql: "SELECT * FROM step WHERE id = ?", arguments: [cursor]) else { return nil }
      let step = Self.step(row)
      guard let v = try Row.fetchOne(db, sql: "SELECT * FROM plan_version WHERE id = ?", arguments: [step.planVersion]) else { return nil }
      return (step, Self.planVersion(v))
    }
  }

  static func job(_ row: Row) -> Job {
    Job(id: row["id"], scenario: row["scenario"], kind: JobKind(rawValue: row["kind"]) ?? .plan, edit: edit(row),
        baseVersion: row["base_version"], baseStep: row["base_step"], status: JobStatus(rawValue: row["status"]) ?? .failed,
        planVersion: row["plan_version"], error: row["error"], author: row["author"], createdAt: row["created_at"])
  }

  public func job(_ id: Int64) throws(StoreError) -> Job? {
    try read { db in try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [id]).map(Self.job) }
  }

  public func recentJobs(_ scenario: String, limit: Int = 10) throws(StoreError) -> [Job] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM job WHERE scenario = ? ORDER BY id DESC LIMIT ?", arguments: [scenario, limit]).map(Self.job)
    }
  }

  public func events(_ scenario: String, after version: Int) throws(StoreError) -> [AuditEvent] {
    try read { db in try Self.events(db, scenario, after: version) }
  }

  static func events(_ db: Database, _ scenario: String, after version: Int) throws -> [AuditEvent] {
    try Row.fetchAll(db, sql: "SELECT * FROM event WHERE scenario = ? AND version > ? ORDER BY id", arguments: [scenario, version]).map {
      AuditEvent(version: $0["version"], action: $0["action"], detail: $0["detail"], author: $0["author"], at: $0["at"])
    }
  }

  static func publication(_ row: Row) -> Publication {
    Publication(id: row["id"], scenario: row["scenario"], planVersion: row["plan_version"], inputSHA256: row["input_sha256"],
                files: row["files"], publishedBy: row["published_by"], publishedAt: row["published_at"])
  }

  public func publications(_ scenario: String) throws(StoreError) -> [Publication] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM publication WHERE scenario = ? ORDER BY id DESC", arguments: [scenario]).map(Self.publication)
    }
  }

  /// Every publication of the workspace, newest first (a quarter re-plans from another scenario's).
  public func allPublications() throws(StoreError) -> [Publication] {
    try read { db in try Row.fetchAll(db, sql: "SELECT * FROM publication ORDER BY id DESC").map(Self.publication) }
  }

  public func publication(_ id: Int64) throws(StoreError) -> Publication? {
    try read { db in try Row.fetchOne(db, sql: "SELECT * FROM publication WHERE id = ?", arguments: [id]).map(Self.publication) }
  }

  /// The number of edits ever accepted (undone ones included): the audit count.
  public func acceptedEditCount(_ scenario: String? = nil) throws(StoreError) -> Int {
    try read { db in
      if let scenario {
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM step WHERE edit_kind IS NOT NULL AND scenario = ?", arguments: [scenario]) ?? 0
      }
      return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM step WHERE edit_kind IS NOT NULL") ?? 0
    }
  }

  // MARK: - Writing (each a transaction)

  static func checkVersion(_ db: Database, _ scenario: String, expected: Int?) throws -> ScenarioState {
    let state = try state(db, scenario)
    if let expected, expected != state.version {
      throw StoreError.conflict(VersionConflict(expected: expected, current: state.version, since: try events(db, scenario, after: expected)))
    }
    return state
  }

  /// Moves the scenario to `cursor`, bumps its version and records the event; returns the new version.
  static func advance(_ db: Database, _ scenario: String, cursor: Int64, action: String, detail: String, author: String) throws -> Int {
    let version = try state(db, scenario).version + 1
    try db.execute(sql: """
      INSERT INTO scenario(name, version, cursor) VALUES (?, ?, ?)
      ON CONFLICT(name) DO UPDATE SET version = excluded.version, cursor = excluded.cursor
      """, arguments: [scenario, version, cursor])
    try db.execute(sql: "INSERT INTO event(scenario, version, action, detail, author, at) VALUES (?, ?, ?, ?, ?, ?)",
                   arguments: [scenario, version, action, detail, author, now()])
    return version
  }

  /// Queues a job against the scenario's current version and step.
  public func createJob(scenario: String, kind: JobKind, edit: ScenarioEdit?, author: String) throws(StoreError) -> Job {
    try write { db in
      let state = try Self.state(db, scenario)
      try db.execute(sql: """
        INSERT INTO job(scenario, kind, edit_kind, organization, instructor, capacity, base_version, base_step, status, author, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)
        """, arguments: [scenario, kind.rawValue, edit?.kind.rawValue, edit?.organization?.rawValue, edit?.instructor.rawValue,
                         edit?.capacity, state.version, state.cursor, author, Self.now()])
      let id = db.lastInsertedRowID
      return Self.job(try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [id])!)
    }
  }

  public func setJobStatus(_ id: Int64, _ status: JobStatus, error: String? = nil) throws(StoreError) {
    try write { db in
      try db.execute(sql: "UPDATE job SET status = ?, error = COALESCE(?, error), finished_at = CASE WHEN ? THEN ? ELSE finished_at END WHERE id = ?",
                     arguments: [status.rawValue, error, status.isFinished, Self.now(), id])
    }
  }

  static func insertVersion(_ db: Database, scenario: String, _ v: NewVersion, author: String) throws -> Int64 {
    try db.execute(sql: """
      INSERT INTO plan_version(scenario, folder, kind, input_sha256, objective, assigned, slots, optimal, status, moves, created_at, author)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """, arguments: [scenario, v.folder, v.kind.rawValue, v.inputSHA256, v.objective, v.assigned, v.slots, v.optimal, v.status.rawValue,
                                  v.moves, now(), author])
    return db.lastInsertedRowID
  }

  /// Records a finished job's plan version (its folder already complete on disk). A plan run
  /// becomes the next step at once, unless the scenario changed while it ran (then it is `stale`);
  /// an edit's re-plan waits for acceptance (`ready`).
  @discardableResult
  public func finishJob(_ job: Job, version: NewVersion, cancelled: Bool = false) throws(StoreError) -> Job {
    try write { db in
      let versionID = try Self.insertVersion(db, scenario: job.scenario, version, author: job.author)
      var status: JobStatus = .ready
      if job.kind != .edit {
        let state = try Self.state(db, job.scenario)
        if state.version == job.baseVersion {
          try db.execute(sql: "INSERT INTO step(scenario, parent, plan_version, author, created_at) VALUES (?, ?, ?, ?, ?)",
                         arguments: [job.scenario, state.cursor, versionID, job.author, Self.now()])
          let detail = "方案 plan #\(versionID): \(version.objective) 分 points, \(version.assigned)/\(version.slots)" + (cancelled ? " (cancelled early 提前停止)" : "")
          _ = try Self.advance(db, job.scenario, cursor: db.lastInsertedRowID, action: "plan", detail: detail, author: job.author)
          status = cancelled ? .cancelled : .accepted
        } else {
          status = .stale
        }
      }
      try db.execute(sql: "UPDATE job SET status = ?, plan_version = ?, finished_at = ? WHERE id = ?",
                     arguments: [status.rawValue, versionID, Self.now(), job.id])
      return Self.job(try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [job.id])!)
    }
  }

  /// Accepts a ready edit: it becomes the next step (with its re-planned version, written
  /// completely beforehand and recorded here in the same transaction) if the scenario is still
  /// at the version the edit was made against.
  @discardableResult
  public func accept(jobID: Int64, expectedVersion: Int, author: String, version: NewVersion? = nil) throws(StoreError) -> Int {
    try write { db in
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM job WHERE id = ?", arguments: [jobID]) else { throw StoreError.notFound("job \(jobID)") }
      let job = Self.job(row)
      guard job.status == .ready, let edit = job.edit else {
        throw StoreError.refused("这项调整不能再接受 this adjustment cannot be accepted (it is \(job.status.rawValue))")
      }
      let state = try Self.checkVersion(db, job.scenario, expected: expectedVersion)
      guard state.version == job.baseVersion else {
        throw StoreError.conflict(VersionConflict(expected: job.baseVersion, current: state.version,
                                                  since: try Self.events(db, job.scenario, after: job.baseVersion)))
      }
      guard let versionID = try job.planVersion ?? version.map({ try Self.insertVersion(db, scenario: job.scenario, $0, author: job.author) }) else {
        throw StoreError.refused("这项调整的结果已不在，请重新试算 this adjustment's result is gone; try it again")
      }
      try db.execute(sql: """
        INSERT INTO step(scenario, parent, edit_kind, organization, instructor, capacity, plan_version, author, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """, arguments: [job.scenario, state.cursor, edit.kind.rawValue, edit.organization?.rawValue, edit.instructor.rawValue,
                         edit.capacity, versionID, author, Self.now()])
      let step = db.lastInsertedRowID
      try db.execute(sql: "UPDATE job SET status = 'accepted', plan_version = ? WHERE id = ?", arguments: [versionID, jobID])
      return try Self.advance(db, job.scenario, cursor: step, action: "accept", detail: edit.summary, author: author)
    }
  }

  /// Marks an edit's re-plan ready for review (its result is held by the server until accepted).
  public func proposalReady(jobID: Int64) throws(StoreError) {
    try write { db in
      try db.execute(sql: "UPDATE job SET status = 'ready', finished_at = ? WHERE id = ? AND status IN ('queued', 'running')",
                     arguments: [Self.now(), jobID])
    }
  }

  public func discard(jobID: Int64) throws(StoreError) {
    try write { db in
      try db.execute(sql: "UPDATE job SET status = 'discarded', finished_at = ? WHERE id = ? AND status = 'ready'", arguments: [Self.now(), jobID])
    }
  }

  /// Undo: back to the parent step. Returns the new version.
  @discardableResult
  public func undo(_ scenario: String, expectedVersion: Int, author: String) throws(StoreError) -> Int {
    try write { db in
      let state = try Self.checkVersion(db, scenario, expected: expectedVersion)
      guard state.cursor != 0, let row = try Row.fetchOne(db, sql: "SELECT * FROM step WHERE id = ?", arguments: [state.cursor]) else {
        throw StoreError.refused("没有可撤销的步骤 nothing to undo")
      }
      let step = Self.step(row)
      return try Self.advance(db, scenario, cursor: step.parent, action: "undo", detail: step.edit?.summary ?? "方案 plan #\(step.planVersion)", author: author)
    }
  }

  /// Redo: forward to the newest child step. Returns the new version.
  @discardableResult
  public func redo(_ scenario: String, expectedVersion: Int, author: String) throws(StoreError) -> Int {
    try write { db in
      let state = try Self.checkVersion(db, scenario, expected: expectedVersion)
      guard let row = try Row.fetchOne(db, sql: "SELECT * FROM step WHERE scenario = ? AND parent = ? ORDER BY id DESC LIMIT 1",
                                       arguments: [scenario, state.cursor]) else {
        throw StoreError.refused("没有可重做的步骤 nothing to redo")
      }
      let step = Self.step(row)
      return try Self.advance(db, scenario, cursor: step.id, action: "redo", detail: step.edit?.summary ?? "方案 plan #\(step.planVersion)", author: author)
    }
  }

  /// Publishes the current plan version: frozen (its files' digests recorded; the row can never change).
  public func publish(_ scenario: String, expectedVersion: Int, author: String, files: String) throws(StoreError) -> Publication {
    try write { db in
      let state = try Self.checkVersion(db, scenario, expected: expectedVersion)
      guard state.cursor != 0, let row = try Row.fetchOne(db, sql: "SELECT * FROM step WHERE id = ?", arguments: [state.cursor]),
            let v = try Row.fetchOne(db, sql: "SELECT * FROM plan_version WHERE id = ?", arguments: [Self.step(row).planVersion]) else {
        throw StoreError.refused("还没有方案可发布 there is no plan to publish yet")
      }
      let version = Self.planVersion(v)
      try db.execute(sql: "INSERT INTO publication(scenario, plan_version, input_sha256, files, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?)",
                     arguments: [scenario, version.id, version.inputSHA256, files, author, Self.now()])
      let id = db.lastInsertedRowID
      _ = try Self.advance(db, scenario, cursor: state.cursor, action: "publish", detail: "发布 published plan #\(version.id)", author: author)
      return Self.publication(try Row.fetchOne(db, sql: "SELECT * FROM publication WHERE id = ?", arguments: [id])!)
    }
  }
}
