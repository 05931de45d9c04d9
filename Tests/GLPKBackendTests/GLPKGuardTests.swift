// The fatal-error guard, output capture, time limits and incumbents.
import AssignmentCore
import CGLPK
import DispatchTestSupport
import Foundation
@testable import GLPKBackend
import Testing

/// A GAP that GLPK cannot finish in a fraction of a second.
func hardGAP(seed: UInt64, rows: Int = 150, columns: Int = 10) -> AssignmentProblem {
  var rng = SeededGenerator(seed: seed)
  var arcs: [Arc] = []
  var total = 0
  for row in 0..<rows {
    for column in 0..<columns {
      let load = Int.random(in: 5...25, using: &rng)
      total += load
      arcs.append(Arc(row: row, column: column, score: Int64.random(in: 10...50, using: &rng), load: load))
    }
  }
  let capacity = Int(Double(total) / Double(columns * columns) * 0.8)
  return try! AssignmentProblem(rowCount: rows, columnCapacities: Array(repeating: capacity, count: columns), arcs: arcs)
}

@Suite struct GLPKGuardTests {
  @Test func fatalErrorBecomesAThrownErrorAndTheProcessSurvives() throws {
    for _ in 0..<2 {
      let session = GLPKSession(verbose: false)
      var model = GLPKModel()
      let x = model.addColumn(kind: GLP_CV, type: GLP_DB, lower: 0, upper: 1, objective: 1)
      model.addRow(lower: nil, upper: 1, entries: [(x, 1)])
      let problem = try GLPKProblem(session: session, model: model)
      #expect(throws: Never.self) { try problem.setObjectiveCoefficient(1, 2) }
      // The checked call refuses a bad index before GLPK sees it …
      #expect(throws: SolverError.internalInconsistency(solver: "glpk", .indexOutOfRange(what: "objective", index: 5, range: 0...1))) {
        try problem.setObjectiveCoefficient(5, 1)
      }
      #expect(!session.environmentLost)
      // … the raw call lets GLPK raise its fatal error, which the guard turns into a throw.
      do {
        try problem.uncheckedSetObjectiveCoefficient(5, 1)
        Issue.record("GLPK accepted column 5 of 1")
      } catch {
        guard case .libraryFailure(_, _, let message) = error else { Issue.record("\(error)"); continue }
        #expect(message.contains("glp_set_obj_coef"), "\(message)")
      }
      #expect(session.environmentLost)
      #expect(session.log.contains("out of range"), "\(session.log)")
      #expect(throws: SolverError.self) { _ = try problem.simplex(glp_smcp()) }
      // GLPK still works on this thread afterwards.
      let outcome = try GLPKSolver().solve(RandomProblems.make(seed: 7), limits: .none)
      #expect(outcome.status == .optimal || outcome.status.isInfeasible)
    }
  }

  @Test func returnCodesAreNamed() {
    #expect(GLPKReturnCode(rawValue: GLP_EBOUND).description.contains("GLP_EBOUND"))
    #expect(GLPKReturnCode(rawValue: GLP_EFAIL).description.contains("GLP_EFAIL"))
    #expect(GLPKReturnCode(rawValue: GLP_ETMLIM).isTimeLimit)
    let error = GLPKReturnCode(rawValue: GLP_EFAIL).failure(in: "glp_intopt", log: "line 1\nline 2\n")
    #expect(error == .libraryFailure(solver: "glpk", code: Int(GLP_EFAIL), message: "glp_intopt: GLP_EFAIL (solver failure); GLPK said: line 1 | line 2"))
  }

  @Test func outputIsCapturedNotPrinted() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("glpk-stdout-\(UUID().uuidString)").path
    fflush(nil)
    let saved = dup(STDOUT_FILENO)
    let file = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o600)
    dup2(file, STDOUT_FILENO)
    let gap = try GLPKSolver().solve(hardGAP(seed: 1, rows: 8, columns: 3), limits: .none)
    let pure = try GLPKSolver().solve(RandomProblems.make(seed: 12), limits: .none)
    fflush(nil)
    dup2(saved, STDOUT_FILENO)
    close(file); close(saved)
    let printed = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(atPath: path)
    for marker in ["GLPK", "glp_", "simplex", "Integer optimization", "OPTIMAL"] {
      #expect(!printed.contains(marker), "GLPK printed to stdout: \(printed.prefix(300))")
    }
    #expect(gap.log.contains { $0.contains("mip =") }, "\(gap.log)")
    #expect(!pure.log.isEmpty)
  }

  /// Typed facts only, no wall clock: within 0.5 s GLPK either proves the optimum (a fast machine),
  /// or returns a checked plan with a bound, or says it found none in time.
  @Test func timeLimitGivesAFeasiblePlanWithABound() throws {
    let problem = hardGAP(seed: 5)
    let outcome: AssignmentOutcome
    do { outcome = try GLPKSolver().solve(problem, limits: SolveLimits(timeLimit: 0.5)) } catch {
      #expect(error == .timeLimitWithoutSolution(solver: "glpk", seconds: 0.5))
      return
    }
    #expect(SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective).isEmpty)
    let bound = try #require(outcome.bound)
    #expect(bound >= outcome.objective)
    #expect(outcome.relativeGap.map { $0 >= 0 } ?? true)  // nil when the bound covers more rows
    switch outcome.status {
    case .optimal: #expect(bound == outcome.objective)
    case .feasible: #expect(bound > outcome.objective || outcome.relativeGap == 0)
    case .infeasible: Issue.record("a GAP problem with a feasible plan reported infeasible")
    }
  }

  @Test func incumbentIsOfferedAndKept() throws {
    var shape = RandomProblemShape()
    shape.loads = 1...3
    for seed in UInt64(500)...530 {
      let problem = RandomSideRules.attach(to: RandomProblems.make(seed: seed, shape: shape), seed: seed, count: 0...2)
      guard let optimum = BruteForce.optimum(problem) else { continue }
      // A feasible starting plan: the empty one when allowed, else the optimum itself.
      let empty = [Int32](repeating: -1, count: problem.rowCount)
      let start = SolutionChecker.violations(empty, in: problem).isEmpty ? empty : try GLPKSolver().solve(problem, limits: .none).columnOfRow
      let outcome = try GLPKSolver().solve(problem, limits: SolveLimits(incumbent: start))
      #expect(outcome.objective == optimum, "seed \(seed)")
      #expect(outcome.status == .optimal)
    }
    // A hard problem with a good incumbent and almost no time returns at least the incumbent.
    let hard = hardGAP(seed: 9)
    let first = try GLPKSolver().solve(hard, limits: SolveLimits(timeLimit: 0.5))
    let again = try GLPKSolver().solve(hard, limits: SolveLimits(timeLimit: 2, incumbent: first.columnOfRow))
    #expect(again.objective >= first.objective)
    #expect(again.statistics.givenIncumbent == .accepted, "\(again.log.prefix(5))")
  }

  @Test func brokenIncumbentIsIgnored() throws {
    let problem = RandomProblems.make(seed: 3)
    let bad = [Int32](repeating: 99, count: problem.rowCount)
    let outcome = try GLPKSolver().solve(problem, limits: SolveLimits(incumbent: bad))
    #expect(outcome.statistics.givenIncumbent == .ignored)
  }
}

/// The starting basis: built for every random pure problem, accepted by glp_warm_up; a basis
/// GLPK refuses leaves the standard basis in place and the LP still solves.
@Suite struct GLPKStartingBasisTests {
  @Test func pureBasisFromGLPKsOwnOptimumIsAcceptedAndOptimal() throws {
    var built = 0
    for seed in UInt64(1)...150 {
      let problem = RandomProblems.make(seed: seed)
      let first = try GLPKSolver(startingBasis: false).solve(problem, limits: .none)
      guard first.status.isOptimal, let duals = first.duals else { continue }
      let again = try GLPKSolver().solve(problem, limits: SolveLimits(relaxationOptimum: RelaxationOptimum(plan: first.columnOfRow, duals: duals)))
      #expect(again.objective == first.objective && again.status == first.status, "seed \(seed)")
      // GLPK's own optimum and duals make an optimal basis: no iteration, the same plan.
      if let lp = again.statistics.pureLP {
        built += 1
        #expect(lp.iterations == 0, "seed \(seed): \(lp)")
        #expect(lp.start == .relaxationOptimum, "seed \(seed): \(lp)")
        #expect(again.columnOfRow == first.columnOfRow, "seed \(seed)")
      }
    }
    #expect(built > 100)
  }

  @Test func refusedBasisFallsBackToTheStandardBasis() throws {
    let session = GLPKSession(verbose: false)
    var model = GLPKModel()
    let x = model.addColumn(kind: GLP_CV, type: GLP_LO, lower: 0, upper: 0, objective: 1)
    let y = model.addColumn(kind: GLP_CV, type: GLP_LO, lower: 0, upper: 0, objective: 2)
    model.addRow(lower: nil, upper: 1, entries: [(x, 1), (y, 1)])
    let lp = try GLPKProblem(session: session, model: model)
    // Two basic variables for one row: glp_warm_up says GLP_EBADB.
    let code = try lp.setBasis(rowStatus: [0, GLP_BS], columnStatus: [0, GLP_BS, GLP_NL])
    #expect(code == GLPKReturnCode(rawValue: GLP_EBADB), "\(code)")
    var parm = glp_smcp()
    glp_init_smcp(&parm)
    parm.msg_lev = GLP_MSG_OFF
    #expect(try lp.simplex(parm) == .ok)
    #expect(try lp.lpStatus() == GLP_OPT)
    #expect(try lp.read(mip: false, duals: false).values == [0, 0, 1])
    // Out-of-range statuses never reach GLPK.
    #expect(throws: SolverError.self) { _ = try lp.setBasis(rowStatus: [0, 99], columnStatus: [0, GLP_NL, GLP_NL]) }
  }
}
