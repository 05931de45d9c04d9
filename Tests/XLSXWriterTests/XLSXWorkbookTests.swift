import Foundation
import Testing
import XLSXWriter

@Suite struct XLSXWorkbookTests {
  static func temporaryPath(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xlsxwriter-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name).path
  }

  static func writeSample(to path: String) throws {
    let workbook = try XLSXWorkbook(path: path, title: "样例")
    let sheet = try workbook.addWorksheet("方案")
    try sheet.writeTable(columns: [XLSXTableColumn("组织编号", .identifier), XLSXTableColumn("名称"), XLSXTableColumn("得分", .number)],
                         rows: [[.text("001"), .text("甲公司 <b>|"), .integer(42)], [.integer(7), .text("乙\n社"), .number(3.5)]])
    let hidden = try workbook.addWorksheet("notes")
    try hidden.write(.text("x"), row: 0, column: 0)
    try hidden.hide()
    try workbook.close()
  }

  @Test func aClosedWorkbookIsAZipFileAndTheSameContentGivesTheSameBytes() throws {
    let a = Self.temporaryPath("a.xlsx"), b = Self.temporaryPath("b.xlsx")
    try Self.writeSample(to: a)
    try Self.writeSample(to: b)
    let bytesA = try Data(contentsOf: URL(fileURLWithPath: a)), bytesB = try Data(contentsOf: URL(fileURLWithPath: b))
    #expect(Array(bytesA.prefix(2)) == [0x50, 0x4B])  // "PK"
    #expect(bytesA == bytesB)
  }

  @Test func nothingIsWrittenBeforeClose() throws {
    let path = Self.temporaryPath("never.xlsx")
    do {
      let workbook = try XLSXWorkbook(path: path)
      try workbook.addWorksheet("x").write(.text("y"), row: 0, column: 0)
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }

  @Test func excelsSheetNameRulesAreTypedErrors() throws {
    let workbook = try XLSXWorkbook(path: Self.temporaryPath("names.xlsx"))
    _ = try workbook.addWorksheet("方案")
    #expect(throws: XLSXError.self) { try workbook.addWorksheet("方案") }
    #expect(throws: XLSXError.self) { try workbook.addWorksheet("a/b") }
    #expect(throws: XLSXError.self) { try workbook.addWorksheet(String(repeating: "长", count: 32)) }
    do {
      _ = try workbook.addWorksheet("a[1]")
      Issue.record("a sheet name with [ was accepted")
    } catch {
      guard case .invalidSheetName(let name, _) = error else { Issue.record("wrong error \(error)"); return }
      #expect(name == "a[1]")
    }
  }

  @Test func cellsOutsideTheGridAndOverlongTextAreTypedErrors() throws {
    let workbook = try XLSXWorkbook(path: Self.temporaryPath("limits.xlsx"))
    let sheet = try workbook.addWorksheet("s")
    #expect(throws: XLSXError.cellOutOfRange(sheet: "s", row: 1_048_576, column: 0)) {
      try sheet.write(.integer(1), row: 1_048_576, column: 0)
    }
    #expect(throws: XLSXError.textTooLong(sheet: "s", row: 2, column: 1, length: 32_768)) {
      try sheet.write(.text(String(repeating: "a", count: 32_768)), row: 2, column: 1)
    }
    try workbook.close()
    #expect(throws: XLSXError.closed) { try sheet.write(.integer(1), row: 0, column: 0) }
    #expect(throws: XLSXError.closed) { try workbook.close() }
  }

  @Test func anUnwritableFolderIsATypedErrorAtClose() throws {
    let workbook = try XLSXWorkbook(path: "/nonexistent-folder-\(UUID().uuidString)/x.xlsx")
    _ = try workbook.addWorksheet("s")
    #expect(throws: XLSXError.self) { try workbook.close() }
  }

  @Test func cellNamesAndDisplayWidths() {
    #expect(XLSXCellReference.name(row: 4, column: 2) == "C5")
    #expect(XLSXCellReference.name(row: 0, column: 27) == "AB1")
    #expect(XLSXWorksheet.displayWidth("黄山ab") == 6)
    #expect(XLSXWorksheet.displayWidth("ab\n黄山市区") == 8)
  }
}
