import AssignmentCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Seconds of `body` on the monotonic clock.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
  let clock = Stopwatch()
  let value = try body()
  return (value, clock.seconds)
}

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  guard !sorted.isEmpty else { return .nan }
  return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// This process's peak resident set (getrusage ru_maxrss, KiB on Linux), in MiB.
func peakMemoryMB() -> Double {
  var usage = rusage()
  #if os(Linux)
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  return Double(usage.ru_maxrss) / 1024
  #else
  getrusage(RUSAGE_SELF, &usage)
  return Double(usage.ru_maxrss) / 1_048_576  // bytes on Darwin
  #endif
}

/// Seconds with three significant digits: "0.0123", "1.23", "45.6".
func formatSeconds(_ s: Double?) -> String {
  guard let s, s.isFinite else { return "—" }
  if s >= 100 { return String(format: "%.0f", s) }
  if s >= 10 { return String(format: "%.1f", s) }
  if s >= 1 { return String(format: "%.2f", s) }
  if s >= 0.1 { return String(format: "%.3f", s) }
  if s >= 0.01 { return String(format: "%.4f", s) }
  return String(format: "%.5f", s)
}

/// Writes `problem` in the dispatch-bench instance format that `scripts/bench/peers.py` reads:
///
///     dispatch-bench-instance 1
///     ROWS COLUMNS ARCS dense|sparse
///     CAP_1 … CAP_COLUMNS
///     dense:  ROWS lines of COLUMNS scores (every pair is an arc, in column order)
///     sparse: ARCS lines `row column score` (0-based)
///
/// Scores are maximised. Locks, loads and side rules are not written (the benchmark has none).
func writeInstance(_ problem: AssignmentProblem, dense: Bool, to url: URL) throws {
  precondition(problem.isPureAssignment && problem.locks.isEmpty)
  var out: [UInt8] = []
  out.reserveCapacity(problem.arcCount * (dense ? 4 : 14) + 1024)
  func put(_ s: String) { out.append(contentsOf: s.utf8) }
  var digits = [UInt8](repeating: 0, count: 24)
  func put(_ value: Int64) {
    var v = value.magnitude
    if value < 0 { out.append(0x2D) }
    var k = 0
    repeat { digits[k] = UInt8(truncatingIfNeeded: 0x30 + v % 10); v /= 10; k += 1 } while v > 0
    while k > 0 { k -= 1; out.append(digits[k]) }
  }
  put("dispatch-bench-instance 1\n")
  put("\(problem.rowCount) \(problem.columnCount) \(problem.arcCount) \(dense ? "dense" : "sparse")\n")
  for (c, capacity) in problem.columnCapacities.enumerated() {
    if c > 0 { out.append(0x20) }
    put(Int64(capacity))
  }
  out.append(0x0A)
  for row in 0..<problem.rowCount {
    let arcs = problem.arcs(ofRow: row)
    if dense {
      precondition(arcs.count == problem.columnCount, "a dense instance needs every pair")
      for (k, arc) in arcs.enumerated() {
        if k > 0 { out.append(0x20) }
        put(problem.arcScores[arc])
      }
      out.append(0x0A)
    } else {
      for arc in arcs {
        put(Int64(row)); out.append(0x20); put(Int64(problem.arcColumns[arc])); out.append(0x20)
        put(problem.arcScores[arc]); out.append(0x0A)
      }
    }
  }
  try Data(out).write(to: url)
}

/// Runs a command, returning its standard output (standard error passes through).
func runProcess(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: Data) {
  let process = Process()
  if executable.contains("/") {
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
  } else {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [executable] + arguments
  }
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, data)
}
