#!/usr/bin/env python3
"""Solve one dispatch-bench instance with peer solvers and print JSON.

    python3 scripts/bench/peers.py FILE [--reps N] [--peers scipy-lsa,scipy-sparse,ortools-mcf]

The instance (written by `dispatch-bench`) is a capacitated assignment problem whose
scores are MAXIMISED and which should be fully coverable:

    dispatch-bench-instance 1
    ROWS COLUMNS ARCS dense|sparse
    CAP_1 ... CAP_COLUMNS
    dense:  ROWS lines of COLUMNS scores (every pair is an arc)
    sparse: ARCS lines `row column score` (0-based)

Peers (each minimises cost = maxScore - score, which has the same optimum when every
row is covered; the objective printed is the sum of the original scores of the
assignment each peer returns, recomputed here):

  scipy-lsa     scipy.optimize.linear_sum_assignment on the rows x (columns repeated
                `capacity` times) matrix; forbidden pairs get +inf (sparse shapes).
  scipy-sparse  scipy.sparse.csgraph.min_weight_full_bipartite_matching on the same
                expansion as a sparse matrix (sparse shapes only, by default).
  lap-lapjv     lap.lapjv (dense instances) on the rows x (columns repeated capacity times)
  lap-lapmod    lap.lapmod (sparse Jonker-Volgenant, sparse instances by default) on a square
                sparse matrix: columns repeated capacity times ("slots"), then made square
                sparsely: real row r also gets a private dummy column r' (cost M, never
                taken when every row can be covered), and each slot q a dummy row q' with
                entries to q (cost 0) and to r' for every real row r that has an edge to q
                (cost 0). If r takes q, q' takes r'; so a perfect matching exists, and its
                cost is the real rows' cost. lapmod needs costs < 1e6 (M = rows*(top+1)).
  lap-lapmod-pad  the same solver with the plain padding instead: slots - rows dummy rows,
                each with an entry (equal high cost) to every slot: simpler, but the dummy
                rows are dense (measured 5-10x slower than lap-lapmod on the city shapes).
  ortools-mcf   OR-tools SimpleMinCostFlow, source -> rows (cap 1) -> columns (cap =
                capacity, native) -> sink, solved with solve_max_flow_with_min_cost.

Each peer runs in its own child process (so that its peak memory, ru_maxrss, is its
own: the figure includes Python, numpy and reading the file). `seconds` is the median
over the repetitions of the solver call alone; `setup_seconds` is building the peer's
input (matrix or network) from the arrays, once.

Output: {peer: {"seconds", "objective", "covered", "setup_seconds", "runs",
"peak_rss_mb"}} or {peer: {"error": "..."}}.
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy as np


def read_instance(path):
    with open(path, "rb") as f:
        header = f.readline().split()
        if header[:2] != [b"dispatch-bench-instance", b"1"]:
            raise SystemExit(f"{path}: not a dispatch-bench instance (v1)")
        rows, cols, arcs, kind = f.readline().split()
        rows, cols, arcs, kind = int(rows), int(cols), int(arcs), kind.decode()
        rest = f.read()
    numbers = np.array(rest.split(), dtype=np.int64) if len(rest) < 1 << 16 else np.fromstring(rest, dtype=np.int64, sep=" ")
    caps = numbers[:cols]
    body = numbers[cols:]
    if kind == "dense":
        if body.size != rows * cols:
            raise SystemExit(f"{path}: expected {rows * cols} scores, found {body.size}")
        r = np.repeat(np.arange(rows, dtype=np.int64), cols)
        c = np.tile(np.arange(cols, dtype=np.int64), rows)
        s = body
    else:
        if body.size != 3 * arcs:
            raise SystemExit(f"{path}: expected {arcs} arcs, found {body.size // 3}")
        triples = body.reshape(-1, 3)
        r, c, s = triples[:, 0].copy(), triples[:, 1].copy(), triples[:, 2].copy()
    return rows, cols, kind, caps, r, c, s


def expanded_columns(caps):
    """Slot k of the expansion belongs to column owner[k]; column j owns first[j] ... first[j]+caps[j]-1."""
    owner = np.repeat(np.arange(caps.size, dtype=np.int64), caps)
    first = np.concatenate(([0], np.cumsum(caps)[:-1]))
    return owner, first


def run_scipy_lsa(inst, reps):
    from scipy.optimize import linear_sum_assignment
    rows, cols, kind, caps, r, c, s = inst
    t0 = time.perf_counter()
    owner, first = expanded_columns(caps)
    top = int(s.max()) if s.size else 0
    small = np.full((rows, cols), np.inf)
    small[r, c] = (top - s).astype(np.float64)
    cost = small[:, owner]  # rows x total capacity
    del small
    setup = time.perf_counter() - t0
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        ri, ci = linear_sum_assignment(cost)
        times.append(time.perf_counter() - t0)
    if not np.all(np.isfinite(cost[ri, ci])):
        raise RuntimeError("no complete assignment over allowed pairs")
    col_of_row = np.full(rows, -1, dtype=np.int64)
    col_of_row[ri] = owner[ci]
    return times, setup, col_of_row


def run_scipy_sparse(inst, reps):
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching
    rows, cols, kind, caps, r, c, s = inst
    t0 = time.perf_counter()
    owner, first = expanded_columns(caps)
    top = int(s.max()) if s.size else 0
    # Each arc (r, c) becomes caps[c] edges (r, slot); weights must be > 0 (zeros are not edges).
    rep = caps[c]
    rr = np.repeat(r, rep)
    base = np.repeat(first[c], rep)
    offs = np.arange(rr.size, dtype=np.int64) - np.repeat(np.cumsum(rep) - rep, rep)
    slots = base + offs
    w = np.repeat((top - s + 1).astype(np.float64), rep)
    graph = csr_matrix((w, (rr, slots)), shape=(rows, int(caps.sum())))
    setup = time.perf_counter() - t0
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        ri, ci = min_weight_full_bipartite_matching(graph)
        times.append(time.perf_counter() - t0)
    col_of_row = np.full(rows, -1, dtype=np.int64)
    col_of_row[ri] = owner[ci]
    return times, setup, col_of_row


def run_ortools(inst, reps):
    from ortools.graph.python import min_cost_flow
    rows, cols, kind, caps, r, c, s = inst
    top = int(s.max()) if s.size else 0
    source, sink = rows + cols, rows + cols + 1
    times, setup, col_of_row = [], None, None
    for _ in range(reps):
        t0 = time.perf_counter()
        mcf = min_cost_flow.SimpleMinCostFlow()
        first_arc = mcf.add_arcs_with_capacity_and_unit_cost(r, rows + c, np.ones_like(r), top - s)
        mcf.add_arcs_with_capacity_and_unit_cost(np.full(rows, source), np.arange(rows), np.ones(rows, dtype=np.int64), np.zeros(rows, dtype=np.int64))
        mcf.add_arcs_with_capacity_and_unit_cost(rows + np.arange(cols), np.full(cols, sink), caps, np.zeros(cols, dtype=np.int64))
        mcf.set_nodes_supplies(np.array([source, sink]), np.array([rows, -rows]))
        setup = time.perf_counter() - t0 if setup is None else setup
        t0 = time.perf_counter()
        status = mcf.solve_max_flow_with_min_cost()
        times.append(time.perf_counter() - t0)
        if status != mcf.OPTIMAL:
            raise RuntimeError(f"min cost flow status {status}")
        flows = mcf.flows(first_arc)
        col_of_row = np.full(rows, -1, dtype=np.int64)
        used = np.nonzero(flows > 0)[0]
        col_of_row[r[used]] = c[used]
    return times, setup, col_of_row


def run_lap_lapjv(inst, reps):
    """lap.lapjv (Jonker-Volgenant, C++) on the dense matrix, capacity by repeated columns."""
    import lap
    rows, cols, kind, caps, r, c, s = inst
    if kind != "dense":
        raise RuntimeError("lap.lapjv needs a complete matrix (dense instances only)")
    t0 = time.perf_counter()
    owner, first = expanded_columns(caps)
    top = int(s.max()) if s.size else 0
    small = np.empty((rows, cols), dtype=np.float64)
    small[r, c] = (top - s).astype(np.float64)
    cost = np.ascontiguousarray(small[:, owner])
    del small
    setup = time.perf_counter() - t0
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        _, x, _ = lap.lapjv(cost, extend_cost=cost.shape[0] != cost.shape[1])
        times.append(time.perf_counter() - t0)
    col_of_row = np.where(x >= 0, owner[np.maximum(x, 0)], -1).astype(np.int64)
    return times, setup, col_of_row


def lapmod_slots(inst):
    """The capacity expansion as CSR parts: per arc-slot edge its row, slot and cost (sorted by row, then slot)."""
    rows, cols, kind, caps, r, c, s = inst
    owner, first = expanded_columns(caps)
    top = int(s.max()) if s.size else 0
    order = np.lexsort((c, r))
    r, c, s = r[order], c[order], s[order]
    rep = caps[c]
    rr = np.repeat(r, rep)
    offs = np.arange(rr.size, dtype=np.int64) - np.repeat(np.cumsum(rep) - rep, rep)
    slot = np.repeat(first[c], rep) + offs
    cost = np.repeat((top - s).astype(np.float64), rep)
    slots = int(caps.sum())
    if rows > slots:
        raise RuntimeError(f"{rows} rows for {slots} places: cannot cover every row")
    return owner, top, slots, rr, slot, cost


def run_lap_lapmod(inst, reps, pad=False):
    """lap.lapmod on the square sparse matrix described in the module docstring."""
    import lap
    rows = inst[0]
    t0 = time.perf_counter()
    owner, top, slots, rr, slot, cost = lapmod_slots(inst)
    if pad:
        # slots - rows dummy rows, each with an entry to every slot at the same high cost.
        dummies = slots - rows
        n = slots
        kk = np.concatenate([slot, np.tile(np.arange(slots, dtype=np.int64), dummies)])
        cc = np.concatenate([cost, np.full(dummies * slots, float(top + 1))])
        counts = np.concatenate([np.bincount(rr, minlength=rows), np.full(dummies, slots)])
    else:
        big = float(rows * (top + 1))
        if big >= 1e6:
            raise RuntimeError("lapmod needs costs below 1e6")
        n = rows + slots  # rows: real rows, then one dummy row per slot; columns: slots, then one dummy per real row
        er = np.concatenate([rr, np.arange(rows), rows + np.arange(slots), rows + slot])
        ec = np.concatenate([slot, slots + np.arange(rows), np.arange(slots), slots + rr])
        ew = np.concatenate([cost, np.full(rows, big), np.zeros(slots), np.zeros(slot.size)])
        order = np.lexsort((ec, er))
        kk, cc = ec[order], ew[order]
        counts = np.bincount(er, minlength=n)
    ii = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)
    kk = np.ascontiguousarray(kk, dtype=np.int32)
    cc = np.ascontiguousarray(cc, dtype=np.float64)
    setup = time.perf_counter() - t0
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        _, x, _ = lap.lapmod(n, cc, ii, kk)
        times.append(time.perf_counter() - t0)
    x = np.asarray(x[:rows], dtype=np.int64)
    if np.any(x < 0) or np.any(x >= slots):
        raise RuntimeError("lapmod left a row on its dummy column")
    return times, setup, owner[x]


PEERS = {"lap-lapjv": run_lap_lapjv, "lap-lapmod": run_lap_lapmod,
         "lap-lapmod-pad": lambda inst, reps: run_lap_lapmod(inst, reps, pad=True), "scipy-lsa": run_scipy_lsa, "scipy-sparse": run_scipy_sparse, "ortools-mcf": run_ortools}


def run_one(path, peer, reps):
    inst = read_instance(path)
    rows, cols, kind, caps, r, c, s = inst
    try:
        times, setup, col_of_row = PEERS[peer](inst, reps)
        # Recompute the objective from the original scores.
        order = np.lexsort((c, r))
        keys = r[order] * cols + c[order]
        assigned = np.nonzero(col_of_row >= 0)[0]
        want = assigned * cols + col_of_row[assigned]
        pos = np.searchsorted(keys, want)
        if np.any(pos >= keys.size) or np.any(keys[np.minimum(pos, keys.size - 1)] != want):
            raise RuntimeError("assignment uses a pair that is not an arc")
        load = np.bincount(col_of_row[assigned], minlength=cols)
        if np.any(load > caps):
            raise RuntimeError("assignment exceeds a capacity")
        result = {
            "seconds": statistics.median(times), "runs": times, "setup_seconds": setup,
            "objective": int(s[order][pos].sum()), "covered": int(assigned.size),
        }
    except Exception as e:  # reported, not fatal: the other peers still run
        result = {"error": f"{type(e).__name__}: {e}"}
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--peers", default=None, help="comma-separated; default: scipy-lsa and ortools-mcf, plus scipy-sparse and lap-lapmod on sparse instances, lap-lapjv on dense ones")
    ap.add_argument("--one", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.file, args.one, args.reps)))
        return
    with open(args.file, "rb") as f:
        f.readline()
        kind = f.readline().split()[3].decode()
    peers = args.peers.split(",") if args.peers else (
        ["scipy-lsa", "scipy-sparse", "ortools-mcf", "lap-lapmod"] if kind == "sparse" else ["scipy-lsa", "ortools-mcf", "lap-lapjv"])
    out = {}
    for peer in peers:
        if peer not in PEERS:
            out[peer] = {"error": f"unknown peer (known: {', '.join(PEERS)})"}
            continue
        proc = subprocess.run([sys.executable, os.path.abspath(__file__), args.file, "--reps", str(args.reps), "--one", peer],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            out[peer] = {"error": (proc.stderr.strip().splitlines() or ["exit %d" % proc.returncode])[-1]}
        else:
            out[peer] = json.loads(proc.stdout)
        print(f"peers: {peer}: {json.dumps(out[peer])[:200]}", file=sys.stderr)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
