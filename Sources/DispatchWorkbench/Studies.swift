//===----------------------------------------------------------------------===//
// Studies of a scenario that change nothing: the score-against-moves sweep (re-plans
// of the current version within each move budget, `dispatch replan --sweep`) and
// candidate plans (`dispatch plan --candidates`). They run on the scenario's solve
// queue (one solve at a time per scenario), are kept in memory (the latest of each
// kind per scenario) and are not part of the audit trail: nothing is recorded or written.
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchModel
import DispatchPlanner
import Foundation
import WorkbenchStore

struct Study: Sendable {
  enum Kind: String, Sendable { case sweep, candidates }
  enum Outcome: Sendable {
    case sweep(ReplanResult)
    case candidates(CandidatesResult)
  }

  let kind: Kind
  /// The plan version studied: the sweep re-plans the scenario as it is now from it.
  let version: Int64
  let started = Date()
  let control = SolveControl()
  var outcome: Result<Outcome, WorkbenchFailure>?
  var seconds: Double?
}

final class Studies: @unchecked Sendable {
  private let lock = NSLock()
  private var latest: [String: Study] = [:]

  func study(_ kind: Study.Kind, of scenario: String) -> Study? { lock.withLock { latest[Self.key(kind, scenario)] } }

  private static func key(_ kind: Study.Kind, _ scenario: String) -> String { kind.rawValue + "\u{1}" + scenario }

  /// Starts a study unless one is running for this scenario; returns false when one is.
  func start(_ study: Study, of scenario: String, on queue: DispatchQueue, work: @escaping @Sendable (SolveControl) throws(WorkbenchFailure) -> Study.Outcome) -> Bool {
    let key = Self.key(study.kind, scenario)
    let started = lock.withLock { () -> Bool in
      if let running = latest[key], running.outcome == nil { return false }
      latest[key] = study
      return true
    }
    guard started else { return false }
    queue.async { [self] in
      let outcome = Result { () throws(WorkbenchFailure) -> Study.Outcome in try work(study.control) }
      lock.withLock {
        latest[key]?.outcome = outcome
        latest[key]?.seconds = Date().timeIntervalSince(study.started)
      }
    }
    return true
  }
}

extension SolveQueue {
  /// Budgets of the sweep as the office types them: "0, 2, 5, 10, all" (all: no budget).
  static func budgets(_ text: String) -> [Int?]? {
    let items = text.split(whereSeparator: { ",，、 ".contains($0) }).map { $0.lowercased() }
    guard !items.isEmpty, items.count <= 12 else { return nil }
    var budgets: [Int?] = []
    for item in items {
      if ["all", "全部", "不限"].contains(item) { budgets.append(nil); continue }
      guard let n = Int(item), (0...10_000).contains(n) else { return nil }
      budgets.append(n)
    }
    return budgets
  }

  /// Starts the sweep of the scenario as it is now (its current edits) from the plan version
  /// `base` (an earlier version, or a published plan of the last quarter), or its candidates.
  func study(_ kind: Study.Kind, scenario: String, base: PlanVersion, edits: [ScenarioEdit], budgets: [Int?], count: Int, within: Double,
             studies: Studies) -> Bool {
    let workspace = self.workspace, timeLimit = self.timeLimit
    let study = Study(kind: kind, version: base.id)
    return studies.start(study, of: scenario, on: solveQueue(for: scenario)) { control throws(WorkbenchFailure) -> Study.Outcome in
      let loaded = try workspace.load(scenario, edits: edits)
      let options = PlanOptions(timeLimit: timeLimit, control: control)
      switch kind {
      case .sweep:
        do {
          return .sweep(try workspace.planner.replan(loaded, previousFolder: workspace.url(of: base), sweep: budgets,
                                                     allowOtherScenario: base.scenario != scenario, options: options))
        } catch { throw .planning("\(error)") }
      case .candidates:
        do { return .candidates(try workspace.planner.candidates(loaded, count: count, within: within, options: options)) } catch {
          throw .planning("\(error)")
        }
      }
    }
  }
}
