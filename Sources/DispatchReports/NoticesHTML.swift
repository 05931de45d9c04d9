import DispatchModel
import Foundation

/// `notices.html`: the letters the office hands out, each on its own printed A4 page, in the
/// order the office files them (district, then unit): one 选派通知书 per instructor (his
/// organizations with name, address, contact and needs) and one 告知书 per organization (its
/// instructor, his unit and contact). The issuing office and its contact line come from
/// settings.csv (`office_name`, `office_contact`). The date is left blank for the seal.
public enum NoticesHTML {
  public enum Kind: Sendable, CaseIterable {
    /// 选派通知书: one per instructor with at least one organization.
    case instructor
    /// 告知书: one per covered organization slot.
    case organization

    public func pdfName(_ language: ReportLanguage) -> String {
      switch self {
      case .instructor: language.text("选派通知书.pdf", "instructor-notices.pdf")
      case .organization: language.text("告知书.pdf", "organization-notices.pdf")
      }
    }
  }

  public static let fileName = "notices.html"

  /// The notices of `kinds`, instructors' first.
  /// - Complexity: O(*s* log *s*) for *s* slots.
  public static func render(_ o: PlanOverview, kinds: [Kind] = Kind.allCases) -> String {
    let l = o.language
    var h = OfficeHTML.head(title: l.text("选派通知书与告知书", "Dispatch notices") + " — " + o.scenarioName, language: l, extraCSS: css)
    var first = true
    func open() -> String {
      defer { first = false }
      return first ? "<section class=\"notice\">" : "<section class=\"notice next\">"
    }
    if kinds.contains(.instructor) {
      for load in o.instructorsInFilingOrder { h += open() + instructorNotice(o, load) + "</section>" }
    }
    if kinds.contains(.organization) {
      for slot in o.coveredSlotsInFilingOrder { h += open() + organizationNotice(o, slot) + "</section>" }
    }
    if first { h += "<p>\(l.text("没有可印发的通知书：方案中没有已安排的岗位。", "No notices: the plan covers no slot."))</p>" }
    return h + "</body></html>\n"
  }

  static let css = """
    body { max-width: 180mm; }
    .notice { font-size: 12pt; line-height: 1.75; }
    .notice.next { break-before: page; page-break-before: always; }
    .notice .office { text-align: center; color: var(--red); font-size: 20pt; font-weight: bold; letter-spacing: 0.15em;
                      font-family: "Noto Serif CJK SC", serif; margin: 0; }
    .notice .redline { border: 0; border-top: 2px solid var(--red); margin: 2mm 0 6mm; }
    .notice h1 { font-size: 20pt; margin: 2mm 0 6mm; }
    .notice p.body { text-indent: 2em; margin: 2mm 0; }
    .notice table { font-size: 10pt; }
    .notice .sign { text-align: right; margin-top: 10mm; }
    .notice .contact { margin-top: 6mm; font-size: 10.5pt; }
    .notice .filing { font-size: 8pt; color: #888; text-align: right; margin-top: 6mm; font-family: "DejaVu Sans Mono", monospace; }
    @media screen { .notice.next { border-top: 1px dashed #bbb; margin-top: 10mm; padding-top: 8mm; } }

    """

  static func letterhead(_ o: PlanOverview) -> String {
    let office = o.settings.officeName ?? o.language.text("党建工作指导员选派工作办公室", "Party-building instructor dispatch office")
    return "<p class=\"office\">\(HTMLText.escape(office))</p><hr class=\"redline\">"
  }

  static func closing(_ o: PlanOverview) -> String {
    let l = o.language
    var h = ""
    if let contact = o.settings.officeContact {
      h += "<p class=\"contact\">\(l.text("联系方式", "Contact")): \(HTMLText.escape(contact))</p>"
    }
    let office = o.settings.officeName ?? l.text("党建工作指导员选派工作办公室", "Party-building instructor dispatch office")
    h += "<p class=\"sign\">\(HTMLText.escape(office))<br>\(l.text("（盖章）", "(seal)"))<br>\(l.text("年　　月　　日", "Date: ____________"))</p>"
    return h
  }

  static func instructorNotice(_ o: PlanOverview, _ load: PlanOverview.InstructorLoad) -> String {
    let l = o.language
    let slots = load.slotIndices.map { o.slots[$0] }
    let roles = Set(slots.map(\.role))
    let roleText = roles.count == 1 ? o.roleName(slots[0].role) : l.text("党建工作指导员", "party-building instructor")
    var h = letterhead(o)
    h += "<h1>\(l.text("选派通知书", "Notice of dispatch"))</h1>"
    h += "<p>\(HTMLText.escape(load.instructor.name))\(l.text("同志（", " ("))\(HTMLText.escape(load.unitName))\(l.text("）：", "):"))</p>"
    h += "<p class=\"body\">" + l.text(
      "经研究，选派您担任以下\(slots.count)个组织的\(roleText)。请在收到本通知后一个月内与各组织负责人取得联系，了解组织情况和需求，按照有关要求开展指导工作。",
      "You are appointed \(roleText) of the \(slots.count) organizations below. Please contact each of them within a month of this notice, learn what they need and guide their work as required.") + "</p>"
    h += "<table><thead><tr>" + [l.text("序号", "No."), l.text("组织名称", "Organization"), l.text("地址", "Address"), l.text("联系人及电话", "Contact"),
                                 l.text("需求", "Needs"), l.text("职务", "Role")].map { "<th>\($0)</th>" }.joined() + "</tr></thead><tbody>"
    for (k, slot) in slots.enumerated() {
      let org = slot.organization
      let contact = [LedgerContact.person(org.extraFields), LedgerContact.phone(org.extraFields)].compactMap { $0 }.joined(separator: " ")
      let name = org.name + (org.keyProject ? l.text("（重点项目）", " (key project)") : "")
      h += "<tr><td class=\"num\">\(k + 1)</td><td>\(HTMLText.escape(name))<br><span class=\"mono\">\(HTMLText.escape(org.id.rawValue))</span></td>"
        + "<td>\(HTMLText.escape(LedgerContact.address(org.extraFields) ?? slot.regionName))</td>"
        + "<td>\(HTMLText.escape(contact.isEmpty ? "—" : contact))</td>"
        + "<td>\(HTMLText.escape(org.needs.isEmpty ? "—" : org.needs.joined(separator: "、")))</td><td>\(o.roleName(slot.role))</td></tr>"
    }
    h += "</tbody></table>"
    h += closing(o)
    h += "<p class=\"filing\">\(HTMLText.escape(load.district)) · \(HTMLText.escape(load.unitName)) · \(HTMLText.escape(load.instructor.id.rawValue))</p>"
    return h
  }

  static func organizationNotice(_ o: PlanOverview, _ slot: PlanOverview.Slot) -> String {
    let l = o.language
    guard let instructor = slot.instructor else { return "" }
    let phone = LedgerContact.phone(instructor.extraFields)
    var h = letterhead(o)
    h += "<h1>\(l.text("告知书", "Notice to the organization"))</h1>"
    h += "<p>\(HTMLText.escape(slot.organization.name))\(l.text("：", ":"))</p>"
    h += "<p class=\"body\">" + l.text(
      "根据党建工作指导员选派工作安排，现选派\(HTMLText.escape(instructor.name))同志（\(HTMLText.escape(slot.unitName))）担任贵单位\(o.roleName(slot.role))。请贵单位确定一名联系人，积极配合做好相关工作。",
      "Under the office's dispatch plan, \(HTMLText.escape(instructor.name)) of \(HTMLText.escape(slot.unitName)) is appointed \(o.roleName(slot.role)) of your organization. Please name a contact person and support this work.") + "</p>"
    h += "<table class=\"kv\"><tbody>"
    h += "<tr><th>\(l.text("指导员", "Instructor"))</th><td>\(HTMLText.escape(instructor.name))</td></tr>"
    h += "<tr><th>\(l.text("选派单位", "Sending unit"))</th><td>\(HTMLText.escape(slot.unitName))</td></tr>"
    h += "<tr><th>\(l.text("联系电话", "Phone"))</th><td>\(HTMLText.escape(phone ?? l.text("（由选派单位告知）", "(given by the sending unit)")))</td></tr>"
    h += "<tr><th>\(l.text("职务", "Role"))</th><td>\(o.roleName(slot.role))</td></tr>"
    h += "</tbody></table>"
    h += closing(o)
    h += "<p class=\"filing\">\(HTMLText.escape(slot.district)) · \(HTMLText.escape(slot.regionName)) · \(HTMLText.escape(slot.organization.id.rawValue))</p>"
    return h
  }
}
