import CXLSXWriter

/// A header row and data rows written as the office expects a table in Excel:
/// bold shaded header, header frozen, a filter on every column, widths fitted to
/// the content (a CJK character counts two), text columns kept as text.
public struct XLSXTableColumn: Sendable {
  public enum Kind: Sendable, Hashable {
    /// Free text (names, reasons): wrapped when long.
    case text
    /// Ids, phone numbers, credit codes: text format, never a number.
    case identifier
    /// Numbers, right-aligned.
    case number
    /// A fraction shown as a percentage (`0.0%`).
    case percent
  }

  public var header: String
  public var kind: Kind
  /// Upper bound on the fitted width, in characters.
  public var maximumWidth: Double

  public init(_ header: String, _ kind: Kind = .text, maximumWidth: Double = 50) {
    self.header = header
    self.kind = kind
    self.maximumWidth = maximumWidth
  }
}

public enum XLSXTableStyle {
  public static let header = XLSXStyle(bold: true, wrap: true, text: true, background: 0xDCE6F1, verticalTop: true, border: true)
  public static let identifier = XLSXStyle(text: true)
  public static let text = XLSXStyle(wrap: true, verticalTop: true)
  public static let number = XLSXStyle(numberFormat: "0", verticalTop: true)
  public static let decimal = XLSXStyle(numberFormat: "0.##", verticalTop: true)
  public static let percent = XLSXStyle(numberFormat: "0.0%", verticalTop: true)
}

extension XLSXWorksheet {
  /// Writes `columns` as the header at `headerRow` and `rows` below it, freezes the
  /// header, filters every column and fits the widths. A number cell in an
  /// `.identifier` column is written as text.
  /// - Complexity: O(total cells).
  public func writeTable(columns: [XLSXTableColumn], rows: [[XLSXCell]], headerRow: Int = 0) throws(XLSXError) {
    var widths = columns.map { Self.displayWidth($0.header) }
    try writeRow(columns.map { .text($0.header) }, row: headerRow, style: XLSXTableStyle.header)
    // Formats resolved once per column kind, not once per cell.
    let identifier = try format(XLSXTableStyle.identifier), text = try format(XLSXTableStyle.text)
    let integer = try format(XLSXTableStyle.number), decimal = try format(XLSXTableStyle.decimal)
    let percent = try format(XLSXTableStyle.percent)
    for (r, row) in rows.enumerated() {
      for (c, cell) in row.enumerated() {
        let kind = c < columns.count ? columns[c].kind : .text
        var value = cell
        let cellFormat: UnsafeMutablePointer<lxw_format>?
        switch kind {
        case .identifier:
          cellFormat = identifier
          if case .integer(let n) = cell { value = .text(String(n)) }
        case .text: cellFormat = text
        case .number: if case .number = cell { cellFormat = decimal } else { cellFormat = integer }
        case .percent: cellFormat = percent
        }
        try write(value, row: headerRow + 1 + r, column: c, format: cellFormat)
        if c < widths.count {
          switch value {
          case .text(let s): widths[c] = max(widths[c], Self.displayWidth(s))
          case .number, .integer: widths[c] = max(widths[c], 8)
          case .blank: break
          }
        }
      }
    }
    for (c, column) in columns.enumerated() {
      let width = min(max(widths[c] + 2, 6), column.maximumWidth)
      try setColumns(c, c, width: width)
    }
    try freezePanes(row: headerRow + 1)
    if !columns.isEmpty {
      try autofilter(firstRow: headerRow, firstColumn: 0, lastRow: headerRow + max(rows.count, 1), lastColumn: columns.count - 1)
    }
  }

  /// Width in Excel character units: East Asian wide characters count two.
  /// The longest line counts when the text has line breaks.
  public static func displayWidth(_ text: String) -> Double {
    var best = 0.0, current = 0.0
    for scalar in text.unicodeScalars {
      if scalar == "\n" { best = max(best, current); current = 0; continue }
      current += scalar.value >= 0x1100 ? 2 : 1
    }
    return max(best, current)
  }
}
