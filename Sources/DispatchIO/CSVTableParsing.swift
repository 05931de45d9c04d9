/// Bytes → text → records → header matched against `ColumnSpec`s: the one path every CSV
/// reader takes (`ScenarioReader` for a scenario's files, `LocatedTable` for `plan.csv` and
/// `changes.csv`), every problem located as `file:line:column`.
enum CSVTableParsing {
  struct Parsed {
    let headerLine: Int
    /// Column key → position and the header as written.
    let columns: [String: (index: Int, header: String)]
    /// Non-blank data rows.
    let rows: [CSVRecord]
    /// A required column is absent (already reported).
    let missesRequiredColumn: Bool
  }

  /// - Parameters:
  ///   - emptyIsError: report a file without a header line (else it is simply absent).
  ///   - warnUnknownColumns: warn about headers no spec names (scenario files; a previous
  ///     plan's extra columns are expected).
  /// - Returns: nil when the file cannot be used at all (the reason is in `issues`).
  static func parse(
    _ bytes: [UInt8], fileName: String, columns specs: [ColumnSpec], emptyIsError: Bool, warnUnknownColumns: Bool,
    issues: inout [InputIssue]
  ) -> Parsed? {
    let text: String
    switch TextDecoding.decode(bytes) {
    case .text(let decoded, _): text = decoded
    case .undecodable(let line):
      issues.append(InputIssue(file: fileName, line: line, problem: .undecodableText))
      return nil
    }
    let parsed = CSVParser.parse(text)
    if let line = parsed.unterminatedQuoteLine { issues.append(InputIssue(file: fileName, line: line, problem: .unterminatedQuote)) }
    let records = parsed.records.filter { !$0.isBlank }
    guard let headerRecord = records.first else {
      if emptyIsError { issues.append(InputIssue(file: fileName, problem: .emptyFile)) }
      return nil
    }

    let headers = headerRecord.fields.map { ValueParser.trim($0) }
    var columns: [String: (index: Int, header: String)] = [:]
    let allNames = specs.flatMap(\.names)
    for (index, header) in headers.enumerated() where !header.isEmpty {
      let token = ValueParser.normalizedToken(header)
      guard let column = specs.first(where: { $0.names.contains { ValueParser.normalizedToken($0) == token } }) else {
        if warnUnknownColumns {
          issues.append(InputIssue(file: fileName, line: headerRecord.line, column: header,
                                   problem: .unknownColumn(suggestion: ValueParser.nearest(to: header, among: allNames))))
        }
        continue
      }
      if let first = columns[column.key] {
        issues.append(InputIssue(file: fileName, line: headerRecord.line, column: header,
                                 problem: .duplicateColumn(column, firstHeader: first.header)))
      } else {
        columns[column.key] = (index, header)
      }
    }
    var missing = false
    for column in specs where column.required && columns[column.key] == nil {
      issues.append(InputIssue(file: fileName, line: headerRecord.line, column: column.key, problem: .missingColumn(column)))
      missing = true
    }

    let rows = Array(records.dropFirst())
    for row in rows where row.fields.count > headers.count {
      let extra = row.fields[headers.count...].filter { !ValueParser.trim($0).isEmpty }.count
      if extra > 0 { issues.append(InputIssue(file: fileName, line: row.line, problem: .extraCells(count: extra))) }
    }
    return Parsed(headerLine: headerRecord.line, columns: columns, rows: rows, missesRequiredColumn: missing)
  }
}
