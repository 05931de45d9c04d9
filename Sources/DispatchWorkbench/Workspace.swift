//===----------------------------------------------------------------------===//
// The workspace: a folder of scenarios (ledger folders) and plan folders, with the
// workbench's database in `.workbench/`. The office's files are read, never
// written; the workbench writes only new plan folders under `plans/` and its DB.
//
// A plan version is rebuilt for review and explanation from its plan folder and
// the scenario with the edits in force at that version (`PlanView`), so a view
// after a restart is the same as right after the solve.
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Foundation
import WorkbenchStore

/// A plan version ready for the pages: its model (the scenario with its edits) and decoded plan.
struct PlanView: Sendable {
  let version: PlanVersion
  let model: PlanningModel
  let plan: DispatchPlan
  let outcome: AssignmentOutcome
  let edits: [ScenarioEdit]
}

enum WorkbenchFailure: Error, Sendable, CustomStringConvertible {
  case unknownScenario(String)
  case input(InputErrors)
  case planning(String)
  case output(String)
  case store(StoreError)
  case refused(String)
  case notFound(String)

  var description: String {
    switch self {
    case .unknownScenario(let name): "没有这个场景 no scenario named \(name) in the workspace"
    case .input(let e): "场景有误 the scenario has problems: " + e.errors.prefix(3).map(\.description).joined(separator: "; ")
    case .planning(let s): s
    case .output(let s): "无法写出 cannot write: \(s)"
    case .store(let e): e.description
    case .refused(let s): s
    case .notFound(let s): "找不到 not found: \(s)"
    }
  }
}

final class Workspace: Sendable {
  let root: URL
  let store: WorkbenchStore
  let planner = Planner()
  private let cache = ViewCache()
  private let scenarios = ScenarioCache()
  private let models = ModelCache()

  init(root: URL) throws {
    self.root = root.standardizedFileURL
    let dbFolder = self.root.appendingPathComponent(".workbench", isDirectory: true)
    try FileManager.default.createDirectory(at: dbFolder, withIntermediateDirectories: true)
    store = try WorkbenchStore(path: dbFolder.appendingPathComponent("workbench.sqlite").path)
  }

  // MARK: - Scenarios

  /// Scenarios: ledger folders (holding an instructors table or a workbook) and lone ledger
  /// workbooks (`台账.xlsx`, named after the file), directly in the workspace, in `scenarios/`
  /// and in `uploads/`. Keyed by name (the first found wins; a folder before a workbook).
  func scenarioFolders() -> [(name: String, url: URL)] {
    var found: [(String, URL)] = []
    var seen: Set<String> = []
    for base in [root, root.appendingPathComponent("scenarios"), root.appendingPathComponent("uploads")] {
      let entries = (try? FileManager.default.contentsOfDirectory(at: base, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey])) ?? []
      var workbooks: [(String, URL)] = []
      for url in entries.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
        let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
        guard values?.isSymbolicLink != true else { continue }
        let name = url.lastPathComponent
        if values?.isDirectory == true {
          guard !name.hasPrefix("."), name != "plans", !seen.contains(name), Self.holdsLedger(url) else { continue }
          seen.insert(name)
          found.append((name, url))
        } else if Self.isLedgerWorkbook(name) {
          workbooks.append((url.deletingPathExtension().lastPathComponent, url))
        }
      }
      for (name, url) in workbooks where !seen.contains(name) {
        seen.insert(name)
        found.append((name, url))
      }
    }
    return found
  }

  static func holdsLedger(_ url: URL) -> Bool {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.contains { ["instructors.csv", "指导员.csv"].contains($0) || isLedgerWorkbook($0) }
  }

  /// A workbook that may hold a ledger: not hidden, not Excel's lock file (`~$…`), not a plan's own workbook.
  static func isLedgerWorkbook(_ name: String) -> Bool {
    name.lowercased().hasSuffix(".xlsx") && !name.hasPrefix(".") && !name.hasPrefix("~$") && !["方案.xlsx", "plan.xlsx"].contains(name)
  }

  func folder(of scenario: String) throws(WorkbenchFailure) -> URL {
    guard let hit = scenarioFolders().first(where: { $0.name == scenario }) else { throw .unknownScenario(scenario) }
    return hit.url
  }

  /// Reads and validates the scenario's files (every problem located), as the CLI does;
  /// remembered until one of its files changes.
  func read(_ scenario: String) throws(WorkbenchFailure) -> Result<LoadedScenario, InputErrors> {
    scenarios.load(try folder(of: scenario))
  }

  func load(_ scenario: String) throws(WorkbenchFailure) -> LoadedScenario {
    switch try read(scenario) {
    case .success(let loaded): return loaded
    case .failure(let errors): throw .input(errors)
    }
  }

  /// The scenario with `edits` applied, its digest covering them.
  func load(_ scenario: String, edits: [ScenarioEdit]) throws(WorkbenchFailure) -> LoadedScenario {
    let loaded = try load(scenario)
    let text = edits.map(\.summary).joined(separator: "\n")
    return loaded.adjusted(ScenarioEdit.apply(edits, to: loaded.scenario), adjustments: text)
  }

  /// The office's model (no continuity bonus) of a loaded scenario, built once per input digest.
  func model(_ loaded: LoadedScenario) throws(WorkbenchFailure) -> PlanningModel {
    do { return try models.model(for: loaded) } catch { throw .planning("\(error)") }
  }

  // MARK: - Plan versions

  func url(of version: PlanVersion) -> URL { root.appendingPathComponent(version.folder, isDirectory: true) }

  func relativePath(_ url: URL) -> String {
    let full = url.standardizedFileURL.path
    let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
    return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
  }

  /// The edits in force at a plan version: its step's chain, or (for an edit not yet
  /// accepted) its base step's chain plus the edit.
  func edits(at version: PlanVersion) throws(WorkbenchFailure) -> [ScenarioEdit] {
    do {
      let steps = try store.allSteps(version.scenario)
      if let step = steps.first(where: { $0.planVersion == version.id }) { return try store.edits(version.scenario, at: step.id) }
      if let job = try store.recentJobs(version.scenario, limit: 1000).first(where: { $0.planVersion == version.id }) {
        return try store.edits(version.scenario, at: job.baseStep) + (job.edit.map { [$0] } ?? [])
      }
      return []
    } catch { throw .store(error) }
  }

  func view(_ id: Int64) throws(WorkbenchFailure) -> PlanView {
    if let hit = cache.get(id) { return hit }
    let version: PlanVersion
    do {
      guard let v = try store.planVersion(id) else { throw WorkbenchFailure.notFound("plan version \(id)") }
      version = v
    } catch let e as WorkbenchFailure { throw e } catch { throw .store(error as! StoreError) }
    let edits = try edits(at: version)
    let model = try self.model(try load(version.scenario, edits: edits))
    let pairs: [PreviousPair]
    do { pairs = try Planner.loadPrevious(folder: url(of: version)) } catch { throw .input(error) }
    let view = Self.makeView(version: version, model: model, pairs: pairs, edits: edits)
    cache.put(id, view)
    return view
  }

  /// Maps a plan folder's pairs onto the model's rows and decodes them (scores from the model).
  static func makeView(version: PlanVersion, model: PlanningModel, pairs: [PreviousPair], edits: [ScenarioEdit]) -> PlanView {
    let scenario = model.scenario
    let index = ScenarioIndex(scenario)
    var instructorOf: [String: Int] = [:]
    for a in pairs {
      if let column = index.instructorIndex[a.instructor] { instructorOf[a.organization.rawValue + "\u{1}" + a.role.rawValue] = column }
    }
    var columnOfRow = [Int32](repeating: -1, count: model.slots.count)
    for (row, slot) in model.slots.enumerated() {
      let key = scenario.organizations[slot.organization].id.rawValue + "\u{1}" + slot.role.rawValue
      if let column = instructorOf[key], model.problem.arcIndex(row: row, column: column) != nil { columnOfRow[row] = Int32(column) }
    }
    let objective = SolutionChecker.objective(of: columnOfRow, in: model.problem)
    let outcome = AssignmentOutcome(status: version.optimal ? .optimal : .feasible, columnOfRow: columnOfRow, objective: objective,
                                    bound: nil, solverName: "plan.csv")
    return PlanView(version: version, model: model, plan: PlanDecoder.decode(columnOfRow, model: model), outcome: outcome, edits: edits)
  }

  func remember(_ view: PlanView) { cache.put(view.version.id, view) }

  func remember(_ model: PlanningModel, for loaded: LoadedScenario) { models.remember(model, for: loaded) }
}

/// A small cache of plan views (the latest few versions), shared across requests.
final class ViewCache: @unchecked Sendable {
  private let lock = NSLock()
  private var views: [Int64: PlanView] = [:]
  private var order: [Int64] = []
  private let capacity = 12

  func get(_ id: Int64) -> PlanView? {
    lock.lock(); defer { lock.unlock() }
    return views[id]
  }

  func put(_ id: Int64, _ view: PlanView) {
    lock.lock(); defer { lock.unlock() }
    if views[id] == nil { order.append(id) }
    views[id] = view
    while order.count > capacity { views[order.removeFirst()] = nil }
  }
}

/// Scenario reads, remembered per file while its files are unchanged (names, sizes and
/// modification times: a stat per page instead of a read and validation of the whole ledger).
/// One read at a time per scenario: requests arriving meanwhile wait for it and share it.
final class ScenarioCache: @unchecked Sendable {
  private struct Entry {
    let fingerprint: [String]
    let result: Result<LoadedScenario, InputErrors>
  }

  private let lock = NSLock()
  private var entries: [String: Entry] = [:]
  private let gates = KeyedGates()

  /// What changes when any file of the scenario changes.
  static func fingerprint(_ url: URL) -> [String] {
    let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isDirectoryKey]
    func line(_ file: URL) -> String {
      let v = try? file.resourceValues(forKeys: Set(keys))
      return "\(file.lastPathComponent)\u{1}\(v?.fileSize ?? -1)\u{1}\(v?.contentModificationDate?.timeIntervalSince1970 ?? 0)"
    }
    let isFolder = (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true
    guard isFolder else { return [line(url)] }
    let files = (try? FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: keys)) ?? []
    return files.map(line).sorted()
  }

  func load(_ url: URL) -> Result<LoadedScenario, InputErrors> {
    let key = url.path
    let gate = gates.gate(key)
    gate.lock()
    defer { gate.unlock() }
    // Taken before reading: a file changed during the read changes it again, so it is read anew next time.
    let fingerprint = Self.fingerprint(url)
    if let entry = lock.withLock({ entries[key] }), entry.fingerprint == fingerprint { return entry.result }
    let result = Result { () throws(InputErrors) -> LoadedScenario in try Planner.load(folder: url) }
    lock.withLock { entries[key] = Entry(fingerprint: fingerprint, result: result) }
    return result
  }
}

/// Planning models (the office's scores and rules, no continuity bonus) by input digest,
/// which covers the ledger's files and the edits applied: each built once, shared by the
/// review, explanations, diffs and comparisons of every version made from that input.
final class ModelCache: @unchecked Sendable {
  private let lock = NSLock()
  private var models: [String: PlanningModel] = [:]
  private var order: [String] = []
  private let gates = KeyedGates()
  private let capacity = 8

  func model(for loaded: LoadedScenario) throws(PlanningError) -> PlanningModel {
    let key = loaded.inputSHA256
    let gate = gates.gate(key)
    gate.lock()
    defer { gate.unlock() }
    if let hit = lock.withLock({ models[key] }) { return hit }
    let model = try ProblemBuilder().build(loaded.scenario)
    remember(model, for: loaded)
    return model
  }

  /// Keeps a model a solve built already (a cold plan's model is the office's model).
  func remember(_ model: PlanningModel, for loaded: LoadedScenario) {
    let key = loaded.inputSHA256
    lock.withLock {
      if models[key] == nil { order.append(key) }
      models[key] = model
      while order.count > capacity {
        let old = order.removeFirst()
        models[old] = nil
        gates.forget(old)
      }
    }
  }
}

/// One lock per key, so that work on one key (a scenario read, a model build) is done once while
/// others asking for the same key wait for it, and work on other keys goes on.
final class KeyedGates: @unchecked Sendable {
  private let lock = NSLock()
  private var gates: [String: NSLock] = [:]

  func gate(_ key: String) -> NSLock {
    lock.withLock {
      if let gate = gates[key] { return gate }
      let gate = NSLock()
      gates[key] = gate
      return gate
    }
  }

  /// Drops a key's lock (whoever holds it keeps it until done).
  func forget(_ key: String) { lock.withLock { gates[key] = nil } }
}
