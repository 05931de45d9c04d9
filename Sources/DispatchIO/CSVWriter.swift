import Foundation

/// Writes a CSV table the way Excel and WPS open it without a wizard: UTF-8 with a
/// byte-order mark, CRLF line ends, RFC 4180 quoting.
///
/// Formula injection: a cell whose text starts with `=`, `+`, `-`, `@`, a tab or a CR
/// would be run as a formula by a spreadsheet, so it is written with a leading `'`
/// (`'=SUM(A1)`). Plain numbers (`-5`, `+3`, `-2.5`) are the exception: they stay
/// numbers, because a score or a difference column must still add up in Excel and a
/// number cannot be a formula. `ScenarioReader` removes such a leading `'` again.
public struct CSVWriter: Sendable {
  public private(set) var rows: [[String]]

  public init(header: [String]) {
    rows = [header]
  }

  public mutating func addRow(_ fields: [String]) {
    rows.append(fields)
  }

  /// The file's bytes: BOM, then every row ended by CRLF.
  public var data: Data {
    var text = ""
    for row in rows {
      text += row.map(Self.field).joined(separator: ",")
      text += "\r\n"
    }
    return Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)
  }

  /// One cell as written: neutralised (see the type's note), then quoted if needed.
  public static func field(_ value: String) -> String {
    let cell = neutralised(value)
    let needsQuotes = cell.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
    guard needsQuotes else { return cell }
    return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// `value` with a `'` in front when a spreadsheet would read it as a formula.
  public static func neutralised(_ value: String) -> String {
    guard let first = value.unicodeScalars.first, formulaStarts.contains(first) else { return value }
    if isPlainNumber(value) { return value }
    return "'" + value
  }

  static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// `-5`, `+3`, `12`, `-2.5`: an optional sign, digits, an optional decimal part.
  static func isPlainNumber(_ value: String) -> Bool {
    var scalars = Substring(value).unicodeScalars[...]
    if let first = scalars.first, first == "+" || first == "-" { scalars = scalars.dropFirst() }
    let parts = String(scalars).split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    guard let whole = parts.first, !whole.isEmpty, whole.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else { return false }
    if parts.count == 2 {
      let fraction = parts[1]
      return !fraction.isEmpty && fraction.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }
    return true
  }
}
