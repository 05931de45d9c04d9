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
    /// Headers no spec names, with their positions, in column order.
    let extraColumns: [(index: Int, header: String)]
  }

  /// The most ledger columns one table may carry into the plan: organizations' and instructors'
  /// share the plan sheet, which holds 16,384 columns (a ledger has a few dozen).
  static let maximumKeptColumns = 1_000

  /// What to do with a header that names no column of the file.
  enum UnknownColumns {
    /// Warn (with a did-you-mean) and ignore the column: tables whose rows have nowhere to keep it.
    case warn
    /// Keep the column with its rows (instructors, organizations): one note lists them; a header
    /// close to a known column is still a warning, as it is likely a typo.
    case keep
    /// Say nothing (a previous plan's columns beyond the ones read back).
    case ignore
  }

  /// - Parameters:
  ///   - emptyIsError: report a file without a header line (else it is simply absent).
  ///   - unknownColumns: what to report about headers no spec names.
  /// - Returns: nil when the file cannot be used at all (the reason is in `issues`).
  static func parse(
    _ bytes: [UInt8], fileName: String, columns specs: [ColumnSpec], emptyIsError: Bool, unknownColumns: UnknownColumns,
    issues: inout [InputIssue]
  ) -> Parsed? {
    let text: String
    switch TextDecoding.decode(bytes) {
    case .text(let decoded, _): text = decoded
    case .undecodable(let line):
      issues.append(InputIssue(file: fileName, line: line, problem: .undecodableText))
      return nil
    case .mixed(let line, let utf8Line):
      issues.append(InputIssue(file: fileName, line: line, problem: .mixedEncoding(utf8Line: utf8Line)))
      return nil
    }
    let parsed = CSVParser.parse(text)
    if let line = parsed.unterminatedQuoteLine { issues.append(InputIssue(file: fileName, line: line, problem: .unterminatedQuote)) }
    // A CSV saved from a workbook keeps its title rows, so they are skipped here too.
    let table = matchHeader(parsed.records, source: TableSource(fileName: fileName), columns: specs, emptyIsError: emptyIsError,
                            unknownColumns: unknownColumns, headerMayFollowTitles: true, issues: &issues)
    // Rows joined by quoted cells that span lines (CSV only: a worksheet has no quotes): each
    // one that holds separators on a later line is an error where it starts; the count of
    // lines against records is a warning. A file whose header has one column has no separator
    // to tell a swallowed row by — every later line of the cell would be a whole row — so there
    // any quoted cell spanning lines is the same located error (issue 13: one rule for both).
    let headerWidth = table.flatMap { t in parsed.records.first { $0.line == t.headerLine } }
      .map { $0.fields.filter { !ValueParser.trim($0).isEmpty }.count } ?? 0
    for cell in parsed.multilineCells where cell.laterLineHasSeparator || headerWidth == 1 {
      let header = table?.columns.values.first { $0.index == cell.fieldIndex }?.header
      issues.append(InputIssue(file: fileName, line: cell.startLine, column: header, problem: .quotedCellHoldsRows(endLine: cell.endLine)))
    }
    if !parsed.multilineCells.isEmpty {
      issues.append(InputIssue(file: fileName, problem: .rowCountDiffers(lines: parsed.lineCount, records: parsed.records.count)))
    }
    return table
  }

  /// Records (of a CSV file or a worksheet) → header matched against `specs`, rows, located problems.
  /// The header is the first non-blank record, or, when `headerMayFollowTitles`, the first record
  /// that names every required column (a workbook's merged title rows above it are skipped).
  static func matchHeader(
    _ allRecords: [CSVRecord], source: TableSource, columns specs: [ColumnSpec], emptyIsError: Bool,
    unknownColumns: UnknownColumns, headerMayFollowTitles: Bool = false, issues: inout [InputIssue]
  ) -> Parsed? {
    var records = allRecords.filter { !$0.isBlank }
    // Title rows are few; looking further would cost a scan of every row of a headerless table.
    if headerMayFollowTitles, let headerIndex = records.prefix(maxTitleRows + 1).firstIndex(where: { namesRequiredColumns($0, specs) }) {
      records.removeFirst(headerIndex)
    }
    guard let headerRecord = records.first else {
      if emptyIsError { issues.append(source.issue(.emptyFile)) }
      return nil
    }

    let headers = headerRecord.fields.map { ValueParser.trim($0) }
    var columns: [String: (index: Int, header: String)] = [:]
    let allNames = specs.flatMap(\.names)
    var extraColumns: [(index: Int, header: String)] = []
    for (index, header) in headers.enumerated() where !header.isEmpty {
      guard let column = column(named: header, in: specs) else {
        let suggestion = unknownColumns == .ignore ? nil : ValueParser.nearest(to: header, among: allNames)
        if unknownColumns == .warn || suggestion != nil {
          issues.append(source.issue(unknownColumns == .keep ? .unknownColumnKept(suggestion: suggestion) : .unknownColumn(suggestion: suggestion),
                                     line: headerRecord.line, columnIndex: index, header: header))
        }
        extraColumns.append((index, header))
        continue
      }
      if let first = columns[column.key] {
        issues.append(source.issue(.duplicateColumn(column, firstHeader: first.header), line: headerRecord.line, columnIndex: index, header: header))
      } else {
        columns[column.key] = (index, header)
      }
    }
    var missing = false
    for column in specs where column.required && columns[column.key] == nil {
      issues.append(source.issue(.missingColumn(column), line: headerRecord.line, header: column.key))
      missing = true
    }

    if unknownColumns == .keep, !extraColumns.isEmpty {
      issues.append(source.issue(.extraColumnsKept(headers: extraColumns.map(\.header)), line: headerRecord.line))
      // Kept columns go into the plan's workbook, whose sheets hold 16,384 columns in all.
      if extraColumns.count > maximumKeptColumns {
        issues.append(source.issue(.tooManyColumns(count: extraColumns.count, maximum: maximumKeptColumns), line: headerRecord.line))
      }
    }

    let rows = Array(records.dropFirst())
    for row in rows where row.fields.count > headers.count {
      let extra = row.fields[headers.count...].filter { !ValueParser.trim($0).isEmpty }.count
      if extra > 0 { issues.append(source.issue(.extraCells(count: extra), line: row.line)) }
    }
    return Parsed(headerLine: headerRecord.line, columns: columns, rows: rows, missesRequiredColumn: missing, extraColumns: extraColumns)
  }

  /// The most rows above a header that are taken for titles.
  static let maxTitleRows = 20

  static func column(named header: String, in specs: [ColumnSpec]) -> ColumnSpec? {
    let token = ValueParser.normalizedToken(header)
    return specs.first { $0.names.contains { ValueParser.normalizedToken($0) == token } }
  }

  /// Whether a record names every required column of `specs` (a header row).
  static func namesRequiredColumns(_ record: CSVRecord, _ specs: [ColumnSpec]) -> Bool {
    let named = Set(record.fields.compactMap { column(named: ValueParser.trim($0), in: specs)?.key })
    return specs.allSatisfy { !$0.required || named.contains($0.key) }
  }
}

/// Where a table comes from: a CSV file, or a worksheet of a workbook. Builds its issues'
/// locations: `file:line:header` for a CSV file, `workbook!sheet!C5` for a sheet.
struct TableSource: Sendable, Hashable {
  /// The file's name in the folder (the workbook's, for a sheet).
  let fileName: String
  var sheet: String? = nil

  /// What sorts and names the table in messages: the sheet's name, or the file's.
  var tableName: String { sheet ?? fileName }

  /// - Parameters: columnIndex: the column's position (a sheet's column letters come from it);
  ///   header: the column as written (a CSV file's column), or the English key of a missing column.
  func issue(_ problem: InputProblem, line: Int? = nil, columnIndex: Int? = nil, header: String? = nil) -> InputIssue {
    if let sheet {
      return InputIssue(file: fileName, sheet: sheet, line: line, column: columnIndex.map(CellReference.columnLetters), problem: problem)
    }
    return InputIssue(file: fileName, line: line, column: header, problem: problem)
  }
}
