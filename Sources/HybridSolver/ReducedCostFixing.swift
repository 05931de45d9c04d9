//===----------------------------------------------------------------------===//
// The warm path, step b: reduced-cost fixing, round by round.
//
// REDUCED-COST FIXING (step b). Given a feasible plan of the full problem with
// W = L, every arc with rc(a) > U − L is dropped: a plan using it has
// W ≤ U − rc(a) < L, so it is not better than the incumbent. The incumbent's own
// arcs all survive (W(inc) ≤ U − rc(a) for each of its arcs). Without an
// incumbent, a guessed threshold Δ is used instead: arcs with rc > Δ are dropped,
// the restricted problem (a subset of arcs: `keepingArcs`, its plans are plans of
// the full problem) is solved, and
//   bound(full) = max(bound(restricted), U − (Δ + 1)),
// since a plan using a dropped arc has W ≤ U − (Δ + 1). A plan whose W reaches
// that bound is optimal for the full problem; otherwise its W becomes L and the
// next round prunes with U − L (which proves it), and Δ grows (×4) when the
// restricted problem is infeasible, until nothing is dropped (the plain problem).
//
//===----------------------------------------------------------------------===//
import AssignmentCore

extension WarmRun {
  /// Steps b and e: rounds of reduced-cost fixing (and Lagrangian fixing), each restricted problem
  /// split into components and solved by the MIP back end, until the plan is proven or time is up.
  func solveByReducedCostFixing(_ relaxation: Relaxation) throws(SolverError) -> AssignmentOutcome {
    let (native, duals, cert) = (relaxation.native, relaxation.duals, relaxation.cert)
    // Rounds of pruning.
    let scorePart = abs(cert.upper - cert.big * Int64(problem.rowCount))
    var delta = max(solver.minimumDelta, Int64(clamping: Double(scorePart) * solver.initialDeltaFraction, .towardZero, nan: 0))
    let histogram = [0, 2, 5, 10, 20, 50, 100].map { t in "≤\(t): \(cert.reducedCost.lazy.filter { $0 <= Int64(t) }.count)" }
    notes.append("reduced costs: " + histogram.joined(separator: ", "))
    while true {
      let threshold = lower.map { cert.upper - $0 } ?? delta
      // With a full-coverage incumbent of score L, an arc whose Lagrangian bound is below L goes too:
      // every plan using it scores less than the incumbent.
      let lagrangian: (bound: [Int64], score: Int64)? = lower.flatMap { l in
        let v = cert.lexicographic(l)
        return v.covered == problem.rowCount ? lagrangeArcBound.map { ($0, v.score) } : nil
      }
      let keep = { (arc: Int) -> Bool in
        cert.reducedCost[arc] <= threshold && (lagrangian.map { $0.bound[arc] >= $0.score } ?? true)
      }
      let restricted = problem.keepingArcs(keep)
      let pruned = problem.arcCount - restricted.arcCount
      // Arcs a lock makes unusable (rc = Int64.max) always go; the plain problem is reached when nothing else does.
      let prunable = (0..<problem.arcCount).lazy.filter { cert.reducedCost[$0] != Int64.max && !keep($0) }.count
      notes.append("round: threshold \(threshold) (\(lower == nil ? "guessed" : "U − L")), pruned \(pruned) of \(problem.arcCount) arcs at \(fmt(elapsed)) s")
      // The native optimum of the relaxation and its duals: the MIP back end may start its LP there
      // (GLPK's starting basis). The restricted problem keeps the plan's arcs (rc = 0) unless the
      // Lagrangian test drops one; then the restricted relaxation is solved natively for its own.
      let keepsRelaxationPlan = (0..<problem.rowCount).allSatisfy { row in
        native.columnOfRow[row] < 0 || problem.arcIndex(row: row, column: Int(native.columnOfRow[row])).map(keep) ?? false
      }
      var relaxation: RelaxationOptimum? = nil
      if keepsRelaxationPlan || prunable == 0 {
        relaxation = RelaxationOptimum(plan: native.columnOfRow, duals: duals)
      } else if let o = try? solver.pure.solve(restricted.withoutSideRules(), limits: .none), o.status.isOptimal, let d = o.duals {
        relaxation = RelaxationOptimum(plan: o.columnOfRow, duals: d)
        notes.append("relaxation of the restricted problem re-solved by \(solver.pure.name) for the starting basis: \(o.objective)")
      }
      if prunable == 0 {
        var o = try solver.mip.solve(problem, limits: remainingLimits(incumbent: incumbent, relaxation: relaxation))
        o = named(o)
        o.prunedArcs = 0
        if let incumbent, !o.status.isInfeasible, cert.weighted(o.objective) < lower! { o = keepIncumbent(incumbent, over: o, cert: cert) }
        // U bounds every plan: GLPK's own bound may be weaker when it stops on the time limit.
        let capW = min(cert.upper, lagrangeW ?? cert.upper)
        if !o.status.isInfeasible, let b = o.bound, cert.weighted(b) > capW {
          o.bound = max(o.objective, cert.lexicographic(capW))
          if o.bound == o.objective { o.status = .optimal }
        }
        return o
      }
      let result: AssignmentOutcome
      do {
        // A guessed round gets half of the time left, so that the proving round can still run.
        result = try solveSplit(restricted, incumbent: incumbent, relaxation: relaxation, cert: cert, share: lower == nil ? 0.5 : 1,
                                boundFloor: cert.lexicographic(cert.upper - (threshold + 1)))
      } catch {
        if error.endedWithoutSolution, let incumbent {
          notes.append(limits.isCancelled ? "stopped on request; returning the incumbent" : "no better plan in time; returning the incumbent")
          var o = try finish(incumbent, status: .feasible, boundW: cert.upper, cert: cert)
          o.prunedArcs = pruned
          return o
        }
        throw error
      }
      if result.status.isInfeasible {
        guard lower == nil else {
          throw .internalInconsistency(solver: solver.name, .restrictedProblemInfeasibleWithIncumbent)
        }
        delta = delta > Int64.max / 16 ? Int64.max / 2 : delta * 4
        notes.append("restricted problem infeasible; threshold raised to \(delta)")
        continue
      }
      var plan = result.columnOfRow
      var w = cert.weighted(result.objective)
      if let incumbent, let l = lower, w < l { plan = incumbent; w = l }
      let restrictedBound = result.status.isOptimal ? w : (result.bound.map { cert.weighted($0) } ?? cert.upper)
      let fullBound = min(cert.upper, max(restrictedBound, w, cert.upper - (threshold + 1)))
      if w >= fullBound {
        var o = try finish(plan, status: .optimal, boundW: w, cert: cert)
        o.prunedArcs = pruned
        o.log = result.log
        o.statistics = result.statistics
        if problem.sideRules.isEmpty && w == cert.upper { o.duals = duals }
        return o
      }
      if lower == nil && result.status.isOptimal && timeLeft && !limits.isCancelled {
        offer(cert, plan, "optimum of the restricted problem")
        continue
      }
      var o = try finish(plan, status: .feasible, boundW: fullBound, cert: cert)
      o.prunedArcs = pruned
      o.log = result.log
      o.statistics = result.statistics
      return o
    }
  }
}
