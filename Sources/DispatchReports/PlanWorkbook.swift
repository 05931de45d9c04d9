import DispatchModel
import DispatchPlanning
import Foundation
import XLSXWriter

/// `方案.xlsx` (`plan.xlsx` in English): the plan as the office works with it in Excel/WPS.
/// Sheets: 摘要 (plain words), 方案 (every slot: plan.csv's columns, then 重点项目, 党组织状态,
/// the instructor's region and district, then the ledger's own columns), 指导员 (one row per
/// instructor with his organizations), 区域汇总 (each district, then its regions), 单位汇总,
/// 未覆盖, 规则; a re-plan adds 变动. Every table has a frozen, filtered header, fitted widths,
/// ids, phone numbers and ledger columns as text (Excel never shows `001` as `1`).
public enum PlanWorkbook {
  public static func fileName(_ language: ReportLanguage) -> String { language.text("方案.xlsx", "plan.xlsx") }

  /// The sheet names, in workbook order (变动 only for a re-plan).
  public static func sheetNames(_ language: ReportLanguage, replan: Bool) -> [String] {
    let l = language
    return [l.text("摘要", "Summary"), l.text("方案", "Plan"), l.text("指导员", "Instructors"), l.text("区域汇总", "By region"),
            l.text("单位汇总", "By unit"), l.text("未覆盖", "Open slots"), l.text("规则", "Rules")]
      + (replan ? [l.text("变动", "Changes")] : [])
  }

  /// Writes the workbook to `path` (libxlsxwriter writes it when closed).
  /// - Complexity: O(cells).
  public static func write(_ overview: PlanOverview, planRows: [[String]], changes: [SlotChange]? = nil, to path: String) throws(XLSXError) {
    let l = overview.language
    let names = sheetNames(l, replan: changes != nil)
    let workbook = try XLSXWorkbook(path: path, title: l.text("选派方案", "Dispatch plan") + " — " + overview.scenarioName)
    try summarySheet(workbook.addWorksheet(names[0]), overview)
    try planSheet(workbook.addWorksheet(names[1]), overview, planRows: planRows)
    try instructorSheet(workbook.addWorksheet(names[2]), overview)
    try regionSheet(workbook.addWorksheet(names[3]), overview)
    try unitSheet(workbook.addWorksheet(names[4]), overview)
    try openSheet(workbook.addWorksheet(names[5]), overview)
    try rulesSheet(workbook.addWorksheet(names[6]), overview)
    if let changes { try changesSheet(workbook.addWorksheet(names[7]), overview, changes) }
    try workbook.close()
  }

  /// The workbook's bytes (written through a temporary file), for callers that serve it.
  public static func data(_ overview: PlanOverview, planRows: [[String]], changes: [SlotChange]? = nil) throws(XLSXError) -> Data {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("dispatch-\(UUID().uuidString).xlsx").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try write(overview, planRows: planRows, changes: changes, to: path)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .library(operation: "read back", code: -1, message: "the written workbook could not be read")
    }
    return data
  }

  static func percent(_ part: Int, _ whole: Int) -> String {
    whole == 0 ? "—" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
  }

  // MARK: - Sheets

  static func summarySheet(_ sheet: XLSXWorksheet, _ o: PlanOverview) throws(XLSXError) {
    let l = o.language, s = o.summary
    let title = XLSXStyle(bold: true, fontSize: 16)
    let label = XLSXStyle(bold: true, wrap: true, background: 0xF2F2F2, verticalTop: true, border: true)
    let value = XLSXStyle(wrap: true, verticalTop: true, border: true)
    try sheet.write(.text(l.text("选派方案摘要 — ", "Dispatch plan summary — ") + o.scenarioName), row: 0, column: 0, style: title)
    var lines: [(String, String)] = [
      (l.text("结论", "Conclusion"), o.proofSentence),
      (l.text("覆盖", "Coverage"), l.text("\(s.assigned) / \(s.slots) 个岗位已安排指导员（\(percent(s.assigned, s.slots))），涉及 \(s.organizations) 个组织",
                                       "\(s.assigned) of \(s.slots) slots have an instructor (\(percent(s.assigned, s.slots))), \(s.organizations) organizations")),
      (l.text("重点项目", "Key projects"), l.text("\(o.keyProjectsCovered) / \(o.keyProjects) 已安排", "\(o.keyProjectsCovered) of \(o.keyProjects) covered")),
      (l.text("边远乡镇", "Remote places"), l.text("\(o.remoteCovered) / \(o.remoteSlots) 已安排", "\(o.remoteCovered) of \(o.remoteSlots) covered")),
      (l.text("志愿满足", "Wishes honoured"), l.text("\(o.wishesHonoured) 个结对出自志愿（双向选择 \(s.wishes.mutual)，指导员志愿 \(s.wishes.instructorOnly)，组织志愿 \(s.wishes.organizationOnly)）",
                                                 "\(o.wishesHonoured) pairs were asked for (mutual \(s.wishes.mutual), by the instructor \(s.wishes.instructorOnly), by the organization \(s.wishes.organizationOnly))")),
      (l.text("使用指导员", "Instructors used"), l.text("\(s.instructorsUsed) / \(s.instructors) 名", "\(s.instructorsUsed) of \(s.instructors)")),
      (l.text("匹配总分", "Total score"), String(s.objective)),
    ]
    let decisions = o.decisions
    lines.append((l.text("尚需办公室决定", "Still to decide"), decisions.isEmpty ? l.text("无", "nothing") : decisions.enumerated().map { "\($0 + 1). \($1)" }.joined(separator: "\n")))
    lines.append((l.text("独立校验", "Independent check"), s.checkerPassed ? l.text("通过：覆盖、人数上限、指定与禁止、总分均已复核", "passed: coverage, capacities, locks, forbids and the score re-verified")
                                                                    : l.text("未通过：", "FAILED: ") + s.checkerFindings.joined(separator: "; ")))
    lines.append((l.text("工作表说明", "Sheets"), l.text("方案：每个岗位一行；指导员：每人一行及其联系组织；区域汇总、单位汇总：分片区、区域和选派单位统计；未覆盖：空缺岗位及原因；规则：各项规则是否满足",
                                                  "Plan: one row per slot; Instructors: one row per instructor; By region, By unit: roll-ups; Open slots: with reasons; Rules: each rule and whether it holds")))
    for (r, line) in lines.enumerated() {
      try sheet.write(.text(line.0), row: r + 2, column: 0, style: label)
      try sheet.write(.text(line.1), row: r + 2, column: 1, style: value)
    }
    try sheet.setColumns(0, 0, width: 18)
    try sheet.setColumns(1, 1, width: 90)
    try sheet.activate()
  }

  static func planSheet(_ sheet: XLSXWorksheet, _ o: PlanOverview, planRows: [[String]]) throws(XLSXError) {
    let l = o.language
    let known = l == .chinese ? PlanTable.header : [
      "Organization id", "Organization", "Region", "Industry", "Role", "Instructor id", "Instructor", "Sending unit", "Score",
      "Score breakdown", "Wish", "Note",
    ]
    let added = [l.text("重点项目", "Key project"), l.text("党组织状态", "Party status"), l.text("指导员所在区域", "Instructor's region"),
                 l.text("片区", "District")]
    var columns: [XLSXTableColumn] = known.enumerated().map { c, header in
      switch c {
      case 0, 5: XLSXTableColumn(header, .identifier)
      case 8: XLSXTableColumn(header, .number)
      case 9: XLSXTableColumn(header, .text, maximumWidth: 60)
      default: XLSXTableColumn(header, .text, maximumWidth: 36)
      }
    }
    columns += added.map { XLSXTableColumn($0, .text, maximumWidth: 24) }
    let extraCount = max(0, (planRows.first?.count ?? known.count) - known.count)
    let extraNames = o.organizationExtraHeaders + o.instructorExtraHeaders.map(PlanTable.ExtraColumns.instructorHeader)
    for k in 0..<extraCount { columns.append(XLSXTableColumn(k < extraNames.count ? extraNames[k] : "", .identifier, maximumWidth: 40)) }
    var rows: [[XLSXCell]] = []
    rows.reserveCapacity(o.slots.count)
    for (k, slot) in o.slots.enumerated() {
      let csv = k < planRows.count ? planRows[k] : []
      var row: [XLSXCell] = []
      for c in 0..<known.count {
        let text = c < csv.count ? csv[c] : ""
        if c == 8, let score = Int(text) { row.append(.integer(score)) } else { row.append(text.isEmpty ? .blank : .text(text)) }
      }
      row += [.text(o.yes(slot.organization.keyProject)), .text(o.partyStatusName(slot.organization.partyStatus)),
              .text(slot.instructorRegionName), .text(slot.district)]
      for c in known.count..<(known.count + extraCount) { row.append(c < csv.count && !csv[c].isEmpty ? .text(csv[c]) : .blank) }
      rows.append(row)
    }
    try sheet.writeTable(columns: columns, rows: rows)
    try sheet.printOnA4Landscape(repeatHeaderRow: 0)
  }

  static func instructorSheet(_ sheet: XLSXWorksheet, _ o: PlanOverview) throws(XLSXError) {
    let l = o.language
    var columns = [
      XLSXTableColumn(l.text("指导员编号", "Instructor id"), .identifier), XLSXTableColumn(l.text("姓名", "Name")),
      XLSXTableColumn(l.text("选派单位", "Sending unit"), .text, maximumWidth: 30), XLSXTableColumn(l.text("所在区域", "Region")),
      XLSXTableColumn(l.text("片区", "District")), XLSXTableColumn(l.text("联系岗位数", "Slots"), .number),
      XLSXTableColumn(l.text("负荷", "Load"), .number), XLSXTableColumn(l.text("上限", "Capacity"), .number),
      XLSXTableColumn(l.text("联系组织", "Organizations"), .text, maximumWidth: 44),
      XLSXTableColumn(l.text("组织地址", "Addresses"), .text, maximumWidth: 44),
      XLSXTableColumn(l.text("组织联系人及电话", "Contacts"), .text, maximumWidth: 36),
    ]
    columns += o.instructorExtraHeaders.map { XLSXTableColumn($0, .identifier, maximumWidth: 30) }
    var rows: [[XLSXCell]] = []
    for load in o.instructors {
      let slots = load.slotIndices.map { o.slots[$0] }
      let names = slots.map { "\($0.organization.name)（\($0.organization.id.rawValue)\($0.role == .instructor ? "" : "，" + o.roleName($0.role))）" }
      let addresses = slots.map { LedgerContact.address($0.organization.extraFields) ?? "—" }
      let contacts = slots.map { slot -> String in
        let person = LedgerContact.person(slot.organization.extraFields), phone = LedgerContact.phone(slot.organization.extraFields)
        return [person, phone].compactMap { $0 }.joined(separator: " ").nonEmpty ?? "—"
      }
      var row: [XLSXCell] = [.text(load.instructor.id.rawValue), .text(load.instructor.name), .text(load.unitName), .text(load.regionName),
                             .text(load.district), .integer(slots.count), .integer(load.load), .integer(load.capacity),
                             .text(names.joined(separator: "\n")), .text(slots.isEmpty ? "" : addresses.joined(separator: "\n")),
                             .text(slots.isEmpty ? "" : contacts.joined(separator: "\n"))]
      row += load.instructor.extraFields.values(o.instructorExtraHeaders).map { $0.map { .text($0) } ?? .blank }
      rows.append(row)
    }
    try sheet.writeTable(columns: columns, rows: rows)
    try sheet.printOnA4Landscape(repeatHeaderRow: 0)
  }

  static func rollupColumns(_ l: ReportLanguage, first: [XLSXTableColumn]) -> [XLSXTableColumn] {
    first + [
      XLSXTableColumn(l.text("岗位", "Slots"), .number), XLSXTableColumn(l.text("已覆盖", "Covered"), .number),
      XLSXTableColumn(l.text("覆盖率", "Rate"), .percent), XLSXTableColumn(l.text("未覆盖", "Open"), .number),
      XLSXTableColumn(l.text("重点项目", "Key projects"), .number), XLSXTableColumn(l.text("重点项目已覆盖", "Key projects covered"), .number),
      XLSXTableColumn(l.text("边远岗位", "Remote slots"), .number), XLSXTableColumn(l.text("边远已覆盖", "Remote covered"), .number),
      XLSXTableColumn(l.text("使用指导员", "Instructors used"), .number),
    ]
  }

  static func rollupCells(_ r: PlanOverview.Rollup) -> [XLSXCell] {
    [.integer(r.slots), .integer(r.covered), .number(r.rate), .integer(r.open), .integer(r.keyProjects), .integer(r.keyProjectsCovered),
     .integer(r.remoteSlots), .integer(r.remoteCovered), .integer(r.instructorsUsed)]
  }

  static func regionSheet(_ sheet: XLSXWorksheet, _ o: PlanOverview) throws(XLSXError) {
    let l = o.language
    let columns = rollupColumns(l, first: [
      XLSXTableColumn(l.text("层级", "Level")), XLSXTableColumn(l.text("片区", "District")),
      XLSXTableColumn(l.text("区域编号", "Region id"), .identifier), XLSXTableColumn(l.text("区域", "Region")),
      XLSXTableColumn(l.text("边远", "Remote")),
    ])
    var rows: [[XLSXCell]] = []
    for district in o.districts {
      rows.append([.text(l.text("片区合计", "district total")), .text(district.name), .blank, .blank, .blank] + rollupCells(district))
      for region in o.regions where region.district == district.name {
        rows.append([.text(l.text("区域", "region")), .text(region.district), .text(region.key), .text(region.name), .text(o.yes(region.remote))]
          + rollupCells(region))
      }
    }
    var total = PlanOverview.Rollup(key: "", name: "")
    for d in o.districts {
      total.slots += d.slots; total.covered += d.covered; total.keyProjects += d.keyProjects; total.keyProjectsCovered += d.keyProjectsCovered
      total.remoteSlots += d.remoteSlots; total.remoteCovered += d.remoteCovered
    }
    total.instructorsUsed = o.summary.instructorsUsed
    rows.append([.text(l.text("全市合计", "total")), .blank, .blank, .blank, .blank] + rollupCells(total))
    try sheet.writeTable(columns: columns, rows: rows)
  }

  static func unitSheet(_ sheet: XLSXWorksheet, _ o: PlanOverview) throws(XLSXError) {
    let l = o.language
    let columns = [
      XLSXTableColumn(l.text("单位编号", "Unit id"), .identifier), XLSXTableColumn(l.text("选派单位", "Sending unit"), .text, maximumWidth: 36),
      XLSXTableColumn(l.text("在册指导员", "Instructors"), .number), XLSXTableColumn(l.text("使用指导员", "Instructors used"), .number),
      XLSXTableColumn(l.text("联系岗位", "Slots covered"), .number), XLSXTableColumn(l.text("重点项目", "Key projects"), .number),
      XLSXTableColumn(l.text("边远岗位", "Remote slots"), .number),
    ]
    let rows: [[XLSXCell]] = o.units.map { u in
      [.text(u.key), .text(u.name), .integer(u.instructors), .integer(u.instructorsUsed), .integer(u.covered), .integer(u.keyProjectsCovered),
       .integer(u.remoteCovered)]
    }
    try sheet.writeTable(columns: columns, rows: rows)
  }

  static func openSheet(_ sheet: XLSXWorksheet, _ o: PlanOverview) throws(XLSXError) {
    let l = o.language
    var columns = [
      XLSXTableColumn(l.text("组织编号", "Organization id"), .identifier), XLSXTableColumn(l.text("组织名称", "Organization"), .text, maximumWidth: 36),
      XLSXTableColumn(l.text("区域", "Region")), XLSXTableColumn(l.text("片区", "District")), XLSXTableColumn(l.text("职务", "Role")),
      XLSXTableColumn(l.text("重点项目", "Key project")), XLSXTableColumn(l.text("边远", "Remote")),
      XLSXTableColumn(l.text("原因", "Reason"), .text, maximumWidth: 40),
    ]
    columns += o.organizationExtraHeaders.map { XLSXTableColumn($0, .identifier, maximumWidth: 30) }
    let rows: [[XLSXCell]] = o.slots.filter { $0.instructor == nil }.map { slot in
      [.text(slot.organization.id.rawValue), .text(slot.organization.name), .text(slot.regionName), .text(slot.district),
       .text(o.roleName(slot.role)), .text(o.yes(slot.organization.keyProject)), .text(o.yes(slot.remote)), .text(slot.openReason)]
        + slot.organization.extraFields.values(o.organizationExtraHeaders).map { $0.map { .text($0) } ?? .blank }
    }
    try sheet.writeTable(columns: columns, rows: rows)
  }

  static func rulesSheet(_ sheet: XLSXWorksheet, _ o: PlanOverview) throws(XLSXError) {
    let l = o.language
    let columns = [
      XLSXTableColumn(l.text("规则", "Rule"), .text, maximumWidth: 30), XLSXTableColumn(l.text("设置项", "Setting key"), .identifier),
      XLSXTableColumn(l.text("设置", "Setting")), XLSXTableColumn(l.text("是否生效", "In force")),
      XLSXTableColumn(l.text("是否满足", "Holds")), XLSXTableColumn(l.text("软约束扣分", "Soft-rule points lost"), .number),
      XLSXTableColumn(l.text("数据", "Figures"), .text, maximumWidth: 50),
    ]
    let rules = (o.summary.rules ?? [:]).values.sorted { ($0.inForce ? 0 : 1, $0.key) < ($1.inForce ? 0 : 1, $1.key) }
    let rows: [[XLSXCell]] = rules.map { rule in
      let holds = !rule.inForce ? "—" : rule.satisfied ? l.text("满足", "holds") : rule.softWeight != nil
        ? l.text("未完全满足（软约束 \(rule.violations) 处）", "not everywhere (soft, \(rule.violations))") : l.text("未满足", "BROKEN")
      return [.text(rule.name), .text(rule.key), .text(rule.setting), .text(rule.inForce ? l.text("是", "yes") : l.text("否", "no")), .text(holds),
              .integer(rule.penalty), .text(rule.figures.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "，"))]
    }
    try sheet.writeTable(columns: columns, rows: rows)
  }

  static func changesSheet(_ sheet: XLSXWorksheet, _ o: PlanOverview, _ changes: [SlotChange]) throws(XLSXError) {
    let l = o.language
    let columns = [
      XLSXTableColumn(l.text("组织编号", "Organization id"), .identifier), XLSXTableColumn(l.text("组织名称", "Organization"), .text, maximumWidth: 36),
      XLSXTableColumn(l.text("职务", "Role")), XLSXTableColumn(l.text("变动", "Change")),
      XLSXTableColumn(l.text("原指导员编号", "Previous id"), .identifier), XLSXTableColumn(l.text("原指导员", "Previous")),
      XLSXTableColumn(l.text("新指导员编号", "New id"), .identifier), XLSXTableColumn(l.text("新指导员", "New")),
      XLSXTableColumn(l.text("原因", "Reason"), .text, maximumWidth: 44), XLSXTableColumn(l.text("得分变化", "Points"), .number),
    ]
    var names: [InstructorID: String] = [:]
    for load in o.instructors { names[load.instructor.id] = load.instructor.name }
    let rows: [[XLSXCell]] = changes.map { c in
      [.text(c.organization.rawValue), .text(c.organizationName), .text(o.roleName(c.role)),
       .text(l == .chinese ? c.status.chineseName : c.status.rawValue),
       c.previous.map { .text($0.rawValue) } ?? .blank, c.previous.flatMap { names[$0] }.map { .text($0) } ?? .blank,
       c.current.map { .text($0.rawValue) } ?? .blank, c.current.flatMap { names[$0] }.map { .text($0) } ?? .blank,
       .text(c.reason), c.scoreChange.map { .integer($0) } ?? .blank]
    }
    try sheet.writeTable(columns: columns, rows: rows)
  }
}

extension String {
  var nonEmpty: String? { isEmpty ? nil : self }
}

/// `候选方案比较.xlsx` (`candidates.xlsx`): one row per candidate plan of `--candidates`, with
/// the figures of `PlanMetrics` (score, gap, coverage, wishes, remote places, loads, differences).
public enum CandidateWorkbook {
  public static func fileName(_ language: ReportLanguage) -> String { language.text("候选方案比较.xlsx", "candidates.xlsx") }

  public static func data(_ metrics: [PlanMetrics], minimumScore: Int, language l: ReportLanguage) throws(XLSXError) -> Data {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("dispatch-\(UUID().uuidString).xlsx").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let workbook = try XLSXWorkbook(path: path, title: l.text("候选方案比较", "Candidate plans"))
    let sheet = try workbook.addWorksheet(l.text("候选方案比较", "Candidates"))
    let columns = [
      XLSXTableColumn(l.text("候选方案", "Candidate"), .identifier), XLSXTableColumn(l.text("得分", "Score"), .number),
      XLSXTableColumn(l.text("与最优差距", "Gap to best"), .percent), XLSXTableColumn(l.text("已覆盖岗位", "Covered"), .number),
      XLSXTableColumn(l.text("岗位", "Slots"), .number), XLSXTableColumn(l.text("双向选择", "Mutual wishes"), .number),
      XLSXTableColumn(l.text("阻塞对", "Blocking pairs"), .number), XLSXTableColumn(l.text("边远已覆盖", "Remote covered"), .number),
      XLSXTableColumn(l.text("使用指导员", "Instructors used"), .number), XLSXTableColumn(l.text("最少负荷", "Least load"), .number),
      XLSXTableColumn(l.text("最多负荷", "Most load"), .number), XLSXTableColumn(l.text("负荷标准差", "Load std. dev."), .number),
      XLSXTableColumn(l.text("与方案一不同的岗位", "Slots unlike #1"), .number),
    ]
    let rows: [[XLSXCell]] = metrics.map { m in
      [.text(m.name), .integer(m.score), m.gap.map { .number($0) } ?? .blank, .integer(m.covered), .integer(m.slots), .integer(m.mutualWishes),
       .integer(m.blockingPairs), m.remoteCovered.map { .integer($0) } ?? .blank, .integer(m.instructorsUsed), .integer(m.loadMin),
       .integer(m.loadMax), .number((m.loadStandardDeviation * 100).rounded() / 100), m.differentFromFirst.map { .integer($0) } ?? .blank]
    }
    try sheet.writeTable(columns: columns, rows: rows, headerRow: 2)
    try sheet.write(.text(l.text("各候选方案得分均不低于 \(minimumScore)；每个候选方案的明细见 candidate-N 文件夹中的方案.xlsx。",
                                 "Every candidate scores at least \(minimumScore); each candidate's details are in candidate-N/plan.xlsx.")),
                    row: 0, column: 0, style: XLSXStyle(bold: true))
    try workbook.close()
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .library(operation: "read back", code: -1, message: "the written workbook could not be read")
    }
    return data
  }
}
