import Foundation

/// One table outside a scenario folder (a previous plan's `plan.csv`, a `changes.csv` or a change
/// workbook), read through `CSVTableParsing` like the scenario's files, every problem located as
/// `file:line:column` (or `workbook!sheet!C5`).
struct LocatedTable {
  let fileName: String
  let columns: [String: Int]
  let headers: [String: String]
  let rows: [CSVRecord]
  /// The worksheet the rows come from, when the file is a workbook.
  var sheet: String? = nil
  /// Whether `columns` are the file's own positions (false for rows derived from other rows).
  var columnsAreCells = true

  func value(_ key: String, in row: CSVRecord) -> String {
    guard let index = columns[key], index < row.fields.count else { return "" }
    return ScenarioFormat.identifierKeys.contains(key) ? ValueParser.identifier(row.fields[index]) : ValueParser.cellValue(row.fields[index])
  }

  func header(_ key: String) -> String { headers[key] ?? key }

  /// A problem at `row`, in `key`'s column.
  func issue(_ problem: InputProblem, _ row: CSVRecord, _ key: String?) -> InputIssue {
    TableSource(fileName: fileName, sheet: sheet).issue(
      problem, line: row.line, columnIndex: columnsAreCells ? key.flatMap { columns[$0] } : nil, header: key.map(header))
  }

  /// Reads `url`; appends problems to `issues`; nil when the file cannot be used at all.
  /// A workbook (.xlsx) is read from its first visible sheet that has rows (a notes sheet skipped).
  static func load(_ url: URL, columns specs: [ColumnSpec], issues: inout [InputIssue]) -> LocatedTable? {
    let fileName = url.path
    guard let data = FileManager.default.contents(atPath: url.path) else {
      let exists = FileManager.default.fileExists(atPath: url.path)
      issues.append(InputIssue(file: fileName, problem: exists
        ? .unreadableFile(reason: "no permission or not a regular file / 无权限或不是普通文件")
        : .fileMissing(acceptedNames: [url.lastPathComponent])))
      return nil
    }
    if TableDiscovery.isSpreadsheet(url.lastPathComponent) {
      let workbook: Workbook
      do { workbook = try WorkbookReader.read(data) } catch {
        issues.append(InputIssue(file: fileName, problem: .unreadableWorkbook(error.problem)))
        return nil
      }
      guard let sheet = workbook.sheets.first(where: { !$0.hidden && !$0.rows.isEmpty && !TableDiscovery.isNotes($0.name) }) else {
        issues.append(InputIssue(file: fileName, problem: .emptyFile))
        return nil
      }
      guard let parsed = CSVTableParsing.matchHeader(
        sheet.records, source: TableSource(fileName: fileName, sheet: sheet.name), columns: specs, emptyIsError: true,
        unknownColumns: .ignore, headerMayFollowTitles: true, issues: &issues), !parsed.missesRequiredColumn
      else { return nil }
      return LocatedTable(fileName: fileName, columns: parsed.columns.mapValues(\.index), headers: parsed.columns.mapValues(\.header),
                          rows: parsed.rows, sheet: sheet.name)
    }
    guard let parsed = CSVTableParsing.parse(
      [UInt8](data), fileName: fileName, columns: specs, emptyIsError: true, unknownColumns: .ignore, issues: &issues),
      !parsed.missesRequiredColumn
    else { return nil }
    return LocatedTable(fileName: fileName, columns: parsed.columns.mapValues(\.index), headers: parsed.columns.mapValues(\.header), rows: parsed.rows)
  }
}
