//===----------------------------------------------------------------------===//
// The previous plan repaired for the changed scenario: a MIP over the
// neighbourhood of the changes (issue 14 goal 2, issue 12's lock → diff).
//
// The previous plan is nearly a plan of the new problem: the changes (new
// organizations, instructors who left, locks, capacities) leave a few slots
// open or overfull, and the continuity bonus makes every other slot want its
// previous instructor. So only a neighbourhood needs solving:
//   base     = the most keepable previous pairs that fit together (ReplanSetup.previousAssignment);
//   free     = rows without a base pair, rows whose pure-relaxation column (the problem
//              without its side rules, solved natively) differs from the base, and every
//              row held by a column one of those rows has or wants (so the columns they
//              touch can reshuffle);
//   fixed    = every other row, locked to its base instructor (its other arcs dropped).
// The neighbourhood problem is a restriction of the problem (same arcs for the free
// rows, same capacities and rules), so each of its plans is a plan of the problem:
// its plan — proven optimal within the neighbourhood or not — is a feasible incumbent
// of the whole problem (`SolveLimits.incumbent`), never a claim about the whole problem.
// When the neighbourhood has no plan (a rule needs rows further away), it grows by
// one ring (the rows of every column a free row may take) once; then no repair.
//
// Complexity: one native solve of the relaxation (O(rows·arcs) worst case, a fraction
// of a second at city scale) and one MIP over the free rows' arcs.
// Deterministic: rows and columns are taken in index order; the MIP is the same solver
// on the same model, so a proven neighbourhood optimum is the same plan on every run.
//===----------------------------------------------------------------------===//
import AssignmentCore

/// The previous plan repaired over the neighbourhood of the changes.
public struct RepairedPrevious: Sendable {
  /// A plan of the whole problem (checked by `SolutionChecker`).
  public var plan: [Int32]
  /// Rows that were free to change (the others kept their base instructor).
  public var freeRows: Int
  /// Whether the plan is proven optimal within the neighbourhood (not for the whole problem).
  public var optimalInNeighbourhood: Bool
  /// The pure relaxation of the whole problem: its optimum bounds every plan (`relaxationBound`).
  public var relaxationBound: ObjectiveValue
  public var seconds: Double
}

extension Replanner {
  /// The base plan repaired over the neighbourhood of the changes (see the file header), or nil
  /// when the problem is pure (the native solver solves it exactly anyway) or no repair was found.
  /// `problem` is the problem to repair for (the setup's, possibly with a bonus or a rule added).
  public func repairPrevious(_ setup: ReplanSetup, problem: AssignmentProblem, choice: SolverChoice,
                             limits: SolveLimits) -> RepairedPrevious? {
    let clock = Stopwatch()
    guard !problem.isPureAssignment, problem.arcLoads.isEmpty, choice != .native,
          let relaxed = try? solvers.native.solve(problem.withoutSideRules(), limits: .none), relaxed.status.isOptimal
    else { return nil }
    let base = setup.previousAssignment
    guard base.count == problem.rowCount else { return nil }
    let relaxation = relaxed.columnOfRow
    var free = [Bool](repeating: false, count: problem.rowCount)
    var touched = [Bool](repeating: false, count: problem.columnCount)
    for row in 0..<problem.rowCount where base[row] < 0 || relaxation[row] != base[row] || problem.lockedColumn[row] >= 0 && problem.lockedColumn[row] != base[row] {
      free[row] = true
      for c in [base[row], relaxation[row], problem.lockedColumn[row]] where c >= 0 { touched[Int(c)] = true }
    }
    // Columns whose base rows break a hard rule in the new scenario (an organization's party status
    // or key project changed): they must be free to change too, or the neighbourhood has no plan.
    for column in Self.columnsBreakingRules(problem, plan: base) { touched[column] = true }
    func spread() {
      for row in 0..<problem.rowCount where !free[row] && base[row] >= 0 && touched[Int(base[row])] { free[row] = true }
    }
    spread()
    // Reduced costs against the relaxation's duals: a free row's pair that costs more than the continuity
    // bonus is rarely worth taking; the first attempt leaves such pairs out (a smaller MIP), the next
    // keeps every pair, the last adds a ring of rows.
    let reducedCost: (Int, Int) -> Int64 = { row, arc in
      guard let duals = relaxed.duals else { return 0 }
      return duals.rowDual[row] + duals.columnDual[Int(problem.arcColumns[arc])] - problem.arcScores[arc]
    }
    let threshold = Int64(max(10, setup.continuity))
    var remaining = limits
    for attempt in 0..<3 {
      if attempt == 2 {
        // One more ring: every column a free row may take, and the rows those columns hold; not when
        // that frees most rows (then it is the whole problem's solve, which the caller makes anyway).
        for row in 0..<problem.rowCount where free[row] {
          for arc in problem.arcs(ofRow: row) { touched[Int(problem.arcColumns[arc])] = true }
        }
        spread()
        guard free.filter({ $0 }).count * 2 < problem.rowCount else { return nil }
      }
      let restricted = attempt == 0
      guard let neighbourhood = Self.neighbourhood(problem, base: base, free: free, keep: { row, arc in
        !restricted || reducedCost(row, arc) <= threshold || problem.arcColumns[arc] == base[row]
      }) else { return nil }
      // At most a quarter of the time limit in all (an eighth for the first attempt): the repair is a
      // start, the whole problem still gets the rest.
      let share = limits.timeLimit.map { (restricted ? $0 / 8 : $0 / 4) - clock.seconds }
      if let share, share < 0.2 { break }
      remaining.timeLimit = share
      remaining.incumbent = nil
      remaining.control = limits.control?.phasesOnly
      guard let record = try? solvers.solve(neighbourhood, choice: choice, limits: remaining) else { continue }
      let plan = record.outcome.columnOfRow
      guard !record.outcome.status.isInfeasible, plan.count == problem.rowCount, !plan.contains(-1) || problem.coverage == .maximize,
            SolutionChecker.violations(plan, in: problem).isEmpty
      else { continue }
      return RepairedPrevious(plan: plan, freeRows: free.filter { $0 }.count,
                              optimalInNeighbourhood: record.outcome.status.isOptimal && !restricted,
                              relaxationBound: relaxed.objective, seconds: clock.seconds)
    }
    return nil
  }

  /// The columns where `plan` breaks a hard side rule of `problem`: for a rule over given rows or columns,
  /// its columns and its rows' columns; for a rule that acts column by column (mix), each column whose
  /// own rows break it.
  static func columnsBreakingRules(_ problem: AssignmentProblem, plan: [Int32]) -> [Int] {
    let whole = PlanOccupancy(plan, in: problem)
    var columns = Set<Int>()
    for rule in problem.sideRules where rule.softWeight == nil && rule.descriptor.breach(in: whole) != nil {
      switch rule.descriptor.scope {
      case .joins(let rows, let cs):
        columns.formUnion(cs)
        for row in rows where plan[row] >= 0 { columns.insert(Int(plan[row])) }
      case .everyComponent:
        var alone = [[Int]](repeating: [], count: problem.columnCount)
        var load = [Int](repeating: 0, count: problem.columnCount)
        for column in 0..<problem.columnCount where !whole.rowsOfColumn[column].isEmpty {
          alone[column] = whole.rowsOfColumn[column]
          load[column] = whole.load[column]
          let occupancy = PlanOccupancy(columnOfRow: plan, rowsOfColumn: alone, load: load, exclusiveRows: whole.exclusiveRows)
          if rule.descriptor.breach(in: occupancy) != nil { columns.insert(column) }
          alone[column] = []
          load[column] = 0
        }
      }
    }
    return columns.sorted()
  }

  /// The fast re-plan of one adjustment (the workbench's diff): the previous plan repaired over the
  /// neighbourhood of the change, with the pure relaxation's optimum as the bound. Optimal only when it
  /// meets that bound; otherwise `feasible` with the bound and gap, and the method says it is the best
  /// plan changing only the neighbourhood's slots when the neighbourhood MIP proved that. Without a
  /// repair (a pure problem, which the native solver solves exactly at once, or no plan in the
  /// neighbourhood) it is `solve(_:maxMoves:nil…)`.
  public func solveAroundChanges(_ setup: ReplanSetup, choice: SolverChoice = .auto, limits: SolveLimits) throws(SolverError) -> ReplanSolve {
    let problem = setup.model.problem
    guard let repaired = repairPrevious(setup, problem: problem, choice: choice, limits: limits) else {
      return try solve(setup, maxMoves: nil, choice: choice, limits: limits)
    }
    let checkClock = Stopwatch()
    let objective = SolutionChecker.objective(of: repaired.plan, in: problem)
    let proven = objective == repaired.relaxationBound
    let outcome = AssignmentOutcome(status: proven ? .optimal : .feasible, columnOfRow: repaired.plan, objective: objective,
                                    bound: max(objective, repaired.relaxationBound), solverName: "neighbourhood")
    let record = SolveRecord(
      outcome: outcome, reason: "the previous plan repaired around the change by the MIP over \(repaired.freeRows) of \(problem.rowCount) slots; "
        + "bound: the optimum without the office's rules", seconds: repaired.seconds, checkSeconds: checkClock.seconds,
      violations: SolutionChecker.violations(repaired.plan, in: problem, claimed: objective))
    let method = proven ? "exact: the repaired plan meets the bound without the office's rules"
      : repaired.optimalInNeighbourhood ? "the best plan that changes only the \(repaired.freeRows) slots around the change (not proven for the whole plan)"
      : "a plan that changes only the \(repaired.freeRows) slots around the change (not proven)"
    return ReplanSolve(record: record, moves: setup.moves(repaired.plan), maxMoves: nil, method: method, searchSolves: 0)
  }

  /// `problem` with every row that is not free locked to its base column (its other arcs dropped).
  static func neighbourhood(_ problem: AssignmentProblem, base: [Int32], free: [Bool], keep: (_ row: Int, _ arc: Int) -> Bool) -> AssignmentProblem? {
    var arcs: [Arc] = []
    var locks: [(row: Int, column: Int)] = []
    for row in 0..<problem.rowCount {
      let fixed = free[row] ? -1 : Int(base[row])
      if fixed >= 0 { locks.append((row, fixed)) } else if problem.lockedColumn[row] >= 0 { locks.append((row, Int(problem.lockedColumn[row]))) }
      for arc in problem.arcs(ofRow: row) where fixed < 0 ? keep(row, arc) || Int(problem.arcColumns[arc]) == problem.lockedColumn[row]
        : Int(problem.arcColumns[arc]) == fixed {
        arcs.append(Arc(row: row, column: Int(problem.arcColumns[arc]), score: problem.arcScores[arc]))
      }
    }
    return try? AssignmentProblem(rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: arcs, locks: locks,
                                  coverage: problem.coverage, sideRules: problem.sideRules)
  }
}

