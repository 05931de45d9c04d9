//===----------------------------------------------------------------------===//
// GLPK on a set-partitioning problem over column patterns (`PatternProblem`).
//
// Model: z_p ∈ {0,1} per pattern, maximise Σ score_p·z_p; per row Σ_{p ∋ r} z_p = 1;
// per column Σ_{p at c} z_p ≤ 1 (= 1 where the column must be used). glp_intopt with
// presolve, the time limit and the stop flag (the C guard's poll); the bound read back is
// the best node's, rounded to the integer it guarantees (scores are integers). A row no
// pattern covers, or a column that must be used and has none, is infeasible before GLPK.
// Complexity: the model has one column per pattern and Σ |rows of p| + patterns nonzeros.
//===----------------------------------------------------------------------===//
import AssignmentCore
import CGLPK
import Foundation

extension GLPKSolver: PatternSolver {
  public func solve(patterns problem: PatternProblem, limits: SolveLimits) throws(SolverError) -> PatternOutcome {
    let start = ContinuousClock.now
    var model = GLPKModel()
    var patternsOfRow = [[Int32]](repeating: [], count: problem.rowCount)
    var patternsOfColumn = [[Int32]](repeating: [], count: problem.columnCount)
    var span = 0.0
    for (p, pattern) in problem.patterns.enumerated() {
      guard (0..<problem.columnCount).contains(pattern.column), pattern.rows.allSatisfy({ (0..<problem.rowCount).contains($0) }) else {
        throw .internalInconsistency(solver: Self.solverName, .indexOutOfRange(what: "pattern \(p)", index: pattern.column, range: 0...max(0, problem.columnCount - 1)))
      }
      let j = model.addColumn(kind: GLP_BV, type: GLP_DB, lower: 0, upper: 1, objective: Double(pattern.score))
      span += abs(Double(pattern.score))
      for r in pattern.rows { patternsOfRow[r].append(j) }
      patternsOfColumn[pattern.column].append(j)
    }
    if patternsOfRow.contains(where: \.isEmpty) || zip(problem.mustUseColumn, patternsOfColumn).contains(where: { $0 && $1.isEmpty }) {
      return PatternOutcome(status: .infeasible, chosen: [], bound: nil, log: ["a row or a column that must be used has no pattern"])
    }
    for js in patternsOfRow { model.addRow(lower: 1, upper: 1, entries: js.map { ($0, 1.0) }) }
    for (c, js) in patternsOfColumn.enumerated() where !js.isEmpty {
      model.addRow(lower: problem.mustUseColumn[c] ? 1 : nil, upper: 1, entries: js.map { ($0, 1.0) })
    }
    if problem.patterns.isEmpty {
      return PatternOutcome(status: problem.rowCount == 0 ? .optimal : .infeasible, chosen: [], bound: problem.rowCount == 0 ? 0 : nil)
    }
    let session = GLPKSession(verbose: limits.verbose)
    let mip = try GLPKProblem(session: session, model: model)
    var parm = glp_iocp()
    glp_init_iocp(&parm)
    parm.msg_lev = GLP_MSG_ON
    parm.presolve = GLP_ON
    parm.mip_gap = 0
    parm.tol_obj = min(1e-7, 0.25 / (1 + span))
    if problem.patterns.count <= GLPKRun.largeModelColumns {
      parm.gmi_cuts = GLP_ON
      parm.clq_cuts = GLP_ON
    }
    if let limit = limits.timeLimit {
      let left = limit - Stopwatch.seconds(ContinuousClock.now - start)
      parm.tm_lim = max(1, Int32(clamping: left * 1000, .down, nan: 1))
    }
    let control = limits.control
    let result = try mip.intopt(parm, incumbent: nil, poll: control.map { c in { _, _ in c.isCancelled } })
    let code = result.code
    var log = ["patterns: \(problem.patterns.count) columns, \(model.glpkRowCount) rows"] + session.logLines
    if code.isPrimalInfeasible { return PatternOutcome(status: .infeasible, chosen: [], bound: nil, log: log) }
    guard code == .ok || code.isTimeLimit || code.isStopped || code.isMIPGapReached else { throw code.failure(in: "glp_intopt (patterns)", log: session.log) }
    let status = try mip.mipStatus()
    // The best node's bound, nudged up by a tolerance and floored (scores are integers).
    let bound = result.bound.flatMap { x in abs(x) < 9e15 ? Int64(checked: x + max(1e-6, abs(x) * 1e-9), .down) : nil }
    switch status {
    case GLP_NOFEAS: return PatternOutcome(status: .infeasible, chosen: [], bound: nil, log: log)
    case GLP_OPT, GLP_FEAS:
      let values = try mip.read(mip: true, duals: false).values
      let chosen = (0..<problem.patterns.count).filter { values[$0 + 1] > 0.5 }
      let optimal = code == .ok && status == GLP_OPT
      log.append("glp_intopt: \(optimal ? "optimal" : "stopped") in \(Stopwatch.seconds(ContinuousClock.now - start)) s")
      return PatternOutcome(status: optimal ? .optimal : .feasible, chosen: chosen, bound: optimal ? nil : bound, log: log)
    default:
      if code.isTimeLimit || code.isStopped { return PatternOutcome(status: .stopped, chosen: [], bound: bound, log: log) }
      throw .libraryFailure(solver: Self.solverName, code: Int(status), message: "glp_intopt (patterns) ended with MIP status \(status) after \(code)")
    }
  }
}
