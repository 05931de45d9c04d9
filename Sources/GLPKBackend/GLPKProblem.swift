//===----------------------------------------------------------------------===//
// RAII owners of GLPK objects and thin typed calls through the C guard.
//
// Contract:
// - `GLPKSession` captures the calling thread's GLPK terminal output for one solve
//   (never on stdout; echoed to stderr when verbose). GLPK's environment is
//   thread-local, so a session and every problem made with it live and die on one
//   thread inside one synchronous `solve` call.
// - `GLPKProblem` owns one `glp_prob*`, loaded whole from a `GLPKModel`; `deinit`
//   deletes it unless a fatal GLPK error already freed the thread's environment
//   (after which the pointer is dangling and every call refuses to run).
// - Every GLPK call goes through a guarded C wrapper, so a GLPK fatal error becomes
//   `SolverError.libraryFailure` instead of abort(). Indices are checked in Swift
//   before the call (1-based, in range), arrays are sized by GLPK's own counts.
// Complexity: loading is O(m + n + nnz); reads are O(m + n).
//===----------------------------------------------------------------------===//
import AssignmentCore
import CGLPK
import CGLPKGuard

final class GLPKSession {
  let raw: OpaquePointer

  init(verbose: Bool) { raw = dp_session_begin(verbose ? 1 : 0) }
  deinit { dp_session_end(raw) }

  /// Everything GLPK printed during this session.
  var log: String { String(cString: dp_session_log(raw)) }
  var logLines: [String] { log.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
  /// True once a fatal error freed the thread's GLPK environment.
  var environmentLost: Bool { dp_session_env_lost(raw) != 0 }
}

/// A `glp_prob` loaded from a model; see the file comment for the ownership rules.
final class GLPKProblem {
  let session: GLPKSession
  let rowCount: Int
  let columnCount: Int
  private let pointer: OpaquePointer

  /// Creates and loads the problem in one guarded call.
  init(session: GLPKSession, model: GLPKModel) throws(SolverError) {
    let m = model.rowType.count - 1, n = model.columnType.count - 1
    guard m >= 0, n >= 0, m < Int(Int32.max), n < Int(Int32.max), model.matrixRows.count == model.matrixColumns.count,
      model.matrixRows.count == model.matrixValues.count, model.objective.count == n + 1,
      model.rowLower.count == m + 1, model.rowUpper.count == m + 1, model.columnLower.count == n + 1,
      model.columnUpper.count == n + 1, model.columnKind.count == n + 1
    else { throw .internalInconsistency(solver: GLPKSolver.solverName, .inconsistentModelArrays) }
    // Every matrix entry must name an existing row and column (1-based); GLPK also rejects
    // duplicates, which the builder never produces (one entry per variable per row).
    for k in 1..<max(1, model.matrixRows.count) {
      guard (1...max(1, m)).contains(Int(model.matrixRows[k])), m > 0, (1...max(1, n)).contains(Int(model.matrixColumns[k])), n > 0 else {
        let row = Int(model.matrixRows[k])
        throw .internalInconsistency(solver: GLPKSolver.solverName, (1...max(1, m)).contains(row) && m > 0
          ? .indexOutOfRange(what: "matrix entry \(k) column", index: Int(model.matrixColumns[k]), range: 1...max(1, n))
          : .indexOutOfRange(what: "matrix entry \(k) row", index: row, range: 1...max(1, m)))
      }
    }
    self.session = session
    rowCount = m
    columnCount = n
    let nnz = model.matrixRows.count - 1
    let made = dp_guarded_build(session.raw, model.maximize ? GLP_MAX : GLP_MIN, Int32(m), Int32(n),
                                model.rowType, model.rowLower, model.rowUpper,
                                model.columnType, model.columnLower, model.columnUpper, model.columnKind, model.objective,
                                Int32(nnz), model.matrixRows, model.matrixColumns, model.matrixValues)
    guard let made else { throw GLPKReturnCode.fatal.failure(in: "loading the model", log: session.log) }
    pointer = made
  }

  deinit { if !session.environmentLost { _ = dp_guarded_delete(session.raw, pointer) } }

  private func live(_ call: String) throws(SolverError) {
    if session.environmentLost {
      throw .libraryFailure(solver: GLPKSolver.solverName, code: Int(DP_FATAL),
                            message: "\(call): the GLPK environment was freed after a fatal error")
    }
  }

  /// `glp_simplex`; returns its code (a fatal error throws).
  func simplex(_ parm: glp_smcp) throws(SolverError) -> GLPKReturnCode {
    try live("glp_simplex")
    var parm = parm
    let code = GLPKReturnCode(rawValue: dp_guarded_simplex(session.raw, pointer, &parm))
    if code == .fatal { throw code.failure(in: "glp_simplex", log: session.log) }
    return code
  }

  struct IntoptResult {
    var code: GLPKReturnCode
    /// The best active node's bound seen by the callback (objective units), if any.
    var bound: Double?
    var incumbentAccepted: Bool
  }

  /// `glp_intopt`; `incumbent` holds column values `[1...n]` (index 0 unused). `poll`, when given,
  /// is called from the search (at most every 0.25 s and at each new incumbent) with the incumbent's
  /// objective and the best bound (objective units, nil when none yet); returning true stops the search.
  func intopt(_ parm: glp_iocp, incumbent: [Double]?, poll: ((Double?, Double?) -> Bool)? = nil) throws(SolverError) -> IntoptResult {
    try live("glp_intopt")
    if let incumbent, incumbent.count != columnCount + 1 {
      throw .internalInconsistency(solver: GLPKSolver.solverName, .sizeMismatch(what: "incumbent", expected: columnCount, found: incumbent.count - 1))
    }
    var parm = parm
    var bound = 0.0
    var haveBound: Int32 = 0, accepted: Int32 = 0
    let box = poll.map(IntoptPoll.init)
    if let box {
      dp_session_set_poll(session.raw, { ctx, haveObj, obj, haveBound, bound in
        let box = Unmanaged<IntoptPoll>.fromOpaque(ctx!).takeUnretainedValue()
        return box.body(haveObj != 0 ? obj : nil, haveBound != 0 ? bound : nil) ? 1 : 0
      }, Unmanaged.passUnretained(box).toOpaque())
    }
    let raw: Int32 = withExtendedLifetime(box) {
      defer { dp_session_set_poll(session.raw, nil, nil) }
      if let incumbent {
        return incumbent.withUnsafeBufferPointer { dp_guarded_intopt(session.raw, pointer, &parm, $0.baseAddress, &bound, &haveBound, &accepted) }
      }
      return dp_guarded_intopt(session.raw, pointer, &parm, nil, &bound, &haveBound, &accepted)
    }
    let code = GLPKReturnCode(rawValue: raw)
    if code == .fatal { throw code.failure(in: "glp_intopt", log: session.log) }
    return IntoptResult(code: code, bound: haveBound != 0 ? bound : nil, incumbentAccepted: accepted != 0)
  }

  /// Status of the basic solution (GLP_OPT, GLP_NOFEAS, …).
  func lpStatus() throws(SolverError) -> Int32 { try live("glp_get_status"); return glp_get_status(pointer) }
  /// Status of the MIP solution (GLP_OPT, GLP_FEAS, GLP_NOFEAS, GLP_UNDEF).
  func mipStatus() throws(SolverError) -> Int32 { try live("glp_mip_status"); return glp_mip_status(pointer) }

  /// Column values `[1...n]` and, for a basic solution, row duals `[1...m]` (index 0 unused).
  func read(mip: Bool, duals: Bool) throws(SolverError) -> (values: [Double], duals: [Double]) {
    try live("reading the solution")
    var values = [Double](repeating: 0, count: columnCount + 1)
    var rowDuals = [Double](repeating: 0, count: duals ? rowCount + 1 : 1)
    let code = values.withUnsafeMutableBufferPointer { v in
      rowDuals.withUnsafeMutableBufferPointer { d in
        dp_guarded_read(session.raw, pointer, mip ? 1 : 0, v.baseAddress, duals && !mip ? d.baseAddress : nil)
      }
    }
    if code == DP_FATAL { throw GLPKReturnCode.fatal.failure(in: "reading the solution", log: session.log) }
    return (values, rowDuals)
  }

  /// Installs a starting basis (`glp_set_row_stat` / `glp_set_col_stat`, then `glp_warm_up`).
  /// `rowStatus` [1...m] and `columnStatus` [1...n] hold GLP_BS / GLP_NL / GLP_NU / GLP_NF / GLP_NS
  /// (index 0 unused). Returns `.ok` when installed; otherwise glp_warm_up's code, and GLPK's
  /// standard basis is back in place (the start a freshly loaded problem has).
  func setBasis(rowStatus: [Int32], columnStatus: [Int32]) throws(SolverError) -> GLPKReturnCode {
    try live("glp_warm_up")
    let statuses: Set<Int32> = [GLP_BS, GLP_NL, GLP_NU, GLP_NF, GLP_NS]
    guard rowStatus.count == rowCount + 1, columnStatus.count == columnCount + 1,
          rowStatus.dropFirst().allSatisfy(statuses.contains), columnStatus.dropFirst().allSatisfy(statuses.contains)
    else {
      throw .internalInconsistency(solver: GLPKSolver.solverName,
                                   .sizeMismatch(what: "starting basis (row and column statuses)", expected: rowCount + columnCount, found: rowStatus.count + columnStatus.count - 2))
    }
    let code = GLPKReturnCode(rawValue: dp_guarded_set_basis(session.raw, pointer, rowStatus, columnStatus))
    if code == .fatal { throw code.failure(in: "glp_warm_up", log: session.log) }
    return code
  }

  /// `glp_get_it_cnt`: simplex iterations spent on this problem so far.
  func iterationCount() throws(SolverError) -> Int {
    try live("glp_get_it_cnt")
    let count = dp_guarded_iteration_count(session.raw, pointer)
    if count == DP_FATAL { throw GLPKReturnCode.fatal.failure(in: "glp_get_it_cnt", log: session.log) }
    return Int(count)
  }

  /// Sets an objective coefficient WITHOUT the Swift index check: only for tests that
  /// provoke GLPK's fatal error on purpose (index 0 is legal: the constant term).
  func uncheckedSetObjectiveCoefficient(_ j: Int32, _ value: Double) throws(SolverError) {
    try live("glp_set_obj_coef")
    if dp_guarded_raw_set_obj_coef(session.raw, pointer, j, value) == DP_FATAL {
      throw GLPKReturnCode.fatal.failure(in: "glp_set_obj_coef", log: session.log)
    }
  }

  /// Checked `glp_set_obj_coef`: throws before calling GLPK when `j` is out of `0...n`.
  func setObjectiveCoefficient(_ j: Int, _ value: Double) throws(SolverError) {
    guard (0...columnCount).contains(j) else {
      throw .internalInconsistency(solver: GLPKSolver.solverName, .indexOutOfRange(what: "objective", index: j, range: 0...columnCount))
    }
    try uncheckedSetObjectiveCoefficient(Int32(j), value)
  }
}

/// The Swift side of `dp_session_set_poll` for one `intopt` call (same thread, no escape).
private final class IntoptPoll {
  let body: (Double?, Double?) -> Bool
  init(_ body: @escaping (Double?, Double?) -> Bool) { self.body = body }
}
