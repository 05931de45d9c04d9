//===----------------------------------------------------------------------===//
// Solves in the background: one serial queue per scenario (so solves of one
// scenario run one at a time, in order), on threads of their own — a long solve
// never occupies the threads that serve pages. Progress is kept in memory for the
// live page; the outcome goes to the database in one transaction.
//===----------------------------------------------------------------------===//
import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Foundation
import WorkbenchStore

/// What a running job is doing, for the live progress on its page.
struct JobProgress: Sendable {
  enum Phase: String, Sendable {
    case queued, reading, solving, writing, done
    var label: (zh: String, en: String) {
      switch self {
      case .queued: ("排队中", "queued")
      case .reading: ("读取台账", "reading the ledger")
      case .solving: ("求解中", "solving")
      case .writing: ("写出方案", "writing the plan")
      case .done: ("完成", "done")
      }
    }
  }
  var phase: Phase = .queued
  var started = Date()
  var timeLimit: Double = 60
}

final class SolveQueue: @unchecked Sendable {
  let workspace: Workspace
  let timeLimit: Double
  let editTimeLimit: Double
  private let lock = NSLock()
  private var queues: [String: DispatchQueue] = [:]
  private var progress: [Int64: JobProgress] = [:]
  private var cancelled: Set<Int64> = []
  private var waiters: [Int64: [CheckedContinuation<Void, Never>]] = [:]

  init(workspace: Workspace, timeLimit: Double, editTimeLimit: Double) {
    self.workspace = workspace
    self.timeLimit = timeLimit
    self.editTimeLimit = editTimeLimit
  }

  private func queue(for scenario: String) -> DispatchQueue {
    lock.lock(); defer { lock.unlock() }
    if let q = queues[scenario] { return q }
    let q = DispatchQueue(label: "dispatch.workbench.solve.\(queues.count)", qos: .userInitiated)
    queues[scenario] = q
    return q
  }

  func progress(of job: Int64) -> JobProgress? {
    lock.lock(); defer { lock.unlock() }
    return progress[job]
  }

  private func set(_ job: Int64, _ phase: JobProgress.Phase) {
    lock.lock()
    if phase == .reading || progress[job] == nil { progress[job] = JobProgress(phase: phase, started: Date(), timeLimit: timeLimit) }
    progress[job]?.phase = phase
    lock.unlock()
  }

  private func isCancelled(_ job: Int64) -> Bool {
    lock.lock(); defer { lock.unlock() }
    return cancelled.contains(job)
  }

  /// Asks a job to stop. A queued job stops before it starts; a running solve is not
  /// interrupted (the solvers take no cancellation yet) and its result is kept with
  /// its honest status — so cancelling a running plan only stops what follows it.
  func cancel(_ job: Int64) {
    lock.lock(); cancelled.insert(job); lock.unlock()
  }

  /// Waits until the job has finished (for tests and the load test's API).
  func wait(for job: Int64) async {
    await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
      lock.lock()
      if let p = progress[job], p.phase == .done { lock.unlock(); c.resume(); return }
      waiters[job, default: []].append(c)
      lock.unlock()
    }
  }

  private func finish(_ job: Int64) {
    lock.lock()
    progress[job]?.phase = .done
    let ws = waiters.removeValue(forKey: job) ?? []
    lock.unlock()
    for w in ws { w.resume() }
  }

  func submit(scenario: String, kind: JobKind, edit: ScenarioEdit?, author: String) throws(WorkbenchFailure) -> Job {
    let job: Job
    do { job = try workspace.store.createJob(scenario: scenario, kind: kind, edit: edit, author: author) } catch { throw .store(error) }
    set(job.id, .queued)
    queue(for: scenario).async { [self] in
      run(job)
      finish(job.id)
    }
    return job
  }

  private func run(_ job: Job) {
    let store = workspace.store
    if isCancelled(job.id) {
      try? store.setJobStatus(job.id, .cancelled)
      return
    }
    set(job.id, .reading)
    try? store.setJobStatus(job.id, .running)
    do {
      switch job.kind {
      case .plan: try runPlan(job)
      case .edit: try runEdit(job)
      }
    } catch {
      try? store.setJobStatus(job.id, .failed, error: error.description)
    }
  }

  private func options() -> PlanOptions { PlanOptions(timeLimit: timeLimit) }

  /// An adjustment re-plan starts from the previous plan; it gets a shorter limit, and says
  /// honestly (status, bound, gap) when it stops before proving optimality.
  private func editOptions() -> PlanOptions { PlanOptions(timeLimit: min(timeLimit, editTimeLimit)) }

  private func runPlan(_ job: Job) throws(WorkbenchFailure) {
    let edits: [ScenarioEdit]
    do { edits = try workspace.store.edits(job.scenario, at: job.baseStep) } catch { throw .store(error) }
    let loaded = try workspace.load(job.scenario, edits: edits)
    set(job.id, .solving)
    let result: PlanResult
    do { result = try workspace.planner.plan(loaded, options: options()) } catch { throw .planning(error.description) }
    set(job.id, .writing)
    let folder = PlanWriter.defaultFolder(for: loaded.name, in: workspace.root)
    let written: URL
    do { written = try PlanWriter.write(result, to: folder) } catch { throw .output("\(error)") }
    let s = result.summary
    let version = WorkbenchStore.NewVersion(
      folder: workspace.relativePath(written), kind: "plan", inputSHA256: loaded.inputSHA256, objective: s.objective,
      assigned: s.assigned, slots: s.slots, optimal: s.optimal, status: s.status, moves: nil)
    let finished: Job
    do { finished = try workspace.store.finishJob(job, version: version, cancelled: isCancelled(job.id)) } catch { throw .store(error) }
    if let id = finished.planVersion, let v = try? workspace.store.planVersion(id) {
      workspace.remember(PlanView(version: v, model: result.model, plan: result.plan, outcome: result.record.outcome, edits: edits))
    }
  }

  private func runEdit(_ job: Job) throws(WorkbenchFailure) {
    guard let edit = job.edit else { throw .refused("no edit") }
    let store = workspace.store
    let base: PlanVersion
    let edits: [ScenarioEdit]
    do {
      guard job.baseStep != 0, let step = try store.allSteps(job.scenario).first(where: { $0.id == job.baseStep }),
            let v = try store.planVersion(step.planVersion) else {
        throw WorkbenchFailure.refused("请先制定方案 make a plan first, then adjust it")
      }
      base = v
      edits = try store.edits(job.scenario, at: job.baseStep) + [edit]
    } catch let e as WorkbenchFailure { throw e } catch { throw .store(error as! StoreError) }
    let plain = try workspace.load(job.scenario)
    if let problem = edit.problem(in: plain.scenario) { throw .refused(problem) }
    let loaded = try workspace.load(job.scenario, edits: edits)
    set(job.id, .solving)
    let adjusted: AdjustResult
    do { adjusted = try workspace.planner.adjust(loaded, previousFolder: workspace.url(of: base), options: editOptions()) } catch {
      throw .planning(error.description)
    }
    set(job.id, .writing)
    let folder = PlanWriter.defaultFolder(for: loaded.name, in: workspace.root)
    let written: URL
    do { written = try Planner.writeAdjusted(adjusted, to: folder) } catch { throw .output("\(error)") }
    // The view for the diff page, built now so the page shows at once: the office's points
    // (the model without the continuity bonus), the same as a view rebuilt after a restart.
    let model: PlanningModel
    do { model = try ProblemBuilder().build(loaded.scenario) } catch { throw .planning("\(error)") }
    let s = adjusted.result.summary
    let version = WorkbenchStore.NewVersion(
      folder: workspace.relativePath(written), kind: "replan", inputSHA256: loaded.inputSHA256,
      objective: adjusted.scoreWithoutContinuity, assigned: s.assigned, slots: s.slots, optimal: s.optimal, status: s.status,
      moves: adjusted.moves)
    let finished: Job
    do { finished = try store.finishJob(job, version: version) } catch { throw .store(error) }
    if let id = finished.planVersion, let v = try? store.planVersion(id) {
      let pairs = adjusted.result.plan.assignments.map { PreviousPair(organization: $0.organization, role: $0.role, instructor: $0.instructor) }
      workspace.remember(Workspace.makeView(version: v, model: model, pairs: pairs, edits: edits))
    }
  }
}
