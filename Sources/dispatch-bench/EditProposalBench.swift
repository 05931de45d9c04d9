// `dispatch-bench edit-proposal SCENARIO PLAN_FOLDER [EDIT_TIME_LIMIT]`: what one workbench edit costs in
// the engine (issue 12's lock → diff), step by step, in one process: reading the ledger, the current
// plan's pairs, `Planner.proposeEdit` (model, forced moves, the repair around the change), writing the
// proposal's folder with and without the office's documents, the view's model; and the slow path
// (`replan` from the plan folder, the whole problem solved under the edit time limit) for comparison.
// The edit: the 122nd organization (O0122 on huangshan) locked to the next organization's instructor.
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Foundation

func editProposalBench(scenario: String, plan: String, editTimeLimit: Double) throws {
  let (base, read) = try timed { try Planner.load(folder: URL(fileURLWithPath: scenario, isDirectory: true)) }
  let planFile = URL(fileURLWithPath: plan).appendingPathComponent("plan.csv")
  let (current, pairs) = try timed { try Planner.loadPrevious(folder: planFile) }
  let ordered = current.sorted { ($0.organization, $0.role) < ($1.organization, $1.role) }
  let target = ordered[min(121, ordered.count - 1)]
  guard let other = ordered.first(where: { $0.organization > target.organization && $0.role == target.role && $0.instructor != target.instructor })
  else { throw CocoaError(.featureUnsupported) }
  var edited = base.scenario
  edited.overrides.append(PairOverride(organization: target.organization, instructor: other.instructor, action: .lock))
  let loaded = base.adjusted(edited, adjustments: "lock \(target.organization) → \(other.instructor)")
  let options = PlanOptions(timeLimit: editTimeLimit)
  let (proposal, propose) = try timed { try Planner().proposeEdit(loaded, current: current, currentPlan: planFile, options: options) }
  let work = FileManager.default.temporaryDirectory.appendingPathComponent("edit-proposal-\(ProcessInfo.processInfo.processIdentifier)")
  defer { try? FileManager.default.removeItem(at: work) }
  let (_, write) = try timed { try Planner.writeReplan(proposal, to: work.appendingPathComponent("with-documents")) }
  let (_, view) = try timed { try ProblemBuilder().build(loaded.scenario) }
  let (slow, slowSeconds) = try timed { try Planner().replan(loaded, previousFolder: URL(fileURLWithPath: plan), options: options) }
  let o = proposal.result.record.outcome, s = slow.result.record.outcome
  print("edit: lock \(target.organization) → \(other.instructor) on \(base.name) (edit time limit \(editTimeLimit) s)")
  print("| step | seconds |")
  print("|---|---|")
  for (name, t) in [("read the ledger", read), ("read the current plan's pairs", pairs), ("proposeEdit (all)", propose),
                    ("  of which the model and forced moves", proposal.result.summary.timings.build),
                    ("  of which the repair around the change", proposal.result.record.seconds),
                    ("write the proposal's folder (with the office's documents)", write), ("the view's model (workbench)", view),
                    ("slow path: replan from the folder, whole problem", slowSeconds)] {
    print("| \(name) | \(formatSeconds(t)) |")
  }
  print("fast: \(o.status) \(o.objective), bound \(o.bound.map { "\($0)" } ?? "—"), moves \(proposal.figures.moves); \(proposal.figures.method)")
  print("slow: \(s.status) \(s.objective), bound \(s.bound.map { "\($0)" } ?? "—"), moves \(slow.figures.moves); \(slow.figures.method)")
}
