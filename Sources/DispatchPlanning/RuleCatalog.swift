import AssignmentCore
import CheckedNumbers
import DispatchModel

//===----------------------------------------------------------------------===//
// RuleCatalog — the office's rules (issue 4) as the reports show them: which
// are in force, whether the plan satisfies each (from the independent checker's
// findings, never from the solver's word), and the figures that show it.
// Documentation/Rules.md describes each rule, its setting and its constraint.
//===----------------------------------------------------------------------===//

/// One rule of the office and how the plan stands with it.
public struct RuleStatus: Sendable, Codable, Equatable {
  /// The settings.csv key ("key_project_exclusive", …; "roles", "reach", "unit_quotas" group several).
  public var key: String
  public var name: String
  public var inForce: Bool
  /// The setting as written ("on", "off", "2", "same-region").
  public var setting: String
  /// No checker finding against this rule, and (when soft) no violation either.
  public var satisfied: Bool
  /// Named counts that show the rule at work.
  public var figures: [String: Int]
  /// The weight of a soft rule (each violation costs that many points); nil when hard.
  public var softWeight: Int? = nil
  /// Violations of a soft rule in the plan (0 for a hard rule the plan keeps), and their cost.
  public var violations: Int = 0
  public var penalty: Int = 0

  enum CodingKeys: String, CodingKey {
    case key, name, setting, satisfied, figures, violations, penalty
    case inForce = "in_force"
    case softWeight = "soft_weight"
  }
}

extension RuleStatus {
  /// Reads summaries written before soft rules existed, too (no soft fields: a hard rule).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    key = try c.decode(String.self, forKey: .key)
    name = try c.decode(String.self, forKey: .name)
    inForce = try c.decode(Bool.self, forKey: .inForce)
    setting = try c.decode(String.self, forKey: .setting)
    satisfied = try c.decode(Bool.self, forKey: .satisfied)
    figures = try c.decode([String: Int].self, forKey: .figures)
    softWeight = try c.decodeIfPresent(Int.self, forKey: .softWeight)
    violations = try c.decodeIfPresent(Int.self, forKey: .violations) ?? 0
    penalty = try c.decodeIfPresent(Int.self, forKey: .penalty) ?? 0
  }
}

public enum RuleCatalog {
  /// The rules in force under `settings`, as (key, name).
  public static func inForce(_ settings: ScenarioSettings) -> [(key: String, name: String)] {
    let rules = settings.rules
    var out: [(String, String)] = []
    if rules.keyProjectExclusive { out.append(("key_project_exclusive", "重点项目专人 key projects exclusive")) }
    if rules.mix { out.append(("mix", "建与未建搭配 mix of organizations")) }
    if rules.capacityInDays { out.append(("capacity_in_days", "按天数计算 workload in days")) }
    if !rules.allowDualRole { out.append(("allow_dual_role", "不允许一人兼任 two people for two roles")) }
    if settings.reachIsLimited { out.append(("reach", "选派范围 reach \(reachSetting(settings))")) }
    if rules.minimumLoad > 0 { out.append(("minimum_load", "派得进 minimum load \(rules.minimumLoad)")) }
    if rules.unitMinimumInstructors != nil || rules.unitMaximumInstructors != nil { out.append(("unit_quotas", "单位名额 unit quotas")) }
    return out
  }

  /// The reach setting as written: the rule, and the distance limit when there is one.
  static func reachSetting(_ settings: ScenarioSettings) -> String {
    settings.reach.rawValue + (settings.maximumDistanceKilometres.map { ", ≤ \($0) km" } ?? "")
  }

  /// Makes `status` soft with `weight` (when given): its violations in the plan and their cost, weight ×
  /// violations checked (a model built in code may hold a weight outside `NumberDomain.softWeight`).
  static func soft(_ status: RuleStatus, weight: Int?, violations: Int) throws(PlanningError) -> RuleStatus {
    guard let weight, status.inForce else { return status }
    var s = status
    s.softWeight = weight
    s.setting += ", soft \(weight)"
    s.violations = violations
    do {
      s.penalty = try weight.checkedMultiplied(by: violations, "the penalty of rule \(status.key): weight \(weight) × \(violations) violations")
    } catch {
      throw .numberOverflow(error)
    }
    s.satisfied = s.satisfied && violations == 0
    return s
  }

  /// Every rule, in force or not, with the plan's figures and the checker's verdict.
  /// - Complexity: O(*s* + *n* + *v*) for *s* slots, *n* instructors, *v* findings.
  /// - Throws: `PlanningError.numberOverflow` when a soft rule's penalty does not fit.
  public static func audit(model: PlanningModel, columnOfRow: [Int32], violations: [SolutionChecker.Violation]) throws(PlanningError)
    -> [RuleStatus] {
    let scenario = model.scenario, problem = model.problem, settings = scenario.settings, rules = settings.rules
    var rowsOf = [[Int]](repeating: [], count: problem.columnCount)
    var load = [Int](repeating: 0, count: problem.columnCount)
    for (row, column) in columnOfRow.enumerated() where column >= 0 {
      rowsOf[Int(column)].append(row)
      load[Int(column)] += problem.arcIndex(row: row, column: Int(column)).map(problem.load(ofArc:)) ?? 0
    }
    func organization(_ row: Int) -> Organization { scenario.organizations[model.slots[row].organization] }
    func broken(_ matches: (SideRule) -> Bool) -> Bool {
      violations.contains { if case .sideRuleBroken(let rule, _) = $0 { matches(rule) } else { false } }
    }
    let arcsBroken = violations.contains { if case .notAnArc = $0 { true } else { false } }
    let onOff = { (on: Bool) in on ? "on" : "off" }
    var out: [RuleStatus] = []
    /// Violations of the problem's soft rules of one kind (SolutionChecker's counts, one pass for all).
    let counts = problem.hasSoftRules ? SolutionChecker.violationCounts(of: columnOfRow, in: problem) : []
    func softViolations(_ kind: (SideRule) -> Bool) -> Int {
      zip(problem.sideRules, counts).reduce(0) { $0 + ($1.0.softWeight != nil && kind($1.0.constraint) ? $1.1 : 0) }
    }

    // Key projects: each covered key project's instructor covers nothing else.
    let keyRows = model.slots.indices.filter { organization($0).keyProject }
    let keyColumns = Set(keyRows.compactMap { columnOfRow[$0] >= 0 ? Int(columnOfRow[$0]) : nil })
    let dedicated = keyColumns.filter { column in Set(rowsOf[column].map { model.slots[$0].organization }).count == 1 }.count
    out.append(try soft(RuleStatus(
      key: "key_project_exclusive", name: "重点项目专人 key projects exclusive", inForce: rules.keyProjectExclusive,
      setting: onOff(rules.keyProjectExclusive),
      satisfied: !broken { $0.kind == .exclusive },
      figures: ["key_projects": Set(keyRows.map { model.slots[$0].organization }).count,
                "key_projects_covered": Set(keyRows.filter { columnOfRow[$0] >= 0 }.map { model.slots[$0].organization }).count,
                "key_project_instructors": keyColumns.count, "key_project_instructors_covering_nothing_else": dedicated]),
      weight: rules.keyProjectExclusiveWeight, violations: softViolations { $0.kind == .exclusive }))

    // Mix: instructors with two or more organizations, and how many of them mix both kinds.
    let multi = rowsOf.filter { $0.count >= 2 }
    let mixed = multi.filter { rows in
      rows.contains { organization($0).partyStatus == .organization } && rows.contains { organization($0).partyStatus != .organization }
    }.count
    out.append(try soft(RuleStatus(
      key: "mix", name: "建与未建搭配 mix 已建立党组织+未组建党组织", inForce: rules.mix, setting: onOff(rules.mix),
      satisfied: !broken { $0.kind == .mix },
      figures: ["instructors_with_several": multi.count, "instructors_mixed": mixed]),
      weight: rules.mixWeight, violations: softViolations { $0.kind == .mix }))

    // Workload: capacity units (days with capacity_in_days) used and available.
    let overCapacity = violations.contains { if case .overCapacity = $0 { true } else { false } }
    out.append(RuleStatus(
      key: "capacity_in_days", name: "按天数计算 workload in days", inForce: rules.capacityInDays, setting: onOff(rules.capacityInDays),
      satisfied: !overCapacity,
      figures: [rules.capacityInDays ? "days_used" : "places_used": load.reduce(0, +),
                rules.capacityInDays ? "days_available" : "places_available": problem.columnCapacities.reduce(0, +)]))

    // Roles: first secretary / first chairman slots, and who holds both.
    let roleRows = model.slots.indices.filter { model.slots[$0].role != .instructor }
    var holdersOf: [Int: [Int32]] = [:]
    for row in roleRows where columnOfRow[row] >= 0 { holdersOf[model.slots[row].organization, default: []].append(columnOfRow[row]) }
    let dualHolders = holdersOf.values.filter { $0.count >= 2 && Set($0).count == 1 }.count
    out.append(try soft(RuleStatus(
      key: "allow_dual_role", name: "第一书记/第一主席 roles, one person both", inForce: !rules.allowDualRole,
      setting: rules.allowDualRole ? "yes" : "no",
      satisfied: !arcsBroken && !broken { $0.kind == .distinctColumns },
      figures: ["role_slots": roleRows.count, "role_slots_covered": roleRows.filter { columnOfRow[$0] >= 0 }.count,
                "organizations_with_one_person_in_both_roles": dualHolders]),
      weight: rules.dualRoleWeight, violations: softViolations { $0.kind == .distinctColumns }))

    // Reach: eligibility is an arc; remote places reported apart.
    let regions = ScenarioIndex(scenario).regions
    let remoteRows = model.slots.indices.filter { regions[organization($0).region]?.remote == true }
    let outOfReach = columnOfRow.indices.filter {
      columnOfRow[$0] >= 0 && !model.scorer.isWithinReach(organization: model.slots[$0].organization, instructor: Int(columnOfRow[$0]))
    }.count
    out.append(try soft(RuleStatus(
      key: "reach", name: "选派范围 reach (remote places apart)", inForce: settings.reachIsLimited, setting: reachSetting(settings),
      satisfied: !arcsBroken,
      figures: ["remote_slots": remoteRows.count, "remote_slots_covered": remoteRows.filter { columnOfRow[$0] >= 0 }.count,
                "slots_without_eligible_instructor": model.slots.indices.filter { problem.arcs(ofRow: $0).isEmpty }.count,
                "pairs_out_of_reach": outOfReach]),
      weight: settings.reachWeight, violations: outOfReach))

    // Minimum load: the smallest load of an instructor who is used at all.
    let used = rowsOf.indices.filter { !rowsOf[$0].isEmpty }
    out.append(try soft(RuleStatus(
      key: "minimum_load", name: "派得进 minimum load", inForce: rules.minimumLoad > 0, setting: String(rules.minimumLoad),
      satisfied: !broken { $0.kind == .minimumLoad },
      figures: ["instructors_used": used.count, "smallest_organizations_per_used_instructor": used.map { rowsOf[$0].count }.min() ?? 0]),
      weight: rules.minimumLoadWeight, violations: softViolations { $0.kind == .minimumLoad }))

    // Unit quotas: instructors used per sending unit.
    var usedPerUnit: [UnitID: Int] = [:]
    for column in used { usedPerUnit[scenario.instructors[column].unit, default: 0] += 1 }
    let unitCounts = scenario.units.map { usedPerUnit[$0.id] ?? 0 }
    let quota = [rules.unitMinimumInstructors.map { "min \($0)" }, rules.unitMaximumInstructors.map { "max \($0)" }].compactMap { $0 }
    out.append(try soft(RuleStatus(
      key: "unit_quotas", name: "单位名额 instructors per sending unit",
      inForce: rules.unitMinimumInstructors != nil || rules.unitMaximumInstructors != nil,
      setting: quota.isEmpty ? "off" : quota.joined(separator: ", "),
      satisfied: !broken { $0.kind == .usedColumns },
      figures: ["units": scenario.units.count, "fewest_used_in_a_unit": unitCounts.min() ?? 0, "most_used_in_a_unit": unitCounts.max() ?? 0]),
      weight: rules.unitQuotaWeight, violations: softViolations { $0.kind == .usedColumns }))
    // Checked once here, so the reports' sums of the penalties fit.
    do { _ = try out.map(\.penalty).checkedSum("the soft rules' penalties") } catch { throw .numberOverflow(error) }
    return out
  }
}
