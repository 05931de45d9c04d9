/// Reads CSV text (RFC 4180, leniently) into records that remember the physical
/// line they start on, so every problem can be reported as `file:line:column`.
///
/// Accepted: quoted fields with doubled quotes, commas and line breaks inside
/// quotes, CRLF, LF or a lone CR as the line end, and a final line with or without
/// a line end. Lenient where spreadsheets are: a quote inside an unquoted field is
/// kept as text, and text after a closing quote is appended to the field.
/// The one error is a quoted field still open at the end of the text.
struct CSVRecord: Sendable, Hashable {
  /// The 1-based physical line the record starts on.
  let line: Int
  let fields: [String]

  /// A record whose every field is empty or blank (an empty line, `,,,`).
  var isBlank: Bool { fields.allSatisfy { ValueParser.trim($0).isEmpty } }
}

/// A quoted field that spans lines: legal CSV, and also what a stray quote does to the rows after it.
struct MultilineCell: Sendable, Hashable {
  /// The line the field starts on, the line it ends on, and its 0-based position in its record.
  let startLine: Int
  let endLine: Int
  let fieldIndex: Int
  /// Whether a line of the field after its first holds a comma: rows swallowed, most likely.
  let laterLineHasSeparator: Bool
}

struct CSVParseResult: Sendable {
  var records: [CSVRecord]
  /// The line of the record whose quoted field never closes, if any.
  var unterminatedQuoteLine: Int?
  /// Quoted fields that span lines, in file order.
  var multilineCells: [MultilineCell] = []
  /// Physical lines (a final line end does not start another).
  var lineCount: Int = 0
}

enum CSVParser {
  /// - Complexity: O(n) in the length of `text`.
  static func parse(_ text: String) -> CSVParseResult {
    var records: [CSVRecord] = []
    var fields: [String] = []
    var field = String.UnicodeScalarView()
    var line = 1
    var recordLine = 1
    var inQuotes = false
    // True once the current record has any content, so that a final line end
    // does not produce an extra empty record.
    var recordStarted = false

    let scalars = Array(text.unicodeScalars)
    var index = 0
    var multilineCells: [MultilineCell] = []
    // The current quoted field: its first line, and whether a later line of it holds a comma.
    var quoteStartLine = 0
    var separatorAfterBreak = false

    func endField() {
      fields.append(String(field))
      field = String.UnicodeScalarView()
    }

    while index < scalars.count {
      let scalar = scalars[index]
      if inQuotes {
        if scalar == "\"" {
          if index + 1 < scalars.count, scalars[index + 1] == "\"" {
            field.append("\"")
            index += 2
            continue
          }
          inQuotes = false
          if line > quoteStartLine {
            multilineCells.append(MultilineCell(startLine: quoteStartLine, endLine: line, fieldIndex: fields.count,
                                                laterLineHasSeparator: separatorAfterBreak))
          }
        } else {
          if scalar == "\n" || (scalar == "\r" && !(index + 1 < scalars.count && scalars[index + 1] == "\n")) { line += 1 }
          if scalar == ",", line > quoteStartLine { separatorAfterBreak = true }
          field.append(scalar)
        }
        index += 1
        continue
      }
      switch scalar {
      case "\"" where field.isEmpty:
        inQuotes = true
        recordStarted = true
        quoteStartLine = line
        separatorAfterBreak = false
      case ",":
        endField()
        recordStarted = true
      case "\r", "\n":
        if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
        endField()
        records.append(CSVRecord(line: recordLine, fields: fields))
        fields = []
        recordStarted = false
        line += 1
        recordLine = line
      default:
        field.append(scalar)
        recordStarted = true
      }
      index += 1
    }
    if recordStarted || !field.isEmpty || !fields.isEmpty {
      endField()
      records.append(CSVRecord(line: recordLine, fields: fields))
    }
    let lineCount = recordStarted || !field.isEmpty || !fields.isEmpty ? line : line - 1
    return CSVParseResult(records: records, unterminatedQuoteLine: inQuotes ? recordLine : nil,
                          multilineCells: multilineCells, lineCount: lineCount)
  }
}
