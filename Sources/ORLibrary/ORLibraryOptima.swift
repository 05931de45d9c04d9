import Foundation

/// One row of `optima.csv`: the published (or best known) value of one OR-Library problem.
///
/// `rows` and `columns` are OR-Library's sizes (agents × jobs for GAP, n × n for assign),
/// not those of the `AssignmentProblem` (whose rows are GAP's jobs).
public struct ORLibraryOptimum: Sendable, Equatable, Hashable {
  /// Path relative to the benchmark folder, e.g. "gap/gap1.txt".
  public var file: String
  /// 1-based position of the problem in the file.
  public var problem: Int
  public var sense: OptimizationSense
  public var rows: Int
  public var columns: Int
  public var optimum: Int64
  /// OR-Library's own name ("a05100"), or empty.
  public var name: String
  /// "proven", "published optimum, not reproduced here", "open: …".
  public var status: String

  public init(file: String, problem: Int, sense: OptimizationSense, rows: Int, columns: Int,
              optimum: Int64, name: String, status: String) {
    self.file = file
    self.problem = problem
    self.sense = sense
    self.rows = rows
    self.columns = columns
    self.optimum = optimum
    self.name = name
    self.status = status
  }

  /// True when the value is a proven or published optimum (not an open best-known value).
  public var isOptimum: Bool { !status.hasPrefix("open") }

  /// The name `ORLibraryParser` gives this problem: "assign100", or "gap1#3".
  public var instanceName: String {
    let stem = String(file.split(separator: "/").last?.prefix { $0 != "." } ?? "")
    return ORLibraryFormat(fileName: stem) == .generalizedAssignment ? "\(stem)#\(problem)" : stem
  }
}

public enum ORLibraryOptima {
  /// The header `parse` expects (the columns' order).
  public static let header = ["file", "problem", "sense", "rows", "columns", "optimum", "name", "status"]

  public static func load(_ url: URL) throws(ORLibraryParseError) -> [ORLibraryOptimum] {
    let text: String
    do { text = try String(contentsOf: url, encoding: .utf8) } catch {
      throw ORLibraryParseError(file: url.lastPathComponent, line: nil, kind: .unreadable(error.localizedDescription))
    }
    return try parse(text, file: url.lastPathComponent)
  }

  /// Parses `optima.csv` (RFC 4180 quoting; fields with commas are quoted).
  public static func parse(_ text: String, file: String = "optima.csv") throws(ORLibraryParseError) -> [ORLibraryOptimum] {
    var result: [ORLibraryOptimum] = []
    var lineNumber = 0
    // `isNewline` also takes "\r\n", which Swift reads as one Character.
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      lineNumber += 1
      if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
      let fields = splitCSV(line)
      if lineNumber == 1 || fields.first == "file" {
        guard Array(fields.prefix(header.count)) == header else {
          throw ORLibraryParseError(file: file, line: lineNumber, kind: .invalidProblem("expected the header \(header.joined(separator: ","))"))
        }
        continue
      }
      guard fields.count == header.count else {
        throw ORLibraryParseError(file: file, line: lineNumber, kind: .invalidProblem("expected \(header.count) fields, found \(fields.count)"))
      }
      func integer(_ k: Int) throws(ORLibraryParseError) -> Int64 {
        guard let v = Int64(fields[k].trimmingCharacters(in: .whitespaces)) else {
          throw ORLibraryParseError(file: file, line: lineNumber, kind: .notAnInteger(fields[k]))
        }
        return v
      }
      guard let sense = OptimizationSense(rawValue: fields[2]) else {
        throw ORLibraryParseError(file: file, line: lineNumber, kind: .invalidProblem("sense must be min or max, found \"\(fields[2])\""))
      }
      result.append(ORLibraryOptimum(
        file: fields[0], problem: Int(try integer(1)), sense: sense, rows: Int(try integer(3)),
        columns: Int(try integer(4)), optimum: try integer(5), name: fields[6], status: fields[7]))
    }
    return result
  }

  static func splitCSV(_ line: Substring) -> [String] {
    var fields: [String] = []
    var current = ""
    var quoted = false
    var chars = line.makeIterator()
    var pending: Character? = nil
    while let c = pending ?? chars.next() {
      pending = nil
      if quoted {
        if c == "\"" {
          if let after = chars.next() {
            if after == "\"" { current.append("\"") } else { quoted = false; pending = after }
          } else { quoted = false }
        } else { current.append(c) }
      } else if c == "\"" { quoted = true }
      else if c == "," { fields.append(current); current = "" }
      else { current.append(c) }
    }
    fields.append(current)
    return fields
  }
}

/// Where the OR-Library files live: `$DISPATCH_ORLIB_DIR`, else `shared/benchmarks/orlib` in
/// or beside `packageRoot` (CI clones the repository next to `shared/`), else the shared
/// checkout `/work/shared/benchmarks/orlib`, else the copy in the repository
/// (`Tests/Fixtures/orlib`: every GAP file and the assign files of the default test suite, not
/// the large ones); nil when none holds `optima.csv`.
public enum ORLibraryLocation {
  public static let environmentVariable = "DISPATCH_ORLIB_DIR"
  public static let defaultPath = "/work/shared/benchmarks/orlib"
  /// The repository's own copy of the files the default test suite needs.
  public static let repositoryCopy = "Tests/Fixtures/orlib"

  public static func find(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    packageRoot: String = FileManager.default.currentDirectoryPath
  ) -> URL? {
    let beside = [packageRoot + "/shared/benchmarks/orlib", packageRoot + "/../shared/benchmarks/orlib"]
    let candidates = [environment[environmentVariable]].compactMap { $0 } + beside + [defaultPath, packageRoot + "/" + repositoryCopy]
    for path in candidates where FileManager.default.fileExists(atPath: path + "/optima.csv") {
      return URL(fileURLWithPath: path, isDirectory: true)
    }
    return nil
  }
}
