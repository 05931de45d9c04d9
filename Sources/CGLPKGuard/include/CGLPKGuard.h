// CGLPKGuard: GLPK calls that survive GLPK's fatal errors, and capture of GLPK's terminal output.
//
// Contract. GLPK reports a fatal error (bad index, failed assertion, out of memory) by
// calling the error hook and then abort(). Each dp_guarded_* function below calls
// setjmp in its own frame, installs an error hook that longjmps back to it, and so
// returns DP_FATAL instead of aborting. After DP_FATAL the thread's GLPK environment
// has been freed with glp_free_env (as GLPK's manual requires): every glp_prob of
// this thread is gone and must NOT be deleted again (dp_session_env_lost says so).
// GLPK's environment is thread-local (Debian builds it with TLS), so a session must
// be used on the thread that created it, for one solve at a time.
//
// A session also installs a terminal hook: everything GLPK prints goes into the
// session's buffer (and, when verbose, to stderr), never to stdout.
#ifndef DP_CGLPK_GUARD_H
#define DP_CGLPK_GUARD_H

#include <stddef.h>
#include <glpk.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Returned by a guarded call when GLPK raised a fatal error.
#define DP_FATAL (-1000)

typedef struct dp_session dp_session;

/// Starts capturing this thread's GLPK terminal output. Never returns NULL
/// (aborts only if malloc of a few bytes fails).
dp_session *dp_session_begin(int verbose);
/// Stops capturing (removes the hook, unless the environment was freed) and frees the session.
void dp_session_end(dp_session *s);
/// The captured output so far, NUL-terminated; valid until the next GLPK call or dp_session_end.
const char *dp_session_log(const dp_session *s);
/// Non-zero once a fatal error freed the GLPK environment during this session.
int dp_session_env_lost(const dp_session *s);

/// Progress and stop poll for dp_guarded_intopt: called from GLPK's search at most every
/// 0.25 s and at every new incumbent with the incumbent's objective (have_obj = 0: none yet)
/// and the best active node's bound (have_bound = 0: none yet). A non-zero return asks GLPK
/// to stop (glp_ios_terminate): glp_intopt then returns GLP_ESTOP with its best plan.
typedef int (*dp_poll_fn)(void *ctx, int have_obj, double obj, int have_bound, double bound);
/// Installs (or, with NULL, removes) the poll for this session's following intopt calls.
void dp_session_set_poll(dp_session *s, dp_poll_fn poll, void *ctx);

/// Creates a problem and loads it whole: dir GLP_MIN/GLP_MAX; m rows, n columns;
/// arrays are 1-based like GLPK's (element 0 unused): row_type/row_lb/row_ub [1..m],
/// col_type/col_lb/col_ub/col_kind/obj [1..n], ia/ja/ar [1..nnz]. obj[0] is the constant.
/// Returns the problem, or NULL after a fatal error.
glp_prob *dp_guarded_build(dp_session *s, int dir, int m, int n,
                           const int *row_type, const double *row_lb, const double *row_ub,
                           const int *col_type, const double *col_lb, const double *col_ub,
                           const int *col_kind, const double *obj,
                           int nnz, const int *ia, const int *ja, const double *ar);

/// glp_simplex; returns its return code, or DP_FATAL.
int dp_guarded_simplex(dp_session *s, glp_prob *P, const glp_smcp *parm);

/// glp_intopt with a callback that (a) offers `incumbent` (1-based column values
/// [1..n], or NULL) through glp_ios_heur_sol at the first GLP_IHEUR request and
/// (b) records the best active node's bound in *best_bound (left untouched when
/// the tree never reported one; *have_bound set to 1 when it did). parm->cb_func
/// and cb_info are overwritten. Returns glp_intopt's code, or DP_FATAL.
/// *incumbent_accepted is set to 1 when glp_ios_heur_sol accepted the incumbent.
int dp_guarded_intopt(dp_session *s, glp_prob *P, const glp_iocp *parm, const double *incumbent,
                      double *best_bound, int *have_bound, int *incumbent_accepted);

/// Reads the solution: kind 0 = basic (simplex), 1 = MIP. col_val [1..n] gets the
/// column values; row_dual [1..m] (may be NULL; basic only) the row duals.
/// Returns 0, or DP_FATAL.
int dp_guarded_read(dp_session *s, glp_prob *P, int kind, double *col_val, double *row_dual);

/// Installs a starting basis: row_stat [1..m] and col_stat [1..n] (GLP_BS, GLP_NL, GLP_NU,
/// GLP_NF, GLP_NS; 1-based, element 0 unused) through glp_set_row_stat / glp_set_col_stat,
/// then glp_warm_up (factorises the basis matrix, computes primal and dual values).
/// Returns 0 when the basis is installed, or glp_warm_up's code (GLP_EBADB, GLP_ESING,
/// GLP_ECOND), in which case glp_std_basis has restored the standard basis (every
/// auxiliary variable basic), the basis a freshly loaded problem starts from; or DP_FATAL.
int dp_guarded_set_basis(dp_session *s, glp_prob *P, const int *row_stat, const int *col_stat);

/// glp_get_it_cnt: simplex iterations on this problem so far; or DP_FATAL.
int dp_guarded_iteration_count(dp_session *s, glp_prob *P);

/// glp_set_obj_coef without any check: for tests that provoke a fatal error on purpose.
int dp_guarded_raw_set_obj_coef(dp_session *s, glp_prob *P, int j, double value);

/// glp_delete_prob; does nothing when the environment was lost. Returns 0 or DP_FATAL.
int dp_guarded_delete(dp_session *s, glp_prob *P);

#ifdef __cplusplus
}
#endif
#endif
