import AssignmentCore
import DispatchModel

//===----------------------------------------------------------------------===//
// PlanExplainer — why this instructor, and why not the next-best ones.
//
// For each role slot of one organization: the planned instructor with the
// score breakdown, and the best-scoring eligible alternatives (top k by pair
// score, ties by instructor order). For each alternative, what choosing it
// would cost the plan, computed EXACTLY: the problem is re-solved with that
// pair locked (every other lock kept) and the cost is the plan's objective
// minus the locked optimum (coverage first, then score). When the plan came
// with duals (the native solver, pure problems), the arc's reduced cost
// rowDual + columnDual − score is also given: a quick lower bound on the score
// cost (valid when the lock does not change the coverage).
//
// Complexity: k re-solves per slot (about 10 ms each with the native solver on
// a city-sized pure problem; GLPK's MIP time when the problem has rules).
//===----------------------------------------------------------------------===//

/// One candidate instructor for a slot and what choosing him means.
public struct CandidateExplanation: Sendable, Equatable {
  public var instructor: InstructorID
  public var instructorName: String
  public var score: Int
  public var breakdown: [ScoreTerm]
  /// The optimum with this pair locked; nil when no plan with that lock exists
  /// (the lock breaks a rule, an office lock or full coverage).
  public var lockedObjective: ObjectiveValue?
  /// Slots the plan would lose by the lock (0 for the planned pair).
  public var coverageCost: Int?
  /// Score the plan would lose by the lock, at equal coverage (exact; 0 for the planned pair).
  public var scoreCost: Int64?
  /// The duals' reduced cost of the pair: a lower bound on `scoreCost`, when duals exist.
  public var reducedCost: Int64?
  /// Why the lock is impossible, when it is.
  public var impossible: String?
}

/// One slot of the organization: who has it, and the alternatives.
public struct SlotExplanation: Sendable, Equatable {
  public var role: DispatchRole
  /// The planned instructor, or nil when the slot is open.
  public var planned: CandidateExplanation?
  public var alternatives: [CandidateExplanation]
  /// How many instructors were eligible for the slot at all.
  public var eligibleCount: Int
}

public struct OrganizationExplanation: Sendable, Equatable {
  public var organization: OrganizationID
  public var organizationName: String
  /// The plan's objective, against which the costs are measured.
  public var objective: ObjectiveValue
  public var slots: [SlotExplanation]
}

public enum ExplainError: Error, Equatable, Sendable, CustomStringConvertible {
  case unknownOrganization(OrganizationID)
  case solving(SolverError)

  public var description: String {
    switch self {
    case .unknownOrganization(let id): "组织不存在 no organization \(id) in the scenario"
    case .solving(let error): "重新求解失败 re-solving with a locked pair failed: \(error)"
    }
  }
}

public struct PlanExplainer: Sendable {
  public let solvers: SolverSelection
  public let choice: SolverChoice
  public let limits: SolveLimits

  public init(solvers: SolverSelection, choice: SolverChoice = .auto, limits: SolveLimits = .none) {
    self.solvers = solvers
    self.choice = choice
    self.limits = limits
  }

  /// Explains `organization`'s slots in the plan `outcome` of `model`.
  public func explain(
    _ organization: OrganizationID, model: PlanningModel, outcome: AssignmentOutcome, alternatives: Int = 5
  ) throws(ExplainError) -> OrganizationExplanation {
    let scenario = model.scenario
    guard let o = scenario.organizations.firstIndex(where: { $0.id == organization }) else { throw .unknownOrganization(organization) }
    let problem = model.problem
    var slots: [SlotExplanation] = []
    for (row, slot) in model.slots.enumerated() where slot.organization == o {
      let plannedColumn = Int(outcome.columnOfRow[row])
      let arcs = problem.arcs(ofRow: row)
      let ranked = arcs.filter { Int(problem.arcColumns[$0]) != plannedColumn }
        .sorted { (-problem.arcScores[$0], problem.arcColumns[$0]) < (-problem.arcScores[$1], problem.arcColumns[$1]) }
      let planned = plannedColumn >= 0 ? try candidate(row: row, column: plannedColumn, model: model, outcome: outcome, locked: false) : nil
      var others: [CandidateExplanation] = []
      for arc in ranked.prefix(alternatives) {
        others.append(try candidate(row: row, column: Int(problem.arcColumns[arc]), model: model, outcome: outcome, locked: true))
      }
      slots.append(SlotExplanation(role: slot.role, planned: planned, alternatives: others, eligibleCount: arcs.count))
    }
    return OrganizationExplanation(organization: organization, organizationName: scenario.organizations[o].name,
                                   objective: outcome.objective, slots: slots)
  }

  private func candidate(
    row: Int, column: Int, model: PlanningModel, outcome: AssignmentOutcome, locked: Bool
  ) throws(ExplainError) -> CandidateExplanation {
    let problem = model.problem
    let arc = problem.arcIndex(row: row, column: column)!
    let instructor = model.scenario.instructors[column]
    var result = CandidateExplanation(
      instructor: instructor.id, instructorName: instructor.name, score: Int(problem.arcScores[arc]),
      breakdown: model.scorer.breakdown(organization: model.slots[row].organization, instructor: column),
      reducedCost: outcome.duals.map { $0.reducedCost(of: problem, arc: arc, row: row) })
    guard locked else {
      result.lockedObjective = outcome.objective
      result.coverageCost = 0
      result.scoreCost = 0
      return result
    }
    switch try lockedOptimum(row: row, column: column, problem: problem) {
    case .success(let value):
      result.lockedObjective = value
      result.coverageCost = outcome.objective.covered - value.covered
      result.scoreCost = outcome.objective.score - value.score
    case .failure(let reason):
      result.impossible = reason.message
    }
    return result
  }

  private struct Impossible: Error { var message: String }

  /// The optimum of `problem` with (row, column) locked, or why there is none.
  private func lockedOptimum(row: Int, column: Int, problem: AssignmentProblem) throws(ExplainError) -> Result<ObjectiveValue, Impossible> {
    if problem.lockedColumn[row] >= 0 {
      return .failure(Impossible(message: "办公室已锁定该岗位 the office locked this slot to another instructor"))
    }
    let lockedProblem: AssignmentProblem
    do {
      lockedProblem = try AssignmentProblem(
        rowCount: problem.rowCount, columnCapacities: problem.columnCapacities, arcs: problem.allArcs,
        locks: problem.locks + [(row, column)], coverage: problem.coverage, sideRules: problem.sideRules)
    } catch {
      return .failure(Impossible(message: "容量已被锁定占满 the instructor's capacity is taken by office locks (\(error))"))
    }
    let record: SolveRecord
    do { record = try solvers.solve(lockedProblem, choice: choice, limits: limits) } catch { throw .solving(error) }
    if record.outcome.status.isInfeasible {
      return .failure(Impossible(message: "锁定后无可行方案 no plan satisfies the rules and full coverage with this pair"))
    }
    return .success(record.outcome.objective)
  }
}
