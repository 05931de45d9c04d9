/// Why an OR-Library file could not be read: the file, the 1-based line (when
/// known) and what was wrong there. The wording lives in `description` only.
public struct ORLibraryParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Kind: Sendable, Equatable {
    /// The file could not be opened or decoded.
    case unreadable(String)
    /// A token that is not a (signed, decimal) integer.
    case notAnInteger(String)
    /// The file ended while `expected` was still to come.
    case unexpectedEnd(expected: String)
    /// A value outside its allowed range, e.g. a size ≤ 0 or an index beyond n.
    case outOfRange(what: String, value: Int64, allowed: ClosedRange<Int64>)
    /// A line of a sparse file that does not hold exactly `row column cost`.
    case malformedArcLine(tokens: Int)
    /// The same pair given twice in a sparse file.
    case duplicateArc(row: Int, column: Int)
    /// Numbers left over after the last problem.
    case trailingData(String)
    /// The numbers parse, but do not make a valid `AssignmentProblem`.
    case invalidProblem(String)
  }

  /// The file name (or another label given to the parser).
  public var file: String
  /// 1-based line, or nil when the error is not tied to one line.
  public var line: Int?
  public var kind: Kind

  public init(file: String, line: Int?, kind: Kind) {
    self.file = file
    self.line = line
    self.kind = kind
  }

  public var description: String {
    let location = line.map { "\(file):\($0)" } ?? file
    let message: String
    switch kind {
    case .unreadable(let why): message = "cannot read the file: \(why)"
    case .notAnInteger(let token): message = "expected an integer, found \"\(token)\""
    case .unexpectedEnd(let expected): message = "the file ends where \(expected) should come"
    case .outOfRange(let what, let value, let allowed):
      message = "\(what) is \(value), allowed \(allowed.lowerBound)...\(allowed.upperBound)"
    case .malformedArcLine(let tokens): message = "an arc line needs `row column cost`, this one has \(tokens) number(s)"
    case .duplicateArc(let row, let column): message = "arc (\(row), \(column)) is given twice"
    case .trailingData(let token): message = "unexpected data after the last problem: \"\(token)\""
    case .invalidProblem(let why): message = "not a valid assignment problem: \(why)"
    }
    return "\(location): \(message)"
  }
}
