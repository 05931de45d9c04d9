// dispatch-bench: times the native solver (and GLPK's pure LP where it finishes in
// reasonable time) on five seeded instance shapes, runs the same instances through
// peer solvers (scipy, OR-tools: scripts/bench/peers.py), checks that every objective
// agrees, and prints a Markdown table. `--orlib` runs the OR-Library files instead.
// Speed is never asserted; see Documentation/Benchmarks.md. Use scripts/bench/run,
// which builds in release and prepares the Python peers.
import AssignmentCore
import Foundation
import GLPKBackend
import NativeSolver
import ORLibrary

struct Options {
  var shapes = BenchShape.all.map(\.id)
  var reps = 5
  var peerReps = 3
  var glpk = "auto"  // auto | all | none
  var glpkTimeLimit = 300.0
  var peers = true
  var peerList: String? = nil
  var python = ProcessInfo.processInfo.environment["DISPATCH_BENCH_PYTHON"] ?? "python3"
  var peersScript = "scripts/bench/peers.py"
  var keepInstances: String? = nil
  var child = false
  var orlib: String? = nil
  var orlibAll = false
  var orlibGAPTimeLimit = 30.0

  static let usage = """
    usage: dispatch-bench [--shapes a,b] [--reps N] [--peer-reps N] [--glpk auto|all|none]
                          [--glpk-time-limit S] [--no-peers] [--peers scipy-lsa,scipy-sparse,ortools-mcf,lap-lapjv,lap-lapmod,lap-lapmod-pad]
                          [--python PATH] [--peers-script PATH] [--keep-instances DIR]
           dispatch-bench --orlib [DIR] [--orlib-all] [--orlib-gap-time-limit S]
           dispatch-bench warm-city-dense [SEED]     (glpk-warm with and without GLPK's starting basis)
           dispatch-bench glpk-start [SHAPE …]       (plain GLPK pure LP from the standard / native basis)
           dispatch-bench warm-scenario DIR [SECONDS] (a scenario's rules through glpk-warm, with / without the basis)
           dispatch-bench read-ledger [ROWS]         (the scenario reader on a ROWS-organization ledger, default 200,000)
           dispatch-bench edit-proposal SCENARIO PLAN [LIMIT] (one workbench edit, step by step, and the slow path)
    --orlib: native on every assign file, GLPK on gap1–6 (--orlib-all: also gap7–12, gapa–d)
    shapes: \(BenchShape.all.map(\.id).joined(separator: ", "))
    """

  static func parse(_ arguments: [String]) -> Options {
    var options = Options()
    var i = 0
    func value() -> String {
      i += 1
      guard i < arguments.count else { fail("\(arguments[i - 1]) needs a value") }
      return arguments[i]
    }
    while i < arguments.count {
      switch arguments[i] {
      case "--shapes": options.shapes = value().split(separator: ",").map(String.init)
      case "--reps": options.reps = number(value(), "--reps")
      case "--peer-reps": options.peerReps = number(value(), "--peer-reps")
      case "--glpk": options.glpk = value()
      case "--glpk-time-limit": options.glpkTimeLimit = number(value(), "--glpk-time-limit")
      case "--no-peers": options.peers = false
      case "--peers": options.peerList = value()
      case "--python": options.python = value()
      case "--peers-script": options.peersScript = value()
      case "--keep-instances": options.keepInstances = value()
      case "--child": options.child = true
      case "--orlib":
        if i + 1 < arguments.count, !arguments[i + 1].hasPrefix("--") { options.orlib = value() } else { options.orlib = "" }
      case "--orlib-all": options.orlibAll = true
      case "--orlib-gap-time-limit": options.orlibGAPTimeLimit = number(value(), "--orlib-gap-time-limit")
      case "-h", "--help": print(usage); exit(0)
      default: fail("unknown option \(arguments[i])\n\(usage)")
      }
      i += 1
    }
    for id in options.shapes where !BenchShape.all.contains(where: { $0.id == id }) { fail("unknown shape \(id)\n\(usage)") }
    guard ["auto", "all", "none"].contains(options.glpk) else { fail("--glpk takes auto, all or none") }
    guard options.reps >= 1, options.peerReps >= 1 else { fail("repetitions must be at least 1") }
    return options
  }

  /// The arguments a child process gets for one shape.
  func childArguments(shape: String) -> [String] {
    var a = ["--child", "--shapes", shape, "--reps", "\(reps)", "--peer-reps", "\(peerReps)", "--glpk", glpk,
             "--glpk-time-limit", "\(glpkTimeLimit)", "--python", python, "--peers-script", peersScript]
    if !peers { a.append("--no-peers") }
    if let peerList { a += ["--peers", peerList] }
    if let keepInstances { a += ["--keep-instances", keepInstances] }
    return a
  }
}

func number<T: LosslessStringConvertible>(_ text: String, _ option: String) -> T {
  guard let value = T(text) else { fail("\(option) needs a number, not \(text)") }
  return value
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("dispatch-bench: \(message)\n".utf8))
  exit(2)
}

func log(_ message: String) {
  FileHandle.standardError.write(Data("dispatch-bench: \(message)\n".utf8))
}

// MARK: - One shape

struct PeerResult: Codable {
  var seconds: Double?
  var setupSeconds: Double?
  var objective: Int64?
  var covered: Int?
  var peakRssMb: Double?
  var error: String?
}

struct ShapeResult: Codable {
  var id: String
  var title: String
  var rows: Int
  var columns: Int
  var arcs: Int
  var generateSeconds: Double
  var nativeRuns: [Double]
  var nativeCovered: Int
  var nativeScore: Int64
  var glpkSeconds: Double?
  var glpkCovered: Int?
  var glpkScore: Int64?
  var glpkNote: String
  var peers: [String: PeerResult]
  var peersNote: String
  var peakRssMb: Double
}

func runShape(_ shape: BenchShape, _ options: Options) -> ShapeResult {
  log("\(shape.id): generating \(shape.rows)×\(shape.columns)")
  let (problem, generateSeconds) = timed { shape.makeProblem() }
  log("\(shape.id): \(problem.arcCount) arcs in \(formatSeconds(generateSeconds)) s; native × \(options.reps)")
  var runs: [Double] = []
  var nativeObjective = ObjectiveValue(covered: 0, score: 0)
  for _ in 0..<options.reps {
    let (outcome, seconds) = timed { () -> AssignmentOutcome in
      do { return try ShortestAugmentingPathSolver().solve(problem, limits: .none) } catch { fail("native: \(error)") }
    }
    guard outcome.status == .optimal else { fail("native: status \(outcome.status)") }
    let violations = SolutionChecker.violations(outcome.columnOfRow, in: problem, claimed: outcome.objective)
    guard violations.isEmpty else { fail("native: \(violations.prefix(3))") }
    nativeObjective = outcome.objective
    if runs.isEmpty { log("\(shape.id): \(outcome.log.joined(separator: "; "))") }
    runs.append(seconds)
  }
  log("\(shape.id): native median \(formatSeconds(median(runs))) s, objective \(nativeObjective)")

  var result = ShapeResult(
    id: shape.id, title: shape.title, rows: problem.rowCount, columns: problem.columnCount, arcs: problem.arcCount,
    generateSeconds: generateSeconds, nativeRuns: runs, nativeCovered: nativeObjective.covered, nativeScore: nativeObjective.score,
    glpkNote: "", peers: [:], peersNote: "", peakRssMb: 0)

  let runGLPK = options.glpk == "all" || (options.glpk == "auto" && shape.glpkByDefault)
  if runGLPK {
    log("\(shape.id): GLPK (time limit \(options.glpkTimeLimit) s)")
    do {
      let (outcome, seconds) = try timed { () throws(SolverError) -> AssignmentOutcome in
        try GLPKSolver().solve(problem, limits: SolveLimits(timeLimit: options.glpkTimeLimit))
      }
      result.glpkSeconds = seconds
      result.glpkCovered = outcome.objective.covered
      result.glpkScore = outcome.objective.score
      if !outcome.status.isOptimal { result.glpkNote = "not proven optimal (\(outcome.status))" }
      log("\(shape.id): GLPK \(formatSeconds(seconds)) s, \(outcome.status), objective \(outcome.objective)")
    } catch {
      result.glpkNote = "GLPK: \(error)"
      log("\(shape.id): \(result.glpkNote)")
    }
  } else {
    result.glpkNote = options.glpk == "none" ? "skipped (--glpk none)" : shape.glpkSkipNote
  }
  // The process's own peak, before Python runs (children are not counted by RUSAGE_SELF anyway).
  result.peakRssMb = peakMemoryMB()

  if options.peers {
    if FileManager.default.fileExists(atPath: options.peersScript) {
      let directory = options.keepInstances.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? FileManager.default.temporaryDirectory
      try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let file = directory.appendingPathComponent("dispatch-bench-\(shape.id)-\(getpid()).txt")
      do {
        try writeInstance(problem, dense: shape.dense || problem.arcCount == problem.rowCount * problem.columnCount, to: file)
        defer { if options.keepInstances == nil { try? FileManager.default.removeItem(at: file) } }
        log("\(shape.id): peers on \(file.path)")
        var arguments = [options.peersScript, file.path, "--reps", "\(options.peerReps)"]
        if let list = options.peerList { arguments += ["--peers", list] }
        let (status, output) = try runProcess(options.python, arguments)
        if status != 0 {
          result.peersNote = "peers.py exited with \(status)"
        } else {
          let decoder = JSONDecoder()
          decoder.keyDecodingStrategy = .convertFromSnakeCase
          let lastLine = output.split(separator: 0x0A).last.map { Data($0) } ?? Data()
          result.peers = try decoder.decode([String: PeerResult].self, from: lastLine)
        }
      } catch {
        result.peersNote = "peers not run: \(error)"
      }
    } else {
      result.peersNote = "peers not run: \(options.peersScript) not found (run from the package root)"
    }
  } else {
    result.peersNote = "peers not run (--no-peers)"
  }
  return result
}

// MARK: - Table

func markdownTable(_ results: [ShapeResult]) -> String {
  let peerNames = Array(Set(results.flatMap { $0.peers.keys })).sorted()
  var header = ["shape", "rows×cols", "arcs", "native s (median)", "glpk s"]
  header += peerNames.map { "\($0) s" }
  header += ["best peer", "native / best peer", "objective agrees", "native RSS MB"]
  header += peerNames.map { "\($0) RSS MB" }
  var lines = ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in "---" }.joined(separator: "|") + "|"]
  var notes: [String] = []
  for r in results {
    let native = median(r.nativeRuns)
    var cells = [r.title, "\(r.rows)×\(r.columns)", "\(r.arcs)", formatSeconds(native)]
    cells.append(r.glpkSeconds.map { formatSeconds($0) + (r.glpkNote.isEmpty ? "" : "*") } ?? "—")
    if !r.glpkNote.isEmpty { notes.append("\(r.title): glpk \(r.glpkNote)") }
    var best: (String, Double)?
    var agree = r.nativeCovered == r.rows
    if let score = r.glpkScore { agree = agree && score == r.nativeScore && r.glpkCovered == r.nativeCovered }
    for name in peerNames {
      guard let p = r.peers[name] else { cells.append("—"); continue }
      if let error = p.error { cells.append("error"); notes.append("\(r.title): \(name) \(error)"); agree = false; continue }
      cells.append(formatSeconds(p.seconds))
      agree = agree && p.objective == r.nativeScore && p.covered == r.nativeCovered
      if let s = p.seconds, best.map({ s < $0.1 }) ?? true { best = (name, s) }
    }
    if !r.peersNote.isEmpty { notes.append("\(r.title): \(r.peersNote)") }
    cells.append(best?.0 ?? "—")
    cells.append(best.map { String(format: "%.2f", native / $0.1) } ?? "—")
    let compared = r.glpkScore != nil || r.peers.values.contains { $0.objective != nil }
    cells.append(!compared && agree ? "— (native only) \(r.nativeScore)" : agree ? "✓ \(r.nativeScore)" : "✗ native \(r.nativeCovered)/\(r.nativeScore)"
      + (r.glpkScore.map { ", glpk \($0)" } ?? "") + peerNames.compactMap { n in r.peers[n]?.objective.map { ", \(n) \($0)" } }.joined())
    cells.append(String(format: "%.0f", r.peakRssMb))
    cells += peerNames.map { n in r.peers[n]?.peakRssMb.map { String(format: "%.0f", $0) } ?? "—" }
    lines.append("| " + cells.joined(separator: " | ") + " |")
  }
  if !notes.isEmpty { lines.append(""); lines += notes.map { "- \($0)" } }
  return lines.joined(separator: "\n")
}

// MARK: - OR-Library

func runORLibrary(_ options: Options) {
  let directory: URL
  if let path = options.orlib, !path.isEmpty { directory = URL(fileURLWithPath: path, isDirectory: true) }
  else if let found = ORLibraryLocation.find() { directory = found }
  else { fail("OR-Library files not found: pass --orlib DIR or set \(ORLibraryLocation.environmentVariable)") }
  let optima: [ORLibraryOptimum]
  do { optima = try ORLibraryOptima.load(directory.appendingPathComponent("optima.csv")) } catch { fail("\(error)") }
  print("| instance | size (rows×cols, arcs) | solver | sense | seconds | value | published | status |")
  print("|---|---|---|---|---|---|---|---|")
  var failures = 0
  var byFile: [String: [ORLibraryOptimum]] = [:]
  for optimum in optima { byFile[optimum.file, default: []].append(optimum) }
  let bigGAP = (7...12).map { "gap\($0)" } + ["gapa", "gapb", "gapc", "gapd"]
  for file in byFile.keys.sorted(by: { $0.localizedStandardCompare($1) == .orderedAscending }) {
    let stem = String(file.split(separator: "/").last!.prefix { $0 != "." })
    let isGAP = stem.hasPrefix("gap")
    if isGAP && bigGAP.contains(stem) && !options.orlibAll { continue }
    for sense in OptimizationSense.allCases {
      let wanted = byFile[file]!.filter { $0.sense == sense }
      guard !wanted.isEmpty else { continue }
      let instances: [ORLibraryInstance]
      do { instances = try ORLibraryParser.load(directory.appendingPathComponent(file), sense: sense) } catch { fail("\(error)") }
      for optimum in wanted {
        guard let instance = instances.first(where: { $0.name == optimum.instanceName }) else { fail("\(optimum.instanceName) missing") }
        let solver: any AssignmentSolver = isGAP ? GLPKSolver() : ShortestAugmentingPathSolver()
        let limits = SolveLimits(timeLimit: isGAP ? options.orlibGAPTimeLimit : nil)
        let size = "\(instance.problem.rowCount)×\(instance.problem.columnCount), \(instance.problem.arcCount)"
        let label = optimum.name.isEmpty ? instance.name : "\(instance.name) (\(optimum.name))"
        do {
          let (outcome, seconds) = try timed { () throws(SolverError) in try solver.solve(instance.problem, limits: limits) }
          let value = instance.publishedValue(of: outcome.objective)
          let ok = outcome.status.isOptimal && value == optimum.optimum
          if !ok && optimum.isOptimum { failures += 1 }
          let status = ok ? "✓ optimal" : outcome.status.isOptimal ? "✗ optimal but differs" : "\(outcome.status)"
          print("| \(label) | \(size) | \(solver.name) | \(sense.rawValue) | \(formatSeconds(seconds)) | \(value.map(String.init) ?? "incomplete") | \(optimum.optimum) | \(status) |")
        } catch {
          if optimum.isOptimum { failures += 1 }
          print("| \(label) | \(size) | \(solver.name) | \(sense.rawValue) | — | — | \(optimum.optimum) | \(error) |")
        }
      }
    }
  }
  print("")
  print("\(failures == 0 ? "all published optima reached" : "\(failures) instance(s) missed their published optimum"); peak RSS \(String(format: "%.0f", peakMemoryMB())) MB")
  if failures > 0 { exit(1) }
}

// MARK: - Main

// `dispatch-bench warm-city-dense [SEED]`: the city dense pure problem through the warm GLPK path.
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "warm-city-dense" {
  try warmCityDense(seed: CommandLine.arguments.count > 2 ? UInt64(CommandLine.arguments[2]) ?? 1 : 1)
  exit(0)
}
// `dispatch-bench warm-scenario DIR [SECONDS]`: a scenario with its rules through glpk-warm, with and without the basis.
if CommandLine.arguments.count > 2, CommandLine.arguments[1] == "warm-scenario" {
  try warmScenario(folder: CommandLine.arguments[2], timeLimit: CommandLine.arguments.count > 3 ? Double(CommandLine.arguments[3]) ?? 60 : 60)
  exit(0)
}
// `dispatch-bench read-ledger [ROWS]`: the scenario reader on a 200,000-row ledger (ReaderBench.swift).
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "read-ledger" {
  let rows = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 200_000 : 200_000
  try readLedgerBench(rows: rows, python: ProcessInfo.processInfo.environment["DISPATCH_BENCH_PYTHON"] ?? "python3")
  exit(0)
}
// `dispatch-bench edit-proposal SCENARIO PLAN_FOLDER [EDIT_TIME_LIMIT]`: one workbench edit, step by step (EditProposalBench.swift).
if CommandLine.arguments.count > 3, CommandLine.arguments[1] == "edit-proposal" {
  try editProposalBench(scenario: CommandLine.arguments[2], plan: CommandLine.arguments[3],
                        editTimeLimit: CommandLine.arguments.count > 4 ? Double(CommandLine.arguments[4]) ?? 10 : 10)
  exit(0)
}
// `dispatch-bench glpk-start SHAPE…`: plain GLPK's pure LP with and without the starting basis.
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "glpk-start" {
  try glpkStart(shapes: CommandLine.arguments.count > 2 ? Array(CommandLine.arguments.dropFirst(2)) : ["city-sparse"])
  exit(0)
}

let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
if options.orlib != nil {
  runORLibrary(options)
} else if options.child {
  let shape = BenchShape.all.first { $0.id == options.shapes[0] }!
  let result = runShape(shape, options)
  let encoder = JSONEncoder()
  encoder.keyEncodingStrategy = .convertToSnakeCase
  print(String(decoding: try! encoder.encode(result), as: UTF8.self))
} else {
  // One child process per shape, so that each shape's peak memory is its own.
  var results: [ShapeResult] = []
  let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  for id in options.shapes {
    do {
      let (status, output) = try runProcess(executable, options.childArguments(shape: id))
      guard status == 0 else { log("\(id): child exited with \(status)"); continue }
      let decoder = JSONDecoder()
      decoder.keyDecodingStrategy = .convertFromSnakeCase
      let lastLine = output.split(separator: 0x0A).last.map { Data($0) } ?? Data()
      results.append(try decoder.decode(ShapeResult.self, from: lastLine))
    } catch {
      log("\(id): \(error)")
    }
  }
  print("")
  print("dispatch-bench, \(ProcessInfo.processInfo.activeProcessorCount) cores; native: median of \(options.reps), peers: median of \(options.peerReps) (solver call only)")
  print("")
  print(markdownTable(results))
}
