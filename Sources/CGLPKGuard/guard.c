// CGLPKGuard implementation: see include/CGLPKGuard.h for the contract.
// Every guarded function: setjmp in its own frame -> install error hook -> call GLPK
// -> remove hook. The hook longjmps to the frame; the frame then frees the
// environment (glp_free_env) and returns DP_FATAL. O(output) memory for the log.
#include "CGLPKGuard.h"
#include <glpk.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct dp_session {
  char *buf;
  size_t len, cap;
  int verbose;
  int env_lost;
  jmp_buf jump;
  // intopt callback state
  const double *incumbent;
  int offered;
  int accepted;
  int have_bound;
  double bound;
  // progress / stop poll (dp_session_set_poll)
  dp_poll_fn poll;
  void *poll_ctx;
  double last_poll;
};

static double dp_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

void dp_session_set_poll(dp_session *s, dp_poll_fn poll, void *ctx) {
  s->poll = poll;
  s->poll_ctx = ctx;
  s->last_poll = 0;
}

static void dp_append(dp_session *s, const char *text) {
  size_t n = strlen(text);
  if (s->len + n + 1 > s->cap) {
    size_t cap = s->cap ? s->cap : 256;
    while (s->len + n + 1 > cap) cap *= 2;
    char *grown = realloc(s->buf, cap);
    if (grown == NULL) return; // drop output rather than fail
    s->buf = grown;
    s->cap = cap;
  }
  memcpy(s->buf + s->len, text, n);
  s->len += n;
  s->buf[s->len] = '\0';
}

static int dp_term_hook(void *info, const char *text) {
  dp_session *s = info;
  dp_append(s, text);
  if (s->verbose) fputs(text, stderr);
  return 1; // non-zero: GLPK prints nothing itself
}

static void dp_error_hook(void *info) {
  dp_session *s = info;
  longjmp(s->jump, 1);
}

dp_session *dp_session_begin(int verbose) {
  dp_session *s = calloc(1, sizeof(dp_session));
  if (s == NULL) abort();
  s->verbose = verbose;
  s->buf = malloc(1);
  if (s->buf != NULL) { s->buf[0] = '\0'; s->cap = 1; }
  glp_term_hook(dp_term_hook, s);
  return s;
}

void dp_session_end(dp_session *s) {
  if (s == NULL) return;
  glp_term_hook(NULL, NULL); // harmless after glp_free_env: it makes a new, clean environment
  glp_error_hook(NULL, NULL);
  free(s->buf);
  free(s);
}

const char *dp_session_log(const dp_session *s) { return s->buf ? s->buf : ""; }
int dp_session_env_lost(const dp_session *s) { return s->env_lost; }

// After the longjmp: free the environment (this also frees every problem object of the
// thread), record the loss, and re-install the terminal hook on the fresh environment.
static void dp_after_fatal(dp_session *s) {
  glp_free_env();
  s->env_lost = 1;
  glp_term_hook(dp_term_hook, s);
}

#define DP_GUARD_BEGIN(s)                  \
  if (setjmp((s)->jump) != 0) {            \
    dp_after_fatal(s);                     \
    return DP_FATAL_VALUE;                 \
  }                                        \
  glp_error_hook(dp_error_hook, (s));

#define DP_GUARD_END() glp_error_hook(NULL, NULL);

glp_prob *dp_guarded_build(dp_session *s, int dir, int m, int n,
                           const int *row_type, const double *row_lb, const double *row_ub,
                           const int *col_type, const double *col_lb, const double *col_ub,
                           const int *col_kind, const double *obj,
                           int nnz, const int *ia, const int *ja, const double *ar) {
  glp_prob *volatile P = NULL;
#define DP_FATAL_VALUE NULL
  DP_GUARD_BEGIN(s)
#undef DP_FATAL_VALUE
  P = glp_create_prob();
  glp_set_obj_dir(P, dir);
  if (m > 0) glp_add_rows(P, m);
  if (n > 0) glp_add_cols(P, n);
  for (int i = 1; i <= m; i++) glp_set_row_bnds(P, i, row_type[i], row_lb[i], row_ub[i]);
  glp_set_obj_coef(P, 0, obj[0]);
  for (int j = 1; j <= n; j++) {
    glp_set_col_bnds(P, j, col_type[j], col_lb[j], col_ub[j]);
    glp_set_obj_coef(P, j, obj[j]);
    if (col_kind[j] != GLP_CV) glp_set_col_kind(P, j, col_kind[j]);
  }
  if (nnz > 0) glp_load_matrix(P, nnz, ia, ja, ar);
  DP_GUARD_END()
  return P;
}

#define DP_FATAL_VALUE DP_FATAL

int dp_guarded_simplex(dp_session *s, glp_prob *P, const glp_smcp *parm) {
  int ret;
  DP_GUARD_BEGIN(s)
  ret = glp_simplex(P, parm);
  DP_GUARD_END()
  return ret;
}

static void dp_intopt_callback(glp_tree *T, void *info) {
  dp_session *s = info;
  int reason = glp_ios_reason(T);
  if (reason == GLP_IHEUR && s->incumbent != NULL && !s->offered) {
    s->offered = 1;
    if (glp_ios_heur_sol(T, s->incumbent) == 0) s->accepted = 1;
  }
  if (reason == GLP_ISELECT || reason == GLP_IBINGO || reason == GLP_IHEUR || reason == GLP_IBRANCH) {
    int p = glp_ios_best_node(T);
    if (p != 0) {
      s->bound = glp_ios_node_bound(T, p);
      s->have_bound = 1;
    }
  }
  // At most every 0.25 s, and at every new incumbent: report and ask whether to stop.
  if (s->poll != NULL) {
    double now = dp_now();
    if (reason == GLP_IBINGO || now - s->last_poll >= 0.25) {
      s->last_poll = now;
      glp_prob *P = glp_ios_get_prob(T);
      int have_obj = glp_mip_status(P) == GLP_FEAS || glp_mip_status(P) == GLP_OPT;
      double obj = have_obj ? glp_mip_obj_val(P) : 0;
      if (s->poll(s->poll_ctx, have_obj, obj, s->have_bound, s->bound) != 0) glp_ios_terminate(T);
    }
  }
}

int dp_guarded_intopt(dp_session *s, glp_prob *P, const glp_iocp *parm, const double *incumbent,
                      double *best_bound, int *have_bound, int *incumbent_accepted) {
  glp_iocp local = *parm;
  int ret;
  s->incumbent = incumbent;
  s->offered = 0;
  s->accepted = 0;
  s->have_bound = 0;
  s->bound = 0;
  local.cb_func = dp_intopt_callback;
  local.cb_info = s;
  DP_GUARD_BEGIN(s)
  ret = glp_intopt(P, &local);
  DP_GUARD_END()
  if (s->have_bound) { *best_bound = s->bound; *have_bound = 1; } else { *have_bound = 0; }
  *incumbent_accepted = s->accepted;
  s->incumbent = NULL;
  return ret;
}

int dp_guarded_read(dp_session *s, glp_prob *P, int kind, double *col_val, double *row_dual) {
  DP_GUARD_BEGIN(s)
  int n = glp_get_num_cols(P), m = glp_get_num_rows(P);
  for (int j = 1; j <= n; j++) col_val[j] = kind == 1 ? glp_mip_col_val(P, j) : glp_get_col_prim(P, j);
  if (row_dual != NULL && kind == 0)
    for (int i = 1; i <= m; i++) row_dual[i] = glp_get_row_dual(P, i);
  DP_GUARD_END()
  return 0;
}

int dp_guarded_set_basis(dp_session *s, glp_prob *P, const int *row_stat, const int *col_stat) {
  int ret;
  DP_GUARD_BEGIN(s)
  int m = glp_get_num_rows(P), n = glp_get_num_cols(P);
  for (int i = 1; i <= m; i++) glp_set_row_stat(P, i, row_stat[i]);
  for (int j = 1; j <= n; j++) glp_set_col_stat(P, j, col_stat[j]);
  ret = glp_warm_up(P);
  if (ret != 0) glp_std_basis(P);
  DP_GUARD_END()
  return ret;
}

int dp_guarded_iteration_count(dp_session *s, glp_prob *P) {
  int ret;
  DP_GUARD_BEGIN(s)
  ret = glp_get_it_cnt(P);
  DP_GUARD_END()
  return ret;
}

int dp_guarded_raw_set_obj_coef(dp_session *s, glp_prob *P, int j, double value) {
  DP_GUARD_BEGIN(s)
  glp_set_obj_coef(P, j, value);
  DP_GUARD_END()
  return 0;
}

int dp_guarded_delete(dp_session *s, glp_prob *P) {
  if (s->env_lost || P == NULL) return 0;
  DP_GUARD_BEGIN(s)
  glp_delete_prob(P);
  DP_GUARD_END()
  return 0;
}
