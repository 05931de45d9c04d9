import Foundation

/// One CSV file outside a scenario folder (a previous plan's `plan.csv`, a `changes.csv`),
/// read with the scenario reader's decoding and parser, its header matched against
/// `ColumnSpec`s, every problem located as `file:line:column`.
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
    let bytes = [UInt8](data)
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
      issues.append(InputIssue(file: fileName, problem: .emptyFile))
      return nil
    }
    var columns: [String: Int] = [:], headers: [String: String] = [:]
    for (index, raw) in headerRecord.fields.enumerated() {
      let header = ValueParser.trim(raw)
      let token = ValueParser.normalizedToken(header)
      guard !token.isEmpty, let spec = specs.first(where: { $0.names.contains { ValueParser.normalizedToken($0) == token } }) else { continue }
      if columns[spec.key] == nil { columns[spec.key] = index; headers[spec.key] = header }
    }
    var ok = true
    for spec in specs where spec.required && columns[spec.key] == nil {
      issues.append(InputIssue(file: fileName, line: headerRecord.line, column: spec.key, problem: .missingColumn(spec)))
      ok = false
    }
    guard ok else { return nil }
    return LocatedTable(fileName: fileName, columns: columns, headers: headers, rows: Array(records.dropFirst()))
  }
}
