//===----------------------------------------------------------------------===//
// Solves in the background: one serial queue per scenario (so solves of one
// scenario run one at a time, in order), on threads of their own — a long solve
// never occupies the threads that serve pages. Progress is kept in memory for the
// live page; the outcome goes to the database in one transaction.
//===----------------------------------------------------------------------===//
import AssignmentCore
import DispatchIO
import DispatchModel
import DispatchPlanner
import DispatchPlanning
import Foundation
import WorkbenchStore

/// What a running job is doing, for the live progress on its page: the solver's own
/// reports (phase, best plan so far, bound, elapsed) through its `SolveControl`, which
/// is also the cancel button's handle.
struct JobProgress: Sendable {
  var queued = true
  var done = false
  let control = SolveControl()
  let started = Date()
  var timeLimit: Double

  /// The phase in plain words (Chinese, English).
  var phaseLabel: (zh: String, en: String) {
    if done { return ("完成", "done") }
    if queued { return ("排队中", "queued") }
    switch control.latest.phase {
    case .reading: return ("读取台账", "reading the ledger")
    case .building: return ("建立模型", "building the model")
    case .relaxation: return ("求解松弛问题", "solving the relaxation")
    case .incumbentSearch: return ("寻找可行方案", "searching for plans that keep the rules")
    case .bounding: return ("估算上界", "tightening the bound")
    case .branchAndBound: return ("分支定界", "branch and bound")
    case .fallback: return ("改用备用求解器", "trying the fallback solver")
    case .checking: return ("校验", "checking")
    case .writing: return ("写出方案", "writing the plan")
    case .done: return ("完成", "done")
    }
  }
}

final class SolveQueue: @unchecked Sendable {
  let workspace: Workspace
  let timeLimit: Double
  let editTimeLimit: Double
  private let lock = NSLock()
  private var queues: [String: DispatchQueue] = [:]
  private var progress: [Int64: JobProgress] = [:]
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

  private func control(_ job: Int64) -> SolveControl? {
    lock.lock(); defer { lock.unlock() }
    return progress[job]?.control
  }

  private func isCancelled(_ job: Int64) -> Bool { control(job)?.isCancelled ?? false }

  /// Asks a job to stop. A queued job stops before it starts; a running solve stops as soon
  /// as it can and returns its best plan so far with its honest status (bound and gap).
  func cancel(_ job: Int64) { control(job)?.cancel() }

  /// Waits until the job has finished (for tests and the load test's API).
  func wait(for job: Int64) async {
    await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
      lock.lock()
      if let p = progress[job], p.done { lock.unlock(); c.resume(); return }
      waiters[job, default: []].append(c)
      lock.unlock()
    }
  }

  private func finish(_ job: Int64) {
    lock.lock()
    progress[job]?.done = true
    let ws = waiters.removeValue(forKey: job) ?? []
    lock.unlock()
    for w in ws { w.resume() }
  }

  func submit(scenario: String, kind: JobKind, edit: ScenarioEdit?, author: String) throws(WorkbenchFailure) -> Job {
    let job: Job
    do { job = try workspace.store.createJob(scenario: scenario, kind: kind, edit: edit, author: author) } catch { throw .store(error) }
    lock.lock(); progress[job.id] = JobProgress(timeLimit: timeLimit); lock.unlock()
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
    lock.lock(); progress[job.id]?.queued = false; lock.unlock()
    control(job.id)?.enter(.reading)
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

  private func options(_ job: Job) -> PlanOptions { PlanOptions(timeLimit: timeLimit, control: control(job.id)) }

  /// An adjustment re-plan starts from the previous plan; it gets a shorter limit, and says
  /// honestly (status, bound, gap) when it stops before proving optimality.
  private func editOptions(_ job: Job) -> PlanOptions { PlanOptions(timeLimit: min(timeLimit, editTimeLimit), control: control(job.id)) }

  private func runPlan(_ job: Job) throws(WorkbenchFailure) {
    let edits: [ScenarioEdit]
    do { edits = try workspace.store.edits(job.scenario, at: job.baseStep) } catch { throw .store(error) }
    let loaded = try workspace.load(job.scenario, edits: edits)
        let result: PlanResult
    do { result = try workspace.planner.plan(loaded, options: options(job)) } catch { throw .planning(error.description) }
    control(job.id)?.enter(.writing)
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
    // The re-plan's fast path for one edit (continuity bonus, fewest moves, warm start from the base plan
    // repaired around the edit; no second model, no cold reference): the base plan's pairs from its own plan.csv.
    let replan: ReplanResult
    do {
      let basePlan = workspace.url(of: base).appendingPathComponent(PlanWriter.planFile)
      replan = try workspace.planner.proposeEdit(loaded, current: try Planner.loadPrevious(folder: basePlan), currentPlan: basePlan,
                                                 options: editOptions(job))
    } catch {
      throw .planning("\(error)")
    }
    control(job.id)?.enter(.writing)
    let folder = PlanWriter.defaultFolder(for: loaded.name, in: workspace.root)
    let written: URL
    do { written = try Planner.writeReplan(replan, to: folder) } catch { throw .output("\(error)") }
    // The view for the diff page, built now so the page shows at once: the office's points
    // (the model without the continuity bonus), the same as a view rebuilt after a restart.
    let model: PlanningModel
    do { model = try ProblemBuilder().build(loaded.scenario) } catch { throw .planning("\(error)") }
    let s = replan.result.summary
    let version = WorkbenchStore.NewVersion(
      folder: workspace.relativePath(written), kind: "replan", inputSHA256: loaded.inputSHA256,
      objective: replan.figures.scoreWithoutContinuity, assigned: s.assigned, slots: s.slots, optimal: s.optimal, status: s.status,
      moves: replan.figures.moves)
    let finished: Job
    do { finished = try store.finishJob(job, version: version) } catch { throw .store(error) }
    if let id = finished.planVersion, let v = try? store.planVersion(id) {
      let pairs = replan.result.plan.assignments.map { PreviousPair(organization: $0.organization, role: $0.role, instructor: $0.instructor) }
      workspace.remember(Workspace.makeView(version: v, model: model, pairs: pairs, edits: edits))
    }
  }
}

/// A job's progress as the page shows it (and the live updates send it).
struct LiveProgress {
  let phase: String
  let elapsed: String
  let limit: Int
  let pct: Int
  let best: String
  let bound: String
  let gap: String

  init(_ progress: JobProgress?, lang: Lang) {
    let seconds = progress.map { Date().timeIntervalSince($0.started) } ?? 0
    let limit = progress?.timeLimit ?? 60
    let latest = progress?.control.latest
    phase = progress.map { lang.t($0.phaseLabel.zh, $0.phaseLabel.en) } ?? lang.t("排队中", "queued")
    elapsed = String(format: "%.1f", seconds)
    self.limit = Int(limit)
    pct = min(100, Int(seconds * 100 / max(1, limit)))
    best = latest?.best.map { "\($0.score)" } ?? "—"
    bound = latest?.bound.map { "\($0.score)" } ?? "—"
    gap = latest?.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "—"
  }

  func json(done: Bool) -> String {
    func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
    return "{\"phase\":\(quoted(phase)),\"elapsed\":\(quoted(elapsed)),\"pct\":\(pct),\"best\":\(quoted(best)),\"bound\":\(quoted(bound)),\"gap\":\(quoted(gap)),\"done\":\(done)}"
  }
}
