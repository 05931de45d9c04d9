//===----------------------------------------------------------------------===//
// GLPK's return codes, named and explained in one place, and their mapping to
// `SolverError`. Contract: every nonzero code a GLPK call returns that the solver
// does not handle as a solve result (time limit, infeasibility) becomes
// `SolverError.libraryFailure(code:message:)` whose message names the code and
// its meaning and ends with the tail of GLPK's captured output. O(1).
//===----------------------------------------------------------------------===//
import AssignmentCore
import CGLPK
import CGLPKGuard

/// A return code of `glp_simplex` / `glp_intopt`, or the guard's fatal-error sentinel.
struct GLPKReturnCode: Equatable, CustomStringConvertible {
  let rawValue: Int32

  static let ok = GLPKReturnCode(rawValue: 0)
  static let fatal = GLPKReturnCode(rawValue: Int32(DP_FATAL))

  var isTimeLimit: Bool { rawValue == GLP_ETMLIM }
  var isMIPGapReached: Bool { rawValue == GLP_EMIPGAP }
  /// The search was stopped on request (glp_ios_terminate from the progress poll): like a time limit.
  var isStopped: Bool { rawValue == GLP_ESTOP }
  /// The presolver (or simplex) proved there is no primal feasible solution.
  var isPrimalInfeasible: Bool { rawValue == GLP_ENOPFS || rawValue == GLP_ENOFEAS }

  /// GLPK's symbolic name and meaning of the code (glpk.h and the reference manual).
  var description: String {
    switch rawValue {
    case 0: "0 (success)"
    case GLP_EBADB: "GLP_EBADB (invalid initial basis)"
    case GLP_ESING: "GLP_ESING (singular basis matrix)"
    case GLP_ECOND: "GLP_ECOND (ill-conditioned basis matrix)"
    case GLP_EBOUND: "GLP_EBOUND (a double-bounded variable has incorrect bounds)"
    case GLP_EFAIL: "GLP_EFAIL (solver failure)"
    case GLP_EOBJLL: "GLP_EOBJLL (objective lower limit reached)"
    case GLP_EOBJUL: "GLP_EOBJUL (objective upper limit reached)"
    case GLP_EITLIM: "GLP_EITLIM (iteration limit exceeded)"
    case GLP_ETMLIM: "GLP_ETMLIM (time limit exceeded)"
    case GLP_ENOPFS: "GLP_ENOPFS (no primal feasible solution)"
    case GLP_ENODFS: "GLP_ENODFS (no dual feasible solution)"
    case GLP_EROOT: "GLP_EROOT (optimal basis of the root LP not provided)"
    case GLP_ESTOP: "GLP_ESTOP (search terminated by the application)"
    case GLP_EMIPGAP: "GLP_EMIPGAP (relative MIP gap tolerance reached)"
    case GLP_ENOFEAS: "GLP_ENOFEAS (no primal/dual feasible solution)"
    case GLP_ENOCVG: "GLP_ENOCVG (no convergence)"
    case GLP_EINSTAB: "GLP_EINSTAB (numerical instability)"
    case GLP_EDATA: "GLP_EDATA (invalid data)"
    case GLP_ERANGE: "GLP_ERANGE (result out of range)"
    case Int32(DP_FATAL): "fatal GLPK error (caught by the guard; GLPK environment freed)"
    default: "\(rawValue) (unknown GLPK return code)"
    }
  }

  /// The error to throw for this code after `call` failed; `log` is GLPK's captured output.
  func failure(in call: String, log: String) -> SolverError {
    let tail = log.split(separator: "\n", omittingEmptySubsequences: true).suffix(6).joined(separator: " | ")
    let message = tail.isEmpty ? "\(call): \(description)" : "\(call): \(description); GLPK said: \(tail)"
    return .libraryFailure(solver: GLPKSolver.solverName, code: Int(rawValue), message: message)
  }
}
