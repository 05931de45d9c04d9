import AssignmentCore

/// An exhaustive oracle for tiny problems: tries every assignment (each row takes
/// one of its arcs or stays unassigned) and keeps the best feasible one, judged
/// by `SolutionChecker`, so it shares no logic with any back end.
///
/// - Complexity: O(Π (dᵣ + 1)) assignments for row degrees dᵣ; keep it under ~10⁶.
public enum BruteForce {
  /// The optimal objective, or nil when no assignment is feasible.
  public static func optimum(_ problem: AssignmentProblem) -> ObjectiveValue? {
    var assignment = [Int32](repeating: -1, count: problem.rowCount)
    var best: ObjectiveValue?
    func visit(_ row: Int) {
      if row == problem.rowCount {
        guard SolutionChecker.violations(assignment, in: problem).isEmpty else { return }
        let value = SolutionChecker.objective(of: assignment, in: problem)
        if best.map({ value > $0 }) ?? true { best = value }
        return
      }
      assignment[row] = -1
      visit(row + 1)
      for arc in problem.arcs(ofRow: row) {
        assignment[row] = problem.arcColumns[arc]
        visit(row + 1)
      }
      assignment[row] = -1
    }
    visit(0)
    return best
  }
}
