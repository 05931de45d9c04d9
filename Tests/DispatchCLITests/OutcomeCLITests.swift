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
}
