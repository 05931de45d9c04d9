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

  init(root: URL) throws {
    self.root = root.standardizedFileURL
    let dbFolder = self.root.appendingPathComponent(".workbench", isDirectory: true)
    try FileManager.default.createDirectory(at: dbFolder, withIntermediateDirectories: true)
    store = try WorkbenchStore(path: dbFolder.appendingPathComponent("workbench.sqlite").path)
  }

  // MARK: - Scenarios

  /// Scenario folders: those directly in the workspace, in `scenarios/` and in `uploads/`
  /// that hold an instructors table. Keyed by folder name (the first found wins).
  func scenarioFolders() -> [(name: String, url: URL)] {
    var found: [(String, URL)] = []
    var seen: Set<String> = []
    for base in [root, root.appendingPathComponent("scenarios"), root.appendingPathComponent("uploads")] {
      let entries = (try? FileManager.default.contentsOfDirectory(at: base, includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey])) ?? []
      for url in entries.sorted(by: { $0.lastPathComponent < $1.lastPathComponent }) {
        let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
        guard values?.isDirectory == true, values?.isSymbolicLink != true else { continue }
        let name = url.lastPathComponent
        guard !name.hasPrefix("."), name != "plans", !seen.contains(name), Self.holdsLedger(url) else { continue }
        seen.insert(name)
        found.append((name, url))
      }
    }
    return found
  }

  static func holdsLedger(_ url: URL) -> Bool {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.contains { ["instructors.csv", "指导员.csv"].contains($0) || $0.lowercased().hasSuffix(".xlsx") }
  }

  func folder(of scenario: String) throws(WorkbenchFailure) -> URL {
    guard let hit = scenarioFolders().first(where: { $0.name == scenario }) else { throw .unknownScenario(scenario) }
    return hit.url
  }

  /// Reads and validates the scenario's files (every problem located), as the CLI does.
  func load(_ scenario: String) throws(WorkbenchFailure) -> LoadedScenario {
    let url = try folder(of: scenario)
    do { return try Planner.load(folder: url) } catch { throw .input(error) }
  }

  /// The scenario with `edits` applied, its digest covering them.
  func load(_ scenario: String, edits: [ScenarioEdit]) throws(WorkbenchFailure) -> LoadedScenario {
    let loaded = try load(scenario)
    let text = edits.map(\.summary).joined(separator: "\n")
    return loaded.adjusted(ScenarioEdit.apply(edits, to: loaded.scenario), adjustments: text)
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
    let loaded = try load(version.scenario, edits: edits)
    let model: PlanningModel
    do { model = try ProblemBuilder().build(loaded.scenario) } catch { throw .planning("\(error)") }
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
