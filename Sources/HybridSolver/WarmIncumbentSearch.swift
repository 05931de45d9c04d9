//===----------------------------------------------------------------------===//
// The warm path: the incumbent (a feasible plan and its value L).
//
// INCUMBENT. The native plan itself if it satisfies every side rule (then it is
// optimal: W = U). With only exclusive and mix rules, `RuleKeepingImprover`'s
// local search from the native plan (optimal when it reaches U); then, with full
// coverage, no locks and one mix rule, `MixLagrangianBound` (dualised "each row
// once", the columns' subsets under exclusive + mix): its bound caps every bound
// reported (optimal when the incumbent reaches it), the columns' choices at its
// best multipliers start a second local search, and its per-arc bounds prune every
// arc whose plans all score below the incumbent (alongside the U − L pruning).
// With exclusive, mix and hard minimum-load rules: the local search without the minimum
// loads, then `MinimumLoadRepair` moves the rows of under-loaded instructors.
// Otherwise a repair for `exclusive` rules: each exclusive row
// that shares its column is locked there and the other rows' arcs to that column
// are removed; the pure problem is re-solved natively; repeated up to 8 times.
// The result is used only if SolutionChecker finds it feasible for the full problem.
//
//===----------------------------------------------------------------------===//
import AssignmentCore
import Foundation
import RuleHeuristics

extension WarmRun {
  /// The incumbent: the relaxation's plan, the given one, the rule-keeping local search (with the
  /// minimum-load repair) or the exclusive-row repair, and the Lagrangian bound's proposal (see the
  /// INCUMBENT section of this file's header); the outcome when one of them is proven optimal.
  func searchIncumbent(_ relaxation: Relaxation) throws(SolverError) -> AssignmentOutcome? {
    let (native, duals, cert) = (relaxation.native, relaxation.duals, relaxation.cert)
    offer(cert, native.columnOfRow, "native plan of the relaxation")
    // With side rules that the native plan happens to satisfy, it is optimal (W = U). A pure problem
    // still goes to the MIP back end (`--solver glpk` asks for GLPK), on the arcs with rc = 0 only.
    if lower == cert.upper && !problem.sideRules.isEmpty {
      notes.append("the native plan satisfies every side rule: optimal, nothing for the MIP to do")
      var o = named(native)
      o.bound = o.objective
      o.prunedArcs = 0
      return o
    }
    if let given = limits.incumbent { offer(cert, given, "given") }
    if limits.isCancelled { return try stopped(incumbent, cert: cert) }
    control?.enter(.incumbentSearch)
    // The local search keeps exclusive and mix rules. It searches the problem with its soft rules
    // made hard (a plan that pays no penalty) and without its hard minimum loads, which
    // `MinimumLoadRepair` then restores; the Lagrangian bound below uses the same relaxation.
    let isMinimumLoad = { (rule: SideRule) -> Bool in rule.softWeight == nil && rule.descriptor.repair == .minimumLoadRepair }
    let hasMinimumLoad = problem.sideRules.contains(where: isMinimumLoad)
    let withoutMinimumLoads = hasMinimumLoad ? problem.keeping(problem.sideRules.filter { !isMinimumLoad($0) }) : problem
    let searched = withoutMinimumLoads.hardened()
    let searchBudget = limits.localSearchSeconds
    let searchNote = (problem.hasSoftRules ? ", soft rules kept" : "") + (hasMinimumLoad ? ", minimum load repaired" : "")
    func keptPlan(from start: [Int32]) -> [Int32]? {
      var improver = RuleKeepingImprover(problem: searched, timeBudget: searchBudget)
      improver.shouldStop = { [control] in control?.isCancelled ?? false }
      improver.deadline = budget.deadline
      guard let plan = improver.improve(from: start) else { return nil }
      return hasMinimumLoad ? MinimumLoadRepair.repair(plan, in: problem) : plan
    }
    if !solver.localSearch {
      notes.append("local search off")
    } else if RuleKeepingImprover.supports(searched) {
      let searchClock = Stopwatch()
      if let kept = keptPlan(from: native.columnOfRow) {
        offer(cert, kept, "rule-keeping local search\(searchNote), \(fmt(searchClock.seconds)) s")
      }
    } else if let repaired = repairExclusive(native.columnOfRow) {
      offer(cert, repaired, "exclusive rows repaired natively")
    }
    if lower == cert.upper && !problem.sideRules.isEmpty {
      notes.append("the incumbent meets the relaxation bound: optimal")
      return try finish(incumbent!, status: .optimal, boundW: cert.upper, cert: cert)
    }
    // The Lagrangian bound of the problem (with its hard minimum loads when it supports them, else
    // without them: a relaxation, so its bound and per-arc bounds still hold); its proposal is searched and repaired.
    if limits.isCancelled { return try stopped(incumbent, cert: cert) }
    let keepsMinimumLoads = MixLagrangianBound.supports(problem)
    let bounded = keepsMinimumLoads ? problem : withoutMinimumLoads
    // Without an incumbent the search aims just below the lowest score a full plan can have; a bound below
    // every full plan's lowest possible score proves that no plan keeps the rules (INFEASIBILITY above).
    if MixLagrangianBound.supports(bounded), cert.fixedCoverage == problem.rowCount, timeLeft {
      control?.enter(.bounding)
      let boundClock = Stopwatch()
      let target = lower.map { cert.lexicographic($0) } ?? ObjectiveValue(covered: problem.rowCount, score: lowestScore(of: bounded) - 1)
      if target.covered == problem.rowCount,
         let found = MixLagrangianBound.search(bounded, plan: native.columnOfRow, duals: duals, target: target.score,
                                               deadline: Deadline(secondsFromNow: limits.lagrangianSeconds).capped(by: budget.deadline),
                                               start: limits.lagrangianStart,
                                               shouldStop: { [control] in control?.isCancelled ?? false }) {
        let (score, proposal, arcBound) = (found.bound, found.proposal, found.arcBound)
        // Its patterns describe the problem itself only when no rule was dropped for it.
        if keepsMinimumLoads { lagrangeCertificate = found.certificate }
        let w = cert.weighted(ObjectiveValue(covered: problem.rowCount, score: score))
        let warmStarted = limits.lagrangianStart?.count == problem.rowCount
        statistics.lagrangian = SolveStatistics.Lagrangian(iterations: found.iterations, warmStarted: warmStarted)
        lagrangeMultipliers = found.multipliers
        notes.append("Lagrangian bound (mix by column\(hasMinimumLoad ? (keepsMinimumLoads ? ", minimum loads kept" : ", minimum loads dropped") : "")) \(score) in \(fmt(boundClock.seconds)) s, \(found.iterations) iterations\(warmStarted ? " from the given multipliers" : ""); U − bound = \(cert.upper - w)")
        if w < cert.upper { lagrangeW = w }
        control?.record(bound: cert.lexicographic(w))
        control?.enter(.incumbentSearch)
        lagrangeArcBound = arcBound
        if score < lowestScore(of: bounded) {
          notes.append("the Lagrangian bound \(score) is below every full plan's lowest score \(lowestScore(of: bounded)): no plan keeps the rules")
          statistics.infeasibilityProof = .lagrangian
          var o = named(native)
          o.status = .infeasible(uncoverable: [])
          o.columnOfRow = [Int32](repeating: -1, count: problem.rowCount)
          o.objective = ObjectiveValue(covered: 0, score: 0)
          o.bound = nil
          o.duals = nil
          return o
        }
        // The local search from the Lagrangian choices only when the bound has not already proven the incumbent,
        // and not when the descent's first round will search every plan within the bound anyway (its patterns fit:
        // on huangshan's re-plan that round finds and proves the optimum in 0.1 s, the local search took 0.45 s).
        if lower.map({ w > $0 }) ?? true {
          if solver.localSearch { offer(cert, proposal, "the Lagrangian choices") }
          let descentSearchesAll = keepsMinimumLoads && solver.mip is any PatternSolver && patternsFit(found.certificate, score)
          if descentSearchesAll { notes.append("no local search from the Lagrangian choices: the descent's first round searches every plan within the bound") }
          if solver.localSearch, !descentSearchesAll, timeLeft, lower.map({ w > $0 }) ?? true, let kept = keptPlan(from: proposal) {
            offer(cert, kept, "rule-keeping local search from the Lagrangian choices\(searchNote)")
          }
        }
        if let l = lower, w <= l {
          notes.append("the incumbent meets the Lagrangian bound: optimal")
          return try finish(incumbent!, status: .optimal, boundW: lower!, cert: cert)
        }
      }
    }

    if limits.isCancelled { return try stopped(incumbent, cert: cert) }
    control?.enter(.branchAndBound)
    return nil
  }

  /// The lowest score a full-coverage plan of `problem` can have: each row's lowest arc score, less every
  /// soft rule's largest total penalty.
  func lowestScore(of problem: AssignmentProblem) -> Int64 {
    var total: Int64 = 0
    for row in 0..<problem.rowCount { total += problem.arcs(ofRow: row).map { problem.arcScores[$0] }.min() ?? 0 }
    for rule in problem.sideRules { total -= (rule.softWeight ?? 0) * Int64(rule.maximumViolations(columnCount: problem.columnCount)) }
    return total
  }

  /// Keeps `plan` as the incumbent when it is feasible and better than the one so far.
  func offer(_ cert: RelaxationCertificate, _ plan: [Int32], _ what: String) {
    guard SolutionChecker.violations(plan, in: problem).isEmpty else { return }
    let w = cert.weighted(SolutionChecker.objective(of: plan, in: problem))
    if lower.map({ w > $0 }) ?? true {
      incumbent = plan
      lower = w
      control?.record(best: cert.lexicographic(w))
      notes.append("incumbent (\(what)): \(SolutionChecker.objective(of: plan, in: problem)), U − L = \(cert.upper - w)")
    }
  }

  /// Locks each exclusive row that shares its column there, removes the other rows' arcs to
  /// that column, and re-solves the pure problem natively; nil when it does not converge.
  func repairExclusive(_ start: [Int32]) -> [Int32]? {
    let exclusiveRows = Set(problem.sideRules.compactMap { if case .exclusive(let r) = $0 { r } else { nil } })
    guard !exclusiveRows.isEmpty else { return nil }
    var plan = start
    var locks = Dictionary(uniqueKeysWithValues: problem.locks.map { ($0.row, $0.column) })
    var reserved: [Int: Int] = [:] // column → its exclusive row
    for _ in 0..<8 {
      var load = [Int](repeating: 0, count: problem.columnCount)
      for c in plan where c >= 0 { load[Int(c)] += 1 }
      var changed = false
      for row in exclusiveRows.sorted() where plan[row] >= 0 && load[Int(plan[row])] > 1 {
        let column = Int(plan[row])
        if let other = reserved[column], other != row { continue }
        if let l = locks[row], l != column { continue }
        if locks.contains(where: { $0.key != row && $0.value == column }) { continue }
        locks[row] = column
        reserved[column] = row
        changed = true
      }
      guard changed else { break }
      let arcs = problem.allArcs.filter { arc in reserved[arc.column].map { $0 == arc.row } ?? true }
      guard let p = try? AssignmentProblem(rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: arcs,
                                           locks: locks.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, coverage: problem.coverage),
            let o = try? solver.pure.solve(p, limits: .none), o.status.isOptimal
      else { return nil }
      plan = o.columnOfRow
    }
    return plan
  }
}
