import DispatchModel
import DispatchPlanning
import DispatchScoring

/// The rows of `plan.csv`: every organization slot, assigned or not, in
/// (organization id, role) order, with the score and its breakdown so the
/// office can review a plan by eye in Excel. The ledger's own columns (`LedgerField`: 联系电话,
/// 地址 …) follow the known ones: the organizations' as written, then the instructors' as
/// `指导员·<header>`, each in ledger column order.
public enum PlanTable {
  /// The known columns, always present.
  public static let header = [
    "组织编号", "组织名称", "区域", "行业", "职务", "指导员编号", "指导员姓名", "选派单位", "得分", "得分构成", "双向选择", "说明",
  ]

  /// The extra ledger columns of a scenario, in plan.csv order.
  public struct ExtraColumns: Sendable, Hashable {
    public let organization: [String]
    public let instructor: [String]

    public init(_ scenario: Scenario) {
      organization = [LedgerField].headers(of: scenario.organizations.map(\.extraFields))
      instructor = [LedgerField].headers(of: scenario.instructors.map(\.extraFields))
    }

    /// How plan.csv names an instructor's ledger column.
    public static func instructorHeader(_ header: String) -> String { "指导员·" + header }

    public var headers: [String] { organization + instructor.map(Self.instructorHeader) }
  }

  /// `header` followed by the scenario's extra ledger columns.
  public static func header(for scenario: Scenario) -> [String] { header + ExtraColumns(scenario).headers }

  /// The data rows (without `header`).
  /// - Complexity: O(*s*) for *s* slots.
  public static func rows(_ plan: DispatchPlan, model: PlanningModel) -> [[String]] {
    let scenario = model.scenario
    let index = ScenarioIndex(scenario)
    let extras = ExtraColumns(scenario)
    var out: [[String]] = []
    var assigned: [SlotKey: PlannedAssignment] = [:]
    for a in plan.assignments { assigned[SlotKey(organization: a.organization, role: a.role)] = a }
    var open: [SlotKey: UncoveredSlot] = [:]
    for u in plan.uncovered { open[SlotKey(organization: u.organization, role: u.role)] = u }
    for (rowIndex, slot) in model.slots.enumerated() {
      let organization = scenario.organizations[slot.organization]
      var assignedInstructor: Instructor?
      let key = SlotKey(organization: organization.id, role: slot.role)
      let regionName = index.regions[organization.region]?.name ?? organization.region.rawValue
      var row = [organization.id.rawValue, organization.name, regionName, organization.industry, slot.role.chineseName]
      if let a = assigned[key], let i = index.instructorIndex[a.instructor] {
        let instructor = scenario.instructors[i]
        assignedInstructor = instructor
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
      row += organization.extraFields.values(extras.organization).map { $0 ?? "" }
      row += (assignedInstructor?.extraFields ?? []).values(extras.instructor).map { $0 ?? "" }
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
