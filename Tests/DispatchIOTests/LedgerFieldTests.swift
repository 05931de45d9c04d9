import DispatchModel
import Foundation
import Testing
@testable import DispatchIO

/// Columns the format does not know travel with their row (issue 11 §3).
@Suite struct LedgerFieldTests {
  static let files: [String: String] = [
    "instructors.csv": "id,name,unit,region,capacity,联系电话\nI1,张伟,U1,R1,2,13800000001\nI2,李娜,U1,R1,1,\n",
    "organizations.csv": "编号,名称,地址,区域,行业,负责人,统一社会信用代码\nO1,甲,黄山路1号,R1,商贸,王五,91341000MA2N\nO2,乙,,R1,制造,赵六,\n",
    "units.csv": "id,name,备注\nU1,市场监管局,x\n",
  ]

  @Test func unknownColumnsAreKeptInLedgerOrderWithANote() throws {
    let result = try ScenarioReader().read(folder: scenarioFolder(text: Self.files))
    let instructors = result.scenario.instructors, organizations = result.scenario.organizations
    #expect(instructors[0].extraFields == [LedgerField(header: "联系电话", value: "13800000001")])
    #expect(instructors[1].extraFields == [LedgerField(header: "联系电话", value: "")])
    #expect(organizations[0].extraFields.map(\.header) == ["地址", "负责人", "统一社会信用代码"])
    #expect(organizations[1].extraFields.value("负责人") == "赵六")
    #expect(organizations[1].extraFields.value("地址") == "")
    // A note each for instructors and organizations; units.csv has nowhere to keep 备注: a warning.
    let kinds = result.warnings.map { ($0.file, $0.severity, problemKind($0.problem)) }
    #expect(kinds.map(\.0) == ["instructors.csv", "organizations.csv", "units.csv"])
    #expect(kinds.map(\.1) == [.note, .note, .warning])
    #expect(result.warnings[1].problem == .extraColumnsKept(headers: ["地址", "负责人", "统一社会信用代码"]))
  }

  @Test func aHeaderCloseToAKnownColumnIsStillAWarningButKept() throws {
    var files = Self.files
    files["instructors.csv"] = "id,name,unit,region,capacity,skils\nI1,张伟,U1,R1,2,党务\n"
    let result = try ScenarioReader().read(folder: scenarioFolder(text: files))
    let warning = try #require(result.warnings.first { $0.column == "skils" })
    #expect(warning.problem == .unknownColumnKept(suggestion: "skills"))
    #expect(result.scenario.instructors[0].extraFields == [LedgerField(header: "skils", value: "党务")])
  }

  @Test func extraColumnsRoundTripThroughTheWriter() throws {
    let read = try ScenarioReader().read(folder: scenarioFolder(text: Self.files)).scenario
    let folder = temporaryPath("extras-roundtrip")
    try ScenarioWriter().write(read, to: folder)
    let again = try ScenarioReader().read(folder: folder).scenario
    #expect(again.instructors == read.instructors)
    #expect(again.organizations == read.organizations)
  }

  @Test func titleRowsAboveTheHeaderAreSkipped() throws {
    var files = Self.files
    files["instructors.csv"] = "黄山市党建工作指导员台账,,,,\n,,,,\nid,name,unit,region,capacity\nI1,张伟,U1,R1,2\nI2,李娜,U1,R1,x\n"
    let issues = readIssues(try scenarioFolder(text: files))
    // The error is on the physical line of the bad row, below the title.
    #expect(issues.map(Located.init).filter { $0.file == "instructors.csv" } == [Located("instructors.csv", 5, "capacity", "notACount")])
  }
}
