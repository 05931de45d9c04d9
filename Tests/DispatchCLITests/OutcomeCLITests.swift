// Issue 13, output side, as a user meets it: concurrent runs, infeasible locks, incomplete folders.
import Foundation
import Testing

@Suite(.serialized) struct OutcomeCLITests {
  let demo = CLI.packageRoot.appendingPathComponent("scenarios/demo")

  /// Six runs writing to the default location at the same moment: six complete folders, no lost run.
  @Test func concurrentRunsToTheDefaultLocationEachGetAFolder() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let runs = 6
    var processes: [Process] = []
    for _ in 0..<runs {
      let process = Process()
      process.executableURL = CLI.executable
      process.arguments = ["plan", demo.path]
      process.currentDirectoryURL = tmp
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      processes.append(process)
    }
    for process in processes { try process.run() }
    for process in processes { process.waitUntilExit() }
    #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: runs))
    let folders = try FileManager.default.contentsOfDirectory(atPath: tmp.appendingPathComponent("plans").path).sorted()
    #expect(folders == (1...runs).map { "demo-\($0)" }.sorted())
    for folder in folders {
      #expect(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("plans/\(folder)/manifest.json").path))
    }
  }

  /// A lock against a unit maximum of zero: exit 65 with the reason, no folder (was exit 70).
  @Test func aLockAgainstAHardRuleIsBadInputNotAnInternalFailure() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let scenario = tmp.appendingPathComponent("demo")
    try FileManager.default.copyItem(at: demo, to: scenario)
    try Data("\u{FEFF}key,value\r\nunit_max_instructors,0\r\n".utf8).write(to: scenario.appendingPathComponent("settings.csv"))
    let run = try CLI.run(["plan", scenario.path, "--out", tmp.appendingPathComponent("out").path])
    #expect(run.status == 65, "\(run.stderr)")
    #expect(run.stderr.contains("unit_max_instructors is 0"))
    #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("out").path))
  }

  /// replan refuses a previous folder that was never completed.
  @Test func replanRefusesAnIncompletePreviousFolder() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let first = tmp.appendingPathComponent("p1")
    #expect(try CLI.run(["plan", demo.path, "--out", first.path]).status == 0)
    try FileManager.default.removeItem(at: first.appendingPathComponent("manifest.json"))
    let run = try CLI.run(["replan", demo.path, "--previous", first.path, "--out", tmp.appendingPathComponent("p2").path])
    #expect(run.status == 65, "\(run.stderr)")
    #expect(run.stderr.contains("manifest.json"))
  }

  /// Exit 75: no back end had a plan when its time limit ran out. Provoked with the CLI's test hook
  /// (every back end times out), since no real limit does it reliably; nothing is written.
  @Test func noPlanWithinTheTimeLimitExits75AndWritesNothing() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    for arguments in [["plan", demo.path, "--time-limit", "1", "--out", tmp.appendingPathComponent("out").path],
                      ["plan", demo.path, "--time-limit", "1", "--candidates", "2", "--out", tmp.appendingPathComponent("out").path]] {
      let run = try CLI.run(arguments, in: tmp, environment: ["DISPATCH_TEST_HOOK": "no-plan-in-time"])
      #expect(run.status == 75, "\(arguments): \(run.stderr)")
      #expect(run.stderr.contains("a longer --time-limit may find one") || run.stderr.contains("no feasible plan within"), "\(run.stderr)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty, "nothing written, no temporary folder")
    }
  }

  /// A killed run leaves `.<name>.partial-<pid>-<random>-<host>`: the next run removes it when its
  /// pid is gone, and leaves a live run's (its pid running) and another host's alone.
  @Test func stalePartialFoldersOfDeadRunsAreRemovedLiveOnesKept() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let plans = tmp.appendingPathComponent("plans")
    try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
    // A pid that is certainly gone: a child that has exited and been reaped.
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/bin/true")
    try child.run()
    child.waitUntilExit()
    let deadPID = child.processIdentifier
    // gethostname(2)'s name, as the binary records it (Linux: /proc/sys/kernel/hostname).
    let hostname = (try? String(contentsOfFile: "/proc/sys/kernel/hostname", encoding: .utf8)) ?? ProcessInfo.processInfo.hostName
    let host = hostname.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars
      .filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }.prefix(32).map(String.init).joined()
    let livePID = ProcessInfo.processInfo.processIdentifier  // this test process: running
    let stale = [".demo.partial-\(deadPID)-123-\(host.isEmpty ? "host" : host)", ".demo.partial-\(deadPID)-456"]
    let kept = [".demo.partial-\(livePID)-789-\(host.isEmpty ? "host" : host)", ".demo.partial-\(deadPID)-321-someotherhost0", ".not-a-partial"]
    for name in stale + kept {
      try FileManager.default.createDirectory(at: plans.appendingPathComponent(name), withIntermediateDirectories: true)
      try Data("half".utf8).write(to: plans.appendingPathComponent(name).appendingPathComponent("plan.csv"))
    }
    let run = try CLI.run(["plan", demo.path], in: tmp)
    #expect(run.status == 0, "\(run.stderr)")
    let left = Set(try FileManager.default.contentsOfDirectory(atPath: plans.path))
    #expect(left == Set(kept + ["demo-1"]))
  }

  /// Options and arguments found while hunting: an empty --sweep item ran a plain replan (exit 0),
  /// and explain echoed a 5,000-character id in full.
  @Test func emptySweepItemsAreAUsageErrorAndHugeIdsAreEchoedCapped() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let first = tmp.appendingPathComponent("p1")
    #expect(try CLI.run(["plan", demo.path, "--out", first.path]).status == 0)
    for sweep in [",,,", "0,,5", ""] {
      let run = try CLI.run(["replan", demo.path, "--previous", first.path, "--sweep", sweep, "--out", tmp.appendingPathComponent("r").path])
      #expect(run.status == 64, "\(sweep): \(run.stderr)")
    }
    let huge = String(repeating: "O", count: 5_000)
    let run = try CLI.run(["explain", first.path, huge])
    #expect(run.status == 65, "\(run.stderr.prefix(300))")
    #expect(run.stderr.utf8.count < 400 && run.stderr.contains("…(5000 字符 characters)"), "\(run.stderr.prefix(300))")
  }

  /// explain on a plan.csv edited by hand (four slots moved to I01, over its capacity) said
  /// "plan.csv does not fit the scenario" with exit 70, an internal failure; it is bad input.
  @Test func explainOnAHandEditedPlanIsBadInput() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let plan = tmp.appendingPathComponent("p1")
    #expect(try CLI.run(["plan", demo.path, "--out", plan.path]).status == 0)
    let csv = plan.appendingPathComponent("plan.csv")
    var lines = try String(contentsOf: csv, encoding: .utf8).components(separatedBy: "\r\n")
    for k in 5..<9 {
      var cells = lines[k].components(separatedBy: ",")
      cells[5] = "I01"
      lines[k] = cells.joined(separator: ",")
    }
    try lines.joined(separator: "\r\n").write(to: csv, atomically: true, encoding: .utf8)
    let run = try CLI.run(["explain", plan.path, "O01"])
    #expect(run.status == 65, "\(run.stderr)")
  }

  /// `--solver native` on a scenario with loads (capacity in days) ended as exit 70, "internal
  /// failure — a bug"; asking for a back end that cannot solve the scenario is a usage error.
  @Test func aSolverThatCannotSolveTheScenarioIsAUsageError() throws {
    let tmp = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: tmp) }
    let days = CLI.packageRoot.appendingPathComponent("scenarios/baode-days").path
    let run = try CLI.run(["plan", days, "--solver", "native", "--out", tmp.appendingPathComponent("out").path])
    #expect(run.status == 64, "\(run.stderr)")
    #expect(run.stderr.contains("native cannot solve"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.path).isEmpty)
  }
}

