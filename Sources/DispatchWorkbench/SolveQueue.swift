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

/// An adjustment's re-plan, held in memory until the office accepts it (nothing is written
/// for a proposal: the diff comes straight from it; Accept writes the plan folder).
struct Proposal: Sendable {
  let replan: ReplanResult
  /// The version it becomes when accepted (its folder named then).
  let made: NewVersion
  /// The re-planned plan on the office's model (no continuity bonus), for the diff.
  let after: PlanView
  /// Seconds from the start of the job to the diff ready (the re-plan's own timings are in `replan`).
  let seconds: Double
}

/// What a next-quarter job starts from: a published plan folder.
struct NextQuarterStart: Sendable {
  let previousFolder: URL
}

final class SolveQueue: @unchecked Sendable {
  let workspace: Workspace
  let timeLimit: Double
  let editTimeLimit: Double
  private let lock = NSLock()
  private var queues: [String: DispatchQueue] = [:]
  private var progress: [Int64: JobProgress] = [:]
  private var waiters: [Int64: [CheckedContinuation<Void, Never>]] = [:]
  private var proposals: [Int64: Proposal] = [:]
  private var proposalOrder: [Int64] = []
  private var starts: [Int64: NextQuarterStart] = [:]
  /// Proposals kept at once (each holds its models: a city's are large); an older one not yet
  /// accepted must be tried again.
  private let proposalCapacity = 8

  init(workspace: Workspace, timeLimit: Double, editTimeLimit: Double) {
    self.workspace = workspace
    self.timeLimit = timeLimit
    self.editTimeLimit = editTimeLimit
  }

  /// The scenario's serial solve queue (studies run on it too: one solve at a time per scenario).
  func solveQueue(for scenario: String) -> DispatchQueue { queue(for: scenario) }

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

  /// Jobs of `scenario` submitted and not finished, this one excluded (how long the queue is).
  func waitingAhead(of job: Int64) -> Bool {
    lock.lock(); defer { lock.unlock() }
    return progress[job]?.queued ?? false
  }

  func proposal(_ job: Int64) -> Proposal? {
    lock.lock(); defer { lock.unlock() }
    return proposals[job]
  }

  func dropProposal(_ job: Int64) {
    lock.lock(); defer { lock.unlock() }
    proposals[job] = nil
    proposalOrder.removeAll { $0 == job }
  }

  private func keep(_ proposal: Proposal, for job: Int64) {
    lock.lock(); defer { lock.unlock() }
    proposals[job] = proposal
    proposalOrder.append(job)
    while proposalOrder.count > proposalCapacity { proposals[proposalOrder.removeFirst()] = nil }
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
      if progress[job] == nil { lock.unlock(); c.resume(); return }
      waiters[job, default: []].append(c)
      lock.unlock()
    }
  }

  /// Waits for the job at most `seconds`; true when it finished.
  func wait(for job: Int64, seconds: Double) async -> Bool {
    ((try? await within(seconds: seconds) { await self.wait(for: job); return true }) ?? nil) ?? false
  }

  private func finish(_ job: Int64) {
    lock.lock()
    progress[job]?.done = true
    let ws = waiters.removeValue(forKey: job) ?? []
    lock.unlock()
    for w in ws { w.resume() }
  }

  func submit(scenario: String, kind: JobKind, edit: ScenarioEdit?, author: String,
              start: NextQuarterStart? = nil) throws(WorkbenchFailure) -> Job {
    let job: Job
    do { job = try workspace.store.createJob(scenario: scenario, kind: kind, edit: edit, author: author) } catch { throw .store(error) }
    lock.lock()
    progress[job.id] = JobProgress(timeLimit: kind == .edit ? min(timeLimit, editTimeLimit) : timeLimit)
    starts[job.id] = start
    lock.unlock()
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
      case .nextQuarter: try runNextQuarter(job)
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
    workspace.remember(result.model, for: loaded)
    control(job.id)?.enter(.writing)
    let folder = PlanWriter.defaultFolder(for: loaded.name, in: workspace.root)
    let written: URL
    do { written = try PlanWriter.write(result, to: folder) } catch { throw .output("\(error)") }
    let s = result.summary
    let version = NewVersion(
      folder: workspace.relativePath(written), kind: .plan, inputSHA256: loaded.inputSHA256, objective: s.objective,
      assigned: s.assigned, slots: s.slots, optimal: s.optimal, status: PlanStatus(summaryStatus: s.status), moves: nil)
    let finished: Job
    do { finished = try workspace.store.finishJob(job, version: version, cancelled: isCancelled(job.id)) } catch { throw .store(error) }
    if let id = finished.planVersion, let v = try? workspace.store.planVersion(id) {
      workspace.remember(PlanView(version: v, model: result.model, plan: result.plan, outcome: result.record.outcome, edits: edits))
    }
  }

  private func runEdit(_ job: Job) throws(WorkbenchFailure) {
    guard let edit = job.edit else { throw .refused("no edit") }
    let store = workspace.store
    // Proposed against a version that has moved on (another edit was accepted while this one
    // waited): its diff could never be accepted, so it is not solved.
    if let state = try? store.state(of: job.scenario), state.version != job.baseVersion {
      try? store.setJobStatus(job.id, .stale)
      return
    }
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
    let clock = Date()
    let plain = try workspace.load(job.scenario)
    if let problem = edit.problem(in: plain.scenario) { throw .refused(problem) }
    let loaded = try workspace.load(job.scenario, edits: edits)
    // The office's model for the diff (no continuity bonus) is built beside the re-plan, on the other core.
    let office = Background { [workspace] () throws(WorkbenchFailure) -> PlanningModel in try workspace.model(loaded) }
    // The re-plan's fast path for one edit (`Planner.proposeEdit`: continuity bonus, fewest moves, the base
    // plan repaired around the edit as the warm start; one model build, no cold reference, nothing read or
    // written): the base plan's pairs come from its view, in memory.
    let current = try workspace.view(base.id).plan.assignments.map {
      PreviousPair(organization: $0.organization, role: $0.role, instructor: $0.instructor)
    }
    let replan: ReplanResult
    do {
      replan = try workspace.planner.proposeEdit(loaded, current: current,
                                                 currentPlan: workspace.url(of: base).appendingPathComponent(PlanWriter.planFile),
                                                 options: editOptions(job))
    } catch {
      throw .planning("\(error)")
    }
    let model = try office.value()
    let s = replan.result.summary
    let made = NewVersion(
      folder: "", kind: .replan, inputSHA256: loaded.inputSHA256, objective: replan.figures.scoreWithoutContinuity,
      assigned: s.assigned, slots: s.slots, optimal: s.optimal, status: PlanStatus(summaryStatus: s.status), moves: replan.figures.moves)
    let pairs = replan.result.plan.assignments.map { PreviousPair(organization: $0.organization, role: $0.role, instructor: $0.instructor) }
    let pending = PlanVersion(id: -job.id, scenario: job.scenario, made: made, createdAt: "", author: job.author)
    let after = Workspace.makeView(version: pending, model: model, pairs: pairs, edits: edits)
    keep(Proposal(replan: replan, made: made, after: after, seconds: Date().timeIntervalSince(clock)), for: job.id)
    do { try store.proposalReady(jobID: job.id) } catch { throw .store(error) }
  }

  /// Accepts a ready proposal: writes its plan folder (complete before any row names it), then
  /// records the version and the step in one transaction.
  func accept(_ job: Job, expectedVersion: Int, author: String) throws(WorkbenchFailure) -> VersionConflict? {
    let store = workspace.store
    let state: ScenarioState
    do { state = try store.state(of: job.scenario) } catch { throw .store(error) }
    if state.version != expectedVersion || state.version != job.baseVersion {
      let since: [AuditEvent]
      do { since = try store.events(job.scenario, after: min(expectedVersion, job.baseVersion)) } catch { throw .store(error) }
      return VersionConflict(expected: expectedVersion, current: state.version, since: since)
    }
    guard job.status == .ready, let proposal = proposal(job.id) else {
      throw .refused("这项调整的结果已不在或已处理，请重新试算 this adjustment's result is no longer held or was handled already; try it again")
    }
    let written: URL
    do { written = try Planner.writeReplan(proposal.replan, to: PlanWriter.defaultFolder(for: proposal.replan.result.summary.scenario, in: workspace.root)) } catch {
      throw .output("\(error)")
    }
    var made = proposal.made
    made.folder = workspace.relativePath(written)
    do {
      try store.accept(jobID: job.id, expectedVersion: expectedVersion, author: author, version: made)
    } catch {
      if case .conflict(let c) = error { return c }
      throw .store(error)
    }
    dropProposal(job.id)
    if let id = (try? store.job(job.id))??.planVersion, let v = try? store.planVersion(id) {
      let after = proposal.after
      workspace.remember(PlanView(version: v, model: after.model, plan: after.plan, outcome: after.outcome, edits: after.edits))
    }
    return nil
  }

  /// The next quarter: the new scenario (its ledger with the quarter's changes) re-planned from
  /// the published plan with the fewest moves; it becomes the new scenario's first step.
  private func runNextQuarter(_ job: Job) throws(WorkbenchFailure) {
    guard let start = lock.withLock({ starts[job.id] }) else { throw .refused("no published plan to start from") }
    let loaded = try workspace.load(job.scenario)
    let replan: ReplanResult
    do {
      replan = try workspace.planner.replan(loaded, previousFolder: start.previousFolder, allowOtherScenario: true, options: options(job))
    } catch {
      throw .planning(error.description)
    }
    control(job.id)?.enter(.writing)
    let written: URL
    do { written = try Planner.writeReplan(replan, to: PlanWriter.defaultFolder(for: loaded.name, in: workspace.root)) } catch {
      throw .output("\(error)")
    }
    let s = replan.result.summary
    let made = NewVersion(
      folder: workspace.relativePath(written), kind: .nextQuarter, inputSHA256: loaded.inputSHA256,
      objective: replan.figures.scoreWithoutContinuity, assigned: s.assigned, slots: s.slots, optimal: s.optimal,
      status: PlanStatus(summaryStatus: s.status), moves: replan.figures.moves)
    do { _ = try workspace.store.finishJob(job, version: made, cancelled: isCancelled(job.id)) } catch { throw .store(error) }
  }
}

/// A value computed on another thread while this one works (one result, read once).
final class Background<Value: Sendable>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result<Value, WorkbenchFailure>?

  init(_ body: @escaping @Sendable () throws(WorkbenchFailure) -> Value) {
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      result = Result { () throws(WorkbenchFailure) -> Value in try body() }
      done.signal()
    }
  }

  func value() throws(WorkbenchFailure) -> Value {
    done.wait()
    return try result!.get()
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
