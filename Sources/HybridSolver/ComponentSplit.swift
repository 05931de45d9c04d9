//===----------------------------------------------------------------------===//
// The warm path, step e: independent components, solved concurrently and combined in order.
//
// COMPONENTS (step e). After pruning, rows and columns are joined by the kept arcs,
// by `usedColumns` (its columns) and `distinctColumns` (its rows); `exclusive`,
// `mix` and `minimumLoad` act column by column and so stay inside a component
// (mix is given to every component, restricted to its rows). Components share no
// variable and no constraint, so the optimum is the sum of the components' optima
// and a bound is the sum of their (weighted) bounds; a component that is
// infeasible makes the whole restricted problem infeasible. With `workers` > 1 the
// components are solved concurrently (GLPK's environment is per thread) and combined
// in the same order as one worker would (largest first; the first infeasible or failed
// component decides), so every component solved to optimality gives the same plan
// for any worker count; only time shares differ (each component gets
// workers × its share of the arcs of the remaining time, at most all of it).
//
//===----------------------------------------------------------------------===//
import AssignmentCore
import Synchronization

extension WarmRun {
  /// `boundFloor`: what bounds the plans using a pruned arc (U − threshold − 1); the restricted
  /// problem's bound, raised to it, bounds the whole problem (for progress reports).
  func solveSplit(_ restricted: AssignmentProblem, incumbent: [Int32]?, relaxation: RelaxationOptimum?, cert: RelaxationCertificate,
                  share: Double, boundFloor: ObjectiveValue, cuttingPlanes: Bool = false) throws(SolverError) -> AssignmentOutcome {
    let parts = solver.splitComponents ? ComponentSplit(restricted) : nil
    guard let parts, parts.components.count > 1 else {
      notes.append("one component")
      statistics.components = 1
      var l = remainingLimits(incumbent: incumbent, relaxation: relaxation, share: share)
      l.control = control?.scoped(best: { $0 }, bound: { max($0, boundFloor) })
      l.cuttingPlanes = cuttingPlanes
      return try solver.mip.solve(restricted, limits: l)
    }
    statistics.components = parts.components.count
    notes.append("\(parts.components.count) independent components (largest \(parts.components.map(\.rows.count).max() ?? 0) rows)")
    var plan = [Int32](repeating: -1, count: problem.rowCount)
    var boundW: Int64 = 0
    var allOptimal = true
    var log: [String] = []
    // Largest first. One worker: each gets a share of the remaining time proportional to its arcs
    // among those left. Several workers (`solver.workers`): the components run concurrently, each
    // with share × workers × (its arcs / all arcs) of the remaining time, at most share.
    let ordered = parts.components.sorted(by: { $0.problem.arcCount > $1.problem.arcCount })
    let totalArcs = max(1, ordered.reduce(0) { $0 + $1.problem.arcCount })
    var suffix = [Int](repeating: 0, count: ordered.count + 1)
    for k in stride(from: ordered.count - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] + ordered[k].problem.arcCount }
    let arcsFrom = suffix  // arcs of ordered[k...]
    let workers = min(max(1, solver.workers), ordered.count)
    let firstStop = FirstStop()
    // The workers capture only Sendable values (the MIP solver, the components, the time budget).
    let (mip, budget) = (solver.mip, budget)
    let componentControl = control?.phasesOnly  // a component's values are not the whole plan's
    let results = OrderedParallel.map(count: ordered.count, workers: workers) { k -> Result<AssignmentOutcome, SolverError>? in
      // After an infeasible or failed component k' < k the result is decided: k is not needed.
      guard !firstStop.before(k) else { return nil }
      let component = ordered[k]
      let arcs = Double(component.problem.arcCount)
      let part = workers > 1 ? min(share, share * Double(workers) * arcs / Double(totalArcs)) : share * arcs / Double(max(1, arcsFrom[k]))
      let sub = incumbent.map { inc in component.rows.map { inc[$0] < 0 ? -1 : Int32(component.columnIndex[Int(inc[$0])]!) } }
      let subRelaxation = relaxation.map { r in
        RelaxationOptimum(plan: component.rows.map { r.plan[$0] < 0 ? -1 : Int32(component.columnIndex[Int(r.plan[$0])]!) },
                          duals: AssignmentDuals(rowDual: component.rows.map { r.duals.rowDual[$0] },
                                                 columnDual: component.columns.map { r.duals.columnDual[$0] }))
      }
      let result = Result { () throws(SolverError) in
        var l = budget.remainingLimits(incumbent: sub, relaxation: subRelaxation, share: part)
        l.control = componentControl
        l.cuttingPlanes = cuttingPlanes
        return try mip.solve(component.problem, limits: l)
      }
      if case .failure = result { firstStop.record(k) } else if case .success(let o) = result, o.status.isInfeasible { firstStop.record(k) }
      return result
    }
    statistics.componentWorkers = workers
    if workers > 1 { notes.append("components solved by \(workers) workers, combined in order") }
    // Combined in order, exactly as one worker would: the first infeasible or failed component decides.
    for (k, result) in results.enumerated() {
      let component = ordered[k]
      guard let result else { preconditionFailure("component \(k) skipped without an earlier stop") }
      let o: AssignmentOutcome
      switch result {
      case .success(let solved): o = solved
      case .failure(let error): throw error
      }
      if case .infeasible(let rows) = o.status {
        return AssignmentOutcome(status: .infeasible(uncoverable: rows.map { component.rows[$0] }), columnOfRow: plan,
                                 objective: ObjectiveValue(covered: 0, score: 0), bound: nil, solverName: o.solverName, log: o.log)
      }
      for (i, c) in o.columnOfRow.enumerated() where c >= 0 { plan[component.rows[i]] = Int32(component.columns[Int(c)]) }
      if !o.status.isOptimal { allOptimal = false; log += o.log }
      boundW += cert.weighted(o.bound ?? ObjectiveValue(covered: component.problem.rowCount, score: Int64(component.problem.rowCount) * maximumScoreMagnitude))
    }
    let objective = SolutionChecker.objective(of: plan, in: restricted)
    return AssignmentOutcome(status: allOptimal ? .optimal : .feasible, columnOfRow: plan, objective: objective,
                             bound: allOptimal ? objective : cert.lexicographic(boundW), solverName: solver.mip.name, log: log)
  }
}

/// Connected components of rows and columns joined by arcs and by linking side rules.
struct ComponentSplit {
  struct Component: Sendable {
    var rows: [Int]
    var columns: [Int]
    var columnIndex: [Int: Int]
    var problem: AssignmentProblem
  }
  var components: [Component] = []

  init?(_ problem: AssignmentProblem) {
    let n = problem.rowCount, m = problem.columnCount
    var parent = Array(0..<(n + m))
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
      return x
    }
    func union(_ a: Int, _ b: Int) { let ra = find(a), rb = find(b); if ra != rb { parent[max(ra, rb)] = min(ra, rb) } }
    for row in 0..<n { for arc in problem.arcs(ofRow: row) { union(row, n + Int(problem.arcColumns[arc])) } }
    // Each rule's scope (its descriptor): the rows and columns it ties together share a component,
    // which the rule then belongs to (in the problem's rule order); a column-by-column rule (mix)
    // goes to every component.
    var anchor: [Int?] = []  // per rule: a node of its component, nil for every component
    for rule in problem.sideRules {
      switch rule.descriptor.scope {
      case .everyComponent: anchor.append(nil)
      case .joins(let rows, let columns):
        let nodes = rows + columns.map { n + $0 }
        guard let first = nodes.first else { return nil }  // a rule over nothing: no split
        for node in nodes { union(first, node) }
        anchor.append(first)
      }
    }
    var rowsOf: [Int: [Int]] = [:], columnsOf: [Int: [Int]] = [:]
    for r in 0..<n { rowsOf[find(r), default: []].append(r) }
    for c in 0..<m { columnsOf[find(n + c), default: []].append(c) }
    var ruleOf: [Int: [SideRule]] = [:]
    var everyComponent: [SideRule] = []  // given to every component, restricted to its rows
    for (rule, node) in zip(problem.sideRules, anchor) {
      if let node { ruleOf[find(node), default: []].append(rule) } else { everyComponent.append(rule) }
    }
    let roots = Set(rowsOf.keys).union(ruleOf.keys).sorted()
    for root in roots {
      let rows = rowsOf[root] ?? [], columns = columnsOf[root] ?? []
      var rowIndex: [Int: Int] = [:], columnIndex: [Int: Int] = [:]
      for (i, r) in rows.enumerated() { rowIndex[r] = i }
      for (i, c) in columns.enumerated() { columnIndex[c] = i }
      var arcs: [Arc] = []
      var locks: [(row: Int, column: Int)] = []
      for r in rows {
        for arc in problem.arcs(ofRow: r) {
          arcs.append(Arc(row: rowIndex[r]!, column: columnIndex[Int(problem.arcColumns[arc])]!, score: problem.arcScores[arc], load: problem.load(ofArc: arc)))
        }
        if problem.lockedColumn[r] >= 0 { locks.append((rowIndex[r]!, columnIndex[Int(problem.lockedColumn[r])]!)) }
      }
      // Every index a rule names lies in its component (the union above), so renaming keeps it whole.
      var rules: [SideRule] = []
      for rule in ruleOf[root] ?? [] {
        guard let renamed = rule.renamed(row: { rowIndex[$0] }, column: { columnIndex[$0] }) else { return nil }
        rules.append(renamed)
      }
      if !columns.isEmpty {
        for rule in everyComponent { rules.append(rule.renamed(row: { rowIndex[$0] }, column: { columnIndex[$0] })!) }
      }
      guard let sub = try? AssignmentProblem(rowCount: rows.count, columnCapacities: columns.map { problem.columnCapacities[$0] },
                                             arcs: arcs, locks: locks, coverage: problem.coverage, sideRules: rules)
      else { return nil }
      components.append(Component(rows: rows, columns: columns, columnIndex: columnIndex, problem: sub))
    }
  }
}

func fmt(_ x: Double) -> String {
  let v = (x * 1000).rounded() / 1000
  return "\(v)"
}

/// The time limit of one warm solve, on the monotonic clock, and the limits each MIP call gets.
/// Sendable: the component workers share it.
struct TimeBudget: Sendable {
  let limits: SolveLimits
  let clock = Stopwatch()
  /// The whole solve's deadline: every phase's own share is capped by it (SolveClock.swift, EVERY PHASE).
  let deadline: Deadline

  init(limits: SolveLimits) {
    self.limits = limits
    deadline = Deadline(limits: limits)
  }

  /// `limits` with `incumbent` and `relaxation`, and `share` of the time left.
  func remainingLimits(incumbent: [Int32]?, relaxation: RelaxationOptimum? = nil, share: Double = 1) -> SolveLimits {
    var l = limits
    l.incumbent = incumbent
    l.relaxationOptimum = relaxation
    // A margin for GLPK's model build and wind-down, so the whole solve keeps to the limit.
    if let t = limits.timeLimit { l.timeLimit = max(0.5, (t - clock.seconds) * share - min(3, 0.05 * t)) }
    return l
  }
}

/// The lowest component index whose result ended the combination (infeasible or failed), shared by
/// the workers of `solveSplit`: a component after it need not be solved. Whatever the interleaving,
/// every component before the lowest such index is solved, which is all the combination reads.
/// An atomic (checked, and visible to ThreadSanitizer, unlike a contended Mutex on Linux).
final class FirstStop: Sendable {
  private let index = Atomic<Int>(Int.max)
  func record(_ k: Int) { _ = index.min(k, ordering: .sequentiallyConsistent) }
  func before(_ k: Int) -> Bool { index.load(ordering: .sequentiallyConsistent) < k }
}
