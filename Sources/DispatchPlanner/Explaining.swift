// The facade of `dispatch explain`: reads a plan folder's summary.json, reloads
// its scenario (checking that it is unchanged), re-plans it the same way (the
// plan is deterministic), and asks `PlanExplainer` why an organization got its
// instructor and what each next-best candidate would cost the plan.
import AssignmentCore
import DispatchIO
import DispatchModel
import DispatchPlanning
import DispatchReports
import Foundation

/// Why `Planner.explain` could not explain.
public enum ExplainFailure: Error, Sendable, CustomStringConvertible {
  case unreadableSummary(path: String, detail: String)
  /// summary.json names no scenario folder and none was given.
  case scenarioUnknown
  case input(InputErrors)
  /// The scenario's files are not the ones the plan was made from.
  case scenarioChanged(planned: String, now: String)
  case planning(PlanFailure)
  /// Re-planning gave another objective than the plan folder's: the explanation would not be about that plan.
  case planDiffers(planned: Int, now: Int)
  case explaining(ExplainError)

  public var description: String {
    switch self {
    case .unreadableSummary(let path, let detail): "无法读取 cannot read \(path): \(detail)"
    case .scenarioUnknown: "找不到场景 summary.json names no scenario folder; give it with --scenario DIR"
    case .input(let errors): "场景有误 the scenario has \(errors.issues.count) problem(s): " + errors.issues.prefix(3).map(\.description).joined(separator: "; ")
    case .scenarioChanged(let planned, let now):
      "场景已变 the scenario changed since the plan was made (input_sha256 \(planned.prefix(12))… now \(now.prefix(12))…); plan it again first"
    case .planning(let failure): failure.description
    case .planDiffers(let planned, let now): "方案不一致 re-planning gives objective \(now), the plan folder says \(planned)"
    case .explaining(let error): error.description
    }
  }
}

/// An explanation and the plan it is about.
public struct ExplainResult: Sendable {
  public let scenarioName: String
  public let solver: String
  public let optimal: Bool
  public let explanation: OrganizationExplanation
}

extension Planner {
  /// Explains `organization` in the plan written to `planFolder`.
  /// - Parameter scenarioFolder: the scenario; default: `scenario_path` of summary.json.
  public func explain(
    planFolder: URL, organization: OrganizationID, scenarioFolder: URL? = nil, alternatives: Int = 5, control: SolveControl? = nil
  ) throws(ExplainFailure) -> ExplainResult {
    let summaryURL = planFolder.appendingPathComponent(PlanWriter.summaryFile)
    let summary: PlanSummary
    do {
      summary = try JSONDecoder().decode(PlanSummary.self, from: Data(contentsOf: summaryURL))
    } catch {
      throw .unreadableSummary(path: summaryURL.path, detail: "\(error)")
    }
    guard let folder = scenarioFolder ?? summary.scenarioPath.map({ URL(fileURLWithPath: $0) }) else { throw .scenarioUnknown }
    let loaded: LoadedScenario
    do { loaded = try Planner.load(folder: folder) } catch { throw .input(error) }
    guard loaded.inputSHA256 == summary.inputSHA256 else {
      throw .scenarioChanged(planned: summary.inputSHA256, now: loaded.inputSHA256)
    }
    var options = PlanOptions(solver: SolverChoice(rawValue: summary.solver) ?? .auto, scoresOnly: summary.scoresOnly ?? false, control: control)
    options.progressStep = "re-plan"
    let result: PlanResult
    do { result = try plan(loaded, options: options) } catch { throw .planning(error) }
    guard result.summary.objective == summary.objective else { throw .planDiffers(planned: summary.objective, now: result.summary.objective) }
    let explainer = PlanExplainer(solvers: solvers, choice: options.solver, limits: options.limits)
    do {
      let explanation = try explainer.explain(organization, model: result.model, outcome: result.record.outcome, alternatives: alternatives)
      return ExplainResult(scenarioName: loaded.name, solver: result.summary.solver, optimal: result.summary.optimal, explanation: explanation)
    } catch {
      throw .explaining(error)
    }
  }
}
