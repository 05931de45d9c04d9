import Foundation
import ZIPFoundation

/// Reads an Office Open XML workbook (.xlsx, .xlsm) from its bytes: the zip is opened with
/// ZIPFoundation, the parts are read with XMLParser (`SpreadsheetXML.swift`).
///
/// Cells come out as Excel shows them in a plain "General" column: shared and inline strings
/// as written (phonetic runs dropped); numbers without a needless ".0" (`1`, not `1.0`;
/// a text cell `001` stays `001`); booleans `TRUE` / `FALSE`; dates and times (a number with a
/// date format) as ISO `2024-03-01`, `2024-03-01T08:30:00` or `08:30:00`; error values as
/// their text (`#N/A`); formulas by their cached value. A merged range keeps its value in its
/// top-left cell only, as Excel stores it.
///
/// Refused, each with what to do (`WorkbookProblem`): Excel 97–2003 / WPS binary files (OLE
/// compound files), password-protected workbooks (an OLE file holding `EncryptionInfo`),
/// Numbers documents, and anything that is not a zip with a workbook part.
///
/// Limits (a zip bomb or a sheet that claims a cell at XFD1048576 is refused, not expanded):
/// `maxPartBytes` uncompressed per part and `maxTotalBytes` in all, `maxCells` cells materialised
/// per workbook.
/// - Complexity: linear in the uncompressed size of the parts read, plus the cells materialised.
public enum WorkbookReader {
  public static let maxPartBytes = 256 << 20
  public static let maxTotalBytes = 512 << 20
  public static let maxCells = 20_000_000

  /// The first bytes of an OLE compound file (.xls, .et, .doc, encrypted OOXML).
  static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

  public static func read(_ data: Data) throws(WorkbookError) -> Workbook {
    let head = [UInt8](data.prefix(8))
    if head == oleMagic {
      // The stream name is UTF-16LE in the compound file's directory.
      let marker = Data("EncryptionInfo".utf16.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8(truncatingIfNeeded: $0 >> 8)] })
      throw WorkbookError(data.range(of: marker) != nil ? .passwordProtected : .oldBinaryFormat)
    }
    guard head.starts(with: [0x50, 0x4B]) else { throw WorkbookError(.notAWorkbook(detail: "not a zip file / 不是 zip 格式")) }
    // File-backed, not `Archive(data:)`: ZIPFoundation's in-memory archive lets a damaged
    // directory seek past the end and then traps in a range (found by scripts/fuzz, xlsx target);
    // reading a file past its end just returns nothing.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("dispatch-workbook-\(UUID().uuidString).xlsx")
    guard FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
      throw WorkbookError(.notAWorkbook(detail: "cannot make a temporary copy to read / 无法建立临时副本"))
    }
    defer { try? FileManager.default.removeItem(at: file) }
    let archive: Archive
    do { archive = try Archive(url: file, accessMode: .read) } catch {
      throw WorkbookError(.notAWorkbook(detail: "the zip cannot be opened / zip 无法打开"))
    }
    var parts = PartReader(archive: archive)
    if archive["Index/Document.iwa"] != nil || archive["Index.zip"] != nil { throw WorkbookError(.numbersDocument) }

    let workbookPath = try parts.mainWorkbookPath()
    guard let workbookXML = try parts.data(workbookPath) else {
      throw WorkbookError(.notAWorkbook(detail: "no workbook part (xl/workbook.xml) / 缺少工作簿部件"))
    }
    let book = try SpreadsheetXML.parseWorkbook(workbookXML, part: workbookPath)
    let relations = try parts.relations(of: workbookPath)

    var sharedStrings: [String] = []
    if let part = relations.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target, let xml = try parts.data(part) {
      sharedStrings = try SpreadsheetXML.parseSharedStrings(xml, part: part)
    }
    var styles = CellStyles()
    if let part = relations.first(where: { $0.type.hasSuffix("/styles") })?.target, let xml = try parts.data(part) {
      styles = try SpreadsheetXML.parseStyles(xml, part: part)
    }

    let formatter = CellFormatter(styles: styles, sharedStrings: sharedStrings, date1904: book.date1904)
    var budget = maxCells
    var sheets: [Worksheet] = []
    for sheet in book.sheets {
      guard !sheet.hidden else {
        sheets.append(Worksheet(name: sheet.name, hidden: true, rows: []))
        continue
      }
      guard let target = relations.first(where: { $0.id == sheet.relationID })?.target else {
        throw WorkbookError(.malformed(part: workbookPath, detail: "sheet \"\(sheet.name)\" has no part / 工作表缺少部件"))
      }
      // A chart sheet or a missing part has no cells to read.
      guard target.contains("worksheets/") || target.hasSuffix(".xml"), let xml = try parts.data(target) else {
        sheets.append(Worksheet(name: sheet.name, hidden: false, rows: []))
        continue
      }
      let rows = try SpreadsheetXML.parseWorksheet(xml, part: target, formatter: formatter, cellBudget: &budget)
      sheets.append(Worksheet(name: sheet.name, hidden: false, rows: rows))
    }
    return Workbook(sheets: sheets)
  }
}

/// One relationship of a part (`_rels/*.rels`), its target resolved to a path in the zip.
struct PartRelation {
  let id: String
  let type: String
  let target: String
}

/// Reads parts out of the archive, within `WorkbookReader.maxPartBytes` each.
struct PartReader {
  let archive: Archive
  /// Bytes decompressed so far, against `WorkbookReader.maxTotalBytes`.
  var totalBytes = 0

  /// The part's bytes, nil when the archive has no such part.
  mutating func data(_ path: String) throws(WorkbookError) -> Data? {
    guard let entry = archive[path] else { return nil }
    var data = Data()
    let budget = min(WorkbookReader.maxPartBytes, WorkbookReader.maxTotalBytes - totalBytes)
    do {
      _ = try archive.extract(entry, skipCRC32: false) { chunk in
        guard data.count + chunk.count <= budget else {
          throw WorkbookError(.tooLarge(detail: "\(path): over \(WorkbookReader.maxPartBytes >> 20) MB a part or \(WorkbookReader.maxTotalBytes >> 20) MB in all, uncompressed / 解压后过大"))
        }
        data.append(chunk)
      }
    } catch let error as WorkbookError {
      throw error
    } catch {
      throw WorkbookError(.malformed(part: path, detail: "cannot be decompressed / 无法解压"))
    }
    totalBytes += data.count
    return data
  }

  /// The workbook part named by the package's officeDocument relationship (usually xl/workbook.xml).
  mutating func mainWorkbookPath() throws(WorkbookError) -> String {
    guard let rels = try data("_rels/.rels") else { return "xl/workbook.xml" }
    let relations = try SpreadsheetXML.parseRelations(rels, part: "_rels/.rels", base: "")
    return relations.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
  }

  /// The relationships of `part` (xl/workbook.xml → xl/_rels/workbook.xml.rels).
  mutating func relations(of part: String) throws(WorkbookError) -> [PartRelation] {
    let slash = part.lastIndex(of: "/")
    let folder = slash.map { String(part[..<$0]) } ?? ""
    let name = slash.map { String(part[part.index(after: $0)...]) } ?? part
    let path = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
    guard let rels = try data(path) else { return [] }
    return try SpreadsheetXML.parseRelations(rels, part: path, base: folder)
  }

  /// A relationship target resolved against the folder of its source part.
  static func resolve(_ target: String, base: String) -> String {
    if target.hasPrefix("/") { return String(target.dropFirst()) }
    var components = base.split(separator: "/").map(String.init)
    for piece in target.split(separator: "/") {
      if piece == ".." { if !components.isEmpty { components.removeLast() } } else if piece != "." { components.append(String(piece)) }
    }
    return components.joined(separator: "/")
  }
}
