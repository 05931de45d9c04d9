import AssignmentCore
import CGLPK
import CGLPKGuard

/// Owns one `glp_prob`. Every index is checked here, in Swift, before GLPK sees
/// it (GLPK aborts the process on a bad index); the C guard is only the last line
/// of defence. Create and drop instances inside `GLPKEnvironment.withLock`.
///
/// After the guard freed GLPK's environment (a fatal error), the pointer is
/// dangling: `isValid` turns false, every call throws, and `deinit` forgets the
/// pointer instead of deleting it again.
final class GLPKProblem {
  private let pointer: OpaquePointer
  private let generation: UInt
  private(set) var rowCount: Int = 0
  private(set) var columnCount: Int = 0

  init() {
    pointer = glp_create_prob()
    generation = GLPKEnvironment.generation
  }

  deinit {
    if isValid { glp_delete_prob(pointer) }
  }

  var isValid: Bool { generation == GLPKEnvironment.generation }

  /// The raw pointer, for the guarded C entry points; nil once dangling.
  var raw: OpaquePointer? { isValid ? pointer : nil }

  private func live() throws(SolverError) -> OpaquePointer {
    guard isValid else { throw GLPKReturnCode.failure(code: Int(CGLPK_FATAL), "the GLPK environment was freed after a fatal error") }
    return pointer
  }

  func setMaximize() throws(SolverError) { glp_set_obj_dir(try live(), GLP_MAX) }

  /// Appends `count` rows; returns the 1-based index of the first.
  func addRows(_ count: Int) throws(SolverError) -> Int32 {
    precondition(count > 0)
    let first = glp_add_rows(try live(), Int32(count))
    rowCount += count
    return first
  }

  /// Appends `count` columns; returns the 1-based index of the first.
  func addColumns(_ count: Int) throws(SolverError) -> Int32 {
    precondition(count > 0)
    let first = glp_add_cols(try live(), Int32(count))
    columnCount += count
    return first
  }

  private func checkRow(_ i: Int32) throws(SolverError) {
    guard i >= 1, Int(i) <= rowCount else { throw GLPKReturnCode.failure(code: -2, "row index \(i) outside 1...\(rowCount)") }
  }

  private func checkColumn(_ j: Int32) throws(SolverError) {
    guard j >= 1, Int(j) <= columnCount else { throw GLPKReturnCode.failure(code: -2, "column index \(j) outside 1...\(columnCount)") }
  }

  /// `type` is GLP_FR, GLP_LO, GLP_UP, GLP_DB or GLP_FX.
  func setRowBounds(_ i: Int32, type: Int32, lower: Double, upper: Double) throws(SolverError) {
    try checkRow(i)
    glp_set_row_bnds(try live(), i, type, lower, upper)
  }

  func setColumnBounds(_ j: Int32, type: Int32, lower: Double, upper: Double) throws(SolverError) {
    try checkColumn(j)
    glp_set_col_bnds(try live(), j, type, lower, upper)
  }

  /// `kind` is GLP_CV, GLP_IV or GLP_BV.
  func setColumnKind(_ j: Int32, _ kind: Int32) throws(SolverError) {
    try checkColumn(j)
    glp_set_col_kind(try live(), j, kind)
  }

  func setObjective(_ j: Int32, _ coefficient: Double) throws(SolverError) {
    try checkColumn(j)
    glp_set_obj_coef(try live(), j, coefficient)
  }

  /// Sets row `i` to `entries`; duplicate columns are merged and zeros dropped
  /// (GLPK rejects a column given twice).
  func setRow(_ i: Int32, _ entries: [(column: Int32, value: Double)]) throws(SolverError) {
    try checkRow(i)
    var merged: [Int32: Double] = [:]
    for entry in entries {
      try checkColumn(entry.column)
      merged[entry.column, default: 0] += entry.value
    }
    let clean = merged.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { (index: $0.key, value: $0.value) }
    let p = try live()
    var message = [CChar](repeating: 0, count: 512)
    let rc = GLPKArrays.withOneBased(clean) { ind, val, n in
      cglpk_guarded_set_mat_row(p, i, n, ind, val, &message, message.count)
    }
    if rc == CGLPK_FATAL { throw GLPKReturnCode.fatal(message) }
  }

  /// `glp_set_mat_row` through the guard WITHOUT the Swift index checks: only
  /// for the test that proves the guard turns GLPK's abort into an error.
  package func uncheckedSetRow(_ i: Int32, columns: [Int32], values: [Double]) -> (code: Int32, message: String) {
    guard let p = raw else { return (CGLPK_FATAL, "dangling") }
    var message = [CChar](repeating: 0, count: 512)
    let entries = zip(columns, values).map { (index: $0, value: $1) }
    let rc = GLPKArrays.withOneBased(entries) { ind, val, n in
      cglpk_guarded_set_mat_row(p, i, n, ind, val, &message, message.count)
    }
    return (rc, GLPKReturnCode.string(message))
  }

  // MARK: Solving (guarded)

  func simplex(_ parm: glp_smcp) throws(SolverError) -> Int32 {
    let p = try live()
    var parm = parm
    var message = [CChar](repeating: 0, count: 512)
    let rc = cglpk_guarded_simplex(p, &parm, &message, message.count)
    if rc == CGLPK_FATAL { throw GLPKReturnCode.fatal(message) }
    return rc
  }

  /// glp_intopt (presolve must be off for `incumbent`, 0-based one value per column);
  /// returns the return code and the last global bound GLPK reported.
  func intopt(_ parm: glp_iocp, incumbent: [Double]?) throws(SolverError) -> (code: Int32, bound: Double?) {
    let p = try live()
    if let incumbent, incumbent.count != columnCount {
      throw GLPKReturnCode.failure(code: -2, "incumbent has \(incumbent.count) values for \(columnCount) columns")
    }
    var parm = parm
    var message = [CChar](repeating: 0, count: 512)
    var bound = 0.0
    var hasBound: Int32 = 0
    let rc: Int32
    if let incumbent {
      let x = GLPKArrays.oneBased(incumbent)
      rc = x.withUnsafeBufferPointer { cglpk_guarded_intopt(p, &parm, $0.baseAddress, &bound, &hasBound, &message, message.count) }
    } else {
      rc = cglpk_guarded_intopt(p, &parm, nil, &bound, &hasBound, &message, message.count)
    }
    if rc == CGLPK_FATAL { throw GLPKReturnCode.fatal(message) }
    return (rc, hasBound != 0 ? bound : nil)
  }

  func standardBasis() throws(SolverError) { glp_std_basis(try live()) }

  // MARK: Reading back

  var status: Int32 { get throws(SolverError) { glp_get_status(try live()) } }
  var mipStatus: Int32 { get throws(SolverError) { glp_mip_status(try live()) } }
  var objectiveValue: Double { get throws(SolverError) { glp_get_obj_val(try live()) } }

  func primal(_ j: Int32) throws(SolverError) -> Double {
    try checkColumn(j)
    return glp_get_col_prim(try live(), j)
  }

  func mipValue(_ j: Int32) throws(SolverError) -> Double {
    try checkColumn(j)
    return glp_mip_col_val(try live(), j)
  }

  func rowDual(_ i: Int32) throws(SolverError) -> Double {
    try checkRow(i)
    return glp_get_row_dual(try live(), i)
  }
}

@available(*, unavailable)
extension GLPKProblem: Sendable {}
