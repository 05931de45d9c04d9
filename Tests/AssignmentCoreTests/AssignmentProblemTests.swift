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
}
