//===----------------------------------------------------------------------===//
// Readers of the OR-Library assignment and generalized-assignment files
// (J. E. Beasley, "OR-Library: distributing test problems by electronic mail",
// J. Oper. Res. Soc. 41(11), 1990).
//
// Formats (whitespace separated integers; line breaks may fall anywhere unless said):
//   assign (dense)   n, then the n×n cost matrix row by row.
//   assignp (sparse) n, then one arc per line: `row column cost`, 1-based; pairs
//                    not listed are not allowed. This reader is line based: every
//                    line after the first number holds exactly three numbers.
//   gap              P, then P times: m (agents), n (jobs); the m×n cost matrix c;
//                    the m×n resource matrix r; the m capacities b.
//
// Mapping to `AssignmentProblem` (maximisation, see `ScoreMapping`):
//   assign: rows = the n rows of the matrix, columns = its n columns, capacity 1.
//   gap:    rows = jobs, columns = agents, arc (j, i) with load r[i][j] and the
//           score of c[i][j], column capacity b[i]. Every job has an arc to every agent.
//   Both:   coverage .requireAll (OR-Library assigns every row/job).
//
// Errors: `ORLibraryParseError` with the file and the 1-based line of the offending
// number (or of the last line when the file ends early).
//
// Complexity: O(B + a log a) for a file of B bytes with a arcs (the arc sort is
// linear here since arcs are produced in (row, column) order, except for gap's
// transposition and unsorted sparse files).
//===----------------------------------------------------------------------===//
import AssignmentCore
import Foundation

/// Which OR-Library format a file holds.
public enum ORLibraryFormat: String, Sendable, Equatable, CaseIterable {
  case denseAssignment
  case sparseAssignment
  case generalizedAssignment

  /// The format OR-Library's naming implies: `assignp*` sparse, `assign*` dense, `gap*` GAP.
  public init?(fileName: String) {
    let stem = fileName.split(separator: "/").last.map(String.init)?.lowercased() ?? ""
    if stem.hasPrefix("assignp") { self = .sparseAssignment }
    else if stem.hasPrefix("assign") { self = .denseAssignment }
    else if stem.hasPrefix("gap") { self = .generalizedAssignment }
    else { return nil }
  }
}

public enum ORLibraryParser {
  // MARK: Files

  /// Reads every problem in the file at `url`, picking the format from its name.
  /// - Parameter sense: the sense of the published optimum to compare against; assignment
  ///   files are always `.minimize`, GAP files may be read either way.
  public static func load(
    _ url: URL, sense: OptimizationSense = .minimize, mapping: ScoreMapping = .negated
  ) throws(ORLibraryParseError) -> [ORLibraryInstance] {
    let label = url.lastPathComponent
    guard let format = ORLibraryFormat(fileName: label) else {
      throw ORLibraryParseError(file: label, line: nil, kind: .unreadable("unknown OR-Library file name (assign*, assignp*, gap*)"))
    }
    let bytes: [UInt8]
    do { bytes = Array(try Data(contentsOf: url)) } catch {
      throw ORLibraryParseError(file: label, line: nil, kind: .unreadable(error.localizedDescription))
    }
    let name = String(label.prefix { $0 != "." })
    switch format {
    case .denseAssignment: return [try parseDenseAssignment(bytes, name: name, file: label, mapping: mapping)]
    case .sparseAssignment: return [try parseSparseAssignment(bytes, name: name, file: label, mapping: mapping)]
    case .generalizedAssignment: return try parseGAP(bytes, name: name, file: label, sense: sense, mapping: mapping)
    }
  }

  // MARK: Assignment

  /// A dense `assign` file: n, then n×n costs.
  public static func parseDenseAssignment(
    _ text: some StringProtocol, name: String, file: String = "<text>", mapping: ScoreMapping = .negated
  ) throws(ORLibraryParseError) -> ORLibraryInstance {
    try parseDenseAssignment(Array(text.utf8), name: name, file: file, mapping: mapping)
  }

  static func parseDenseAssignment(
    _ bytes: [UInt8], name: String, file: String, mapping: ScoreMapping
  ) throws(ORLibraryParseError) -> ORLibraryInstance {
    let tokens = try Tokens(bytes, file: file)
    var cursor = Cursor(tokens: tokens, file: file)
    let n = Int(try cursor.next("the size n", in: 1...Int64(Int32.max)))
    var costs = [Int64](); costs.reserveCapacity(n * n)
    for row in 0..<n {
      for column in 0..<n { costs.append(try cursor.next("cost (\(row + 1), \(column + 1))", in: costRange)) }
    }
    try cursor.expectEnd()
    var arcs = [Arc](); arcs.reserveCapacity(n * n)
    for row in 0..<n { for column in 0..<n { arcs.append(Arc(row: row, column: column, score: 0)) } }
    let (scores, offset) = mapCosts(costs, rows: n, sense: .minimize, mapping: mapping)
    for i in arcs.indices { arcs[i].score = scores[i] }
    let problem = try build(rowCount: n, capacities: Array(repeating: 1, count: n), arcs: arcs, file: file)
    return ORLibraryInstance(name: name, problem: problem, sense: .minimize, offset: offset)
  }

  /// A sparse `assignp` file: n, then `row column cost` lines (1-based).
  public static func parseSparseAssignment(
    _ text: some StringProtocol, name: String, file: String = "<text>", mapping: ScoreMapping = .negated
  ) throws(ORLibraryParseError) -> ORLibraryInstance {
    try parseSparseAssignment(Array(text.utf8), name: name, file: file, mapping: mapping)
  }

  static func parseSparseAssignment(
    _ bytes: [UInt8], name: String, file: String, mapping: ScoreMapping
  ) throws(ORLibraryParseError) -> ORLibraryInstance {
    let tokens = try Tokens(bytes, file: file)
    var cursor = Cursor(tokens: tokens, file: file)
    let n = try cursor.next("the size n", in: 1...Int64(Int32.max))
    let headerLine = cursor.lastLine
    var arcs: [Arc] = []
    var costs: [Int64] = []
    var lines: [Int] = []
    var i = cursor.position
    // The size may share its line with nothing else.
    if i < tokens.count, tokens.lines[i] == headerLine {
      throw ORLibraryParseError(file: file, line: headerLine, kind: .trailingData(tokens.text(i)))
    }
    while i < tokens.count {
      let line = tokens.lines[i]
      var j = i
      while j < tokens.count, tokens.lines[j] == line { j += 1 }
      guard j - i == 3 else { throw ORLibraryParseError(file: file, line: line, kind: .malformedArcLine(tokens: j - i)) }
      let row = try tokens.value(i, file: file), column = try tokens.value(i + 1, file: file)
      let cost = try tokens.value(i + 2, file: file)
      for (what, value) in [("row", row), ("column", column)] where !(1...n).contains(value) {
        throw ORLibraryParseError(file: file, line: line, kind: .outOfRange(what: what, value: value, allowed: 1...n))
      }
      guard costRange.contains(cost) else {
        throw ORLibraryParseError(file: file, line: line, kind: .outOfRange(what: "cost", value: cost, allowed: costRange))
      }
      arcs.append(Arc(row: Int(row - 1), column: Int(column - 1), score: 0))
      costs.append(cost)
      lines.append(line)
      i = j
    }
    // Duplicates, reported at the later line.
    let order = arcs.indices.sorted { (arcs[$0].row, arcs[$0].column, $0) < (arcs[$1].row, arcs[$1].column, $1) }
    for k in order.indices.dropFirst() {
      let a = arcs[order[k - 1]], b = arcs[order[k]]
      if a.row == b.row && a.column == b.column {
        throw ORLibraryParseError(file: file, line: lines[order[k]], kind: .duplicateArc(row: b.row + 1, column: b.column + 1))
      }
    }
    let (scores, offset) = mapCosts(costs, rows: Int(n), sense: .minimize, mapping: mapping)
    for k in arcs.indices { arcs[k].score = scores[k] }
    let problem = try build(rowCount: Int(n), capacities: Array(repeating: 1, count: Int(n)), arcs: arcs, file: file)
    return ORLibraryInstance(name: name, problem: problem, sense: .minimize, offset: offset)
  }

  // MARK: GAP

  /// A `gap` file: P problems of m agents and n jobs. Problems are named "name#k" (k 1-based).
  public static func parseGAP(
    _ text: some StringProtocol, name: String, file: String = "<text>", sense: OptimizationSense,
    mapping: ScoreMapping = .negated
  ) throws(ORLibraryParseError) -> [ORLibraryInstance] {
    try parseGAP(Array(text.utf8), name: name, file: file, sense: sense, mapping: mapping)
  }

  static func parseGAP(
    _ bytes: [UInt8], name: String, file: String, sense: OptimizationSense, mapping: ScoreMapping
  ) throws(ORLibraryParseError) -> [ORLibraryInstance] {
    let tokens = try Tokens(bytes, file: file)
    var cursor = Cursor(tokens: tokens, file: file)
    let count = Int(try cursor.next("the number of problems", in: 1...1_000_000))
    var instances: [ORLibraryInstance] = []
    for k in 1...count {
      let m = Int(try cursor.next("m (agents) of problem \(k)", in: 1...1_000_000))
      let n = Int(try cursor.next("n (jobs) of problem \(k)", in: 1...10_000_000))
      var cost = [Int64]()
      for i in 0..<m { for j in 0..<n {
        cost.append(try cursor.next("cost c[\(i + 1)][\(j + 1)] of problem \(k)", in: costRange))
      } }
      var resource = [Int]()
      for i in 0..<m { for j in 0..<n {
        resource.append(Int(try cursor.next("resource r[\(i + 1)][\(j + 1)] of problem \(k)", in: 0...Int64(Int32.max))))
      } }
      var capacity = [Int]()
      for i in 0..<m {
        capacity.append(Int(try cursor.next("capacity b[\(i + 1)] of problem \(k)", in: 0...Int64(Int32.max))))
      }
      // Rows are jobs, columns agents: arc (j, i) in (row, column) order.
      var arcs = [Arc](), arcCosts = [Int64]()
      arcs.reserveCapacity(m * n)
      for j in 0..<n { for i in 0..<m {
        arcs.append(Arc(row: j, column: i, score: 0, load: resource[i * n + j]))
        arcCosts.append(cost[i * n + j])
      } }
      let (scores, offset) = mapCosts(arcCosts, rows: n, sense: sense, mapping: mapping)
      for a in arcs.indices { arcs[a].score = scores[a] }
      let problem = try build(rowCount: n, capacities: capacity, arcs: arcs, file: file)
      instances.append(ORLibraryInstance(name: "\(name)#\(k)", problem: problem, sense: sense, offset: offset))
    }
    try cursor.expectEnd()
    return instances
  }

  // MARK: Shared

  /// Costs accepted: the score must stay within ±`maximumScoreMagnitude` under either mapping.
  static let costRange: ClosedRange<Int64> = 0...maximumScoreMagnitude

  static func mapCosts(
    _ costs: [Int64], rows: Int, sense: OptimizationSense, mapping: ScoreMapping
  ) -> (scores: [Int64], offset: Int64) {
    switch (sense, mapping) {
    case (.maximize, _): return (costs, 0)
    case (.minimize, .negated): return (costs.map { -$0 }, 0)
    case (.minimize, .complemented):
      let top = costs.max() ?? 0
      return (costs.map { top - $0 }, Int64(rows) * top)
    }
  }

  static func build(rowCount: Int, capacities: [Int], arcs: [Arc], file: String) throws(ORLibraryParseError) -> AssignmentProblem {
    do { return try AssignmentProblem(rowCount: rowCount, columnCapacities: capacities, arcs: arcs, coverage: .requireAll) }
    catch { throw ORLibraryParseError(file: file, line: nil, kind: .invalidProblem(error.description)) }
  }
}

// MARK: - Tokens

/// The whitespace-separated tokens of a file with their 1-based lines; values are parsed lazily.
struct Tokens {
  let bytes: [UInt8]
  var starts: [Int] = []
  var ends: [Int] = []
  var lines: [Int] = []
  /// The last line of the file (for "ends early" errors).
  var lastLine = 1

  var count: Int { starts.count }

  init(_ bytes: [UInt8], file: String) throws(ORLibraryParseError) {
    self.bytes = bytes
    var line = 1
    var i = 0
    var start = -1
    starts.reserveCapacity(bytes.count / 3)
    ends.reserveCapacity(bytes.count / 3)
    lines.reserveCapacity(bytes.count / 3)
    bytes.withUnsafeBufferPointer { buffer in
      while i < buffer.count {
        let b = buffer[i]
        let isSpace = b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C
        if isSpace {
          if start >= 0 { starts.append(start); ends.append(i); lines.append(line); start = -1 }
          if b == 0x0A { line += 1 }
        } else if start < 0 {
          start = i
        }
        i += 1
      }
      if start >= 0 { starts.append(start); ends.append(buffer.count); lines.append(line) }
    }
    // A file ending in a newline has its last line before it.
    lastLine = bytes.last == 0x0A ? max(1, line - 1) : line
  }

  func text(_ k: Int) -> String { String(decoding: bytes[starts[k]..<ends[k]], as: UTF8.self) }

  /// The integer value of token `k`.
  func value(_ k: Int, file: String) throws(ORLibraryParseError) -> Int64 {
    var i = starts[k]
    let end = ends[k]
    var negative = false
    if bytes[i] == 0x2D || bytes[i] == 0x2B { negative = bytes[i] == 0x2D; i += 1 }
    guard i < end else { throw ORLibraryParseError(file: file, line: lines[k], kind: .notAnInteger(text(k))) }
    var value: Int64 = 0
    while i < end {
      let digit = Int64(bytes[i]) - 0x30
      guard (0...9).contains(digit), value < 100_000_000_000_000 else {
        throw ORLibraryParseError(file: file, line: lines[k], kind: .notAnInteger(text(k)))
      }
      value = value * 10 + digit
      i += 1
    }
    return negative ? -value : value
  }
}

/// Reads tokens in order, with range checks and the line of the last one read.
struct Cursor {
  let tokens: Tokens
  let file: String
  var position = 0
  var lastLine = 1

  init(tokens: Tokens, file: String) {
    self.tokens = tokens
    self.file = file
  }

  mutating func next(_ what: String, in allowed: ClosedRange<Int64>) throws(ORLibraryParseError) -> Int64 {
    guard position < tokens.count else {
      throw ORLibraryParseError(file: file, line: tokens.lastLine, kind: .unexpectedEnd(expected: what))
    }
    let value = try tokens.value(position, file: file)
    lastLine = tokens.lines[position]
    guard allowed.contains(value) else {
      throw ORLibraryParseError(file: file, line: lastLine, kind: .outOfRange(what: what, value: value, allowed: allowed))
    }
    position += 1
    return value
  }

  func expectEnd() throws(ORLibraryParseError) {
    guard position < tokens.count else { return }
    throw ORLibraryParseError(file: file, line: tokens.lines[position], kind: .trailingData(tokens.text(position)))
  }
}
