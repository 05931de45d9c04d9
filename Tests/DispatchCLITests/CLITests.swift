import Foundation
import Testing

/// Runs the built `dispatch` executable as a user would: separate processes, real
/// folders, exit codes. `swift build --build-tests` builds it next to the tests.
enum CLI {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The `dispatch` binary of this very build, next to this test bundle (SwiftPM puts products and
  /// tests in one folder). There is no fallback: a binary from another build could be stale, so a
  /// missing one fails the tests (`run` throws) instead of testing something else.
  static let executable: URL? = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for folder in [beside, beside.deletingLastPathComponent()] {
      let candidate = folder.appendingPathComponent("dispatch")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }()

  struct MissingExecutable: Error, CustomStringConvertible {
    var description: String { "the dispatch executable is not beside the test bundle: run `swift build --build-tests` first" }
  }

  struct Run {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Run {
    let process = Process()
    guard let executable else { throw MissingExecutable() }
    process.executableURL = executable
    process.arguments = arguments
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
    process.currentDirectoryURL = directory ?? packageRoot
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
               stderr: String(decoding: errData, as: UTF8.self))
  }

  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("dispatch-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

@Suite(.serialized) struct CLITests {
  let demo = CLI.packageRoot.appendingPathComponent("scenarios/demo").path

  @Test func theDemoPlanIsByteIdenticalAcrossTwoProcesses() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let a = try CLI.run(["plan", demo, "--out", tmp.appendingPathComponent("a").path])
    let b = try CLI.run(["plan", demo, "--out", tmp.appendingPathComponent("b").path])
    #expect(a.status == 0, "\(a.stderr)")
    #expect(b.status == 0, "\(b.stderr)")
    let planA = try Data(contentsOf: tmp.appendingPathComponent("a/plan.csv"))
    let planB = try Data(contentsOf: tmp.appendingPathComponent("b/plan.csv"))
    #expect(!planA.isEmpty)
    #expect(planA == planB)
    #expect(planA.starts(with: [0xEF, 0xBB, 0xBF]), "plan.csv starts with a UTF-8 BOM for Excel")
    let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.appendingPathComponent("a/summary.json"))) as? [String: Any]
    #expect(summary?["optimal"] as? Bool == true)
    #expect(summary?["unassigned"] as? Int == 0)
    for key in ["objective", "assigned", "solver", "bound", "input_sha256", "timings"] { #expect(summary?[key] != nil, "\(key)") }
    #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("a/report.md").path))
  }

  @Test func bothSolversGiveTheSameObjectiveOnTheDemo() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    var objectives: [Int] = []
    for solver in ["native", "glpk"] {
      let run = try CLI.run(["plan", demo, "--solver", solver, "--out", tmp.appendingPathComponent(solver).path])
      #expect(run.status == 0, "\(run.stderr)")
      let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.appendingPathComponent("\(solver)/summary.json"))) as? [String: Any]
      // `--solver glpk` may run GLPK warm-started from the native relaxation ("glpk-warm").
      #expect((summary?["solver"] as? String)?.hasPrefix(solver) == true)
      objectives.append(summary?["objective"] as? Int ?? -1)
    }
    #expect(objectives[0] == objectives[1])
  }

  @Test func progressIsJSONLinesOnRequestAndSilentOtherwise() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let json = try CLI.run(["plan", demo, "--out", tmp.appendingPathComponent("a").path, "--progress", "json"])
    #expect(json.status == 0, "\(json.stderr)")
    let events = json.stderr.split(separator: "\n").compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
    let phases = events.compactMap { $0["phase"] as? String }
    #expect(phases.contains("building") && phases.last == "done", "\(json.stderr)")
    #expect(events.allSatisfy { $0["elapsed"] is Double && $0["cancelled"] as? Bool == false })
    // Standard error is a pipe here, so the default (a terminal line) and --quiet print no progress.
    let plain = try CLI.run(["plan", demo, "--out", tmp.appendingPathComponent("b").path])
    let quiet = try CLI.run(["plan", demo, "--out", tmp.appendingPathComponent("c").path, "--progress", "json", "--quiet"])
    #expect(plain.status == 0 && quiet.status == 0)
    #expect(!plain.stderr.contains("\"phase\"") && !quiet.stderr.contains("\"phase\""), "\(quiet.stderr)")
    #expect(!plain.stderr.contains("进度"))
  }

  @Test func anExistingOutputFolderIsNeverOverwritten() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let keep = tmp.appendingPathComponent("plan.csv")
    try Data("mine".utf8).write(to: keep)
    let run = try CLI.run(["plan", demo, "--out", tmp.path])
    #expect(run.status == 73)
    #expect(try Data(contentsOf: keep) == Data("mine".utf8))
  }

  @Test func badInputListsEveryProblemWithItsLocationAndExits65() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    for file in ["units.csv", "regions.csv", "organizations.csv"] {
      try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("scenarios/demo/\(file)"), to: tmp.appendingPathComponent(file))
    }
    try Data("""
      编号,姓名,选派单位,区域,联系上限
      I01,张建国,U01,R1,3
      I02,李红梅,U99,R2,三
      I01,王志强,U02,R1,4

      """.utf8).write(to: tmp.appendingPathComponent("instructors.csv"))
    let run = try CLI.run(["validate", tmp.path])
    #expect(run.status == 65)
    #expect(run.stderr.contains("instructors.csv:3"), "\(run.stderr)")  // unknown unit U99, capacity 三
    #expect(run.stderr.contains("instructors.csv:4"), "\(run.stderr)")  // duplicate id I01
    let plan = try CLI.run(["plan", tmp.path, "--out", tmp.appendingPathComponent("out").path])
    #expect(plan.status == 65)
    #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("out").path))
  }

  @Test func usageErrorsExit64() throws {
    #expect(try CLI.run(["plan"]).status == 64)
    #expect(try CLI.run(["plan", demo, "--solver", "simplex"]).status == 64)
  }

  /// Issue 13: every numeric option has a domain; outside it is a usage error before any work.
  @Test func everyOptionOutsideItsDomainExits64() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let out = tmp.appendingPathComponent("out").path
    let cases: [(arguments: [String], option: String)] = [
      (["plan", demo, "--time-limit", "inf"], "--time-limit"), (["plan", demo, "--time-limit", "1e300"], "--time-limit"),
      (["plan", demo, "--time-limit", "nan"], "--time-limit"), (["plan", demo, "--time-limit=-1"], "--time-limit"),
      (["plan", demo, "--gap", "nan"], "--gap"), (["plan", demo, "--gap", "1"], "--gap"),
      (["plan", demo, "--candidates", "1000000"], "--candidates"), (["plan", demo, "--candidates", "0"], "--candidates"),
      (["plan", demo, "--candidates", "2", "--within", "nan%"], "--within"),
      (["plan", demo, "--candidates", "2", "--max-changes", "99999999"], "--max-changes"),
      (["generate", "--profile", "baode", "--scale", "inf", "--out", out], "--scale"),
      (["generate", "--profile", "baode", "--scale", "nan", "--out", out], "--scale"),
      (["generate", "--profile", "baode", "--scale", "1e300", "--out", out], "--scale"),
      (["replan", demo, "--previous", out, "--time-limit", "inf"], "--time-limit"),
      (["replan", demo, "--previous", out, "--max-moves", "10000000"], "--max-moves"),
      (["replan", demo, "--previous", out, "--continuity", "99999999999"], "--continuity"),
      (["replan", demo, "--previous", out, "--sweep", "0,5,99999999999999999999"], "--sweep"),
      (["replan", demo, "--previous", out, "--sweep", (0...60).map(String.init).joined(separator: ",")], "--sweep"),
      (["explain", out, "O01", "--alternatives", "100000000"], "--alternatives"),
    ]
    for (arguments, option) in cases {
      let run = try CLI.run(arguments)
      #expect(run.status == 64, "\(arguments): \(run.stderr)")
      #expect(run.stderr.contains(option), "\(arguments): \(run.stderr)")
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func validateSaysTheDemoIsClean() throws {
    let run = try CLI.run(["validate", demo])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("clean"))
  }
}

@Suite(.serialized) struct GenerateCLITests {
  @Test func generatedFoldersAreByteIdenticalAcrossTwoProcesses() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    for name in ["a", "b"] {
      let run = try CLI.run(["generate", "--profile", "baode", "--seed", "3", "--out", tmp.appendingPathComponent(name).path])
      #expect(run.status == 0, "\(run.stderr)")
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: tmp.appendingPathComponent("a").path).sorted()
    #expect(files.contains("instructors.csv") && files.contains("organizations.csv"))
    for file in files {
      #expect(try Data(contentsOf: tmp.appendingPathComponent("a/\(file)")) == Data(contentsOf: tmp.appendingPathComponent("b/\(file)")), "\(file)")
    }
    let validate = try CLI.run(["validate", tmp.appendingPathComponent("a").path])
    #expect(validate.status == 0, "\(validate.stderr)")
  }

  @Test func theBundledScenariosAreExactlyWhatTheGeneratorWrites() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    for (profile, folder) in [("baode", "baode-days"), ("fumian", "fumian-roles"), ("huangshan", "huangshan")] {
      let out = tmp.appendingPathComponent(folder)
      let run = try CLI.run(["generate", "--profile", profile, "--seed", "7", "--out", out.path])
      #expect(run.status == 0, "\(run.stderr)")
      for file in try FileManager.default.contentsOfDirectory(atPath: out.path) {
        let bundled = CLI.packageRoot.appendingPathComponent("scenarios/\(folder)/\(file)")
        #expect(try Data(contentsOf: out.appendingPathComponent(file)) == Data(contentsOf: bundled), "\(folder)/\(file)")
      }
    }
  }

  @Test func anUnknownProfileIsABadInput() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let run = try CLI.run(["generate", "--profile", "atlantis", "--out", tmp.appendingPathComponent("x").path])
    #expect(run.status == 65)
    #expect(run.stderr.contains("atlantis"))
  }
}
