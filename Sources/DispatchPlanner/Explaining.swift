// The facade of `dispatch explain`: reads a plan folder's summary.json and plan.csv,
// reloads its scenario (checking that it is unchanged), rebuilds the model and the
// plan from plan.csv (no re-solve: the plan is checked and its score must be the
// folder's), and asks `PlanExplainer` why an organization got its instructor and what
// each next-best candidate would cost (exact, or against this plan; see PlanExplainer).
import AssignmentCore
import DispatchIO
import DispatchModel
import DispatchPlanning
import DispatchReports
import Foundation
import NativeSolver
import RuleHeuristics

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
    case .planDiffers(let planned, let now):
      "方案不一致 plan.csv does not fit the scenario (its pairs score \(now), summary.json says \(planned), or a pair or rule does not hold)"
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
    // An incomplete folder (a run stopped while writing) is refused; its summary may be half a file.
    do { _ = try PlanManifest.verify(folder: planFolder) } catch { throw .input(error) }
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
    let options = PlanOptions(solver: SolverChoice(rawValue: summary.solver) ?? .auto, scoresOnly: summary.scoresOnly ?? false, control: control)
    control?.begin(step: "explain", timeLimit: nil)
    control?.enter(.building)
    let model: PlanningModel
    do { model = try ProblemBuilder(scoresOnly: options.scoresOnly).build(loaded.scenario) } catch { throw .planning(.building(error)) }
    let outcome = try Self.plannedOutcome(folder: planFolder, model: model, summary: summary)
    control?.enter(.relaxation)
    let pricing = PlanExplainer.pricing(for: model.problem, planIsOptimal: summary.optimal)
    let explainer = PlanExplainer(solvers: solvers, choice: options.solver, limits: options.limits, pricing: pricing, repair: Self.explainRepair)
    do {
      let explanation = try explainer.explain(organization, model: model, outcome: outcome, alternatives: alternatives)
      return ExplainResult(scenarioName: loaded.name, solver: summary.solver, optimal: summary.optimal, explanation: explanation)
    } catch {
      throw .explaining(error)
    }
  }

  /// The repair `explain` prices alternatives with: the rule-keeping local search's repairs only
  /// (no improvement, so the other changes stay few).
  public static let explainRepair: @Sendable (AssignmentProblem, [Int32]) -> [Int32]? = { problem, start in
    RuleKeepingImprover(problem: problem, timeBudget: 0).improve(from: start)
  }

  /// The plan of `folder`'s plan.csv as an outcome of `model`'s problem: every pair an arc, every rule
  /// kept, and its score the folder's (else the plan is not the one the scenario gives).
  static func plannedOutcome(folder: URL, model: PlanningModel, summary: PlanSummary) throws(ExplainFailure) -> AssignmentOutcome {
    let read: PreviousPlan
    do { read = try PlanReader().read(folder: folder) } catch { throw .input(error) }
    let problem = model.problem
    var rowOf: [SlotKey: Int] = [:]
    for (row, slot) in model.slots.enumerated() {
      rowOf[SlotKey(organization: model.scenario.organizations[slot.organization].id, role: slot.role)] = row
    }
    let columnOf = Dictionary(model.scenario.instructors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var columnOfRow = [Int32](repeating: -1, count: problem.rowCount)
    for pair in read.assigned {
      guard let row = rowOf[SlotKey(organization: pair.organization, role: pair.role)], let instructor = pair.instructor,
            let column = columnOf[instructor] else { throw .planDiffers(planned: summary.objective, now: -1) }
      columnOfRow[row] = Int32(column)
    }
    let objective = SolutionChecker.objective(of: columnOfRow, in: problem)
    let broken = SolutionChecker.violations(columnOfRow, in: problem).filter { if case .uncoveredRow = $0 { false } else { true } }
    guard broken.isEmpty, Int(objective.score) == summary.objective else {
      throw .planDiffers(planned: summary.objective, now: Int(objective.score))
    }
    // Pure problems: the native duals price every pair (a lower bound on each exact cost).
    let duals = problem.sideRules.isEmpty && problem.arcLoads.isEmpty
      ? (try? ShortestAugmentingPathSolver().solve(problem, limits: .none))?.duals : nil
    return AssignmentOutcome(status: summary.optimal ? .optimal : .feasible, columnOfRow: columnOfRow, objective: objective,
                             bound: nil, solverName: summary.solver, duals: duals)
  }
}

/// An organization's slot, by id and role (how plan.csv names it).
private struct SlotKey: Hashable {
  var organization: OrganizationID
  var role: DispatchRole
}
