import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SpreadsheetML parts the reader needs, each parsed with one XMLParser pass:
/// workbook (sheets, date system), relationships, shared strings, styles (which cell
/// formats are dates) and worksheets (cells). Element names are matched without their
/// namespace prefix (`x:c` and `c` alike), as writers differ.
enum SpreadsheetXML {
  struct SheetEntry {
    let name: String
    let relationID: String
    let hidden: Bool
  }

  struct WorkbookPart {
    var sheets: [SheetEntry] = []
    var date1904 = false
  }

  static func parseWorkbook(_ data: Data, part: String) throws(WorkbookError) -> WorkbookPart {
    var book = WorkbookPart()
    try run(data, part: part) { event in
      guard case .start(let name, let attributes) = event else { return }
      switch name {
      case "sheet":
        let relation = attributes.first { $0.key == "r:id" || $0.key.hasSuffix(":id") || $0.key == "id" }?.value ?? ""
        let state = attributes["state"] ?? "visible"
        book.sheets.append(SheetEntry(name: attributes["name"] ?? "", relationID: relation, hidden: state != "visible"))
      case "workbookPr":
        let value = attributes["date1904"] ?? "0"
        book.date1904 = value == "1" || value == "true"
      default: break
      }
    }
    return book
  }

  static func parseRelations(_ data: Data, part: String, base: String) throws(WorkbookError) -> [PartRelation] {
    var relations: [PartRelation] = []
    try run(data, part: part) { event in
      guard case .start("Relationship", let attributes) = event, let id = attributes["Id"], let target = attributes["Target"] else { return }
      guard attributes["TargetMode"] != "External" else { return }
      relations.append(PartRelation(id: id, type: attributes["Type"] ?? "", target: PartReader.resolve(target, base: base)))
    }
    return relations
  }

  /// Each `<si>`'s text: its `<t>` runs joined, phonetic runs (`<rPh>`) left out.
  static func parseSharedStrings(_ data: Data, part: String) throws(WorkbookError) -> [String] {
    var strings: [String] = []
    var current = "", inText = false, phonetic = 0
    try run(data, part: part) { event in
      switch event {
      case .start("si", _): current = ""
      case .start("rPh", _): phonetic += 1
      case .end("rPh"): phonetic -= 1
      case .start("t", _): inText = phonetic == 0
      case .end("t"): inText = false
      case .text(let text) where inText: current += text
      case .end("si"): strings.append(current)
      default: break
      }
    }
    return strings
  }

  static func parseStyles(_ data: Data, part: String) throws(WorkbookError) -> CellStyles {
    var customFormats: [Int: String] = [:]
    var formatOfStyle: [Int] = []
    var inCellXfs = false
    try run(data, part: part) { event in
      switch event {
      case .start("numFmt", let attributes):
        if let id = attributes["numFmtId"].flatMap(Int.init) { customFormats[id] = attributes["formatCode"] ?? "" }
      case .start("cellXfs", _): inCellXfs = true
      case .end("cellXfs"): inCellXfs = false
      case .start("xf", let attributes) where inCellXfs:
        formatOfStyle.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
      default: break
      }
    }
    return CellStyles(dateKindOfStyle: formatOfStyle.map { CellStyles.dateKind(formatID: $0, code: customFormats[$0]) })
  }

  /// The worksheet's rows with at least one value, cells at their column index.
  static func parseWorksheet(_ data: Data, part: String, formatter: CellFormatter, cellBudget: inout Int) throws(WorkbookError) -> [SheetRow] {
    var rows: [Int: [Int: String]] = [:]
    var rowNumber = 0, column = -1
    var cellType = "", cellStyle = 0, value = "", inlineText = ""
    var inValue = false, inInline = false, inInlineText = false, phonetic = 0, hasValue = false
    var badReference: String?
    try run(data, part: part) { event in
      switch event {
      case .start("row", let attributes):
        if let r = attributes["r"] {
          guard let number = Int(r), (1...CellReference.maxRows).contains(number) else { badReference = r; return }
          rowNumber = number
        } else {
          rowNumber += 1
        }
        column = -1
      case .start("c", let attributes):
        if let r = attributes["r"] {
          guard let reference = CellReference.parse(r) else { badReference = r; return }
          column = reference.column
          if reference.row != rowNumber { rowNumber = reference.row }
        } else {
          column += 1
        }
        if rowNumber == 0 { rowNumber = 1 }
        cellType = attributes["t"] ?? "n"
        cellStyle = attributes["s"].flatMap(Int.init) ?? 0
        value = ""; inlineText = ""; hasValue = false
      case .start("v", _): inValue = true; hasValue = true
      case .end("v"): inValue = false
      case .start("is", _): inInline = true; hasValue = true
      case .end("is"): inInline = false
      case .start("rPh", _): phonetic += 1
      case .end("rPh"): phonetic -= 1
      case .start("t", _) where inInline: inInlineText = phonetic == 0
      case .end("t"): inInlineText = false
      case .text(let text):
        if inValue { value += text } else if inInlineText { inlineText += text }
      case .end("c"):
        guard hasValue, column >= 0, column < CellReference.maxColumns else { return }
        let text = formatter.text(type: cellType, style: cellStyle, value: value, inline: inlineText)
        if !text.isEmpty { rows[rowNumber, default: [:]][column] = text }
      default: break
      }
    }
    if let badReference { throw WorkbookError(.malformed(part: part, detail: "bad cell reference \"\(badReference)\" / 单元格引用无效")) }

    var result: [SheetRow] = []
    for number in rows.keys.sorted() {
      let cells = rows[number]!
      let width = cells.keys.max()! + 1
      cellBudget -= width
      guard cellBudget >= 0 else {
        throw WorkbookError(.tooLarge(detail: "more than \(WorkbookReader.maxCells) cells / 单元格过多"))
      }
      var fields = [String](repeating: "", count: width)
      for (index, text) in cells { fields[index] = text }
      result.append(SheetRow(number: number, cells: fields))
    }
    return result
  }

  // MARK: - One XMLParser pass

  enum Event {
    case start(String, [String: String])
    case end(String)
    case text(String)
  }

  /// Feeds every element start and end (local names) and text run to `handle`.
  static func run(_ data: Data, part: String, _ handle: (Event) -> Void) throws(WorkbookError) {
    // FoundationXML traps on names that are not UTF-8 (seen with damaged files), so a part must be
    // UTF-8 (what every spreadsheet writes) before the parser sees it.
    guard data.withUnsafeBytes({ String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }) != nil else {
      throw WorkbookError(.malformed(part: part, detail: "not UTF-8 text / 不是 UTF-8 文本"))
    }
    let failure: String? = withoutActuallyEscaping(handle) { handle in
      let delegate = EventDelegate(handle)
      let parser = XMLParser(data: data)
      parser.shouldProcessNamespaces = false
      parser.shouldResolveExternalEntities = false
      parser.delegate = delegate
      if parser.parse() { return nil }
      return delegate.failure ?? parser.parserError?.localizedDescription ?? "not well-formed"
    }
    if let failure { throw WorkbookError(.malformed(part: part, detail: "not well-formed XML / XML 格式错误: \(failure)")) }
  }
}

private final class EventDelegate: NSObject, XMLParserDelegate {
  let handle: (SpreadsheetXML.Event) -> Void
  var failure: String?

  init(_ handle: @escaping (SpreadsheetXML.Event) -> Void) { self.handle = handle }

  static func localName(_ name: String) -> String {
    guard let colon = name.lastIndex(of: ":") else { return name }
    return String(name[name.index(after: colon)...])
  }

  func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
              attributes: [String: String] = [:]) {
    handle(.start(Self.localName(elementName), attributes))
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
    handle(.end(Self.localName(elementName)))
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) { handle(.text(string)) }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
    if failure == nil { failure = parseError.localizedDescription }
  }
}
