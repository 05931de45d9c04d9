// Explanations are exact re-solves (one per next-best instructor), CPU-heavy on a city.
// They run one at a time on a thread of their own (pages keep their threads), each
// re-solve bounded in time, and are remembered per plan version and organization.
import AssignmentCore
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Foundation

final class ExplanationQueue: @unchecked Sendable {
  private let queue = DispatchQueue(label: "dispatch.workbench.explain", qos: .userInitiated)
  private let lock = NSLock()
  private var cache: [String: OrganizationExplanation] = [:]
  private var order: [String] = []
  private var inFlight: [String: Task<OrganizationExplanation, Error>] = [:]

  /// Seconds one locked re-solve may take: exact on small scenarios; on a city the MIP
  /// with rules may stop at this limit, and the cost shown is then what it found.
  static func limit(for view: PlanView) -> Double { view.model.slots.count > 300 ? 2 : 10 }

  /// The explanation, waiting for it at most `seconds`; nil when it is still being worked out
  /// (it goes on, and is remembered for the next request). One computation per plan version
  /// and organization, however many ask.
  func explanation(of organization: OrganizationID, in view: PlanView, waiting seconds: Double) async throws -> OrganizationExplanation? {
    let task = work(organization, view)
    return try await within(seconds: seconds) { try await task.value }
  }

  private func work(_ organization: OrganizationID, _ view: PlanView) -> Task<OrganizationExplanation, Error> {
    let key = "\(view.version.id)\u{1}\(organization.rawValue)"
    return lock.withLock {
      if let hit = cache[key] { return Task { hit } }
      if let running = inFlight[key] { return running }
      let task = Task { () throws -> OrganizationExplanation in
        let explanation: OrganizationExplanation = try await withCheckedThrowingContinuation { continuation in
          queue.async {
            do {
              // The CLI's pricing: exact when pure or a small proven-optimal MIP, else a checked exchange.
              let pricing = PlanExplainer.pricing(for: view.model.problem, planIsOptimal: view.version.optimal)
              let explainer = PlanExplainer(solvers: Planner.standardSolvers, limits: SolveLimits(timeLimit: Self.limit(for: view)),
                                            pricing: pricing, repair: Planner.explainRepair)
              continuation.resume(returning: try explainer.explain(organization, model: view.model, outcome: view.outcome, alternatives: 5))
            } catch {
              continuation.resume(throwing: WorkbenchFailure.notFound("\(error)"))
            }
          }
        }
        self.store(key, explanation)
        return explanation
      }
      inFlight[key] = task
      return task
    }
  }

  private func store(_ key: String, _ value: OrganizationExplanation) {
    lock.lock(); defer { lock.unlock() }
    if cache[key] == nil { order.append(key) }
    cache[key] = value
    inFlight[key] = nil
    while order.count > 500 { cache[order.removeFirst()] = nil }
  }
}
