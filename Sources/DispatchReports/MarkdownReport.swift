import DispatchModel
import DispatchPlanning
import Foundation

/// `report.md`: a plain-language Chinese summary first (coverage, key projects, remote places,
/// wishes, instructors, whether the plan is proven best, what is left to decide), then coverage
/// by district and region, by sending unit, instructor loads and every open slot; the solver's
/// vocabulary (status, bound, gap, pruned pairs, stability audit, checker, timings, input
/// SHA-256) sits in an appendix. Every ledger text goes through `MarkdownText.cell`.
public enum MarkdownReport {
  /// - Complexity: O(*s* + *n* + *g*) for *s* slots, *n* instructors, *g* regions.
  public static func render(summary: PlanSummary, plan: DispatchPlan, model: PlanningModel) -> String {
    render(PlanOverview(summary: summary, plan: plan, model: model), plan: plan, model: model)
  }

  public static func render(_ o: PlanOverview, plan: DispatchPlan, model: PlanningModel) -> String {
    let summary = o.summary
    let e = MarkdownText.cell
    var md: [String] = []
    md.append("# 选派方案报告 — \(e(summary.scenario))")
    md.append("")
    md.append("## 摘要")
    md.append("")
    md.append("- **结论**：\(o.proofSentence)。")
    md.append("- **覆盖**：\(summary.assigned) / \(summary.slots) 个岗位已安排指导员（\(percent(summary.assigned, summary.slots))），涉及 \(summary.organizations) 个组织。")
    md.append("- **重点项目**：\(o.keyProjectsCovered) / \(o.keyProjects) 已安排。")
    md.append("- **边远乡镇**：\(o.remoteCovered) / \(o.remoteSlots) 个岗位已安排（\(percent(o.remoteCovered, o.remoteSlots))）。")
    md.append("- **志愿满足**：\(o.wishesHonoured) 个结对出自志愿，其中双向选择 \(summary.wishes.mutual) 个。")
    md.append("- **使用指导员**：\(summary.instructorsUsed) / \(summary.instructors) 名。")
    md.append("- **独立校验**：\(summary.checkerPassed ? "通过" : "未通过，请勿印发")。")
    md.append("")
    md.append("### 尚需办公室决定的事项")
    md.append("")
    let decisions = o.decisions
    if decisions.isEmpty { md.append("无。方案可直接印发。") }
    for (k, item) in decisions.enumerated() { md.append("\(k + 1). \(e(item))") }
    md.append("")

    if let infeasibility = summary.infeasibility {
      md.append("## 无法全覆盖的原因")
      md.append("")
      md.append(e(infeasibility.explanation))
      md.append("")
      if infeasibility.capacityShortage {
        md.append("| 组织 | 符合条件的指导员 | 需求 | 容量 |")
        md.append("|---|---|---:|---:|")
        md.append("| \(infeasibility.organizations.map(e).joined(separator: "、")) | \(infeasibility.eligibleInstructors.map(e).joined(separator: "、")) | \(infeasibility.demand) | \(infeasibility.capacity) |")
        md.append("")
      }
    }

    md.append("## 分片区、分区域覆盖")
    md.append("")
    md.append("| 片区 / 区域 | 边远 | 岗位 | 已覆盖 | 覆盖率 | 重点项目 | 使用指导员 |")
    md.append("|---|---|---:|---:|---:|---:|---:|")
    for district in o.districts {
      md.append("| **\(e(district.name))** | | \(district.slots) | \(district.covered) | \(percent(district.covered, district.slots)) | \(district.keyProjectsCovered) / \(district.keyProjects) | \(district.instructorsUsed) |")
      for region in o.regions where region.district == district.name {
        md.append("| 　\(e(region.name)) | \(region.remote ? "是" : "") | \(region.slots) | \(region.covered) | \(percent(region.covered, region.slots)) | \(region.keyProjectsCovered) / \(region.keyProjects) | \(region.instructorsUsed) |")
      }
    }
    md.append("")
    md.append("边远乡镇：\(o.remoteCovered) / \(o.remoteSlots) 个岗位已覆盖（\(percent(o.remoteCovered, o.remoteSlots))）。")
    md.append("")

    md.append("## 分选派单位")
    md.append("")
    md.append("| 选派单位 | 在册指导员 | 使用 | 联系岗位 | 重点项目 | 边远岗位 |")
    md.append("|---|---:|---:|---:|---:|---:|")
    for u in o.units {
      md.append("| \(e(u.name)) | \(u.instructors) | \(u.instructorsUsed) | \(u.covered) | \(u.keyProjectsCovered) | \(u.remoteCovered) |")
    }
    md.append("")

    md.append("## 指导员负荷")
    md.append("")
    let maxLoad = o.instructors.map(\.slotIndices.count).max() ?? 0
    md.append("| 联系组织数 | 指导员人数 |")
    md.append("|---:|---:|")
    for k in 0...maxLoad { md.append("| \(k) | \(o.instructors.filter { $0.slotIndices.count == k }.count) |") }
    md.append("")
    md.append("| 指导员 | 单位 | 负荷 / 上限 | 联系组织 |")
    md.append("|---|---|---:|---|")
    for load in o.instructors {
      let organizations = load.slotIndices.map { e(o.slots[$0].organization.id.rawValue) }.joined(separator: "、")
      md.append("| \(e(load.instructor.id.rawValue)) \(e(load.instructor.name)) | \(e(load.unitName)) | \(load.load) / \(load.capacity) | \(organizations) |")
    }
    md.append("")

    md.append("## 未覆盖岗位")
    md.append("")
    let open = o.slots.filter { $0.instructor == nil }
    if open.isEmpty {
      md.append("全部覆盖。")
    } else {
      md.append("| 组织 | 职务 | 原因 |")
      md.append("|---|---|---|")
      for slot in open {
        md.append("| \(e(slot.organization.id.rawValue)) \(e(slot.organization.name)) | \(slot.role.chineseName) | \(e(slot.openReason)) |")
      }
    }
    md.append("")

    md.append("## 附录 技术细节 Appendix: solver details")
    md.append("")
    md.append("| 项目 item | 值 value |")
    md.append("|---|---|")
    md.append("| 求解器 solver | \(summary.solver) — \(e(summary.solverReason)) |")
    let proof = summary.optimal ? "（已证明最优 proven optimal）" : summary.status == "feasible" ? "（未证明最优 not proven optimal）"
      : summary.coverageBound.map { "（覆盖数未证明：最多可能覆盖 \($0) 个岗位 coverage not proven: up to \($0) slots may be coverable）" } ?? ""
    md.append("| 状态 status | \(summary.status)\(proof) |")
    md.append("| 总分 objective | \(summary.objective) |")
    if let bound = summary.bound { md.append("| 上界 bound | \(bound) |") }
    if let gap = summary.gap { md.append("| 差距 gap | \(String(format: "%.4f%%", gap * 100)) |") }
    if let pruned = summary.prunedArcs { md.append("| 剪枝 pruned pairs (reduced cost) | \(pruned) |") }
    md.append("| 双向选择 wishes | 双向 \(summary.wishes.mutual)，指导员单向 \(summary.wishes.instructorOnly)，组织单向 \(summary.wishes.organizationOnly)，无 \(summary.wishes.none) |")
    md.append("| 阻塞对 blocking pairs | \(summary.blockingPairs) |")
    md.append("| 独立校验 check | \(summary.checkerPassed ? "通过 passed" : "未通过 FAILED") |")
    md.append("| 用时 time | \(String(format: "read %.3f s, build %.3f s, solve %.3f s, total %.3f s", summary.timings.read, summary.timings.build, summary.timings.solve, summary.timings.total)) |")
    md.append("| 输入指纹 input SHA-256 | `\(summary.inputSHA256)` |")
    md.append("")
    md += rulesSection(summary).map { $0.hasPrefix("## ") ? "#" + $0 : $0 }

    md.append("### 稳定性审计 Stability audit (two-way selection)")
    md.append("")
    // The summary's own audit when it has one (a summary read back from JSON has none).
    let blocking = summary.blockingPairList.count == summary.blockingPairs ? summary.blockingPairList
      : StabilityAudit.blockingPairs(plan: plan, model: model)
    if blocking.isEmpty {
      md.append("没有阻塞对：没有哪一对指导员和组织都更愿意彼此。No blocking pairs: no instructor and organization both prefer each other to what the plan gives them.")
    } else {
      md.append("以下 \(blocking.count) 对互相排在方案所给之前（方案仍是加权最优；此处列出可能的异议）。These pairs rank each other above what the plan gives them (the plan stays the weighted optimum):")
      md.append("")
      md.append("| 组织 organization | 指导员 instructor | 组织给的志愿 org rank | 指导员给的志愿 instructor rank | 组织现有 org has | 指导员需让出 instructor would drop |")
      md.append("|---|---|---:|---:|---|---|")
      for pair in blocking {
        md.append("| \(e(pair.organization.rawValue)) | \(e(pair.instructor.rawValue)) | \(pair.organizationRank) | \(pair.instructorRank) | \(pair.organizationHas.map { e($0.rawValue) } ?? "—") | \(pair.instructorWouldDrop.map { e($0.rawValue) } ?? "（有空余）") |")
      }
    }
    md.append("")
    md.append("### 独立校验 Independent check")
    md.append("")
    if summary.checkerPassed {
      md.append("覆盖、容量、锁定、禁止与总分均已独立复核。Coverage, capacities, locks, forbids and the objective were re-verified independently of the solver.")
    } else {
      for finding in summary.checkerFindings { md.append("- \(e(finding))") }
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

  static func escape(_ text: String) -> String { MarkdownText.cell(text) }
}
