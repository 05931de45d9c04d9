import Foundation

/// A workbook's worksheets as rows of text cells, the way Excel shows them: the one
/// entry point from .xlsx bytes to the table abstraction the CSV path produces
/// (`CSVRecord`s located by row number and column letter). `ScenarioReader` takes its
/// tables from here; a fuzz target may call `WorkbookReader.read(_:)` directly.
public struct Workbook: Sendable {
  public var sheets: [Worksheet]
}

public struct Worksheet: Sendable {
  /// The sheet's name as shown on its tab.
  public var name: String
  /// Hidden or very hidden: not read, but reported.
  public var hidden: Bool
  /// Rows with at least one value, in row order.
  public var rows: [SheetRow]

  /// The rows as records whose `line` is the sheet's row number and whose field `i` is column `i` (A = 0).
  var records: [CSVRecord] { rows.map { CSVRecord(line: $0.number, fields: $0.cells) } }
}

public struct SheetRow: Sendable, Hashable {
  /// The 1-based row number (Excel's).
  public var number: Int
  /// Cell texts by column (A = index 0); empty cells are "".
  public var cells: [String]
}

/// Why a file cannot be read as a workbook. Each says what the clerk can do.
public enum WorkbookProblem: Sendable, Hashable {
  /// An OLE compound file: Excel 97–2003 `.xls` or WPS `.et`.
  case oldBinaryFormat
  /// An OLE compound file with `EncryptionInfo`: a password-protected .xlsx.
  case passwordProtected
  /// An Apple Numbers document.
  case numbersDocument
  /// Not a zip, or a zip without a workbook part.
  case notAWorkbook(detail: String)
  /// A part is not well-formed XML, or a reference inside the workbook is broken.
  case malformed(part: String, detail: String)
  /// Beyond the limits the reader accepts (a sheet's size, the uncompressed size).
  case tooLarge(detail: String)
}

public struct WorkbookError: Error, Sendable, Hashable {
  public let problem: WorkbookProblem
  public init(_ problem: WorkbookProblem) { self.problem = problem }
}

/// Cell references: column letters ↔ 0-based indexes ("C" ↔ 2, "AA" ↔ 26).
public enum CellReference {
  /// The largest column Excel has (XFD).
  public static let maxColumns = 16_384
  /// The largest row number Excel has.
  public static let maxRows = 1_048_576

  public static func columnLetters(_ index: Int) -> String {
    var n = index + 1
    var letters: [Character] = []
    while n > 0 {
      let r = (n - 1) % 26
      letters.append(Character(Unicode.Scalar(UInt8(65 + r))))
      n = (n - 1) / 26
    }
    return String(letters.reversed())
  }

  /// "C5" → (column 2, row 5); nil when not a cell reference within Excel's limits.
  static func parse(_ text: String) -> (column: Int, row: Int)? {
    var column = 0, row = 0, letters = 0, digits = 0
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
        column = column * 26 + Int(byte - 64)
        letters += 1
      case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
        column = column * 26 + Int(byte - 96)
        letters += 1
      case UInt8(ascii: "$"): continue
      case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
        row = row * 10 + Int(byte - 48)
        digits += 1
      default: return nil
      }
      if letters > 3 || digits > 7 { return nil }
    }
    guard letters > 0, digits > 0, (1...maxColumns).contains(column), (1...maxRows).contains(row) else { return nil }
    return (column - 1, row)
  }
}
