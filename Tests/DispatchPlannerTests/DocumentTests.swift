import DispatchModel
import DispatchPlanner
import DispatchReports
import DispatchTestSupport
import Foundation
import Testing

/// The office's documents: escaping, the roll-ups they share, the plain-words proof sentence,
/// one notice per instructor and per covered slot.
@Suite struct DocumentTests {
  static func tinyResult(_ scenario: Scenario = ScenarioFixtures.tiny()) throws -> PlanResult {
    try Planner().plan(scenario, name: "tiny", inputSHA256: "0")
  }

  @Test func htmlEscapingShowsMarkupAsText() {
    #expect(HTMLText.escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
    #expect(HTMLText.escape("a&b \"c\" 'd'") == "a&amp;b &quot;c&quot; &#39;d&#39;")
    #expect(HTMLText.escape("一\r\n二\n三") == "一<br>二<br>三")
    #expect(HTMLText.escape("x\u{7}y") == "x y")
  }

  @Test func markdownCellsKeepTheTableShape() {
    let cell = MarkdownText.cell("甲|乙\n<b>丙</b>*强调*")
    #expect(!cell.contains("\n"))
    #expect(!cell.contains("<"))
    #expect(cell.replacingOccurrences(of: "\\|", with: "").contains("|") == false)
    #expect(cell == "甲\\|乙 &lt;b&gt;丙&lt;/b&gt;\\*强调\\*")
  }

  @Test func theRollupsAddUpToTheSummary() throws {
    let result = try Self.tinyResult()
    let o = PlanOverview(summary: result.summary, plan: result.plan, model: result.model)
    #expect(o.slots.count == result.summary.slots)
    #expect(o.districts.reduce(0) { $0 + $1.covered } == result.summary.assigned)
    #expect(o.regions.reduce(0) { $0 + $1.slots } == result.summary.slots)
    #expect(o.units.reduce(0) { $0 + $1.covered } == result.summary.assigned)
    #expect(o.units.reduce(0) { $0 + $1.instructorsUsed } == result.summary.instructorsUsed)
    #expect(o.instructors.reduce(0) { $0 + $1.slotIndices.count } == result.summary.assigned)
    // R2 is remote with two organizations in the fixture.
    #expect(o.remoteSlots == 2)
  }

  @Test func theProofSentenceNeverClaimsMoreThanIsProven() {
    #expect(PlanOverview.ceilingPercent(0.0007) == "0.07%")
    #expect(PlanOverview.ceilingPercent(0.00061) == "0.07%")
    #expect(PlanOverview.ceilingPercent(0) == "0.00%")
  }

  @Test func oneNoticePerInstructorUsedAndPerCoveredSlot() throws {
    let result = try Self.tinyResult()
    let o = PlanOverview(summary: result.summary, plan: result.plan, model: result.model)
    let instructors = NoticesHTML.render(o, kinds: [.instructor])
    let organizations = NoticesHTML.render(o, kinds: [.organization])
    #expect(instructors.components(separatedBy: "<section class=\"notice").count - 1 == result.summary.instructorsUsed)
    #expect(organizations.components(separatedBy: "<section class=\"notice").count - 1 == result.summary.assigned)
  }

  @Test func theReportIsSelfContained() throws {
    let result = try Self.tinyResult()
    let html = ReportHTML.render(PlanOverview(summary: result.summary, plan: result.plan, model: result.model))
    #expect(!html.contains("<script"))
    #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1 == html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count - 1)
    #expect(!html.contains("https://"))
    #expect(!html.contains("@import") && !html.contains("url("))
  }

  @Test func theWorkbookIsWrittenBesideThePlan() throws {
    let result = try Self.tinyResult()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docs-\(UUID().uuidString)")
    try PlanWriter.write(result, to: folder)
    for name in ["方案.xlsx", "report.html", "notices.html"] {
      #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
    }
    // Same plan, same bytes.
    let again = FileManager.default.temporaryDirectory.appendingPathComponent("docs-\(UUID().uuidString)")
    try PlanWriter.write(result, to: again)
    for name in ["方案.xlsx", "report.html", "notices.html"] {
      #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
        == FileManager.default.contents(atPath: again.appendingPathComponent(name).path), "\(name)")
    }
  }
}
