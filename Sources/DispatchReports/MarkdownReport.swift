import DispatchModel
import DispatchPlanning
import Foundation

/// `report.md`: the summary first, then coverage by region (remote places
/// apart), instructor loads, every open slot with its reason, and the check.
public enum MarkdownReport {
  /// - Complexity: O(*s* + *n* + *g*) for *s* slots, *n* instructors, *g* regions.
  public static func render(summary: PlanSummary, plan: DispatchPlan, model: PlanningModel) -> String {
    let scenario = model.scenario
    let index = ScenarioIndex(scenario)
    var md: [String] = []
    md.append("# 选派方案报告 Dispatch plan report — \(summary.scenario)")
    md.append("")
    md.append("## 摘要 Summary")
    md.append("")
    md.append("| 项目 item | 值 value |")
    md.append("|---|---|")
    md.append("| 求解器 solver | \(summary.solver) — \(escape(summary.solverReason)) |")
    let proof = summary.optimal ? "（已证明最优 proven optimal）" : summary.status == "feasible" ? "（未证明最优 not proven optimal）" : ""
    md.append("| 状态 status | \(summary.status)\(proof) |")
    md.append("| 总分 objective | \(summary.objective) |")
    if let bound = summary.bound { md.append("| 上界 bound | \(bound) |") }
    if let gap = summary.gap { md.append("| 差距 gap | \(String(format: "%.4f%%", gap * 100)) |") }
    if let pruned = summary.prunedArcs { md.append("| 剪枝 pruned pairs (reduced cost) | \(pruned) |") }
    md.append("| 覆盖 covered | \(summary.assigned) / \(summary.slots) 个岗位（\(summary.organizations) 个组织） |")
    md.append("| 未覆盖 open | \(summary.unassigned) |")
    md.append("| 使用指导员 instructors used | \(summary.instructorsUsed) / \(summary.instructors) |")
    md.append("| 双向选择 wishes | 双向 \(summary.wishes.mutual)，指导员单向 \(summary.wishes.instructorOnly)，组织单向 \(summary.wishes.organizationOnly)，无 \(summary.wishes.none) |")
    md.append("| 阻塞对 blocking pairs | \(summary.blockingPairs) |")
    md.append("| 独立校验 check | \(summary.checkerPassed ? "通过 passed" : "未通过 FAILED") |")
    md.append("| 用时 time | \(String(format: "read %.3f s, build %.3f s, solve %.3f s, total %.3f s", summary.timings.read, summary.timings.build, summary.timings.solve, summary.timings.total)) |")
    md.append("| 输入指纹 input SHA-256 | `\(summary.inputSHA256)` |")
    md.append("")

    if let infeasibility = summary.infeasibility {
      md.append("## 无法全覆盖 Why full coverage is impossible")
      md.append("")
      md.append(escape(infeasibility.explanation))
      md.append("")
      if infeasibility.capacityShortage {
        md.append("| 组织 organizations | 符合条件的指导员 eligible instructors | 需求 demand | 容量 capacity |")
        md.append("|---|---|---:|---:|")
        md.append("| \(infeasibility.organizations.joined(separator: "、")) | \(infeasibility.eligibleInstructors.joined(separator: "、")) | \(infeasibility.demand) | \(infeasibility.capacity) |")
        md.append("")
      }
    }
    md += rulesSection(summary)

    // Coverage by region, in region id order; regions without a regions.csv row use their id.
    var total: [RegionID: Int] = [:], covered: [RegionID: Int] = [:]
    var coveredSlots = Set<String>()
    for a in plan.assignments { coveredSlots.insert(a.organization.rawValue + "\u{1}" + a.role.rawValue) }
    for slot in model.slots {
      let org = scenario.organizations[slot.organization]
      total[org.region, default: 0] += 1
      if coveredSlots.contains(org.id.rawValue + "\u{1}" + slot.role.rawValue) { covered[org.region, default: 0] += 1 }
    }
    md.append("## 区域覆盖 Coverage by region")
    md.append("")
    md.append("| 区域 region | 边远 remote | 岗位 slots | 已覆盖 covered | 覆盖率 rate |")
    md.append("|---|---|---:|---:|---:|")
    var remoteTotal = 0, remoteCovered = 0
    for region in total.keys.sorted() {
      let t = total[region] ?? 0, c = covered[region] ?? 0
      let info = index.regions[region]
      if info?.remote == true { remoteTotal += t; remoteCovered += c }
      md.append("| \(escape(info?.name ?? region.rawValue)) | \(info?.remote == true ? "是" : "") | \(t) | \(c) | \(percent(c, t)) |")
    }
    md.append("")
    md.append("边远乡镇 remote places: \(remoteCovered) / \(remoteTotal) covered (\(percent(remoteCovered, remoteTotal))).")
    md.append("")

    // Loads.
    var load = [Int](repeating: 0, count: scenario.instructors.count)
    var organizationsOf = [[String]](repeating: [], count: scenario.instructors.count)
    for a in plan.assignments {
      guard let i = index.instructorIndex[a.instructor] else { continue }
      load[i] += 1
      organizationsOf[i].append(a.organization.rawValue)
    }
    md.append("## 指导员负荷 Instructor loads")
    md.append("")
    let maxLoad = load.max() ?? 0
    md.append("| 联系组织数 load | 指导员人数 instructors |")
    md.append("|---:|---:|")
    for k in 0...maxLoad { md.append("| \(k) | \(load.filter { $0 == k }.count) |") }
    md.append("")
    md.append("| 指导员 instructor | 单位 unit | 负荷 load / 上限 capacity | 联系组织 organizations |")
    md.append("|---|---|---:|---|")
    for (i, instructor) in scenario.instructors.enumerated() {
      let unit = index.units[instructor.unit]?.name ?? instructor.unit.rawValue
      md.append("| \(escape(instructor.id.rawValue)) \(escape(instructor.name)) | \(escape(unit)) | \(load[i]) / \(instructor.capacity) | \(organizationsOf[i].joined(separator: "、")) |")
    }
    md.append("")

    md.append("## 未覆盖 Open slots")
    md.append("")
    if plan.uncovered.isEmpty {
      md.append("全部覆盖 every slot is covered.")
    } else {
      md.append("| 组织 organization | 职务 role | 原因 reason |")
      md.append("|---|---|---|")
      for open in plan.uncovered {
        let name = index.organizationIndex[open.organization].map { scenario.organizations[$0].name } ?? ""
        let reason: String
        switch open.reason {
        case .noEligibleInstructor: reason = "没有符合条件的指导员 no eligible instructor"
        case .capacityExhausted(let n): reason = "\(n) 名符合条件的指导员已满额 capacity exhausted (\(n) eligible)"
        }
        md.append("| \(escape(open.organization.rawValue)) \(escape(name)) | \(open.role.chineseName) | \(reason) |")
      }
    }
    md.append("")
    md.append("## 稳定性审计 Stability audit (two-way selection)")
    md.append("")
    let blocking = StabilityAudit.blockingPairs(plan: plan, model: model)
    if blocking.isEmpty {
      md.append("没有阻塞对：没有哪一对指导员和组织都更愿意彼此。No blocking pairs: no instructor and organization both prefer each other to what the plan gives them.")
    } else {
      md.append("以下 \(blocking.count) 对互相排在方案所给之前（方案仍是加权最优；此处列出可能的异议）。These pairs rank each other above what the plan gives them (the plan stays the weighted optimum):")
      md.append("")
      md.append("| 组织 organization | 指导员 instructor | 组织给的志愿 org rank | 指导员给的志愿 instructor rank | 组织现有 org has | 指导员需让出 instructor would drop |")
      md.append("|---|---|---:|---:|---|---|")
      for pair in blocking {
        md.append("| \(escape(pair.organization.rawValue)) | \(escape(pair.instructor.rawValue)) | \(pair.organizationRank) | \(pair.instructorRank) | \(pair.organizationHas?.rawValue ?? "—") | \(pair.instructorWouldDrop?.rawValue ?? "（有空余）") |")
      }
    }
    md.append("")
    md.append("## 独立校验 Independent check")
    md.append("")
    if summary.checkerPassed {
      md.append("覆盖、容量、锁定、禁止与总分均已独立复核。Coverage, capacities, locks, forbids and the objective were re-verified independently of the solver.")
    } else {
      for finding in summary.checkerFindings { md.append("- \(escape(finding))") }
    }
    md.append("")
    return md.joined(separator: "\n")
  }

  /// The office's rules: each in force or not, satisfied per the independent checker, and its figures.
  static func rulesSection(_ summary: PlanSummary) -> [String] {
    guard let rules = summary.rules, !rules.isEmpty else { return [] }
    var md = ["## 规则 The office's rules", ""]
    md.append("| 规则 rule | 设置 setting | 生效 in force | 满足 satisfied (checker) | 软约束 soft: violations × weight | 数据 figures |")
    md.append("|---|---|---|---|---|---|")
    for rule in rules.values.sorted(by: { ($0.inForce ? 0 : 1, $0.key) < ($1.inForce ? 0 : 1, $1.key) }) {
      let figures = rule.figures.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
      let soft = rule.softWeight.map { "\(rule.violations) × \($0) = −\(rule.penalty)" } ?? "硬 hard"
      let satisfied = rule.satisfied ? "是 yes" : rule.softWeight != nil ? "否 no (soft)" : "**否 NO**"
      md.append("| \(escape(rule.name)) (`\(rule.key)`) | \(escape(rule.setting)) | \(rule.inForce ? "是 yes" : "否 no") | \(satisfied) | \(rule.inForce ? soft : "—") | \(figures) |")
    }
    md.append("")
    return md
  }

  static func percent(_ part: Int, _ whole: Int) -> String {
    whole == 0 ? "—" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
  }

  static func escape(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
