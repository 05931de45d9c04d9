import DispatchModel
import DispatchPlanning
import Foundation

/// `report.html`: one self-contained file (no network, no font or script), Chinese first,
/// printable on A4. Page one is for a leader (coverage, key projects, remote places, wishes,
/// instructors used, whether the plan is proven best, what is left to decide); then charts
/// drawn as inline SVG; then the roll-ups by district/region and by sending unit; solver
/// details, hashes and timings in an appendix. `render` returns the text, so the workbench
/// can serve it without writing a file. Every ledger text goes through `HTMLText.escape`.
public enum ReportHTML {
  public static let fileName = "report.html"

  /// What a re-plan adds: the changes and the score-against-moves curve.
  public struct Replan: Sendable {
    public var moves: Int
    public var forcedMoves: Int
    public var changes: [SlotChange]
    public var sweep: [ReplanReport.SweepPoint]
    public init(moves: Int, forcedMoves: Int, changes: [SlotChange], sweep: [ReplanReport.SweepPoint]) {
      self.moves = moves
      self.forcedMoves = forcedMoves
      self.changes = changes
      self.sweep = sweep
    }
  }

  /// - Complexity: O(*s* + *n*) for *s* slots and *n* instructors.
  public static func render(_ o: PlanOverview, replan: Replan? = nil) -> String {
    let l = o.language, s = o.summary
    var h = OfficeHTML.head(title: l.text("选派方案报告", "Dispatch plan report") + " — " + o.scenarioName, language: l)

    // Page one: the leader's page.
    h += "<section class=\"page first\">"
    h += "<p class=\"kicker\">\(l.text("党建工作指导员选派", "Party-building instructor dispatch"))</p>"
    h += "<h1>\(HTMLText.escape(o.scenarioName)) \(l.text("选派方案报告", "dispatch plan report"))</h1>"
    let verdictClass = s.optimal ? "verdict ok" : s.status == "infeasible" ? "verdict warn" : "verdict note"
    h += "<p class=\"\(verdictClass)\">\(HTMLText.escape(o.proofSentence))</p>"
    h += "<div class=\"figures\">"
    h += figure(l.text("覆盖", "Coverage"), percent(s.assigned, s.slots), l.text("\(s.assigned) / \(s.slots) 个岗位", "\(s.assigned) of \(s.slots) slots"))
    h += figure(l.text("重点项目", "Key projects"), "\(o.keyProjectsCovered) / \(o.keyProjects)", l.text("已安排指导员", "have an instructor"))
    h += figure(l.text("边远乡镇", "Remote places"), "\(o.remoteCovered) / \(o.remoteSlots)", l.text("岗位已安排", "slots covered"))
    h += figure(l.text("志愿满足", "Wishes honoured"), "\(o.wishesHonoured)", l.text("其中双向选择 \(s.wishes.mutual)", "\(s.wishes.mutual) of them mutual"))
    h += figure(l.text("使用指导员", "Instructors used"), "\(s.instructorsUsed) / \(s.instructors)", l.text("名", "instructors"))
    h += "</div>"
    if let replan {
      h += "<p class=\"lead\">\(l.text("本次调整共变动 \(replan.moves) 人次（其中因人员或组织变化必须调整 \(replan.forcedMoves) 人次），其余保持原安排。", "This re-plan moves \(replan.moves) assignments (\(replan.forcedMoves) forced by the quarter's changes); everything else stays."))</p>"
    }
    h += "<h2>\(l.text("尚需办公室决定的事项", "What the office must still decide"))</h2>"
    let decisions = o.decisions
    if decisions.isEmpty {
      h += "<p>\(l.text("无。方案可直接印发。", "Nothing. The plan can be issued as it is."))</p>"
    } else {
      h += "<ol class=\"decisions\">" + decisions.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ol>"
    }
    h += "<p class=\"small\">" + l.text("方案由程序按统一规则计算，并经独立校验，", "Computed by the program under the office's rules and independently checked: ")
      + (s.checkerPassed ? l.text("校验通过。", "check passed.") : l.text("校验未通过，请勿印发。", "check FAILED: do not issue.")) + " "
      + l.text("明细见所附《方案.xlsx》；求解细节见附录。", "Details are in plan.xlsx; solver details in the appendix.") + "</p>"
    h += "</section>"

    // Charts.
    h += "<section class=\"page\"><h2>\(l.text("图表", "Charts"))</h2>"
    h += charts(o, replan: replan)
    h += "</section>"

    // Roll-ups.
    h += "<section class=\"page\"><h2>\(l.text("分片区、分区域覆盖情况", "Coverage by district and region"))</h2>"
    h += rollupTable(o)
    h += "<h2>\(l.text("分选派单位情况", "By sending unit"))</h2>"
    h += unitTable(o)
    let open = o.slots.filter { $0.instructor == nil }
    if !open.isEmpty {
      h += "<h2>\(l.text("未覆盖岗位", "Open slots"))（\(open.count)）</h2><table><thead><tr>"
      h += [l.text("组织编号", "Id"), l.text("组织名称", "Organization"), l.text("区域", "Region"), l.text("职务", "Role"),
            l.text("重点项目", "Key project"), l.text("原因", "Reason")].map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
      for slot in open {
        h += "<tr><td>\(HTMLText.escape(slot.organization.id.rawValue))</td><td>\(HTMLText.escape(slot.organization.name))</td>"
          + "<td>\(HTMLText.escape(slot.regionName))</td><td>\(o.roleName(slot.role))</td><td>\(o.yes(slot.organization.keyProject))</td>"
          + "<td>\(HTMLText.escape(slot.openReason))</td></tr>"
      }
      h += "</tbody></table>"
    }
    if let replan, !replan.changes.isEmpty {
      let moved = replan.changes.filter { $0.status != .kept }
      // By kind, so the count agrees with the lead's moves (a new or dropped slot is a change, not a move).
      let kinds = SlotChange.Status.allCases.compactMap { status -> String? in
        let n = moved.count { $0.status == status }
        return n == 0 ? nil : "\(l == .chinese ? status.chineseName : status.rawValue) \(n)"
      }
      h += "<h2>\(l.text("人员变动", "Changes"))（\(moved.count)\(l.text("：", ": "))\(kinds.joined(separator: l.text("、", ", ")))）</h2><table><thead><tr>"
      h += [l.text("组织", "Organization"), l.text("变动", "Change"), l.text("原指导员", "Previous"), l.text("新指导员", "New"),
            l.text("原因", "Reason"), l.text("得分变化", "Points")].map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
      for c in moved {
        h += "<tr><td>\(HTMLText.escape(c.organizationName))</td><td>\(l == .chinese ? c.status.chineseName : c.status.rawValue)</td>"
          + "<td>\(HTMLText.escape(c.previous?.rawValue ?? ""))</td><td>\(HTMLText.escape(c.current?.rawValue ?? ""))</td>"
          + "<td>\(HTMLText.escape(c.reason))</td><td class=\"num\">\(c.scoreChange.map(String.init) ?? "")</td></tr>"
      }
      h += "</tbody></table>"
    }
    h += "</section>"

    h += appendix(o)
    return h + "</body></html>\n"
  }

  static func figure(_ label: String, _ value: String, _ note: String) -> String {
    "<div class=\"figure\"><div class=\"label\">\(label)</div><div class=\"value\">\(HTMLText.escape(value))</div><div class=\"note\">\(HTMLText.escape(note))</div></div>"
  }

  static func percent(_ part: Int, _ whole: Int) -> String {
    whole == 0 ? "—" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
  }

  static func charts(_ o: PlanOverview, replan: Replan?) -> String {
    let l = o.language
    let coverageLegend = [(l.text("已覆盖", "covered"), SVGChart.blue), (l.text("未覆盖", "open"), SVGChart.red)]
    func coverageBar(_ r: PlanOverview.Rollup, label: String) -> SVGChart.Bar {
      SVGChart.Bar(label: label, segments: [.init(Double(r.covered), SVGChart.blue), .init(Double(r.open), SVGChart.red)],
                   note: percent(r.covered, r.slots))
    }
    var h = "<figure>" + SVGChart.bars(o.districts.map { coverageBar($0, label: $0.name) }, title: l.text("各片区覆盖情况（岗位数）", "Coverage by district (slots)"),
                                        legend: coverageLegend) + "</figure>"
    let regionBars = o.regions.sorted { ($0.district, $0.key) < ($1.district, $1.key) }
      .map { coverageBar($0, label: $0.name + ($0.remote ? l.text("（边远）", " (remote)") : "")) }
    h += "<figure>" + SVGChart.bars(regionBars, title: l.text("各区域覆盖情况（岗位数）", "Coverage by region (slots)"), legend: coverageLegend,
                                    labelWidth: 200) + "</figure>"

    // Load per instructor: how many instructors carry each load.
    var byLoad: [Int: Int] = [:]
    for load in o.instructors { byLoad[load.slotIndices.count, default: 0] += 1 }
    let loadBars = byLoad.keys.sorted().map { k in
      SVGChart.Bar(label: l.text("联系 \(k) 个", "\(k) slots"), segments: [.init(Double(byLoad[k] ?? 0), k == 0 ? SVGChart.grey : SVGChart.blue)],
                   note: l.text("\(byLoad[k] ?? 0) 人", "\(byLoad[k] ?? 0)"))
    }
    h += "<figure>" + SVGChart.bars(loadBars, title: l.text("指导员负荷分布（人数）", "Load per instructor (number of instructors)")) + "</figure>"

    let components = o.scoreComponents.filter { $0.points != 0 }
    let componentBars = components.map { c in
      SVGChart.Bar(label: o.label(c.kind), segments: [.init(Double(max(0, c.points)), c.points < 0 ? SVGChart.red : SVGChart.green)], note: String(c.points))
    }
    if !componentBars.isEmpty {
      h += "<figure>" + SVGChart.bars(componentBars, title: l.text("得分构成（分）", "Score components (points)")) + "</figure>"
    }

    let w = o.summary.wishes
    let wishBars = [
      SVGChart.Bar(label: l.text("双向选择", "mutual"), segments: [.init(Double(w.mutual), SVGChart.green)], note: String(w.mutual)),
      SVGChart.Bar(label: l.text("指导员志愿", "instructor's wish"), segments: [.init(Double(w.instructorOnly), SVGChart.blue)], note: String(w.instructorOnly)),
      SVGChart.Bar(label: l.text("组织志愿", "organization's wish"), segments: [.init(Double(w.organizationOnly), SVGChart.amber)], note: String(w.organizationOnly)),
      SVGChart.Bar(label: l.text("未提志愿", "no wish"), segments: [.init(Double(w.none), SVGChart.lightGrey)], note: String(w.none)),
    ]
    h += "<figure>" + SVGChart.bars(wishBars, title: l.text("志愿满足情况（结对数）", "Wishes honoured (pairs)")) + "</figure>"

    if let sweep = replan?.sweep, !sweep.isEmpty {
      let chart = ReplanReport.chart(sweep, in: l)
      if let svg = chart.svg {
        h += "<figure>" + svg + (chart.note.map { "<figcaption>\(HTMLText.escape($0))</figcaption>" } ?? "") + "</figure>"
      }
      h += sweepTable(sweep, l)
    }
    return h
  }

  /// Every budget of the sweep, a budget without a plan included and said in words.
  static func sweepTable(_ sweep: [ReplanReport.SweepPoint], _ l: ReportLanguage) -> String {
    var h = "<h3>\(l.text("各调整上限的方案", "The plan within each budget of moves"))</h3><table class=\"sweep\"><thead><tr>" + [l.text("调整上限", "Budget of moves"), l.text("调整人次", "Moves"), l.text("得分", "Score"),
                                                  l.text("结果", "Outcome")].map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
    for p in sweep {
      h += "<tr\(p.hasPlan ? "" : " class=\"no-plan\"")><td>\(p.budget(in: l))</td><td class=\"num\">\(p.moves.map(String.init) ?? "—")</td>"
        + "<td class=\"num\">\(p.score.map(String.init) ?? "—")</td><td>\(p.verdict(in: l))</td></tr>"
    }
    return h + "</tbody></table>"
  }

  static func rollupHeader(_ l: ReportLanguage, first: [String]) -> String {
    "<table><thead><tr>" + (first + [l.text("岗位", "Slots"), l.text("已覆盖", "Covered"), l.text("覆盖率", "Rate"), l.text("重点项目", "Key projects"),
                                     l.text("边远", "Remote"), l.text("使用指导员", "Instructors")]).map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
  }

  static func rollupCells(_ r: PlanOverview.Rollup) -> String {
    "<td class=\"num\">\(r.slots)</td><td class=\"num\">\(r.covered)</td><td class=\"num\">\(percent(r.covered, r.slots))</td>"
      + "<td class=\"num\">\(r.keyProjectsCovered) / \(r.keyProjects)</td><td class=\"num\">\(r.remoteCovered) / \(r.remoteSlots)</td>"
      + "<td class=\"num\">\(r.instructorsUsed)</td>"
  }

  static func rollupTable(_ o: PlanOverview) -> String {
    let l = o.language
    var h = rollupHeader(l, first: [l.text("片区 / 区域", "District / region")])
    for district in o.districts {
      h += "<tr class=\"subtotal\"><td>\(HTMLText.escape(district.name))</td>\(rollupCells(district))</tr>"
      for region in o.regions where region.district == district.name {
        h += "<tr><td class=\"indent\">\(HTMLText.escape(region.name))\(region.remote ? l.text("（边远）", " (remote)") : "")</td>\(rollupCells(region))</tr>"
      }
    }
    return h + "</tbody></table>"
  }

  static func unitTable(_ o: PlanOverview) -> String {
    let l = o.language
    var h = "<table><thead><tr>" + [l.text("选派单位", "Sending unit"), l.text("在册指导员", "Instructors"), l.text("使用", "Used"),
                                     l.text("联系岗位", "Slots covered"), l.text("重点项目", "Key projects"), l.text("边远岗位", "Remote slots")]
      .map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
    for u in o.units {
      h += "<tr><td>\(HTMLText.escape(u.name))</td><td class=\"num\">\(u.instructors)</td><td class=\"num\">\(u.instructorsUsed)</td>"
        + "<td class=\"num\">\(u.covered)</td><td class=\"num\">\(u.keyProjectsCovered)</td><td class=\"num\">\(u.remoteCovered)</td></tr>"
    }
    return h + "</tbody></table>"
  }

  static func appendix(_ o: PlanOverview) -> String {
    let l = o.language, s = o.summary
    var rows: [(String, String)] = [
      (l.text("求解器", "Solver"), "\(s.solver) — \(s.solverReason)"),
      (l.text("状态", "Status"), s.status + (s.optimal ? " (proven optimal)" : "")),
      (l.text("目标值", "Objective"), String(s.objective)),
    ]
    if let bound = s.bound { rows.append((l.text("上界", "Bound"), String(bound))) }
    if let gap = s.gap { rows.append((l.text("相对差距", "Relative gap"), String(format: "%.4f%%", gap * 100))) }
    if let pruned = s.prunedArcs { rows.append((l.text("剪枝配对数", "Pruned pairs (reduced cost)"), String(pruned))) }
    rows.append((l.text("阻塞对（双向选择稳定性）", "Blocking pairs (stability)"), String(s.blockingPairs)))
    rows.append((l.text("独立校验", "Independent checker"), s.checkerPassed ? "passed" : "FAILED: " + s.checkerFindings.joined(separator: "; ")))
    rows.append((l.text("用时", "Timings"), String(format: "read %.3f s, build %.3f s, solve %.3f s, check %.3f s, total %.3f s",
                                                   s.timings.read, s.timings.build, s.timings.solve, s.timings.check, s.timings.total)))
    rows.append((l.text("输入指纹", "Input SHA-256"), s.inputSHA256))
    var h = "<section class=\"page appendix\"><h2>\(l.text("附录：求解细节", "Appendix: solver details"))</h2><table class=\"kv\"><tbody>"
    for (k, v) in rows { h += "<tr><th>\(k)</th><td class=\"mono\">\(HTMLText.escape(v))</td></tr>" }
    h += "</tbody></table>"
    if let rules = s.rules, !rules.isEmpty {
      h += "<h3>\(l.text("规则", "Rules"))</h3><table><thead><tr>" + [l.text("规则", "Rule"), l.text("设置", "Setting"), l.text("生效", "In force"),
                                                                       l.text("满足", "Holds"), l.text("数据", "Figures")].map { "<th>\($0)</th>" }.joined()
        + "</tr></thead><tbody>"
      for rule in rules.values.sorted(by: { ($0.inForce ? 0 : 1, $0.key) < ($1.inForce ? 0 : 1, $1.key) }) {
        let holds = !rule.inForce ? "—" : rule.satisfied ? l.text("是", "yes") : l.text("否", "no") + (rule.softWeight != nil ? " (−\(rule.penalty))" : "")
        h += "<tr><td>\(HTMLText.escape(rule.name)) <span class=\"mono\">\(rule.key)</span></td><td>\(HTMLText.escape(rule.setting))</td>"
          + "<td>\(rule.inForce ? l.text("是", "yes") : l.text("否", "no"))</td><td>\(holds)</td>"
          + "<td class=\"mono\">\(HTMLText.escape(rule.figures.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")))</td></tr>"
      }
      h += "</tbody></table>"
    }
    return h + "</section>"
  }
}

/// The shared page frame of the office's HTML documents: A4 print CSS, CJK fonts that are
/// installed locally (never fetched), no script.
public enum OfficeHTML {
  public static func head(title: String, language: ReportLanguage, extraCSS: String = "") -> String {
    """
    <!DOCTYPE html>
    <html lang="\(language == .chinese ? "zh-CN" : "en")"><head><meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(HTMLText.escape(title))</title>
    <style>\(css)\(extraCSS)</style></head><body>

    """
  }

  static let css = """
    @page { size: A4; margin: 16mm 15mm 16mm 15mm; }
    :root { --ink: #1a1a1a; --blue: #2f5d9b; --red: #b22222; --rule: #c8c8c8; }
    * { box-sizing: border-box; }
    body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; color: var(--ink);
           font-size: 11pt; line-height: 1.6; margin: 0 auto; max-width: 190mm; padding: 8mm 0; background: #fff; }
    h1, h2, h3, .kicker, .figure .label, th { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimHei", sans-serif; }
    h1 { font-size: 22pt; margin: 2mm 0 4mm; text-align: center; letter-spacing: 0.05em; }
    h2 { font-size: 14pt; border-left: 4px solid var(--blue); padding-left: 3mm; margin: 8mm 0 3mm; }
    h3 { font-size: 12pt; margin: 5mm 0 2mm; }
    .kicker { text-align: center; color: var(--red); font-size: 12pt; letter-spacing: 0.3em; margin: 0;
              border-bottom: 2px solid var(--red); padding-bottom: 2mm; }
    .verdict { text-align: center; font-size: 15pt; font-weight: bold; padding: 3mm; margin: 4mm 0; border-radius: 2mm; }
    .verdict.ok { background: #eaf3ea; color: #245a2c; }
    .verdict.note { background: #fff5e0; color: #7a4b00; }
    .verdict.warn { background: #fbeaea; color: var(--red); }
    .figures { display: grid; grid-template-columns: repeat(5, 1fr); gap: 3mm; margin: 4mm 0; }
    .figure { border: 1px solid var(--rule); border-top: 3px solid var(--blue); padding: 2mm 2mm 3mm; text-align: center; }
    .figure .label { font-size: 10pt; color: #555; }
    .figure .value { font-size: 18pt; font-weight: bold; margin: 1mm 0; white-space: nowrap; }
    .figure .note { font-size: 9pt; color: #555; }
    .lead { font-size: 12pt; }
    ol.decisions li { margin: 1.5mm 0; }
    .small { font-size: 9.5pt; color: #555; margin-top: 6mm; }
    table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 2mm 0 4mm; }
    th, td { border: 1px solid var(--rule); padding: 1mm 1.5mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
    thead th { background: #e8eef6; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
    td.indent { padding-left: 6mm; }
    tr.subtotal td { font-weight: bold; background: #f5f5f5; }
    table.kv th { width: 38mm; background: #f5f5f5; }
    .mono { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; overflow-wrap: anywhere; }
    figure { margin: 3mm 0 6mm; break-inside: avoid; page-break-inside: avoid; }
    figcaption { font-size: 9.5pt; color: #7a4b00; margin-top: 1mm; }
    tr.no-plan td { color: #7a4b00; background: #fff5e0; }
    svg.chart { max-width: 100%; height: auto; font-family: "Noto Sans CJK SC", sans-serif; }
    .page + .page { break-before: page; page-break-before: always; }
    @media screen { body { padding: 10mm; } .page + .page { border-top: 1px dashed #bbb; margin-top: 10mm; padding-top: 6mm; } }
    @media print { body { padding: 0; max-width: none; } }

    """
}
