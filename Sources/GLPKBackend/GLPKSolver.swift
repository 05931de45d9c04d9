//===----------------------------------------------------------------------===//
// GLPKSolver: the AssignmentSolver back end on GLPK 5 (simplex and branch-and-cut).
//
// Strategy:
// - Pure problems (loads 1, no side rules) are totally unimodular: one LP solved by
//   glp_simplex has an integral optimal vertex. The vertex
//   is checked for integrality, and the rounded (integral) row duals are checked in
//   Int64 arithmetic as an exact optimality certificate (dual feasibility on every
//   modelled arc + complementary slackness); primal simplex, no presolve (see solvePure).
//   Only then the outcome is `.optimal` with
//   `AssignmentDuals`; otherwise the MIP path below runs (no duals).
// - Starting basis (`startingBasis`, on by default; `GLPKStartingBasis`). Given
//   `SolveLimits.relaxationOptimum` (the native optimum of the pure relaxation and its
//   duals), an LP starts from that plan's basis completed by arcs of reduced cost 0:
//   optimal for the pure LP (0 simplex iterations), dual feasible for the MIP's root LP,
//   which then runs the dual simplex (when its objective is the weighted one, or the
//   score with full coverage required). Otherwise, with an incumbent, the pure LP starts
//   from the incumbent's plan and the root LP (primal simplex) from the incumbent's vertex
//   with every slack basic. glp_warm_up checks the basis; if it refuses, the standard
//   basis is restored and the log says so. The log records each LP's simplex iterations
//   (glp_get_it_cnt) and time.
// - Everything else is a MIP for glp_intopt (presolve on; off when an incumbent is
//   offered through glp_ios_heur_sol, which needs the original problem's columns).
// - Lexicographic objective: maximise Σ (BIG + score)·x with BIG = 2·S + 1, S = Σ_rows
//   max |score| (so one more covered row outweighs any change of score), when the
//   weighted objective is small enough that GLPK's floating-point tolerances cannot
//   blur one unit of score (BIG ≤ 100 000 and rows·(BIG + max|score|) < 2^40; for the
//   pure LP, whose result is certified exactly, only < 2^52 is needed). Otherwise two
//   phases: maximise coverage, then fix Σ x ≥ covered and maximise the score.
//   Soft rules' penalties are part of the score (S also counts the largest total
//   penalty, so BIG still outweighs every score difference); phase 1 ignores them.
//   The objective reported is always recomputed from the integer assignment with
//   SolutionChecker.objective, never read from GLPK's floats; every assignment is
//   checked with SolutionChecker.violations before it is returned.
// - tol_obj is lowered so that GLPK never prunes a node within one unit of objective.
// - Bounds (time limit or gap stop) come from the best active node seen by the
//   callback, rounded up by a small epsilon then floored, split into (covered, score).
// Complexity: one LP (pure) or one/two MIPs; model size O(arcs + side-rule sizes).
//===----------------------------------------------------------------------===//
import AssignmentCore
import CGLPK
import CGLPKGuard
import Foundation

public struct GLPKSolver: AssignmentSolver {
  static let solverName = "glpk"
  /// Start the simplex from a basis built from `SolveLimits.relaxationOptimum` or `incumbent`
  /// instead of GLPK's standard basis (`GLPKStartingBasis`); off only to measure or test the difference.
  public var startingBasis: Bool

  public init(startingBasis: Bool = true) { self.startingBasis = startingBasis }

  public var name: String { Self.solverName }
  public var capabilities: SolverCapabilities { SolverCapabilities(generalLoads: true, sideRules: true) }

  public func solve(_ problem: AssignmentProblem, limits: SolveLimits) throws(SolverError) -> AssignmentOutcome {
    let run = GLPKRun(problem: problem, limits: limits, startingBasis: startingBasis)
    return try run.run()
  }
}

/// One solve: the state shared by the pure and MIP paths.
final class GLPKRun {
  let problem: AssignmentProblem
  let limits: SolveLimits
  let startingBasis: Bool
  let session: GLPKSession
  let start = ContinuousClock.now
  var notes: [String] = [] {
    didSet { if limits.verbose, let last = notes.last { FileHandle.standardError.write(Data("glpk: \(last)\n".utf8)) } }
  }
  /// Σ_rows max |score| + the largest soft-rule penalty; every assignment's score lies in −S...S.
  let scoreSpan: Int64
  /// Σ_rows max(0, best score): an upper bound on any assignment's score.
  let positiveScoreBound: Int64
  /// Rows with at least one arc: an upper bound on coverage.
  let coverableRows: Int
  let big: Int64
  var incumbent: [Int32]?
  /// The typed facts of this solve (`AssignmentOutcome.statistics`).
  var statistics = SolveStatistics()

  init(problem: AssignmentProblem, limits: SolveLimits, startingBasis: Bool) {
    self.problem = problem
    self.limits = limits
    self.startingBasis = startingBasis
    session = GLPKSession(verbose: limits.verbose)
    var span: Int64 = 0, positive: Int64 = 0, coverable = 0
    for row in 0..<problem.rowCount {
      let arcs = problem.arcs(ofRow: row)
      guard !arcs.isEmpty else { continue }
      coverable += 1
      span += arcs.map { abs(problem.arcScores[$0]) }.max()!
      positive += max(0, arcs.map { problem.arcScores[$0] }.max()!)
    }
    // The largest total penalty of soft rules: the score can fall that much below −Σ max |score|.
    for rule in problem.sideRules {
      span += (rule.softWeight ?? 0) * Int64(rule.maximumViolations(columnCount: problem.columnCount))
    }
    scoreSpan = span
    positiveScoreBound = positive
    coverableRows = coverable
    big = 2 * span + 1
  }

  // MARK: - Entry

  func run() throws(SolverError) -> AssignmentOutcome {
    try GLPKModelBuilder.validate(problem)
    if let given = limits.incumbent {
      let broken = SolutionChecker.violations(given, in: problem)
      if broken.isEmpty { incumbent = given } else {
        statistics.givenIncumbent = .ignored
        notes.append("incumbent ignored: \(broken.prefix(3).map(\.description).joined(separator: "; "))")
      }
    }
    var outcome: AssignmentOutcome
    if problem.isPureAssignment, let pure = try solvePure() {
      outcome = pure
    } else {
      outcome = try solveMIP()
    }
    outcome.log = notes + session.logLines
    outcome.statistics = statistics
    return outcome
  }

  // MARK: - Time

  var remainingMilliseconds: Int32? {
    guard let limit = limits.timeLimit else { return nil }
    let seconds = limit - Stopwatch.seconds(ContinuousClock.now - start)
    return max(1, Int32(clamping: seconds * 1000, .down, nan: 1))
  }

  var timeUp: SolverError {
    limits.isCancelled ? .stoppedWithoutSolution(solver: GLPKSolver.solverName)
      : .timeLimitWithoutSolution(solver: GLPKSolver.solverName, seconds: limits.timeLimit ?? 0)
  }

  /// Reports GLPK's incumbent and bound to `limits.control` (when their objective is the weighted
  /// W = BIG·covered + score, or the score at a required full coverage) and asks it whether to stop.
  func progressPoll(weight: Int64?, coverageFloor: Int?) -> ((Double?, Double?) -> Bool)? {
    guard let control = limits.control else { return nil }
    let value: ((Double) -> ObjectiveValue?)?
    if weight == big {
      value = { x in x.isFinite && abs(x) < 9e15 ? self.weightedBound(x) : nil }
    } else if weight == 0, let floor = coverageFloor {
      value = { x in self.integerBound(x).map { ObjectiveValue(covered: floor, score: $0) } }
    } else {
      value = nil
    }
    return { obj, bound in
      if let value { control.record(best: obj.flatMap(value), bound: bound.flatMap(value)) }
      return control.isCancelled
    }
  }

  var messageLevel: Int32 { GLP_MSG_ON }

  func seconds(since t: ContinuousClock.Instant) -> String {
    let s = Stopwatch.seconds(ContinuousClock.now - t)
    return "\((s * 1000).rounded() / 1000)"
  }

  /// A simplex start: the typed fact (`SolveStatistics.BasisStart`) and its words for the log.
  struct Start {
    var basis: SolveStatistics.BasisStart
    var words: String
    static let standard = Start(basis: .standard(why: nil), words: "standard basis")
  }

  /// Installs `basis` (nil: none could be built, `why` says so), built from `source`, on `lp`;
  /// returns the start the simplex will use.
  func install(_ basis: GLPKStartingBasis?, from source: SolveStatistics.BasisStart, on lp: GLPKProblem, why: String) throws(SolverError) -> Start {
    guard let basis else {
      notes.append("no starting basis: \(why); standard basis")
      return Start(basis: .standard(why: .notBuilt), words: "standard basis")
    }
    let code = try lp.setBasis(rowStatus: basis.rowStatus, columnStatus: basis.columnStatus)
    guard code == .ok else {
      notes.append("starting basis refused by glp_warm_up: \(code); standard basis")
      return Start(basis: .standard(why: .refused), words: "standard basis")
    }
    return Start(basis: source, words: "starting basis: \(basis.summary)")
  }

  // MARK: - Outcomes

  func finish(_ columnOfRow: [Int32], status: SolveStatus, bound: ObjectiveValue?, duals: AssignmentDuals? = nil) throws(SolverError) -> AssignmentOutcome {
    let objective = SolutionChecker.objective(of: columnOfRow, in: problem)
    let broken = SolutionChecker.violations(columnOfRow, in: problem, claimed: objective)
    guard broken.isEmpty else {
      throw .internalInconsistency(solver: GLPKSolver.solverName, .planBreaksProblem(broken.prefix(3).map(\.description)))
    }
    var bound = bound
    if status.isOptimal { bound = objective } else if let b = bound, b < objective { bound = objective }
    return AssignmentOutcome(status: status, columnOfRow: columnOfRow, objective: objective, bound: bound,
                             solverName: GLPKSolver.solverName, duals: duals)
  }

  func infeasible(_ rows: [Int]) -> AssignmentOutcome {
    AssignmentOutcome(status: .infeasible(uncoverable: rows), columnOfRow: [Int32](repeating: -1, count: problem.rowCount),
                      objective: ObjectiveValue(covered: 0, score: 0), bound: nil, solverName: GLPKSolver.solverName)
  }

  var trivialBound: ObjectiveValue { ObjectiveValue(covered: coverableRows, score: positiveScoreBound) }

  /// When GLPK found nothing in time: the better of the given incumbent and a greedy plan
  /// (if either is feasible) as a `.feasible` outcome.
  func incumbentOutcome(bound: ObjectiveValue?) throws(SolverError) -> AssignmentOutcome? {
    let candidates = [incumbent, greedyPlan()].compactMap { $0 }
    guard let best = candidates.max(by: { SolutionChecker.objective(of: $0, in: problem) < SolutionChecker.objective(of: $1, in: problem) })
    else { return nil }
    notes.append("GLPK found no plan in time; returning the \(best == incumbent ? "incumbent" : "greedy plan")")
    return try finish(best, status: .feasible, bound: bound ?? trivialBound)
  }

  /// Locks first, then each row takes its best-scoring arc that still fits; nil unless the
  /// result (or, failing that, the locks alone) passes SolutionChecker. O(arcs + side rules).
  func greedyPlan() -> [Int32]? {
    var plan = problem.lockedColumn
    var remaining = problem.columnCapacities
    for (row, column) in plan.enumerated() where column >= 0 {
      remaining[Int(column)] -= problem.load(ofArc: problem.arcIndex(row: row, column: Int(column))!)
    }
    let locksOnly = plan
    for row in 0..<problem.rowCount where plan[row] < 0 {
      var best: Int? = nil
      for arc in problem.arcs(ofRow: row) where problem.load(ofArc: arc) <= remaining[Int(problem.arcColumns[arc])] {
        if best.map({ problem.arcScores[arc] > problem.arcScores[$0] }) ?? true { best = arc }
      }
      if let best {
        plan[row] = problem.arcColumns[best]
        remaining[Int(problem.arcColumns[best])] -= problem.load(ofArc: best)
      }
    }
    if SolutionChecker.violations(plan, in: problem).isEmpty { return plan }
    return SolutionChecker.violations(locksOnly, in: problem).isEmpty ? locksOnly : nil
  }

  /// glp_simplex; with a control, in slices of at most `simplexSlice` ms (each call resumes from the
  /// basis the last one left), so a stop request ends a long LP within a slice (it then reports a time limit).
  func stoppableSimplex(_ lp: GLPKProblem, _ parm: glp_smcp) throws(SolverError) -> GLPKReturnCode {
    guard let control = limits.control else { return try lp.simplex(parm) }
    var slice = parm
    while true {
      let left = remainingMilliseconds
      slice.tm_lim = min(left ?? Int32.max, Self.simplexSlice)
      let code = try lp.simplex(slice)
      guard code.isTimeLimit, !control.isCancelled, left.map({ $0 > Self.simplexSlice }) ?? true else { return code }
    }
  }

  /// A GLPK bound in score units rounded to the integer it guarantees; nil when GLPK gave none
  /// usable (±∞ or beyond Int64, as a node bound can be when the search stops early).
  func integerBound(_ x: Double) -> Int64? {
    guard abs(x) < 9e15 else { return nil }  // also NaN and ±∞
    return Int64(checked: x + max(1e-6, abs(x) * 1e-9), .down)
  }

  /// Converts a GLPK objective bound (weighted: BIG·covered + score) to an ObjectiveValue
  /// that is ≥ the optimum: nudged up by a tolerance, floored, split into coverage and score.
  func weightedBound(_ value: Double) -> ObjectiveValue {
    guard let b = integerBound(value) else { return trivialBound }
    // covered·BIG + score ≤ b with score ≥ −S  ⇒  covered ≤ (b + S) / BIG.
    var covered = (b + scoreSpan) >= 0 ? (b + scoreSpan) / big : -1
    covered = min(covered, Int64(coverableRows))
    if covered < 0 { return ObjectiveValue(covered: 0, score: min(positiveScoreBound, b)) }
    return ObjectiveValue(covered: Int(covered), score: min(positiveScoreBound, b - covered * big))
  }

  /// Phase one's coverage bound: GLPK's objective bound nudged up and floored, within 0…coverable rows.
  /// No bound, NaN or ±∞ (GLPK's MIP with no solution) gives the trivial bound, never a trap.
  func coverageBound(_ value: Double?) -> Int {
    guard let b = value.flatMap(integerBound) else { return coverableRows }
    return max(0, min(coverableRows, Int(clamping: b)))
  }

  /// Phase two's score bound: GLPK's objective bound nudged up and floored; the trivial bound when there is no finite one.
  func scoreBound(_ value: Double?) -> Int64 {
    min(positiveScoreBound, value.flatMap(integerBound) ?? positiveScoreBound)
  }

  // MARK: - Pure problems: one LP, certified

  func solvePure() throws(SolverError) -> AssignmentOutcome? {
    let maxScore = problem.arcScores.map { abs($0) }.max() ?? 0
    guard Double(coverableRows) * Double(big + maxScore) < 4.5e15 else {
      notes.append("pure LP skipped: weighted objective too large for exact floating point")
      return nil
    }
    let model: GLPKModel
    do {
      model = try GLPKModelBuilder.build(problem, integer: false) { Double(big + problem.arcScores[$0]) }
    } catch {
      if case .uncoverableRow(let row) = error { return infeasible([row]) }
      return infeasible([])
    }
    if model.glpkColumnCount == 0 {
      return try finish([Int32](repeating: -1, count: problem.rowCount), status: .optimal, bound: nil,
                        duals: AssignmentDuals(rowDual: [Int64](repeating: -big, count: problem.rowCount),
                                               columnDual: [Int64](repeating: 0, count: problem.columnCount)))
    }
    let lp = try GLPKProblem(session: session, model: model)
    var start = Start.standard
    if startingBasis, let optimum = limits.relaxationOptimum {
      start = try install(GLPKStartingBasis.fromPlan(problem, model: model, plan: optimum.plan, duals: optimum.duals, weight: big),
                          from: .relaxationOptimum, on: lp, why: "the relaxation optimum does not fit the LP model")
    } else if startingBasis, let incumbent {
      start = try install(GLPKStartingBasis.fromPlan(problem, model: model, plan: incumbent, duals: nil, weight: big),
                          from: .incumbent, on: lp, why: "the incumbent does not fit the LP model")
    }
    var parm = glp_smcp()
    glp_init_smcp(&parm)
    parm.msg_lev = messageLevel
    // Primal simplex without presolve: measured on 1557×484 (24 arcs/row) it is far faster
    // than the dual simplex with presolve, whose pricing crawls on this degenerate LP.
    // (232 s against 1.6 s in a debug build, same optimum).
    parm.meth = GLP_PRIMAL
    parm.presolve = GLP_OFF
    if let ms = remainingMilliseconds { parm.tm_lim = ms }
    let began = ContinuousClock.now
    let code = try stoppableSimplex(lp, parm)
    let iterations = try lp.iterationCount()
    statistics.pureLP = SolveStatistics.LinearProgram(iterations: Int(iterations), start: start.basis, dualSimplex: false)
    notes.append("pure LP: \(iterations) simplex iterations in \(seconds(since: began)) s (\(start.words))")
    if code.isTimeLimit {
      if let outcome = try incumbentOutcome(bound: nil) { return outcome }
      throw timeUp
    }
    if code.isPrimalInfeasible { return infeasible([]) }
    guard code == .ok else { throw code.failure(in: "glp_simplex", log: session.log) }
    let status = try lp.lpStatus()
    if status == GLP_NOFEAS { return infeasible([]) }
    guard status == GLP_OPT else {
      throw .libraryFailure(solver: GLPKSolver.solverName, code: Int(status), message: "glp_simplex ended with status \(status), not optimal")
    }
    let (values, rowDuals) = try lp.read(mip: false, duals: true)
    // Integral vertex?
    var columnOfRow = [Int32](repeating: -1, count: problem.rowCount)
    var integral = true
    for j in 1...model.glpkColumnCount {
      let arc = model.arcOfColumn[j], v = values[j]
      guard arc >= 0 else { continue }
      if abs(v - v.rounded()) > 1e-6 || v < -1e-6 || v > 1 + 1e-6 { integral = false; break }
      if v > 0.5 {
        let row = rowOf(arc: arc)
        if columnOfRow[row] >= 0 { integral = false; break }
        columnOfRow[row] = problem.arcColumns[arc]
      }
    }
    guard integral else {
      notes.append("pure LP vertex not integral; solving as a MIP")
      return nil
    }
    if let duals = certifiedDuals(model: model, rowDuals: rowDuals, columnOfRow: columnOfRow) {
      return try finish(columnOfRow, status: .optimal, bound: nil, duals: duals)
    }
    notes.append("pure LP duals did not certify optimality exactly; solving as a MIP")
    if incumbent == nil, SolutionChecker.violations(columnOfRow, in: problem).isEmpty { incumbent = columnOfRow }
    return nil
  }

  func rowOf(arc: Int) -> Int {
    // Binary search in rowStart: the row r with rowStart[r] ≤ arc < rowStart[r + 1].
    var low = 0, high = problem.rowCount - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if problem.rowStart[mid] <= arc { low = mid } else { high = mid - 1 }
    }
    return low
  }

  /// Rounds GLPK's row duals to integers and checks, in Int64, that they prove
  /// `columnOfRow` optimal for the weighted objective; nil when any check fails.
  /// rowDual = u_r − BIG, columnDual = v_c (see `AssignmentDuals`, max form).
  func certifiedDuals(model: GLPKModel, rowDuals: [Double], columnOfRow: [Int32]) -> AssignmentDuals? {
    func integer(_ x: Double) -> Int64? {
      let r = x.rounded()
      guard r.isFinite, abs(r) < 1e15, abs(x - r) < 1e-3 else { return nil }
      return Int64(r)
    }
    var u = [Int64](repeating: 0, count: problem.rowCount)
    var v = [Int64](repeating: 0, count: problem.columnCount)
    for row in 0..<problem.rowCount where model.assignmentRow[row] != 0 {
      guard let value = integer(rowDuals[Int(model.assignmentRow[row])]) else { return nil }
      let fixed = problem.coverage == .requireAll || problem.lockedColumn[row] >= 0
      if !fixed && (value < 0 || (value > 0 && columnOfRow[row] < 0)) { return nil }
      u[row] = value
    }
    var load = [Int](repeating: 0, count: problem.columnCount)
    for column in columnOfRow where column >= 0 { load[Int(column)] += 1 }
    for column in 0..<problem.columnCount where model.capacityRow[column] != 0 {
      guard let value = integer(rowDuals[Int(model.capacityRow[column])]), value >= 0 else { return nil }
      if value > 0 && load[column] != problem.columnCapacities[column] { return nil }
      v[column] = value
    }
    for row in 0..<problem.rowCount {
      for arc in problem.arcs(ofRow: row) where model.columnOfArc[arc] != 0 {
        let column = problem.arcColumns[arc]
        let slack = u[row] + v[Int(column)] - (big + problem.arcScores[arc])
        if slack < 0 || (columnOfRow[row] == column && slack != 0) { return nil }
      }
    }
    return AssignmentDuals(rowDual: u.map { $0 - big }, columnDual: v)
  }

  // MARK: - MIP

  enum MIPResult {
    case solved(columnOfRow: [Int32], optimal: Bool, bound: Double?)
    case infeasible([Int])
    case noSolution(bound: Double?)
  }

  var singlePhase: Bool {
    let maxScore = problem.arcScores.map { abs($0) }.max() ?? 0
    return big <= 100_000 && Double(coverableRows) * Double(big + maxScore) < 1.0995e12
  }

  func solveMIP() throws(SolverError) -> AssignmentOutcome {
    if singlePhase {
      let maxObjective = Double(coverableRows) * Double(big) + Double(scoreSpan)
      let gap = limits.relativeGap > 0 ? limits.relativeGap * Double(max(1, positiveScoreBound)) / max(1, maxObjective) : 0
      let result = try runMIP(coverageFloor: nil, gap: gap, maxObjective: maxObjective, start: incumbent, weight: big) {
        Double(big + problem.arcScores[$0])
      }
      switch result {
      case .infeasible(let rows): return infeasible(rows)
      case .noSolution(let bound):
        if let outcome = try incumbentOutcome(bound: bound.map(weightedBound)) { return outcome }
        throw timeUp
      case .solved(let columnOfRow, let optimal, let bound):
        return try finish(columnOfRow, status: optimal ? .optimal : .feasible, bound: bound.map(weightedBound) ?? trivialBound)
      }
    }
    notes.append("two-phase solve: BIG = \(big) too large for one weighted objective")
    // Phase 1: coverage (fixed by .requireAll).
    var covered: Int
    var phaseOne: [Int32]? = nil
    if problem.coverage == .requireAll {
      covered = problem.rowCount
    } else {
      let result = try runMIP(coverageFloor: nil, gap: 0, maxObjective: Double(coverableRows), start: incumbent, penaltyScale: 0, weight: nil) { _ in 1 }
      switch result {
      case .infeasible(let rows): return infeasible(rows)
      case .noSolution(let bound):
        if let outcome = try incumbentOutcome(bound: ObjectiveValue(covered: coverageBound(bound), score: positiveScoreBound)) { return outcome }
        throw timeUp
      case .solved(let columnOfRow, let optimal, let bound):
        if !optimal {
          return try finish(columnOfRow, status: .feasible, bound: ObjectiveValue(covered: coverageBound(bound), score: positiveScoreBound))
        }
        phaseOne = columnOfRow
        covered = SolutionChecker.objective(of: columnOfRow, in: problem).covered
      }
    }
    // Phase 2: score, with Σ x ≥ covered. Phase one's plan (or the incumbent, if it covers as
    // many rows and scores more) starts the search.
    var start = phaseOne
    if let incumbent, SolutionChecker.objective(of: incumbent, in: problem).covered >= covered,
       start.map({ SolutionChecker.objective(of: incumbent, in: problem) > SolutionChecker.objective(of: $0, in: problem) }) ?? true {
      start = incumbent
    }
    // With every row required, the score objective differs from the weighted one by a constant.
    let result = try runMIP(coverageFloor: covered, gap: limits.relativeGap, maxObjective: Double(scoreSpan), start: start,
                            weight: problem.coverage == .requireAll ? 0 : nil) {
      Double(problem.arcScores[$0])
    }
    switch result {
    case .infeasible(let rows): return infeasible(rows)
    case .noSolution(let bound):
      let twoPhaseBound = ObjectiveValue(covered: covered, score: scoreBound(bound))
      if let start { return try finish(start, status: .feasible, bound: twoPhaseBound) }
      if let outcome = try incumbentOutcome(bound: twoPhaseBound) { return outcome }
      throw timeUp
    case .solved(let columnOfRow, let optimal, let bound):
      return try finish(columnOfRow, status: optimal ? .optimal : .feasible, bound: ObjectiveValue(covered: covered, score: scoreBound(bound)))
    }
  }

  /// Builds and solves one MIP. `start`: a feasible assignment offered as the first heuristic solution.
  /// Above this many columns the MIP branches on the most fractional variable (see runMIP).
  static let largeModelColumns = 50_000
  /// Milliseconds per simplex call when a stop may be requested (see stoppableSimplex).
  static let simplexSlice: Int32 = 2000

  /// `weight`: W when the objective is W + s(arc) on every arc, up to a constant (then the
  /// relaxation optimum's duals fit it and its basis may start the root LP), else nil.
  /// `penaltyScale`: soft rules' violation variables cost weight × this (0 when only coverage counts).
  func runMIP(coverageFloor: Int?, gap: Double, maxObjective: Double, start: [Int32]?, penaltyScale: Double = 1, weight: Int64?,
                       objective: (Int) -> Double) throws(SolverError) -> MIPResult {
    let model: GLPKModel
    do {
      model = try GLPKModelBuilder.build(problem, integer: true, coverageFloor: coverageFloor, penaltyScale: penaltyScale, objective: objective)
    } catch {
      if case .uncoverableRow(let row) = error { return .infeasible([row]) }
      return .infeasible([])
    }
    if model.glpkColumnCount == 0 {
      let none = [Int32](repeating: -1, count: problem.rowCount)
      if !SolutionChecker.violations(none, in: problem).isEmpty || (coverageFloor ?? 0) > 0 { return .infeasible([]) }
      return .solved(columnOfRow: none, optimal: true, bound: nil)
    }
    let mip = try GLPKProblem(session: session, model: model)
    var parm = glp_iocp()
    glp_init_iocp(&parm)
    parm.msg_lev = messageLevel
    parm.mip_gap = max(0, gap)
    parm.tol_obj = min(1e-7, 0.25 / (1 + maxObjective))
    // GLPK's default branching (Driebeck–Tomlin) computes a simplex-table row, O(columns + nonzeros),
    // for every fractional variable, with no time check in between: on huangshan's 640k columns one
    // branching decision took over 40 s past the time limit (measured). Large models branch on the
    // most fractional variable instead (O(columns)); small ones (tests, OR-Library) are unchanged.
    if model.glpkColumnCount > Self.largeModelColumns {
      parm.br_tech = GLP_BR_MFV
      notes.append("branching on the most fractional variable (\(model.glpkColumnCount) columns > \(Self.largeModelColumns))")
    }
    // Knapsack capacity rows (arc loads ≠ 1, the generalized assignment problem): GLPK's mixed-integer
    // rounding cuts (off by default) tighten them — measured on OR-Library gap8 and gap12, 20 of 20
    // problems proven in ≤ 8 s each, against 6 of 20 within 30 s without. GLPK 5.0's cover cuts are
    // left off: on some tiny models they call glp_add_cols with 0 columns, a fatal error (caught by
    // the guard; seen in RuleRepairTests). Small models only (≤ largeModelColumns): the cuts were
    // not measured on city-sized GAPs, whose time limit the MFV branching above already guards.
    if !problem.arcLoads.isEmpty && model.glpkColumnCount <= Self.largeModelColumns {
      parm.mir_cuts = GLP_ON
    }
    // Asked for (the warm path's descent, on its small restricted MIPs): Gomory, MIR and clique cuts; cover
    // cuts stay off (see above).
    if limits.cuttingPlanes && model.glpkColumnCount <= Self.largeModelColumns {
      parm.mir_cuts = GLP_ON
      parm.gmi_cuts = GLP_ON
      parm.clq_cuts = GLP_ON
    }
    var startValues: [Double]? = nil
    if let start {
      var values = [Double](repeating: 0, count: model.glpkColumnCount + 1)
      var load = [Int](repeating: 0, count: problem.columnCount)
      var rowsOfColumn = [[Int]](repeating: [], count: problem.columnCount)
      for (row, column) in start.enumerated() where column >= 0 {
        guard let arc = problem.arcIndex(row: row, column: Int(column)), model.columnOfArc[arc] != 0 else { continue }
        values[Int(model.columnOfArc[arc])] = 1
        load[Int(column)] += problem.load(ofArc: arc)
        rowsOfColumn[Int(column)].append(row)
      }
      for (column, y) in model.usedColumnVariable.enumerated() where y != 0 && load[column] > 0 { values[Int(y)] = 1 }
      let occupancy = PlanOccupancy(columnOfRow: start, rowsOfColumn: rowsOfColumn, load: load,
                                    exclusiveRows: SideRule.exclusiveRows(in: problem.sideRules))
      for term in model.softTerms { values[Int(term.variable)] = term.count(occupancy) }
      startValues = values
    }
    if limits.isCancelled { return .noSolution(bound: nil) }
    if startValues != nil {
      // glp_ios_heur_sol takes values of the original columns, so the MIP presolver stays off
      // and the root LP is solved here first (glp_intopt needs its optimal basis).
      parm.presolve = GLP_OFF
      var start = Start.standard
      var method = GLP_PRIMAL
      if startingBasis, let weight, let optimum = limits.relaxationOptimum,
         let b = GLPKStartingBasis.fromPlan(problem, model: model, plan: optimum.plan, duals: optimum.duals, weight: weight) {
        start = try install(b, from: .relaxationOptimum, on: mip, why: "")
        // Dual feasible, primal infeasible where the relaxation breaks side rules: the dual simplex repairs that.
        if start.basis == .relaxationOptimum { method = GLP_DUALP; start.words += "; dual simplex" }
      } else if startingBasis {
        start = try install(GLPKStartingBasis.forIncumbent(model: model, values: startValues!), from: .incumbent, on: mip, why: "a column is not binary")
      }
      var lpParm = glp_smcp()
      glp_init_smcp(&lpParm)
      lpParm.msg_lev = messageLevel
      lpParm.meth = method
      if let ms = remainingMilliseconds { lpParm.tm_lim = ms }
      let began = ContinuousClock.now
      let code = try stoppableSimplex(mip, lpParm)
      let iterations = try mip.iterationCount()
      statistics.rootLP = SolveStatistics.LinearProgram(iterations: Int(iterations), start: start.basis, dualSimplex: method == GLP_DUALP)
      notes.append("root LP: \(iterations) simplex iterations in \(seconds(since: began)) s (\(start.words))")
      if code.isTimeLimit { return .noSolution(bound: nil) }
      guard code == .ok else { throw code.failure(in: "glp_simplex (root LP)", log: session.log) }
      let status = try mip.lpStatus()
      if status == GLP_NOFEAS { return .infeasible([]) }
      guard status == GLP_OPT else {
        throw .libraryFailure(solver: GLPKSolver.solverName, code: Int(status), message: "root LP ended with status \(status)")
      }
    } else {
      parm.presolve = GLP_ON
    }
    if let ms = remainingMilliseconds { parm.tm_lim = ms }
    limits.control?.enter(.branchAndBound)
    let result = try mip.intopt(parm, incumbent: startValues, poll: progressPoll(weight: weight, coverageFloor: coverageFloor))
    if startValues != nil {
      notes.append(result.incumbentAccepted ? "incumbent accepted by glp_ios_heur_sol" : "incumbent not accepted by glp_ios_heur_sol")
      if limits.incumbent != nil && incumbent == limits.incumbent { statistics.givenIncumbent = result.incumbentAccepted ? .accepted : .notAccepted }
    }
    let code = result.code
    if code.isPrimalInfeasible { return .infeasible([]) }
    if code.isStopped { notes.append("stopped on request (glp_ios_terminate): the best plan so far, with its bound") }
    guard code == .ok || code.isTimeLimit || code.isStopped || code.isMIPGapReached else { throw code.failure(in: "glp_intopt", log: session.log) }
    let status = try mip.mipStatus()
    switch status {
    case GLP_NOFEAS: return .infeasible([])
    case GLP_OPT, GLP_FEAS:
      let values = try mip.read(mip: true, duals: false).values
      var columnOfRow = [Int32](repeating: -1, count: problem.rowCount)
      for j in 1...model.glpkColumnCount where model.arcOfColumn[j] >= 0 && values[j] > 0.5 {
        let arc = model.arcOfColumn[j]
        columnOfRow[rowOf(arc: arc)] = problem.arcColumns[arc]
      }
      let optimal = code == .ok && status == GLP_OPT
      return .solved(columnOfRow: columnOfRow, optimal: optimal, bound: optimal ? nil : result.bound)
    default:
      if code.isTimeLimit || code.isStopped { return .noSolution(bound: result.bound) }
      throw .libraryFailure(solver: GLPKSolver.solverName, code: Int(status), message: "glp_intopt ended with MIP status \(status) after \(code)")
    }
  }
}
