import DispatchModel
import DispatchPlanning
import DispatchScoring

/// The rows of `plan.csv`: every organization slot, assigned or not, in
/// (organization id, role) order, with the score and its breakdown so the
/// office can review a plan by eye in Excel.
public enum PlanTable {
  public static let header = [
    "组织编号", "组织名称", "区域", "行业", "职务", "指导员编号", "指导员姓名", "选派单位", "得分", "得分构成", "双向选择", "说明",
  ]

  /// The data rows (without `header`).
  /// - Complexity: O(*s*) for *s* slots.
  public static func rows(_ plan: DispatchPlan, model: PlanningModel) -> [[String]] {
    let scenario = model.scenario
    let index = ScenarioIndex(scenario)
    var out: [[String]] = []
    var assigned: [SlotKey: PlannedAssignment] = [:]
    for a in plan.assignments { assigned[SlotKey(organization: a.organization, role: a.role)] = a }
    var open: [SlotKey: UncoveredSlot] = [:]
    for u in plan.uncovered { open[SlotKey(organization: u.organization, role: u.role)] = u }
    for (rowIndex, slot) in model.slots.enumerated() {
      let organization = scenario.organizations[slot.organization]
      let key = SlotKey(organization: organization.id, role: slot.role)
      let regionName = index.regions[organization.region]?.name ?? organization.region.rawValue
      var row = [organization.id.rawValue, organization.name, regionName, organization.industry, slot.role.chineseName]
      if let a = assigned[key], let i = index.instructorIndex[a.instructor] {
        let instructor = scenario.instructors[i]
        let unitName = index.units[instructor.unit]?.name ?? instructor.unit.rawValue
        let wish = model.scorer.wishKind(organization: slot.organization, instructor: i)
        row += [instructor.id.rawValue, instructor.name, unitName, String(a.score), breakdownText(a.breakdown), wish.chineseName,
                model.problem.lockedColumn[rowIndex] >= 0 ? "办公室指定（锁定）" : ""]
      } else {
        let reason: String
        switch open[key]?.reason {
        case .noEligibleInstructor: reason = "未覆盖：没有符合条件的指导员"
        case .capacityExhausted(let eligible)?: reason = "未覆盖：\(eligible)名符合条件的指导员已满额"
        case nil: reason = "未覆盖"
        }
        row += ["", "", "", "", "", "", reason]
      }
      out.append(row)
    }
    return out
  }

  /// "技能 20 (经营管理、财税) + 对口 15 (制造) + …"
  public static func breakdownText(_ terms: [ScoreTerm]) -> String {
    terms.map { "\(label($0.kind)) \($0.points)" + ($0.note.isEmpty ? "" : "（\($0.note)）") }.joined(separator: " + ")
  }

  public static func label(_ kind: ScoreTerm.Kind) -> String {
    switch kind {
    case .skill: "技能"
    case .counterpart: "对口"
    case .region: "区域"
    case .grid: "网格"
    case .station: "指导站"
    case .instructorWish: "指导员志愿"
    case .organizationWish: "组织志愿"
    case .mutualWish: "双向"
    case .continuity: "延续"
    case .given: "指定分"
    case .outOfReach: "超范围"
    }
  }
}

private struct SlotKey: Hashable {
  var organization: OrganizationID
  var role: DispatchRole
}
