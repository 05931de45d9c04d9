import AssignmentCore
import DispatchModel

/// AssignmentOutcome → DispatchPlan, with a reason for every open slot.
public enum PlanDecoder {
  /// - Complexity: O(*r* + *a*) for *r* rows and *a* arcs.
  public static func decode(_ columnOfRow: [Int32], model: PlanningModel) -> DispatchPlan {
    let scenario = model.scenario
    var assignments: [PlannedAssignment] = []
    var uncovered: [UncoveredSlot] = []
    for (row, slot) in model.slots.enumerated() {
      let organization = scenario.organizations[slot.organization]
      let column = Int(columnOfRow[row])
      if column >= 0 {
        let arc = model.problem.arcIndex(row: row, column: column)
        let score = arc.map { Int(model.problem.arcScores[$0]) } ?? 0
        assignments.append(PlannedAssignment(
          organization: organization.id, role: slot.role, instructor: scenario.instructors[column].id, score: score,
          breakdown: model.scorer.breakdown(organization: slot.organization, instructor: column)))
      } else {
        let eligible = model.problem.arcs(ofRow: row).count
        uncovered.append(UncoveredSlot(
          organization: organization.id, role: slot.role,
          reason: eligible == 0 ? .noEligibleInstructor : .capacityExhausted(eligible: eligible)))
      }
    }
    return DispatchPlan(assignments: assignments, uncovered: uncovered,
                        softRulePenalty: Int(SolutionChecker.penalty(of: columnOfRow, in: model.problem)))
  }
}
