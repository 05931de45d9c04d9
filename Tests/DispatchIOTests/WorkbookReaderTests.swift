import DispatchModel
import Foundation
import Testing
@testable import DispatchIO

func workbookFixture(_ name: String) -> URL { fixture("workbooks").appendingPathComponent(name) }

/// .xlsx ledgers read into the tables the CSV path produces (issue 11 §1). Fixtures are written
/// by Fixtures/workbooks/make_workbooks.py (openpyxl, and raw XML for the cell kinds it never writes).
@Suite struct WorkbookReaderTests {
  @Test func cellsAsExcelShowsThem() throws {
    let book = try WorkbookReader.read(Data(contentsOf: workbookFixture("inline.xlsx")))
    let sheet = try #require(book.sheets.first)
    #expect(sheet.name == "Cells")
    #expect(sheet.rows.map(\.number) == [2, 3, 4])
    // Inline strings (also in runs), shared strings without phonetic runs, prefixed elements.
    #expect(sheet.rows[0].cells == ["编号", "姓名", "联系上限", "标记", "错误", "日期", "时间"])
    // Formula text, 3.0 → 3, TRUE, an error value, a custom Chinese date format, a time; H3 has no value.
    #expect(sheet.rows[1].cells == ["007", "张伟 ", "3", "TRUE", "#N/A", "2024-03-01", "12:00:00"])
    // A numeric id 12; the shortest text of a double; FALSE; B4 absent.
    #expect(sheet.rows[2].cells == ["12", "", "0.3", "FALSE"])
  }

  @Test func openpyxlLedgerReadsAsItsCSVTwin() throws {
    let result = try ScenarioReader().read(folder: workbookFixture("ledger.xlsx"))
    let instructors = result.scenario.instructors
    // The text id 001 stays 001; the numeric id 2 is 2; capacity 1.0 is 1.
    #expect(instructors.map(\.id.rawValue) == ["001", "2", "I3"])
    #expect(instructors.map(\.capacity) == [2, 1, 1])
    #expect(instructors[0].extraFields == [LedgerField(header: "联系电话", value: "13800000001"), LedgerField(header: "入职日期", value: "2024-03-01")])
    #expect(instructors[1].extraFields.value("入职日期") == "2023-12-31T08:30:00")
    #expect(result.scenario.organizations.map(\.keyProject) == [true, false, false])
    #expect(result.scenario.units.map(\.name) == ["区市场监督管理局"])
    // The hidden sheet is a warning; the empty sheet and the notes sheet say nothing.
    let hidden = try #require(result.warnings.first { $0.problem == .hiddenSheet })
    #expect(hidden.description.hasPrefix("ledger.xlsx!旧数据: warning: "))
    #expect(!result.warnings.contains { if case .unknownSheet = $0.problem { true } else { false } })
  }

  @Test func problemsAreLocatedAsWorkbookSheetCell() {
    let issues = readIssues(workbookFixture("bad.xlsx"))
    let errors = issues.filter { $0.severity == .error }.map(\.description)
    #expect(errors == [
      "bad.xlsx!指导员!E5: capacity must be a whole number ≥ 0 / 联系上限须为非负整数: \"abc\"",
      "bad.xlsx!组织!C3: region must not be empty / 区域不能为空",
    ])
  }

  @Test func theSameTableAsSheetAndCSVIsAnError() throws {
    let folder = temporaryPath("sheet-missing-column")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: workbookFixture("ledger.xlsx"), to: folder.appendingPathComponent("台账.xlsx"))
    // A folder mixing a workbook and CSV: units from units.csv as well is the same table twice.
    try Data("id,name\nU1,局\n".utf8).write(to: folder.appendingPathComponent("units.csv"))
    let issues = readIssues(folder)
    #expect(issues.map(\.description).contains("台账.xlsx!Units: the same table is given twice / 同一张表出现两次: also units.csv"))
  }

  @Test func aFolderMixingWorkbooksAndCSV() throws {
    let folder = temporaryPath("mixed")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: workbookFixture("ledger.xlsx"), to: folder.appendingPathComponent("台账.xlsx"))
    try Data("编号,名称\nR1,城关镇\nR2,汤口镇\n".utf8).write(to: folder.appendingPathComponent("区域.csv"))
    try Data("x\n".utf8).write(to: folder.appendingPathComponent("~$台账.xlsx"))
    let result = try ScenarioReader().read(folder: folder)
    #expect(result.scenario.regions.map(\.name) == ["城关镇", "汤口镇"])
    #expect(result.scenario.instructors.count == 3)
  }

  @Test(arguments: [("old.xls", WorkbookProblem.oldBinaryFormat), ("locked.xlsx", .passwordProtected)])
  func refusedFormatsSayHowToSaveAsXLSX(_ name: String, _ problem: WorkbookProblem) throws {
    #expect(throws: WorkbookError(problem)) { try WorkbookReader.read(Data(contentsOf: workbookFixture(name))) }
    let issues = readIssues(workbookFixture(name))
    #expect(issues.map(\.problem) == [.unreadableWorkbook(problem)])
    #expect(issues[0].message.contains(".xlsx"))
  }

  @Test func notAZipAndTruncatedZipAreRefusedNotCrashed() throws {
    #expect(throws: WorkbookError.self) { try WorkbookReader.read(Data("id,name\n".utf8)) }
    let bytes = try Data(contentsOf: workbookFixture("ledger.xlsx"))
    for cut in stride(from: 0, to: bytes.count, by: 997) {
      _ = try? WorkbookReader.read(bytes.prefix(cut))
    }
  }

  @Test func aWorkbookWithoutARequiredSheetNamesTheSheets() {
    // inline.xlsx has one sheet, "Cells", which names no table.
    let issues = readIssues(workbookFixture("inline.xlsx"))
    #expect(issues.contains { $0.problem == .sheetMissing(acceptedNames: ["instructors", "指导员"]) && $0.file == "inline.xlsx" })
    #expect(issues.contains { if case .unknownSheet = $0.problem { $0.sheet == "Cells" } else { false } })
  }

  @Test func aPartThatIsNotUTF8IsRefusedNotATrap() throws {
    #expect(throws: WorkbookError(.malformed(part: "xl/worksheets/sheet1.xml", detail: "not UTF-8 text / 不是 UTF-8 文本"))) {
      try WorkbookReader.read(Data(contentsOf: workbookFixture("notutf8.xlsx")))
    }
  }

  @Test func serialDatesInBothDateSystems() {
    #expect(CellFormatter.iso(serial: 1, kind: .date, date1904: false) == "1900-01-01")
    #expect(CellFormatter.iso(serial: 59, kind: .date, date1904: false) == "1900-02-28")
    #expect(CellFormatter.iso(serial: 61, kind: .date, date1904: false) == "1900-03-01")
    #expect(CellFormatter.iso(serial: 45352, kind: .date, date1904: false) == "2024-03-01")
    #expect(CellFormatter.iso(serial: 0, kind: .date, date1904: true) == "1904-01-01")
    #expect(CellStyles.dateKind(code: "yyyy\"年\"m\"月\"d\"日\"") == .date)
    #expect(CellStyles.dateKind(code: "0.00%") == .none)
    #expect(CellStyles.dateKind(code: "[Red]#,##0") == .none)
    #expect(CellStyles.dateKind(code: "h:mm") == .time)
  }

  @Test func cellReferences() {
    #expect(CellReference.parse("C5")! == (2, 5))
    #expect(CellReference.parse("XFD1048576")! == (16_383, 1_048_576))
    #expect(CellReference.parse("XFE1") == nil)
    #expect(CellReference.columnLetters(0) == "A" && CellReference.columnLetters(26) == "AA" && CellReference.columnLetters(16_383) == "XFD")
  }
}
