//===----------------------------------------------------------------------===//
// A thin, typed wrapper over Debian's libxlsxwriter (the CXLSXWriter system
// library): workbooks, worksheets, cell styles, strings and numbers, text cells
// for ids and phone numbers, frozen panes, filters, column widths, hidden sheets.
// Every libxlsxwriter return code becomes an `XLSXError`; no other target
// imports the C module.
//
// Lifetime: a worksheet keeps its workbook alive; `close()` writes the file and
// frees the C workbook (libxlsxwriter frees it whatever the outcome); a workbook
// dropped without `close()` is freed and writes nothing.
// Not Sendable: one workbook is built on one thread.
//===----------------------------------------------------------------------===//
import CXLSXWriter
import Foundation

/// Why a workbook could not be built or written.
public enum XLSXError: Error, Sendable, Hashable, CustomStringConvertible {
  /// libxlsxwriter could not start a workbook at this path.
  case cannotCreate(path: String)
  /// Excel refuses the sheet name (longer than 31, one of `[]:*?/\`, leading/trailing `'`, used twice).
  case invalidSheetName(name: String, reason: String)
  /// The cell is outside Excel's grid (1,048,576 rows × 16,384 columns).
  case cellOutOfRange(sheet: String, row: Int, column: Int)
  /// A cell holds at most 32,767 characters.
  case textTooLong(sheet: String, row: Int, column: Int, length: Int)
  /// The workbook was closed already.
  case closed
  /// Any other libxlsxwriter failure, with its own message.
  case library(operation: String, code: Int32, message: String)

  public var description: String {
    switch self {
    case .cannotCreate(let path): "无法创建工作簿 cannot create the workbook \(path)"
    case .invalidSheetName(let name, let reason): "工作表名称无效 invalid sheet name “\(name)”: \(reason)"
    case .cellOutOfRange(let sheet, let row, let column):
      "单元格超出 Excel 范围 cell outside Excel's grid: \(sheet)!\(XLSXCellReference.name(row: row, column: column))"
    case .textTooLong(let sheet, let row, let column, let length):
      "单元格文字过长 text too long for one cell (\(length) > 32767 characters): \(sheet)!\(XLSXCellReference.name(row: row, column: column))"
    case .closed: "工作簿已关闭 the workbook is closed already"
    case .library(let operation, let code, let message): "写入工作簿失败 writing the workbook failed (\(operation), libxlsxwriter \(code): \(message))"
    }
  }

  /// The error for a libxlsxwriter return code, or nil for success.
  static func from(_ code: lxw_error, operation: String, sheet: String = "", row: Int = 0, column: Int = 0, length: Int = 0) -> XLSXError? {
    switch code {
    case LXW_NO_ERROR: return nil
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: return .cellOutOfRange(sheet: sheet, row: row, column: column)
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: return .textTooLong(sheet: sheet, row: row, column: column, length: length)
    default: return .library(operation: operation, code: Int32(bitPattern: code.rawValue), message: String(cString: lxw_strerror(code)))
    }
  }
}

/// "A1"-style names for messages.
public enum XLSXCellReference {
  public static func name(row: Int, column: Int) -> String {
    var letters = "", c = column + 1
    while c > 0 {
      let r = (c - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + r))) + letters
      c = (c - 1) / 26
    }
    return "\(letters)\(row + 1)"
  }
}

/// How a cell looks. Equal styles share one libxlsxwriter format.
public struct XLSXStyle: Hashable, Sendable {
  public enum Alignment: Hashable, Sendable { case general, left, center, right }

  public var bold = false
  public var wrap = false
  /// Text number format (`@`): Excel keeps what is typed as text (`001` stays `001`).
  public var text = false
  /// An Excel number format such as `0.0%` or `#,##0` (ignored when `text`).
  public var numberFormat: String?
  /// Background fill, 0xRRGGBB.
  public var background: UInt32?
  /// Font colour, 0xRRGGBB.
  public var fontColor: UInt32?
  public var fontSize: Double?
  public var alignment: Alignment = .general
  public var verticalTop = false
  public var border = false

  public init(bold: Bool = false, wrap: Bool = false, text: Bool = false, numberFormat: String? = nil, background: UInt32? = nil,
              fontColor: UInt32? = nil, fontSize: Double? = nil, alignment: Alignment = .general, verticalTop: Bool = false,
              border: Bool = false) {
    self.bold = bold
    self.wrap = wrap
    self.text = text
    self.numberFormat = numberFormat
    self.background = background
    self.fontColor = fontColor
    self.fontSize = fontSize
    self.alignment = alignment
    self.verticalTop = verticalTop
    self.border = border
  }

  /// Text cells: ids, phone numbers, credit codes.
  public static let textCell = XLSXStyle(text: true)
}

/// One cell's value.
public enum XLSXCell: Hashable, Sendable {
  /// A string cell. Use a `text` style for ids so Excel keeps them as typed.
  case text(String)
  case number(Double)
  case integer(Int)
  case blank
}

/// A workbook being written to `path`; nothing exists at `path` before `close()`.
public final class XLSXWorkbook {
  private var handle: UnsafeMutablePointer<lxw_workbook>?
  private var formats: [XLSXStyle: UnsafeMutablePointer<lxw_format>] = [:]
  public let path: String

  /// Starts a workbook. Its document properties carry a fixed date, so the same
  /// content gives the same bytes (plans are deterministic).
  public init(path: String, title: String? = nil) throws(XLSXError) {
    self.path = path
    guard let workbook = workbook_new(path) else { throw .cannotCreate(path: path) }
    handle = workbook
    var properties = lxw_doc_properties()
    properties.created = 946_684_800  // 2000-01-01T00:00:00Z: a fixed stamp, not the clock
    let error: lxw_error
    if let title {
      error = title.withCString { cTitle in
        properties.title = UnsafeMutablePointer(mutating: cTitle)
        return workbook_set_properties(workbook, &properties)
      }
    } else {
      error = workbook_set_properties(workbook, &properties)
    }
    if let failure = XLSXError.from(error, operation: "workbook_set_properties") { throw failure }
  }

  deinit {
    if let handle { lxw_workbook_free(handle) }
  }

  /// Adds a sheet; the name is checked as Excel checks it.
  public func addWorksheet(_ name: String) throws(XLSXError) -> XLSXWorksheet {
    guard let handle else { throw .closed }
    let check = workbook_validate_sheet_name(handle, name)
    if check != LXW_NO_ERROR { throw .invalidSheetName(name: name, reason: String(cString: lxw_strerror(check))) }
    guard let sheet = workbook_add_worksheet(handle, name) else {
      throw .invalidSheetName(name: name, reason: "libxlsxwriter refused it")
    }
    return XLSXWorksheet(sheet, name: name, workbook: self)
  }

  /// The libxlsxwriter format for `style`, made once per distinct style.
  func format(_ style: XLSXStyle?) throws(XLSXError) -> UnsafeMutablePointer<lxw_format>? {
    guard let style else { return nil }
    if let made = formats[style] { return made }
    guard let handle else { throw .closed }
    guard let format = workbook_add_format(handle) else {
      throw .library(operation: "workbook_add_format", code: Int32(bitPattern: LXW_ERROR_MEMORY_MALLOC_FAILED.rawValue), message: "out of memory")
    }
    if style.bold { format_set_bold(format) }
    if style.wrap { format_set_text_wrap(format) }
    if style.text {
      format_set_num_format(format, "@")
    } else if let numberFormat = style.numberFormat {
      format_set_num_format(format, numberFormat)
    }
    if let background = style.background {
      format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
      format_set_bg_color(format, background)
    }
    if let color = style.fontColor { format_set_font_color(format, color) }
    if let size = style.fontSize { format_set_font_size(format, size) }
    switch style.alignment {
    case .general: break
    case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
    case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
    case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
    }
    if style.verticalTop { format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)) }
    if style.border { format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue)) }
    formats[style] = format
    return format
  }

  var isOpen: Bool { handle != nil }

  /// Writes the file and frees the workbook. After this the workbook and its sheets refuse every call.
  public func close() throws(XLSXError) {
    guard let handle else { throw .closed }
    self.handle = nil
    formats = [:]
    let error = workbook_close(handle)  // frees the workbook whatever the outcome
    if let failure = XLSXError.from(error, operation: "workbook_close") { throw failure }
  }
}

/// One sheet of an open workbook. Rows and columns are 0-based.
public final class XLSXWorksheet {
  private let handle: UnsafeMutablePointer<lxw_worksheet>
  private let workbook: XLSXWorkbook
  public let name: String

  init(_ handle: UnsafeMutablePointer<lxw_worksheet>, name: String, workbook: XLSXWorkbook) {
    self.handle = handle
    self.name = name
    self.workbook = workbook
  }

  private func checkOpen() throws(XLSXError) { if !workbook.isOpen { throw .closed } }

  /// Writes one cell. C strings end at NUL, so NUL characters are dropped.
  public func write(_ cell: XLSXCell, row: Int, column: Int, style: XLSXStyle? = nil) throws(XLSXError) {
    try checkOpen()
    try write(cell, row: row, column: column, format: workbook.format(style))
  }

  /// The libxlsxwriter format of `style` (for writing many cells of one style).
  func format(_ style: XLSXStyle?) throws(XLSXError) -> UnsafeMutablePointer<lxw_format>? { try workbook.format(style) }

  func write(_ cell: XLSXCell, row: Int, column: Int, format: UnsafeMutablePointer<lxw_format>?) throws(XLSXError) {
    guard (0..<1_048_576).contains(row), (0..<16_384).contains(column) else {
      throw .cellOutOfRange(sheet: name, row: row, column: column)
    }
    let r = lxw_row_t(row), c = lxw_col_t(column)
    let code: lxw_error
    var length = 0
    switch cell {
    case .text(let text):
      let clean = text.contains("\0") ? text.replacingOccurrences(of: "\0", with: "") : text
      length = clean.utf16.count
      if length > 32_767 { throw .textTooLong(sheet: name, row: row, column: column, length: length) }
      code = clean.isEmpty ? worksheet_write_blank(handle, r, c, format) : worksheet_write_string(handle, r, c, clean, format)
    case .number(let value): code = worksheet_write_number(handle, r, c, value, format)
    case .integer(let value): code = worksheet_write_number(handle, r, c, Double(value), format)
    case .blank: code = worksheet_write_blank(handle, r, c, format)
    }
    if let failure = XLSXError.from(code, operation: "write", sheet: name, row: row, column: column, length: length) { throw failure }
  }

  /// Writes `cells` left to right from `column`, each with the style `styles[i]` (or `style`).
  public func writeRow(_ cells: [XLSXCell], row: Int, column: Int = 0, style: XLSXStyle? = nil, styles: [XLSXStyle?]? = nil) throws(XLSXError) {
    for (offset, cell) in cells.enumerated() {
      let cellStyle = styles.flatMap { offset < $0.count ? $0[offset] : nil } ?? style
      try write(cell, row: row, column: column + offset, style: cellStyle)
    }
  }

  /// Width (in characters) and default style of columns `first...last`; hidden columns are kept but not shown.
  public func setColumns(_ first: Int, _ last: Int, width: Double, style: XLSXStyle? = nil, hidden: Bool = false) throws(XLSXError) {
    try checkOpen()
    let format = try workbook.format(style)
    var options = lxw_row_col_options(hidden: hidden ? 1 : 0, level: 0, collapsed: 0)
    let code = worksheet_set_column_opt(handle, lxw_col_t(first), lxw_col_t(last), width, format, &options)
    if let failure = XLSXError.from(code, operation: "set_column", sheet: name, row: 0, column: last) { throw failure }
  }

  /// Height (in points) of one row.
  public func setRowHeight(_ row: Int, height: Double) throws(XLSXError) {
    try checkOpen()
    let code = worksheet_set_row(handle, lxw_row_t(row), height, nil)
    if let failure = XLSXError.from(code, operation: "set_row", sheet: name, row: row, column: 0) { throw failure }
  }

  /// Keeps rows above `row` and columns left of `column` in view while scrolling.
  public func freezePanes(row: Int, column: Int = 0) throws(XLSXError) {
    try checkOpen()
    worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(column))
  }

  /// A filter drop-down on every column of the header row `row`, over the data below it.
  public func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws(XLSXError) {
    try checkOpen()
    let code = worksheet_autofilter(handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn))
    if let failure = XLSXError.from(code, operation: "autofilter", sheet: name, row: lastRow, column: lastColumn) { throw failure }
  }

  /// One cell across `firstColumn...lastColumn` of `row` (titles).
  public func merge(row: Int, firstColumn: Int, lastColumn: Int, text: String, style: XLSXStyle? = nil) throws(XLSXError) {
    try checkOpen()
    let format = try workbook.format(style)
    let code = worksheet_merge_range(handle, lxw_row_t(row), lxw_col_t(firstColumn), lxw_row_t(row), lxw_col_t(lastColumn), text, format)
    if let failure = XLSXError.from(code, operation: "merge_range", sheet: name, row: row, column: lastColumn, length: text.utf16.count) { throw failure }
  }

  /// Hides the sheet (it stays in the workbook; Excel's "unhide" shows it).
  public func hide() throws(XLSXError) {
    try checkOpen()
    worksheet_hide(handle)
  }

  /// The sheet shown when the workbook opens.
  public func activate() throws(XLSXError) {
    try checkOpen()
    worksheet_activate(handle)
  }

  /// A4 landscape, fitted to the page width, header row repeated on every printed page.
  public func printOnA4Landscape(repeatHeaderRow: Int?) throws(XLSXError) {
    try checkOpen()
    worksheet_set_landscape(handle)
    worksheet_set_paper(handle, 9)  // 9 = A4
    worksheet_fit_to_pages(handle, 1, 0)
    if let row = repeatHeaderRow {
      let code = worksheet_repeat_rows(handle, lxw_row_t(row), lxw_row_t(row))
      if let failure = XLSXError.from(code, operation: "repeat_rows", sheet: name, row: row, column: 0) { throw failure }
    }
  }
}
