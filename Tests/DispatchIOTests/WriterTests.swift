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
  @Test func createsWritesAndRefusesExisting() throws {
    let url = temporaryPath("plan")
    let folder = try OutputFolder.create(at: url)
    try folder.write(Data("x".utf8), named: "a.csv")
    #expect(try String(contentsOf: url.appendingPathComponent("a.csv"), encoding: .utf8) == "x")
    #expect(throws: OutputError.fileExists(path: url.appendingPathComponent("a.csv").path)) {
      try folder.write(Data("y".utf8), named: "a.csv")
    }
    #expect(throws: OutputError.folderExists(path: url.path)) { try OutputFolder.create(at: url) }
    // No temporary files are left behind.
    #expect(try FileManager.default.contentsOfDirectory(atPath: url.path) == ["a.csv"])
  }

  @Test func freshURLSkipsExistingFolders() throws {
    let parent = temporaryPath("plans")
    let first = OutputFolder.freshURL(in: parent, name: "黄山/2025")
    #expect(first.lastPathComponent == "黄山_2025-1")
    _ = try OutputFolder.create(at: first)
    #expect(OutputFolder.freshURL(in: parent, name: "黄山/2025").lastPathComponent == "黄山_2025-2")
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
