import AssignmentCore
import DispatchModel
import DispatchPlanning
import DispatchScoring
import Foundation

/// The language of the office's documents: Chinese first, English with `--lang en`.
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
  case chinese = "zh"
  case english = "en"

  /// `zh` in Chinese documents, `en` in English ones.
  public func text(_ zh: String, _ en: String) -> String { self == .chinese ? zh : en }
}

/// Everything the office's documents say about one plan, computed once: each slot, each
/// instructor with his organizations, roll-ups by district (regions.csv `grid`), region and
/// sending unit, the headline figures and what the office must still decide. report.md,
/// report.html, 方案.xlsx and the notices all read this, so they never disagree.
///
/// Orders (deterministic): slots in plan.csv order; instructors, regions, units by id;
/// districts by name; notices by district, then unit, then id.
public struct PlanOverview: Sendable {
  /// One organization slot, covered or open.
  public struct Slot: Sendable {
    public var organization: Organization
    public var role: DispatchRole
    public var regionName: String
    public var district: String
    public var remote: Bool
    /// Nil when the slot is open.
    public var instructor: Instructor?
    public var unitName: String
    public var instructorRegionName: String
    public var score: Int
    public var breakdown: String
    public var wish: WishKind?
    public var locked: Bool
    /// Why the slot is open (empty when covered).
    public var openReason: String
  }

  /// One instructor, his unit and what the plan gives him.
  public struct InstructorLoad: Sendable {
    public var instructor: Instructor
    public var unitName: String
    public var regionName: String
    public var district: String
    /// Indices into `slots`, in slot order.
    public var slotIndices: [Int]
    /// Load in the problem's unit (slots, or days when capacity is in days).
    public var load: Int
    public var capacity: Int
  }

  /// Coverage of one district, region or sending unit.
  public struct Rollup: Sendable, Hashable {
    public var key: String
    public var name: String
    /// The district of a region (empty for districts and units).
    public var district: String = ""
    public var remote = false
    public var slots = 0
    public var covered = 0
    public var keyProjects = 0
    public var keyProjectsCovered = 0
    public var remoteSlots = 0
    public var remoteCovered = 0
    /// Distinct instructors covering slots here (for a unit: its instructors used).
    public var instructorsUsed = 0
    /// For a unit: its instructors on the ledger.
    public var instructors = 0
    public var open: Int { slots - covered }
    public var rate: Double { slots == 0 ? 0 : Double(covered) / Double(slots) }
  }

  public let summary: PlanSummary
  public let language: ReportLanguage
  public let scenarioName: String
  public let settings: ScenarioSettings
  public let slots: [Slot]
  public let instructors: [InstructorLoad]
  public let districts: [Rollup]
  public let regions: [Rollup]
  public let units: [Rollup]
  public let organizationExtraHeaders: [String]
  public let instructorExtraHeaders: [String]
  /// Points of each score component over the covered slots, in `ScoreTerm.Kind` order.
  public let scoreComponents: [(kind: ScoreTerm.Kind, points: Int)]

  public var covered: Int { summary.assigned }
  public var keyProjects: Int { slots.filter { $0.organization.keyProject }.count }
  public var keyProjectsCovered: Int { slots.filter { $0.organization.keyProject && $0.instructor != nil }.count }
  public var remoteSlots: Int { slots.filter(\.remote).count }
  public var remoteCovered: Int { slots.filter { $0.remote && $0.instructor != nil }.count }
  /// Covered slots whose pair someone asked for (either side or both).
  public var wishesHonoured: Int { summary.wishes.mutual + summary.wishes.instructorOnly + summary.wishes.organizationOnly }

  /// - Complexity: O(*s* log *s* + *n* log *n*) for *s* slots and *n* instructors.
  public init(summary: PlanSummary, plan: DispatchPlan, model: PlanningModel, language: ReportLanguage = .chinese) {
    self.summary = summary
    self.language = language
    let scenario = model.scenario
    scenarioName = summary.scenario
    settings = scenario.settings
    let index = ScenarioIndex(scenario)
    let l = language
    func regionName(_ id: RegionID) -> String { index.regions[id]?.name ?? id.rawValue }
    func district(_ id: RegionID) -> String {
      let grid = index.regions[id]?.grid ?? ""
      return grid.isEmpty ? l.text("（未分片区）", "(no district)") : grid
    }
    func unitName(_ id: UnitID) -> String { index.units[id]?.name ?? id.rawValue }

    var assigned: [OverviewSlotKey: PlannedAssignment] = [:]
    for a in plan.assignments { assigned[OverviewSlotKey(organization: a.organization, role: a.role)] = a }
    var open: [OverviewSlotKey: UncoveredSlot] = [:]
    for u in plan.uncovered { open[OverviewSlotKey(organization: u.organization, role: u.role)] = u }

    var slots: [Slot] = []
    slots.reserveCapacity(model.slots.count)
    var components: [ScoreTerm.Kind: Int] = [:]
    var slotsOfInstructor = [[Int]](repeating: [], count: scenario.instructors.count)
    var loadOfInstructor = [Int](repeating: 0, count: scenario.instructors.count)
    for (row, ref) in model.slots.enumerated() {
      let organization = scenario.organizations[ref.organization]
      let key = OverviewSlotKey(organization: organization.id, role: ref.role)
      var slot = Slot(organization: organization, role: ref.role, regionName: regionName(organization.region),
                      district: district(organization.region), remote: index.regions[organization.region]?.remote ?? false,
                      instructor: nil, unitName: "", instructorRegionName: "", score: 0, breakdown: "", wish: nil,
                      locked: model.problem.lockedColumn[row] >= 0, openReason: "")
      if let a = assigned[key], let i = index.instructorIndex[a.instructor] {
        let instructor = scenario.instructors[i]
        slot.instructor = instructor
        slot.unitName = unitName(instructor.unit)
        slot.instructorRegionName = regionName(instructor.region)
        slot.score = a.score
        slot.breakdown = PlanTable.breakdownText(a.breakdown)
        slot.wish = model.scorer.wishKind(organization: ref.organization, instructor: i)
        for term in a.breakdown { components[term.kind, default: 0] += term.points }
        slotsOfInstructor[i].append(slots.count)
        loadOfInstructor[i] += Self.arcLoad(model.problem, row: row, column: i)
      } else {
        switch open[key]?.reason {
        case .noEligibleInstructor: slot.openReason = l.text("没有符合条件的指导员", "no eligible instructor")
        case .capacityExhausted(let n)?: slot.openReason = l.text("\(n) 名符合条件的指导员均已满额", "all \(n) eligible instructors are full")
        case nil: slot.openReason = l.text("未覆盖", "open")
        }
      }
      slots.append(slot)
    }
    self.slots = slots
    scoreComponents = ScoreTerm.Kind.allCases.compactMap { kind in components[kind].map { (kind, $0) } }

    instructors = scenario.instructors.enumerated().map { i, instructor in
      InstructorLoad(instructor: instructor, unitName: unitName(instructor.unit), regionName: regionName(instructor.region),
                     district: district(instructor.region), slotIndices: slotsOfInstructor[i], load: loadOfInstructor[i],
                     capacity: i < model.problem.columnCapacities.count ? Int(model.problem.columnCapacities[i]) : instructor.capacity)
    }

    // Roll-ups: slots by district and region, instructors by unit.
    var byRegion: [String: Rollup] = [:], byDistrict: [String: Rollup] = [:], byUnit: [String: Rollup] = [:]
    var regionInstructors: [String: Set<InstructorID>] = [:], districtInstructors: [String: Set<InstructorID>] = [:]
    func count(_ rollup: inout Rollup, _ slot: Slot) {
      rollup.slots += 1
      let isCovered = slot.instructor != nil
      if isCovered { rollup.covered += 1 }
      if slot.organization.keyProject { rollup.keyProjects += 1; if isCovered { rollup.keyProjectsCovered += 1 } }
      if slot.remote { rollup.remoteSlots += 1; if isCovered { rollup.remoteCovered += 1 } }
    }
    for slot in slots {
      let regionKey = slot.organization.region.rawValue
      count(&byRegion[regionKey, default: Rollup(key: regionKey, name: slot.regionName, district: slot.district, remote: slot.remote)], slot)
      count(&byDistrict[slot.district, default: Rollup(key: slot.district, name: slot.district)], slot)
      if let instructor = slot.instructor {
        regionInstructors[regionKey, default: []].insert(instructor.id)
        districtInstructors[slot.district, default: []].insert(instructor.id)
        let unitKey = instructor.unit.rawValue
        count(&byUnit[unitKey, default: Rollup(key: unitKey, name: slot.unitName)], slot)
      }
    }
    for load in instructors {
      let unitKey = load.instructor.unit.rawValue
      byUnit[unitKey, default: Rollup(key: unitKey, name: load.unitName)].instructors += 1
      if !load.slotIndices.isEmpty { byUnit[unitKey]?.instructorsUsed += 1 }
    }
    regions = byRegion.values.map { r in var r = r; r.instructorsUsed = regionInstructors[r.key]?.count ?? 0; return r }
      .sorted { $0.key < $1.key }
    districts = byDistrict.values.map { r in var r = r; r.instructorsUsed = districtInstructors[r.key]?.count ?? 0; return r }
      .sorted { $0.name < $1.name }
    units = byUnit.values.sorted { $0.key < $1.key }

    organizationExtraHeaders = [LedgerField].headers(of: scenario.organizations.map(\.extraFields))
    instructorExtraHeaders = [LedgerField].headers(of: scenario.instructors.map(\.extraFields))
  }

  /// The load the problem charges for `row` on `column` (1 unless capacity is in days).
  static func arcLoad(_ problem: AssignmentProblem, row: Int, column: Int) -> Int {
    guard !problem.arcLoads.isEmpty else { return 1 }
    for k in problem.rowStart[row]..<problem.rowStart[row + 1] where Int(problem.arcColumns[k]) == column { return problem.arcLoads[k] }
    return 1
  }

  // MARK: - Plain words

  /// "已证明为最优方案" or "与最优方案的差距不超过 0.07%", or that no proof is available.
  public var proofSentence: String {
    let l = language
    if summary.status == "infeasible" {
      return l.text("按现有人员和规则无法覆盖全部组织，以下为覆盖最多组织的方案",
                    "Not every organization can be covered with these instructors and rules; this plan covers as many as possible")
    }
    if summary.optimal { return l.text("已证明为最优方案", "Proven to be the best plan") }
    if let gap = summary.gap {
      let percent = Self.ceilingPercent(gap)
      return l.text("与最优方案的差距不超过 \(percent)", "Within \(percent) of the best possible plan")
    }
    return l.text("未能证明是否最优（未得到上界）", "Not proven best (no bound available)")
  }

  /// A gap rounded *up* to two decimals ("0.07%"), so the sentence never claims more than is proven.
  public static func ceilingPercent(_ gap: Double) -> String {
    let hundredths = (max(0, gap) * 10_000).rounded(.up) / 100
    return String(format: "%.2f%%", hundredths)
  }

  /// What the office must still decide, in plain words; empty when nothing is left.
  public var decisions: [String] {
    let l = language
    var items: [String] = []
    let open = slots.filter { $0.instructor == nil }
    if !open.isEmpty {
      let keyOpen = open.filter { $0.organization.keyProject }.count
      let remoteOpen = open.filter(\.remote).count
      var detail: [String] = []
      if keyOpen > 0 { detail.append(l.text("其中重点项目 \(keyOpen) 个", "\(keyOpen) of them key projects")) }
      if remoteOpen > 0 { detail.append(l.text("边远乡镇 \(remoteOpen) 个", "\(remoteOpen) in remote places")) }
      let suffix = detail.isEmpty ? "" : l.text("（\(detail.joined(separator: "，"))）", " (\(detail.joined(separator: ", ")))")
      items.append(l.text("\(open.count) 个岗位尚无指导员\(suffix)：需增派人员或调整规则，名单见“未覆盖”。",
                          "\(open.count) slots have no instructor\(suffix): send more instructors or relax a rule; see “Open slots”."))
    }
    if let rules = summary.rules {
      for rule in rules.values.sorted(by: { $0.key < $1.key }) where rule.inForce && !rule.satisfied {
        items.append(rule.softWeight != nil
          ? l.text("规则“\(rule.name)”有 \(rule.violations) 处未满足（按软约束扣分）：请确认是否接受。",
                   "Rule “\(rule.name)” is not met in \(rule.violations) places (soft, points deducted): confirm it is acceptable.")
          : l.text("规则“\(rule.name)”未满足：请核查。", "Rule “\(rule.name)” is broken: check it."))
      }
    }
    if summary.blockingPairs > 0 {
      items.append(l.text("有 \(summary.blockingPairs) 对指导员与组织互相更愿意结对但未被安排：如有异议，可逐一核定。",
                          "\(summary.blockingPairs) instructor–organization pairs prefer each other to what they got: review them if raised."))
    }
    if let coverable = summary.coverageBound {
      items.append(l.text("覆盖数未证明最多：求解在时限内未能排除最多覆盖 \(coverable) 个岗位的可能，可延长求解时间后重新编制。",
                          "Coverage is not proven the most possible: within the time limit the solver could not rule out covering up to \(coverable) slots; plan again with a longer time limit."))
    } else if !summary.optimal && summary.status != "infeasible" {
      items.append(l.text("方案未证明最优：如需，可延长求解时间后重新编制。", "The plan is not proven best: plan again with a longer time limit if needed."))
    }
    let idle = instructors.filter { $0.slotIndices.isEmpty }.count
    if idle > 0 {
      items.append(l.text("\(idle) 名指导员本次未安排联系组织：可作为机动力量或另行安排。",
                          "\(idle) instructors are given no organization: keep them in reserve or assign them otherwise."))
    }
    return items
  }

  /// The term's name in the document's language.
  public func label(_ kind: ScoreTerm.Kind) -> String {
    guard language == .english else { return PlanTable.label(kind) }
    switch kind {
    case .skill: return "skills"
    case .counterpart: return "counterpart unit"
    case .region: return "region"
    case .grid: return "district"
    case .station: return "station"
    case .instructorWish: return "instructor's wish"
    case .organizationWish: return "organization's wish"
    case .mutualWish: return "mutual wish"
    case .continuity: return "continuity"
    case .given: return "given score"
    case .outOfReach: return "out of reach"
    }
  }

  public func wishName(_ wish: WishKind?) -> String {
    guard let wish else { return "" }
    switch wish {
    case .mutual: return language.text("双向选择", "mutual")
    case .instructorOnly: return language.text("指导员志愿", "instructor's wish")
    case .organizationOnly: return language.text("组织志愿", "organization's wish")
    case .none: return ""
    }
  }

  public func roleName(_ role: DispatchRole) -> String {
    guard language == .english else { return role.chineseName }
    switch role {
    case .instructor: return "instructor"
    case .firstSecretary: return "first secretary"
    case .firstChairman: return "first chairman"
    }
  }

  public func partyStatusName(_ status: PartyStatus?) -> String {
    switch status {
    case .organization?: return language.text("已建党组织", "party organization")
    case .members?: return language.text("有党员未建组织", "members, no organization")
    case .none?: return language.text("无党员", "no members")
    case nil: return ""
    }
  }

  public func yes(_ flag: Bool) -> String { flag ? language.text("是", "yes") : "" }

  /// Slots in the order the office files notices: district, unit name, instructor id.
  public var instructorsInFilingOrder: [InstructorLoad] {
    instructors.filter { !$0.slotIndices.isEmpty }
      .sorted { ($0.district, $0.unitName, $0.instructor.id.rawValue) < ($1.district, $1.unitName, $1.instructor.id.rawValue) }
  }

  /// Covered organizations' slots in filing order: district, region, organization id, role.
  public var coveredSlotsInFilingOrder: [Slot] {
    slots.filter { $0.instructor != nil }
      .sorted { ($0.district, $0.organization.region.rawValue, $0.organization.id.rawValue, $0.role) < ($1.district, $1.organization.region.rawValue, $1.organization.id.rawValue, $1.role) }
  }
}

// MARK: - Ledger contact fields

/// What the notices look for among a row's extra ledger columns.
public enum LedgerContact {
  static let phoneWords = ["联系电话", "电话", "手机", "phone", "tel"]
  static let addressWords = ["地址", "address"]
  static let personWords = ["负责人", "联系人", "法定代表人", "contact"]

  static func first(_ fields: [LedgerField], _ words: [String]) -> String? {
    for word in words {
      if let field = fields.first(where: { $0.header.lowercased().contains(word) && !$0.value.isEmpty }) { return field.value }
    }
    return nil
  }

  public static func phone(_ fields: [LedgerField]) -> String? { first(fields, phoneWords) }
  public static func address(_ fields: [LedgerField]) -> String? { first(fields, addressWords) }
  public static func person(_ fields: [LedgerField]) -> String? { first(fields, personWords) }
}

struct OverviewSlotKey: Hashable {
  var organization: OrganizationID
  var role: DispatchRole
}
