import AssignmentCore
import DispatchPlanning

/// The terminal text of `dispatch explain`: for each slot of the organization,
/// the planned instructor with his score breakdown, then the next-best
/// candidates with their breakdowns and what choosing each would cost the plan.
public enum ExplanationText {
  public static func render(_ explanation: OrganizationExplanation, scenario: String, solver: String, optimal: Bool) -> String {
    var lines: [String] = []
    lines.append("为什么 why: \(explanation.organization) \(explanation.organizationName) — plan of \(scenario) (\(solver)\(optimal ? ", proven optimal" : ", not proven optimal: costs are relative to this plan"))")
    lines.append("方案目标 plan objective: \(explanation.objective)")
    for slot in explanation.slots {
      lines.append("")
      lines.append("职务 slot \(slot.role.chineseName) — \(slot.eligibleCount) eligible instructor(s)")
      if let planned = slot.planned {
        lines.append("  方案 planned  \(planned.instructor) \(planned.instructorName)  score \(planned.score) = \(PlanTable.breakdownText(planned.breakdown))")
      } else {
        lines.append("  方案 planned  (open)")
      }
      if slot.alternatives.isEmpty { lines.append("  没有其他人选 no other eligible instructor") }
      for (rank, alternative) in slot.alternatives.enumerated() {
        lines.append("  备选 #\(rank + 1)     \(alternative.instructor) \(alternative.instructorName)  score \(alternative.score) = \(PlanTable.breakdownText(alternative.breakdown))")
        lines.append("               \(costText(alternative))")
        if let moves = movesText(alternative) { lines.append("               \(moves)") }
      }
    }
    return lines.joined(separator: "\n")
  }

  /// "choosing him costs 12 points (exact, re-solved; duals' lower bound 8)".
  static func costText(_ c: CandidateExplanation) -> String {
    if let reason = c.impossible { return "不可行 cannot be chosen: \(reason)" }
    guard let coverage = c.coverageCost, let score = c.scoreCost else { return "" }
    let bound = c.reducedCost.map { "; duals' lower bound \($0)" } ?? ""
    if coverage > 0 { return "选他 choosing him leaves \(coverage) more slot(s) open (score change \(-score))" }
    guard c.exact else {
      return "选他 choosing him costs \(score) point(s) against the current plan (相对当前方案: a plan with him and one exchange "
        + "at most loses this much; not a proof that no better plan with him exists)"
    }
    return "选他 choosing him costs the plan \(score) point(s) (exact, re-solved with the pair locked\(bound))"
  }

  /// "其他变动 others that move: O0012 (I3 → I7), O0040 (I7 → open)", at most 8 named.
  static func movesText(_ c: CandidateExplanation) -> String? {
    guard c.impossible == nil else { return nil }
    if c.otherMoves.isEmpty { return "其他变动 no other organization changes instructor" }
    let named = c.otherMoves.prefix(8).map { m in
      "\(m.organization)\(m.role == .instructor ? "" : " " + m.role.chineseName) (\(m.from?.rawValue ?? "open") → \(m.to?.rawValue ?? "open"))"
    }
    let more = c.otherMoves.count > 8 ? " and \(c.otherMoves.count - 8) more" : ""
    return "其他变动 others that move: " + named.joined(separator: ", ") + more
  }
}
