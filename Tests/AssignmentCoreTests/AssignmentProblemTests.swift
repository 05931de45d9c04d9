import AssignmentCore
import Testing

@Suite struct AssignmentProblemTests {
  @Test func arcsAreStoredByRowThenColumn() throws {
    let problem = try AssignmentProblem(
      rowCount: 2, columnCapacities: [1, 1, 1],
      arcs: [Arc(row: 1, column: 2, score: 5), Arc(row: 0, column: 1, score: 3), Arc(row: 1, column: 0, score: 4)])
    #expect(problem.rowStart == [0, 1, 3])
    #expect(problem.arcColumns == [1, 0, 2])
    #expect(problem.arcScores == [3, 4, 5])
    #expect(problem.arcIndex(row: 1, column: 2) == 2)
    #expect(problem.arcIndex(row: 1, column: 1) == nil)
    #expect(problem.isPureAssignment)
  }

  @Test func badInputIsRejectedWithTheReason() {
    #expect(throws: AssignmentProblemError.arcOutOfRange(row: 2, column: 0)) {
      try AssignmentProblem(rowCount: 2, columnCapacities: [1], arcs: [Arc(row: 2, column: 0, score: 1)])
    }
    #expect(throws: AssignmentProblemError.duplicateArc(row: 0, column: 0)) {
      try AssignmentProblem(rowCount: 1, columnCapacities: [1], arcs: [Arc(row: 0, column: 0, score: 1), Arc(row: 0, column: 0, score: 2)])
    }
    #expect(throws: AssignmentProblemError.negativeCapacity(column: 0, capacity: -1)) {
      try AssignmentProblem(rowCount: 0, columnCapacities: [-1], arcs: [])
    }
    #expect(throws: AssignmentProblemError.lockWithoutArc(row: 0, column: 1)) {
      try AssignmentProblem(rowCount: 1, columnCapacities: [1, 1], arcs: [Arc(row: 0, column: 0, score: 1)], locks: [(0, 1)])
    }
    #expect(throws: AssignmentProblemError.locksExceedCapacity(column: 0, lockedLoad: 2, capacity: 1)) {
      try AssignmentProblem(
        rowCount: 2, columnCapacities: [1], arcs: [Arc(row: 0, column: 0, score: 1), Arc(row: 1, column: 0, score: 1)],
        locks: [(0, 0), (1, 0)])
    }
    #expect(throws: AssignmentProblemError.scoreOutOfRange(row: 0, column: 0, score: 2_000_000)) {
      try AssignmentProblem(rowCount: 1, columnCapacities: [1], arcs: [Arc(row: 0, column: 0, score: 2_000_000)])
    }
  }

  @Test func loadsOtherThanOneMakeAGeneralizedProblem() throws {
    let problem = try AssignmentProblem(rowCount: 1, columnCapacities: [10], arcs: [Arc(row: 0, column: 0, score: 1, load: 5)])
    #expect(!problem.isPureAssignment)
    #expect(problem.load(ofArc: 0) == 5)
  }
}

@Suite struct SolutionCheckerTests {
  let problem = try! AssignmentProblem(
    rowCount: 3, columnCapacities: [1, 2],
    arcs: [Arc(row: 0, column: 0, score: 5), Arc(row: 0, column: 1, score: 1), Arc(row: 1, column: 1, score: 2), Arc(row: 2, column: 1, score: 3)],
    locks: [(2, 1)])

  @Test func aValidAssignmentHasNoViolations() {
    let assignment: [Int32] = [0, 1, 1]
    #expect(SolutionChecker.objective(of: assignment, in: problem) == ObjectiveValue(covered: 3, score: 5 + 2 + 3))
    #expect(SolutionChecker.violations(assignment, in: problem, claimed: ObjectiveValue(covered: 3, score: 10)).isEmpty)
  }

  @Test func everyKindOfBreakIsFound() {
    #expect(SolutionChecker.violations([1, 1, 1], in: problem) == [.overCapacity(column: 1, load: 3, capacity: 2)])
    #expect(SolutionChecker.violations([0, 0, 1], in: problem) == [.notAnArc(row: 1, column: 0)])
    #expect(SolutionChecker.violations([0, 1, -1], in: problem) == [.lockBroken(row: 2, locked: 1, found: -1)])
    #expect(SolutionChecker.violations([0, 1], in: problem) == [.wrongLength(expected: 3, found: 2)])
    #expect(
      SolutionChecker.violations([0, 1, 1], in: problem, claimed: ObjectiveValue(covered: 3, score: 11))
        == [.objectiveMismatch(claimed: ObjectiveValue(covered: 3, score: 11), recomputed: ObjectiveValue(covered: 3, score: 10))])
  }

  @Test func requireAllFlagsOpenRows() throws {
    let strict = try AssignmentProblem(rowCount: 2, columnCapacities: [1], arcs: [Arc(row: 0, column: 0, score: 1)], coverage: .requireAll)
    #expect(SolutionChecker.violations([0, -1], in: strict) == [.uncoveredRow(row: 1)])
  }

  @Test func sideRulesAreChecked() throws {
    let arcs = (0..<4).map { Arc(row: $0, column: 0, score: 1) }
    let exclusive = try AssignmentProblem(rowCount: 4, columnCapacities: [4], arcs: arcs, sideRules: [.exclusive(row: 0)])
    #expect(SolutionChecker.violations([0, 0, -1, -1], in: exclusive).count == 1)
    #expect(SolutionChecker.violations([0, -1, -1, -1], in: exclusive).isEmpty)
    let mix = try AssignmentProblem(rowCount: 4, columnCapacities: [4], arcs: arcs, sideRules: [.mix(groupA: [0, 1], groupB: [2, 3])])
    #expect(SolutionChecker.violations([0, 0, -1, -1], in: mix).count == 1)
    #expect(SolutionChecker.violations([0, -1, 0, -1], in: mix).isEmpty)
    let minimum = try AssignmentProblem(rowCount: 4, columnCapacities: [4], arcs: arcs, sideRules: [.minimumLoad(column: 0, minimum: 2)])
    #expect(SolutionChecker.violations([0, -1, -1, -1], in: minimum).count == 1)
    #expect(SolutionChecker.violations([-1, -1, -1, -1], in: minimum).isEmpty)
  }

  /// Soft rules are never violations; each violation, counted as SideRule.soft documents,
  /// costs its weight in the objective.
  @Test func softRulesCostTheirWeightPerViolation() throws {
    // Two columns of capacity 4; every row may go to either; score 10 per arc.
    let arcs = (0..<6).flatMap { r in (0..<2).map { Arc(row: r, column: $0, score: 10) } }
    func soft(_ rule: SideRule, weight: Int64 = 7) throws -> AssignmentProblem {
      try AssignmentProblem(rowCount: 6, columnCapacities: [4, 4], arcs: arcs, sideRules: [.soft(rule, weight: weight)])
    }
    func check(_ problem: AssignmentProblem, _ plan: [Int32], violations: Int, sourceLocation: SourceLocation = #_sourceLocation) {
      let covered = plan.filter { $0 >= 0 }.count
      #expect(SolutionChecker.violations(plan, in: problem).isEmpty, sourceLocation: sourceLocation)
      #expect(SolutionChecker.violationCounts(of: plan, in: problem) == [violations], sourceLocation: sourceLocation)
      #expect(SolutionChecker.penalty(of: plan, in: problem) == Int64(7 * violations), sourceLocation: sourceLocation)
      #expect(SolutionChecker.objective(of: plan, in: problem) == ObjectiveValue(covered: covered, score: Int64(10 * covered - 7 * violations)),
              sourceLocation: sourceLocation)
    }
    // exclusive: 1 when row 0's column takes another row.
    try check(soft(.exclusive(row: 0)), [0, 0, 0, -1, -1, -1], violations: 1)
    try check(soft(.exclusive(row: 0)), [0, 1, 1, -1, -1, -1], violations: 0)
    // mix: per column with ≥ 2 rows lacking a group (A = 0,1,2; B = 3,4,5).
    let mix = SideRule.mix(groupA: [0, 1, 2], groupB: [3, 4, 5])
    try check(soft(mix), [0, 0, 1, 1, -1, -1], violations: 1)   // column 0 {0,1} all A; column 1 {2,3} mixed
    try check(soft(mix), [0, 0, 0, 1, 1, 1], violations: 2)
    try check(soft(mix), [0, 1, -1, 0, 1, -1], violations: 0)
    // minimumLoad: 1 when used below the minimum.
    try check(soft(.minimumLoad(column: 1, minimum: 3)), [0, 0, 0, 1, 1, -1], violations: 1)
    try check(soft(.minimumLoad(column: 1, minimum: 3)), [0, 0, 0, -1, -1, -1], violations: 0)
    // usedColumns: columns used beyond the range, either side.
    try check(soft(.usedColumns(columns: [0, 1], minimum: 0, maximum: 1)), [0, 1, -1, -1, -1, -1], violations: 1)
    try check(soft(.usedColumns(columns: [0, 1], minimum: 2, maximum: 2)), [-1, -1, -1, -1, -1, -1], violations: 2)
    // distinctColumns: rows beyond the first at one column.
    try check(soft(.distinctColumns(rows: [0, 1, 2])), [0, 0, 0, -1, -1, -1], violations: 2)
    try check(soft(.distinctColumns(rows: [0, 1, 2])), [0, 0, 1, -1, -1, -1], violations: 1)
    // maximumMoves: moves beyond the limit (an open row moves).
    try check(soft(.maximumMoves(rows: [0, 1, 2], columns: [0, 0, 1], limit: 1)), [1, -1, 1, -1, -1, -1], violations: 1)
    // The same rules hard are broken; a soft rule inside a soft rule and a negative weight are refused.
    #expect(SolutionChecker.violations([0, 0, 0, 1, 1, 1], in: try AssignmentProblem(rowCount: 6, columnCapacities: [4, 4], arcs: arcs, sideRules: [mix])).count == 1)
    #expect(throws: AssignmentProblemError.self) { try soft(.soft(mix, weight: 1)) }
    #expect(throws: AssignmentProblemError.self) { try soft(mix, weight: -1) }
  }
}
