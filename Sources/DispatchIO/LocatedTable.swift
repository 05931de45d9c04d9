import Foundation

/// One CSV file outside a scenario folder (a previous plan's `plan.csv`, a `changes.csv`),
/// read through `CSVTableParsing` like the scenario's files, every problem located as `file:line:column`.
struct LocatedTable {
  let fileName: String
  let columns: [String: Int]
  let headers: [String: String]
  let rows: [CSVRecord]

  func value(_ key: String, in row: CSVRecord) -> String {
    guard let index = columns[key], index < row.fields.count else { return "" }
    return ValueParser.cellValue(row.fields[index])
  }

  func header(_ key: String) -> String { headers[key] ?? key }

  /// Reads `url`; appends problems to `issues`; nil when the file cannot be used at all.
  static func load(_ url: URL, columns specs: [ColumnSpec], issues: inout [InputIssue]) -> LocatedTable? {
    let fileName = url.path
    guard let data = FileManager.default.contents(atPath: url.path) else {
      let exists = FileManager.default.fileExists(atPath: url.path)
      issues.append(InputIssue(file: fileName, problem: exists
        ? .unreadableFile(reason: "no permission or not a regular file / 无权限或不是普通文件")
        : .fileMissing(acceptedNames: [url.lastPathComponent])))
      return nil
    }
    guard let parsed = CSVTableParsing.parse(
      [UInt8](data), fileName: fileName, columns: specs, emptyIsError: true, unknownColumns: .ignore, issues: &issues),
      !parsed.missesRequiredColumn
    else { return nil }
    return LocatedTable(fileName: fileName, columns: parsed.columns.mapValues(\.index), headers: parsed.columns.mapValues(\.header), rows: parsed.rows)
  }
}
