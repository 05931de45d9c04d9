// Hand-made cases with optima worked out by hand, one per feature.
import AssignmentCore
import DispatchTestSupport
import GLPKBackend
import Testing

@Suite struct GLPKHandCaseTests {
  let solver = GLPKSolver()

  func solve(_ problem: AssignmentProblem, limits: SolveLimits = .none) throws -> AssignmentOutcome {
    let outcome = try solver.solve(problem, limits: limits)
    #expect(SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective).isEmpty || outcome.status.isInfeasible)
    #expect(outcome.solverName == "glpk")
    return outcome
  }

  @Test func nameAndCapabilities() {
    #expect(solver.name == "glpk")
    #expect(solver.capabilities == SolverCapabilities(generalLoads: true, sideRules: true))
  }

  @Test func coverageComesBeforeScore() throws {
    // Row 0 alone at column 0 would score 100; covering both rows scores 1 + 50.
    let problem = try AssignmentProblem(rowCount: 2, columnCapacities: [1, 1], arcs: [
      Arc(row: 0, column: 0, score: 100), Arc(row: 1, column: 0, score: 50), Arc(row: 0, column: 1, score: 1),
    ])
    let outcome = try solve(problem)
    #expect(outcome.status == .optimal)
    #expect(outcome.objective == ObjectiveValue(covered: 2, score: 51))
    #expect(outcome.columnOfRow == [1, 0])
    let duals = try #require(outcome.duals)
    for row in 0..<2 { for arc in problem.arcs(ofRow: row) { #expect(duals.reducedCost(of: problem, arc: arc, row: row) >= 0) } }
  }

  @Test func capacity() throws {
    let problem = try AssignmentProblem(rowCount: 3, columnCapacities: [2, 1], arcs: [
      Arc(row: 0, column: 0, score: 10), Arc(row: 1, column: 0, score: 9), Arc(row: 2, column: 0, score: 8),
      Arc(row: 0, column: 1, score: 0), Arc(row: 1, column: 1, score: 0), Arc(row: 2, column: 1, score: 0),
    ])
    #expect(try solve(problem).objective == ObjectiveValue(covered: 3, score: 19))
  }

  @Test func generalizedLoads() throws {
    let problem = try AssignmentProblem(rowCount: 3, columnCapacities: [3, 2], arcs: [
      Arc(row: 0, column: 0, score: 10, load: 2), Arc(row: 1, column: 0, score: 9, load: 2), Arc(row: 2, column: 0, score: 5, load: 1),
      Arc(row: 0, column: 1, score: 1, load: 2), Arc(row: 1, column: 1, score: 1, load: 2),
    ])
    let outcome = try solve(problem)
    #expect(outcome.status == .optimal)
    #expect(outcome.objective == ObjectiveValue(covered: 3, score: 16))
    #expect(outcome.duals == nil)
  }

  @Test func locksAreKept() throws {
    let problem = try AssignmentProblem(rowCount: 2, columnCapacities: [1, 1], arcs: [
      Arc(row: 0, column: 0, score: 10), Arc(row: 0, column: 1, score: 0), Arc(row: 1, column: 0, score: 0),
    ], locks: [(row: 0, column: 1)])
    let outcome = try solve(problem)
    #expect(outcome.columnOfRow == [1, 0])
    #expect(outcome.objective == ObjectiveValue(covered: 2, score: 0))
  }

  func sideRuleCase(_ rules: [SideRule], capacities: [Int], arcs: [Arc], without: ObjectiveValue, with: ObjectiveValue) throws {
    let free = try AssignmentProblem(rowCount: 3, columnCapacities: capacities, arcs: arcs)
    let ruled = try AssignmentProblem(rowCount: 3, columnCapacities: capacities, arcs: arcs, sideRules: rules)
    #expect(try solve(free).objective == without)
    #expect(BruteForce.optimum(ruled) == with)
    let outcome = try solve(ruled)
    #expect(outcome.status == .optimal)
    #expect(outcome.objective == with, "\(rules)")
  }

  @Test func exclusive() throws {
    try sideRuleCase([.exclusive(row: 0)], capacities: [2, 1],
                     arcs: [Arc(row: 0, column: 0, score: 10), Arc(row: 1, column: 0, score: 9), Arc(row: 1, column: 1, score: 1)],
                     without: ObjectiveValue(covered: 2, score: 19), with: ObjectiveValue(covered: 2, score: 11))
  }

  @Test func mix() throws {
    try sideRuleCase([.mix(groupA: [0, 1], groupB: [2])], capacities: [2],
                     arcs: [Arc(row: 0, column: 0, score: 10), Arc(row: 1, column: 0, score: 9), Arc(row: 2, column: 0, score: 1)],
                     without: ObjectiveValue(covered: 2, score: 19), with: ObjectiveValue(covered: 2, score: 11))
  }

  @Test func minimumLoad() throws {
    try sideRuleCase([.minimumLoad(column: 0, minimum: 2)], capacities: [3, 1],
                     arcs: [Arc(row: 0, column: 0, score: 5), Arc(row: 0, column: 1, score: 1)],
                     without: ObjectiveValue(covered: 1, score: 5), with: ObjectiveValue(covered: 1, score: 1))
  }

  @Test func usedColumns() throws {
    try sideRuleCase([.usedColumns(columns: [0, 1], minimum: 0, maximum: 1)], capacities: [1, 2],
                     arcs: [Arc(row: 0, column: 0, score: 5), Arc(row: 1, column: 1, score: 5), Arc(row: 0, column: 1, score: 1)],
                     without: ObjectiveValue(covered: 2, score: 10), with: ObjectiveValue(covered: 2, score: 6))
  }

  @Test func distinctColumns() throws {
    try sideRuleCase([.distinctColumns(rows: [0, 1])], capacities: [2, 1],
                     arcs: [Arc(row: 0, column: 0, score: 5), Arc(row: 1, column: 0, score: 5), Arc(row: 1, column: 1, score: 1)],
                     without: ObjectiveValue(covered: 2, score: 10), with: ObjectiveValue(covered: 2, score: 6))
  }

  @Test func requireAllInfeasible() throws {
    let crowded = try AssignmentProblem(rowCount: 2, columnCapacities: [1], arcs: [
      Arc(row: 0, column: 0, score: 1), Arc(row: 1, column: 0, score: 1),
    ], coverage: .requireAll)
    #expect(try solve(crowded).status.isInfeasible)
    var loaded = crowded.allArcs
    loaded[0].load = 2
    let gap = try AssignmentProblem(rowCount: 2, columnCapacities: [2], arcs: loaded, coverage: .requireAll)
    #expect(try solve(gap).status.isInfeasible)
    let orphan = try AssignmentProblem(rowCount: 2, columnCapacities: [2], arcs: [Arc(row: 0, column: 0, score: 1)], coverage: .requireAll)
    #expect(try solve(orphan).status == .infeasible(uncoverable: [1]))
  }

  @Test func emptyProblems() throws {
    let none = try AssignmentProblem(rowCount: 0, columnCapacities: [], arcs: [])
    #expect(try solve(none).objective == ObjectiveValue(covered: 0, score: 0))
    let noArcs = try AssignmentProblem(rowCount: 2, columnCapacities: [1], arcs: [], sideRules: [.exclusive(row: 0)])
    #expect(try solve(noArcs).columnOfRow == [-1, -1])
  }

  @Test func badSideRuleIndexIsRejectedBeforeGLPK() throws {
    let problem = try AssignmentProblem(rowCount: 1, columnCapacities: [1], arcs: [Arc(row: 0, column: 0, score: 1)],
                                        sideRules: [.minimumLoad(column: 7, minimum: 1)])
    #expect(throws: SolverError.self) { try solver.solve(problem, limits: .none) }
  }
}
