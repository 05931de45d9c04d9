/// A column of the office's ledger that the scenario format does not know (联系电话, 地址,
/// 负责人, 统一社会信用代码, 备注 …), kept with its row so that it reaches plan.csv, the
/// workbook and the notices. The header is as written in the ledger; the value is the
/// cell's trimmed text ("" when the cell is empty).
public struct LedgerField: Sendable, Hashable {
  public var header: String
  public var value: String

  public init(header: String, value: String) {
    self.header = header
    self.value = value
  }
}

extension Array where Element == LedgerField {
  /// The value under `header` (the first such field), or nil when the row has no such column.
  public func value(_ header: String) -> String? { first { $0.header == header }?.value }

  /// The values under `headers`, in their order (nil where the row has no such column; the first
  /// field of a header wins, as in `value`). O(fields + headers): a table of many ledger columns
  /// looked up one `value` at a time was quadratic (17,000 columns ran for minutes).
  public func values(_ headers: [String]) -> [String?] {
    var byHeader: [String: String] = [:]
    byHeader.reserveCapacity(count)
    for field in self where byHeader[field.header] == nil { byHeader[field.header] = field.value }
    return headers.map { byHeader[$0] }
  }

  /// The headers of every row's extra fields, in order of first appearance: the columns a
  /// table of these rows shows after the known ones (deterministic: ledger column order).
  public static func headers<S: Sequence>(of rows: S) -> [String] where S.Element == [LedgerField] {
    var seen: Set<String> = []
    var headers: [String] = []
    for row in rows {
      for field in row where seen.insert(field.header).inserted { headers.append(field.header) }
    }
    return headers
  }
}
