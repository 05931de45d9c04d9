import DispatchModel
import Foundation
import Testing
@testable import DispatchIO

/// A fresh, not yet existing path under the temporary directory.
func temporaryPath(_ name: String = "io") -> URL {
  FileManager.default.temporaryDirectory
    .appendingPathComponent("dispatch-io-tests-\(UUID().uuidString)", isDirectory: true)
    .appendingPathComponent(name, isDirectory: true)
}

@Suite struct CSVWriterTests {
  @Test func bomCRLFAndQuoting() {
    var table = CSVWriter(header: ["id", "name"])
    table.addRow(["1", "甲, 乙"])
    table.addRow(["2", "say \"hi\"\nbye"])
    let bytes = [UInt8](table.data)
    #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
    let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
    #expect(text == "id,name\r\n1,\"甲, 乙\"\r\n2,\"say \"\"hi\"\"\nbye\"\r\n")
  }

  @Test func formulasAreNeutralisedButNumbersStay() {
    #expect(CSVWriter.field("=SUM(A1:A9)") == "'=SUM(A1:A9)")
    #expect(CSVWriter.field("+86 123") == "'+86 123")
    #expect(CSVWriter.field("-cmd") == "'-cmd")
    #expect(CSVWriter.field("@A1") == "'@A1")
    #expect(CSVWriter.field("\tx") == "'\tx")
    #expect(CSVWriter.field("\rx") == "\"'\rx\"")
    #expect(CSVWriter.field("=1,2") == "\"'=1,2\"")
    #expect(CSVWriter.field("-5") == "-5")
    #expect(CSVWriter.field("+3") == "+3")
    #expect(CSVWriter.field("-2.5") == "-2.5")
    #expect(CSVWriter.field("-") == "'-")
    #expect(CSVWriter.field("-5e3") == "'-5e3")
    #expect(CSVWriter.field("党务") == "党务")
  }
}

@Suite struct OutputFolderTests {
  @Test func buildsWritesAndRefusesExisting() throws {
    let url = temporaryPath("plan")
    let written = try OutputFolder.build(.exactly(url)) { folder throws(OutputError) in
      try folder.write(Data("x".utf8), named: "a.csv")
      // While it is built, nothing exists under the real name.
      #expect(!FileManager.default.fileExists(atPath: url.path))
      #expect(throws: OutputError.fileExists(path: folder.url.appendingPathComponent("a.csv").path)) {
        try folder.write(Data("y".utf8), named: "a.csv")
      }
    }
    #expect(written == url.standardizedFileURL)
    #expect(try String(contentsOf: url.appendingPathComponent("a.csv"), encoding: .utf8) == "x")
    #expect(throws: OutputError.folderExists(path: url.standardizedFileURL.path)) { try OutputFolder.build(.exactly(url)) { _ throws(OutputError) in } }
    // No temporary files or folders are left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: url.path) == ["a.csv"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == [url.lastPathComponent])
  }

  @Test func freshURLSkipsExistingFolders() throws {
    let parent = temporaryPath("plans")
    let first = OutputFolder.freshURL(in: parent, name: "黄山/2025")
    #expect(first.lastPathComponent == "黄山_2025-1")
    _ = try OutputFolder.build(.exactly(first)) { _ throws(OutputError) in }
    #expect(OutputFolder.freshURL(in: parent, name: "黄山/2025").lastPathComponent == "黄山_2025-2")
    #expect(try OutputFolder.build(.nextFree(in: parent, name: "黄山/2025")) { _ throws(OutputError) in }.lastPathComponent == "黄山_2025-2")
  }

  /// A failure while writing leaves nothing: no folder under the real name, no temporary folder.
  @Test func aFailedBuildLeavesNothing() throws {
    let url = temporaryPath("plan")
    #expect(throws: OutputError.self) {
      try OutputFolder.build(.exactly(url), manifest: PlanManifest.Header(scenario: "s", inputSHA256: "h")) { folder throws(OutputError) in
        try folder.write(Data("x".utf8), named: "plan.csv")
        throw OutputError.cannotWriteFile(path: "report.md", reason: "disk full (simulated)")
      }
    }
    #expect(!FileManager.default.fileExists(atPath: url.path))
    let parent = url.deletingLastPathComponent()
    #expect((try? FileManager.default.contentsOfDirectory(atPath: parent.path))?.isEmpty ?? true)
  }

  /// The manifest lists every file the writer produced, with its SHA-256; a missing file makes the folder incomplete,
  /// an edited one is a warning.
  @Test func manifestMarksCompletenessAndEdits() throws {
    let url = temporaryPath("plan")
    try OutputFolder.build(.exactly(url), manifest: PlanManifest.Header(scenario: "s", inputSHA256: "h")) { folder throws(OutputError) in
      try folder.write(Data("abc".utf8), named: "plan.csv")
      try folder.write(Data("extra".utf8), named: "方案.xlsx")
    }
    let verified = try PlanManifest.verify(folder: url)
    #expect(verified.manifest.files.map(\.path) == ["plan.csv", "方案.xlsx"])
    #expect(verified.manifest.files[0].sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(verified.manifest.inputSHA256 == "h" && verified.edited.isEmpty)
    try Data("abd".utf8).write(to: url.appendingPathComponent("plan.csv"))
    #expect(try PlanManifest.verify(folder: url).edited == ["plan.csv"])
    try FileManager.default.removeItem(at: url.appendingPathComponent("方案.xlsx"))
    #expect(throws: InputErrors.self) { try PlanManifest.verify(folder: url) }
    try FileManager.default.removeItem(at: url.appendingPathComponent(PlanManifest.fileName))
    do {
      _ = try PlanManifest.verify(folder: url)
      Issue.record("a folder without manifest must be refused")
    } catch {
      #expect(error.issues.first?.problem == .incompletePlanFolder(.noManifest))
    }
  }
}

@Suite struct ScenarioWriterTests {
  @Test func writesOnlyNonEmptyOptionalFilesAndNonDefaultSettings() throws {
    var settings = ScenarioSettings()
    settings.weights.counterpart = 40
    settings.reach = .sameRegion
    let scenario = Scenario(
      instructors: [Instructor(id: "I1", name: "张三", unit: "U1", region: "R1", capacity: 3)],
      organizations: [Organization(id: "O1", name: "=HYPERLINK(\"x\")", region: "R1", industry: "制造")],
      units: [SendingUnit(id: "U1", name: "市场监管局", functions: ["市场监管", "工商"])],
      settings: settings)
    let tables = try ScenarioWriter().tables(for: scenario)
    #expect(tables.map(\.name) == ["instructors.csv", "organizations.csv", "settings.csv", "units.csv"])
    let settingsText = String(decoding: tables[2].table.data.dropFirst(3), as: UTF8.self)
    #expect(settingsText == "key,value\r\nweight_counterpart,40\r\nreach,same-region\r\n")
  }

  @Test func refusesListItemsWithSeparators() {
    let scenario = Scenario(
      instructors: [Instructor(id: "I1", name: "张三", unit: "U1", region: "R1", capacity: 3, skills: ["党务;财税"])],
      organizations: [], units: [])
    #expect(throws: OutputError.self) { try ScenarioWriter().tables(for: scenario) }
  }
}
