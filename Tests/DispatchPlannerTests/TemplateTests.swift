import DispatchIO
import DispatchPlanner
import Foundation
import Testing

/// `dispatch template`: both forms read back clean, every table with one example row (issue 11 §1).
@Suite struct TemplateTests {
  func freshFolder(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("template-\(name)-\(UUID().uuidString)")
  }

  @Test(arguments: [false, true]) func theTemplateReadsBackCleanWithOneExampleRowPerTable(_ workbook: Bool) throws {
    let folder = freshFolder(workbook ? "xlsx" : "csv")
    defer { try? FileManager.default.removeItem(at: folder) }
    let files = try TemplateWriter.write(to: folder, workbook: workbook)
    let input = workbook ? folder.appendingPathComponent(TemplateWriter.workbookName) : folder
    let loaded = try Planner.load(folder: input)
    // Only notes (the ledger columns kept): no warning, no unknown file or sheet (说明 is skipped).
    #expect(loaded.warnings.allSatisfy { $0.severity == .note })
    #expect(loaded.warnings.count == 2)
    let s = loaded.scenario
    let counts: [Int] = [s.instructors.count, s.organizations.count, s.units.count, s.regions.count]
    let optionalCounts: [Int] = [s.wishes.count, s.givenScores.count, s.overrides.count]
    #expect(counts == [1, 1, 1, 1])
    #expect(optionalCounts == [1, 1, 1])
    #expect(s.organizations[0].extraFields.map(\.header) == ["地址", "负责人", "联系电话", "统一社会信用代码", "备注"])
    #expect(files.count == (workbook ? 1 : LedgerTemplate.tables.count + 1))
    // The example plans.
    let result = try Planner().plan(loaded)
    #expect(result.summary.assigned == 1)
  }

  @Test func theTemplateNeverOverwrites() throws {
    let folder = freshFolder("twice")
    defer { try? FileManager.default.removeItem(at: folder) }
    _ = try TemplateWriter.write(to: folder, workbook: false)
    #expect(throws: TemplateWriter.Failure.self) { try TemplateWriter.write(to: folder, workbook: true) }
  }

  @Test func theNotesNameEveryColumnOfEveryTable() {
    let notes = LedgerTemplate.notes
    for table in LedgerTemplate.tables {
      for column in table.spec.columns {
        #expect(notes.contains { $0.count == 4 && $0[0] == table.chineseName && $0[1] == column.chinese }, "\(table.chineseName) \(column.chinese)")
      }
    }
  }
}
