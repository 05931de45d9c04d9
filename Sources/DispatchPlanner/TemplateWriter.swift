import DispatchIO
import Foundation
import XLSXWriter

/// `dispatch template`: writes `LedgerTemplate` into a new folder, as CSV files (UTF-8 with BOM,
/// Chinese file names and headers, 说明.txt beside them) or as one workbook 台账.xlsx (a sheet per
/// table, ids and phone numbers as text cells, and a 说明 sheet). Nothing is overwritten: the
/// folder must not exist.
public enum TemplateWriter {
  public static let workbookName = "台账.xlsx"
  public static let notesName = "说明.txt"

  public enum Failure: Error, Sendable, CustomStringConvertible {
    case output(OutputError)
    case workbook(XLSXError)

    public var description: String {
      switch self {
      case .output(let error): error.description
      case .workbook(let error): "无法写入工作簿 cannot write the workbook: \(error)"
      }
    }
  }

  /// Writes the template into `folder` (created; it must not exist). Returns the files written.
  public static func write(to folder: URL, workbook: Bool) throws(Failure) -> [String] {
    // Built beside `folder` and renamed into place when complete (`OutputFolder.build`).
    var workbookError: XLSXError?
    var names: [String] = []
    do throws(OutputError) {
      _ = try OutputFolder.build(.exactly(folder)) { output throws(OutputError) in
        if workbook {
          let path = output.url.appendingPathComponent(workbookName).path
          do throws(XLSXError) { try writeWorkbook(to: path) } catch {
            workbookError = error
            throw .cannotWriteFile(path: path, reason: "\(error)")
          }
          names = [workbookName]
          return
        }
        for table in LedgerTemplate.tables {
          var csv = CSVWriter(header: table.header)
          csv.addRow(table.example)
          let name = table.chineseName + ".csv"
          try output.write(csv, named: name)
          names.append(name)
        }
        let notes = LedgerTemplate.notes.map { $0.joined(separator: "\t") }.joined(separator: "\r\n") + "\r\n"
        try output.write(Data([0xEF, 0xBB, 0xBF] + Array(notes.utf8)), named: notesName)
        names.append(notesName)
      }
    } catch {
      if let workbookError { throw .workbook(workbookError) }
      throw .output(error)
    }
    return names
  }

  static func writeWorkbook(to path: String) throws(XLSXError) {
    let book = try XLSXWorkbook(path: path, title: "党建工作指导员选派台账")
    let notes = try book.addWorksheet("说明")
    for (r, row) in LedgerTemplate.notes.enumerated() {
      try notes.writeRow(row.map { .text($0) }, row: r, style: r == 0 ? XLSXStyle(bold: true, fontSize: 14) : nil)
    }
    try notes.setColumns(0, 0, width: 14)
    try notes.setColumns(1, 1, width: 18)
    try notes.setColumns(2, 2, width: 10)
    try notes.setColumns(3, 3, width: 60)
    for table in LedgerTemplate.tables {
      let sheet = try book.addWorksheet(table.chineseName)
      let columns = zip(table.header, table.kinds).map { header, kind in
        XLSXTableColumn(header, kind == .identifier ? .identifier : kind == .number ? .number : .text)
      }
      let cells: [XLSXCell] = zip(table.example, table.kinds).map { value, kind in
        if value.isEmpty { return .blank }
        if kind == .number, let number = Int(value) { return .integer(number) }
        return .text(value)
      }
      try sheet.writeTable(columns: columns, rows: [cells])
      // Whole id and phone columns as text, so what the clerk types below the example stays as typed.
      for (c, kind) in table.kinds.enumerated() where kind == .identifier {
        try sheet.setColumns(c, c, width: max(12, XLSXWorksheet.displayWidth(table.header[c]) + 4), style: XLSXStyle.textCell)
      }
    }
    try notes.activate()
    try book.close()
  }
}
