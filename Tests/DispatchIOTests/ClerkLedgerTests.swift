import DispatchModel
import Foundation
import Testing
@testable import DispatchIO

/// The ledger as clerks keep it (issue 11 §5): units and regions by name, region typos, change
/// tables with Chinese verbs and in wide form.
@Suite struct ClerkLedgerTests {
  static let files: [String: String] = [
    "units.csv": "id,name\nU1,区市场监督管理局\nU2,区税务局\nU3,区税务局\n",
    "regions.csv": "id,name,neighbours\nR1,城关镇,汤口镇\nR2,汤口镇,\n",
    "instructors.csv": "id,name,unit,region,capacity\nI1,张伟,区市场监督管理局,城关镇,2\nI2,李娜,U2,R2,1\n",
    "organizations.csv": "id,name,region,industry\nO1,甲,汤口镇,商贸\nO2,乙,R1,制造\n",
  ]

  @Test func unitsAndRegionsMayBeNamedWhenUnambiguous() throws {
    let scenario = try ScenarioReader().read(folder: scenarioFolder(text: Self.files)).scenario
    #expect(scenario.instructors.map(\.unit) == [UnitID("U1"), UnitID("U2")])
    #expect(scenario.instructors.map(\.region) == [RegionID("R1"), RegionID("R2")])
    #expect(scenario.organizations.map(\.region) == [RegionID("R2"), RegionID("R1")])
    #expect(scenario.regions[0].neighbours == [RegionID("R2")])
  }

  @Test func anAmbiguousNameIsAnErrorListingTheCandidates() throws {
    var files = Self.files
    files["instructors.csv"] = "id,name,unit,region,capacity\nI1,张伟,区税务局,R1,2\n"
    let issues = readIssues(try scenarioFolder(text: files))
    #expect(issues.map(\.problem) == [.ambiguousName(.unit, "区税务局", candidates: ["U2", "U3"])])
    #expect(issues[0].description.hasPrefix("instructors.csv:2:unit: "))
  }

  @Test func aRegionNoInstructorHasWarnsWithDidYouMeanWithoutRegionsCSV() throws {
    var files = Self.files
    files["regions.csv"] = nil
    files["instructors.csv"] = "id,name,unit,region,capacity\nI1,张伟,U1,城关镇,2\n"
    files["organizations.csv"] = "id,name,region,industry\nO1,甲,城关,商贸\nO2,乙,城关,制造\nO3,丙,城关镇,制造\nO4,丁,黄山区,制造\n"
    let warnings = try ScenarioReader().read(folder: scenarioFolder(text: files)).warnings
    #expect(warnings.map(\.problem) == [
      .regionWithoutInstructor("城关", suggestion: "城关镇"), .regionWithoutInstructor("黄山区", suggestion: nil),
    ])
    #expect(warnings.map(\.line) == [2, 5])
  }

  func readChanges(_ text: String) throws -> ChangeRecords {
    let folder = temporaryPath("changes")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(text.utf8).write(to: folder.appendingPathComponent(ChangeTableReader.fileName))
    return try ChangeTableReader(organizations: ["O1", "O2"], instructors: ["I1"]).read(folder)
  }

  @Test func chineseVerbsInOneOrTwoColumns() throws {
    let records = try readChanges("""
      操作,对象,编号,字段,值
      新增,组织,O9,名称,新公司
      新增,组织,O9,区域,R1
      新增,组织,O9,行业,制造
      注销组织,,O1,,
      变更,企业,O2,规模,中型
      离任,指导员,I1,,
      新任,指导员,I7,姓名,王五
      新任,指导员,I7,选派单位,U1
      新任,指导员,I7,区域,R1
      新任,指导员,I7,联系上限,2
      """)
    #expect(records.opened.map(\.id) == [OrganizationID("O9")])
    #expect(records.opened[0].industry == "制造")
    #expect(records.closed == [OrganizationID("O1")])
    #expect(records.grown.map(\.size) == [.medium])
    #expect(records.left == [InstructorID("I1")])
    #expect(records.joined.map(\.capacity) == [2])
  }

  @Test func theWideFormGivesTheSameRecordsAsTheLongForm() throws {
    let long = try readChanges("""
      action,kind,id,field,value
      open,organization,O9,name,新公司
      open,organization,O9,region,R1
      open,organization,O9,industry,制造
      close,organization,O1,,
      update,organization,O2,party_status,已建党组织
      leave,instructor,I1,,
      join,instructor,I7,name,王五
      join,instructor,I7,unit,U1
      join,instructor,I7,region,R1
      join,instructor,I7,capacity,2
      """)
    let wide = try readChanges("""
      操作,编号,名称,区域,行业,党组织状态,选派单位,联系上限
      新增组织,O9,新公司,R1,制造,,,
      注销组织,O1,,,,,,
      变更组织,O2,,,,已建党组织,,
      离任指导员,I1,,,,,,
      新任指导员,I7,王五,R1,,,U1,2
      """)
    #expect(wide.opened == long.opened)
    #expect(wide.closed == long.closed)
    #expect(wide.partyOrganized == long.partyOrganized)
    #expect(wide.left == long.left)
    #expect(wide.joined == long.joined)
  }

  @Test func aBadValueInTheWideFormIsOnItsRow() throws {
    let error = try #require(throws: InputErrors.self) { try readChanges("操作,编号,规模\n变更组织,O2,巨型\n") }
    #expect(error.issues.map(\.line) == [2])
    #expect(error.issues[0].message.contains("巨型"))
  }
}
