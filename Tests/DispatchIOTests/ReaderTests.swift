import DispatchModel
import DispatchTestSupport
import Foundation
import Testing
@testable import DispatchIO

/// A fixture folder copied into the test bundle.
func fixture(_ name: String) -> URL {
  Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name, isDirectory: true)
}

/// A new folder holding `files` (name → bytes).
func scenarioFolder(_ files: [String: [UInt8]]) throws -> URL {
  let url = temporaryPath("scenario")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  for (name, bytes) in files { try Data(bytes).write(to: url.appendingPathComponent(name)) }
  return url
}

func scenarioFolder(text files: [String: String]) throws -> URL {
  try scenarioFolder(files.mapValues { Array($0.utf8) })
}

/// The issues thrown by reading `folder` (fails the test when reading succeeds).
func readIssues(_ folder: URL, sourceLocation: SourceLocation = #_sourceLocation) -> [InputIssue] {
  do {
    _ = try ScenarioReader().read(folder: folder)
    Issue.record("expected input errors", sourceLocation: sourceLocation)
    return []
  } catch {
    return error.issues
  }
}

/// The case name of a problem ("notACount"), so tests do not depend on wording.
func problemKind(_ problem: InputProblem) -> String {
  Mirror(reflecting: problem).children.first?.label ?? String(describing: problem)
}

/// Where and what, comparable as a whole.
struct Located: Hashable, CustomStringConvertible {
  let file: String, line: Int?, column: String?, kind: String
  init(_ file: String, _ line: Int?, _ column: String?, _ kind: String) {
    (self.file, self.line, self.column, self.kind) = (file, line, column, kind)
  }
  init(_ issue: InputIssue) { self.init(issue.file, issue.line, issue.column, problemKind(issue.problem)) }
  var description: String { "\(file):\(line.map(String.init) ?? "-"):\(column ?? "-") \(kind)" }
}

/// Field-by-field equality (Scenario itself is not Equatable).
func expectSameScenario(_ a: Scenario, _ b: Scenario, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(a.instructors == b.instructors, sourceLocation: sourceLocation)
  #expect(a.organizations == b.organizations, sourceLocation: sourceLocation)
  #expect(a.units == b.units, sourceLocation: sourceLocation)
  #expect(a.regions == b.regions, sourceLocation: sourceLocation)
  #expect(a.wishes == b.wishes, sourceLocation: sourceLocation)
  #expect(a.givenScores == b.givenScores, sourceLocation: sourceLocation)
  #expect(a.overrides == b.overrides, sourceLocation: sourceLocation)
  #expect(a.settings == b.settings, sourceLocation: sourceLocation)
}

@Suite struct ValidScenarioTests {
  /// What every valid-* fixture holds.
  static var expected: Scenario {
    var settings = ScenarioSettings()
    settings.weights.counterpart = 20
    settings.reach = .sameGrid
    settings.rules.mix = true
    return ScenarioFixtures.tiny(
      settings: settings,
      wishes: [.instructorWants("I1", "O1", rank: 1), .organizationWants("O3", "I2", rank: 1)],
      overrides: [PairOverride(organization: "O2", instructor: "I2", action: .forbid)])
  }

  @Test(arguments: ["valid-chinese", "valid-gb18030", "valid-bom"])
  func readsTheSameScenario(_ name: String) throws {
    let result = try ScenarioReader().read(folder: fixture(name))
    #expect(result.warnings.isEmpty, "\(result.warnings)")
    expectSameScenario(result.scenario, Self.expected)
    #expect(result.inputSHA256.count == 64)
  }

  @Test func fingerprintIsStableAndFollowsTheBytes() throws {
    let first = try ScenarioReader().read(folder: fixture("valid-chinese")).inputSHA256
    let again = try ScenarioReader().read(folder: fixture("valid-chinese")).inputSHA256
    let gb = try ScenarioReader().read(folder: fixture("valid-gb18030")).inputSHA256
    #expect(first == again)
    #expect(first != gb)
  }
}

@Suite struct RoundTripTests {
  @Test func writerOutputReadsBackEqual() throws {
    var settings = ScenarioSettings()
    settings.weights.skillMatch = 12
    settings.weights.continuity = 7
    settings.reach = .adjacentRegion
    settings.requireFullCoverage = true
    settings.defaultWorkloadDays = 4
    settings.rules.keyProjectExclusive = true
    settings.rules.mix = true
    settings.rules.capacityInDays = true
    settings.rules.minimumLoad = 2
    settings.rules.unitMinimumInstructors = 1
    settings.rules.unitMaximumInstructors = 3
    settings.rules.allowDualRole = false
    var scenario = ScenarioFixtures.tiny(
      settings: settings,
      wishes: [.instructorWants("I2", "O3", rank: 2), .organizationWants("O1", "I1", rank: 1)],
      overrides: [PairOverride(organization: "O1", instructor: "I1", action: .lock),
                  PairOverride(organization: "O2", instructor: "I2", action: .forbid)])
    scenario.instructors[0].roles = [.firstSecretary, .firstChairman]
    scenario.instructors[0].daysPerMonth = 10
    scenario.instructors[0].kind = .partTime
    scenario.instructors[1].kind = .fullTime
    scenario.organizations[0].name = "=HYPERLINK(\"x\")"
    scenario.organizations[0].size = .aboveScale
    scenario.organizations[0].partyStatus = .members
    scenario.organizations[0].workloadDays = 6
    scenario.organizations[0].keyProject = true
    scenario.organizations[0].roles = [.firstSecretary, .firstChairman]
    scenario.organizations[1].partyStatus = PartyStatus.none
    scenario.organizations[1].currentInstructor = "I2"
    scenario.organizations[2].name = "名称, 带 \"引号\"\n和换行"
    scenario.givenScores = [GivenScore(organization: "O2", instructor: "I1", score: 77)]

    let folder = temporaryPath("roundtrip")
    try ScenarioWriter().write(scenario, to: folder)
    let result = try ScenarioReader().read(folder: folder)
    // O3's name holds a line break: one record over two lines, which is said (a warning).
    #expect(result.warnings.map(Located.init) == [Located("organizations.csv", nil, nil, "rowCountDiffers")])
    expectSameScenario(result.scenario, scenario)
  }

  @Test func defaultSettingsRoundTripWithoutSettingsFile() throws {
    let scenario = ScenarioFixtures.tiny()
    let folder = temporaryPath("defaults")
    try ScenarioWriter().write(scenario, to: folder)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("settings.csv").path))
    expectSameScenario(try ScenarioReader().read(folder: folder).scenario, scenario)
  }
}

@Suite struct ReaderErrorTests {
  /// Every problem in bad-everything, found in one run, each at its place.
  @Test func allProblemsOfOneFolderInOneRun() {
    let issues = readIssues(fixture("bad-everything"))
    let expected: [Located] = [
      Located("instructors.csv", 1, nil, "extraColumnsKept"),
      Located("instructors.csv", 3, "id", "duplicateID"),
      Located("instructors.csv", 4, "unit", "unknownReference"),
      Located("instructors.csv", 4, "region", "unknownReference"),
      Located("instructors.csv", 4, "capacity", "notACount"),
      Located("instructors.csv", 4, "roles", "unknownValue"),
      Located("instructors.csv", 4, "days_per_month", "notACount"),
      Located("instructors.csv", 4, "kind", "unknownValue"),
      Located("organizations.csv", 3, "kind", "unknownValue"),
      Located("organizations.csv", 3, "party_status", "unknownValue"),
      Located("organizations.csv", 3, "key_project", "notABoolean"),
      Located("organizations.csv", 3, "current_instructor", "unknownReference"),
      Located("overrides.csv", 3, "instructor", "locksExceedCapacity"),
      Located("overrides.csv", 5, "action", "lockAndForbid"),
      Located("overrides.csv", 6, "action", "unknownValue"),
      Located("regions.csv", 2, "neighbours", "unknownReference"),
      Located("scores.csv", 3, "score", "notACount"),
      Located("scores.csv", 4, "score", "numberTooLarge"),
      Located("scores.csv", 5, "organization", "unknownReference"),
      Located("scores.csv", 6, "instructor", "duplicatePair"),
      Located("settings.csv", 2, "value", "badSettingValue"),
      Located("settings.csv", 3, "key", "unknownSetting"),
      Located("settings.csv", 4, "value", "badSettingValue"),
      Located("settings.csv", 5, "value", "badSettingValue"),
      Located("settings.csv", 6, "key", "duplicateSetting"),
      Located("wishes.csv", 3, "to", "wishBetweenInstructors"),
      Located("wishes.csv", 4, "to", "wishBetweenOrganizations"),
      Located("wishes.csv", 5, "rank", "badRank"),
      Located("wishes.csv", 6, "rank", "badRank"),
      Located("wishes.csv", 7, "from", "unknownReference"),
    ]
    let found = issues.map(Located.init)
    #expect(Set(found) == Set(expected), "missing: \(Set(expected).subtracting(found)), unexpected: \(Set(found).subtracting(expected))")
    #expect(found.count == expected.count)
    // In file order (ScenarioFormat.files), then line order.
    #expect(found.map(\.file) == expected.map(\.file))
    #expect(issues.first { problemKind($0.problem) == "extraColumnsKept" }?.problem == .extraColumnsKept(headers: ["hobby"]))
    #expect(issues.first { problemKind($0.problem) == "extraColumnsKept" }?.severity == .note)
  }

  @Test func messagesNameTheValueAndSuggestFixes() {
    let issues = readIssues(fixture("bad-everything"))
    let capacity = issues.first { problemKind($0.problem) == "notACount" && $0.column == "capacity" }
    #expect(capacity?.description == "instructors.csv:4:capacity: capacity must be a whole number ≥ 0 / 联系上限须为非负整数: \"abc\"")
    let setting = issues.first { problemKind($0.problem) == "unknownSetting" }
    #expect(setting?.problem == .unknownSetting(key: "wieght_skill_match", suggestion: "weight_skill_match"))
    let unit = issues.first { $0.column == "unit" }
    #expect(unit?.problem == .unknownReference(.unit, "U9", suggestion: "U1"))
    #expect(issues.first { problemKind($0.problem) == "locksExceedCapacity" }?.problem
      == .locksExceedCapacity(instructor: "I4", locks: 2, capacity: 1))
  }

  @Test func missingFolder() {
    let folder = temporaryPath("nowhere")
    #expect(readIssues(folder).map(Located.init) == [Located(folder.path, nil, nil, "folderMissing")])
  }

  @Test func missingRequiredFiles() {
    #expect(readIssues(fixture("missing-files")).map(Located.init) == [
      Located("instructors.csv", nil, nil, "fileMissing"),
      Located("organizations.csv", nil, nil, "fileMissing"),
    ])
  }

  @Test func missingColumnsEmptyFilesAndUnknownFiles() {
    let issues = readIssues(fixture("missing-columns"))
    #expect(Set(issues.map(Located.init)) == [
      Located("指导员.csv", 1, "capacity", "missingColumn"),
      Located("organizations.csv", 1, nil, "noDataRows"),
      Located("units.csv", nil, nil, "emptyFile"),
      Located("extra.csv", nil, nil, "unknownFile"),
    ])
    #expect(issues.first { $0.file == "extra.csv" }?.severity == .warning)
  }

  @Test func columnIsTheHeaderAsWritten() throws {
    let folder = try scenarioFolder(text: [
      "指导员.csv": "编号,姓名,选派单位,区域,联系上限\nI1,张伟,U1,R1,两个\n",
      "组织.csv": "编号,名称,区域,行业\nO1,甲,R1,商贸\n",
      "单位.csv": "编号,名称\nU1,市场监管局\n",
    ])
    #expect(readIssues(folder).map(\.description) == [
      "指导员.csv:2:联系上限: capacity must be a whole number ≥ 0 / 联系上限须为非负整数: \"两个\"",
    ])
  }

  @Test func lineNumbersCountPhysicalLinesInsideQuotes() throws {
    let folder = try scenarioFolder(text: [
      "instructors.csv": "id,name,unit,region,capacity\r\nI1,\"张\r\n伟\",U1,R1,2\r\nI2,李娜,U1,R1,-1\r\n",
      "organizations.csv": "id,name,region,industry\nO1,甲,R1,商贸\n",
      "units.csv": "id,name\nU1,市场监管局\n",
    ])
    // The quoted line break is a legal cell (no error), and the 4 lines read as 3 rows are said.
    #expect(readIssues(folder).map(Located.init) == [
      Located("instructors.csv", nil, nil, "rowCountDiffers"), Located("instructors.csv", 4, "capacity", "notACount"),
    ])
  }

  @Test func undecodableTextNamesFileAndLine() throws {
    let folder = try scenarioFolder([
      "instructors.csv": Array("id,name,unit,region,capacity\nI1,张伟,U1,R1,2\n".utf8),
      "organizations.csv": Array("id,name,region,industry\nO1,甲,R1,商贸\n".utf8),
      "units.csv": Array("id,name\n".utf8) + [0xFF, 0xFF, 0x2C, 0x41, 0x0A],
    ])
    #expect(readIssues(folder).map(Located.init) == [Located("units.csv", 2, nil, "undecodableText")])
  }

  @Test func lockAndForbidOnTheSamePair() throws {
    let folder = try scenarioFolder(text: [
      "instructors.csv": "id,name,unit,region,capacity\nI1,张伟,U1,R1,2\n",
      "organizations.csv": "id,name,region,industry\nO1,甲,R1,商贸\n",
      "units.csv": "id,name\nU1,市场监管局\n",
      "overrides.csv": "organization,instructor,action\nO1,I1,forbid\nO1,I1,锁定\n",
    ])
    #expect(readIssues(folder).map(Located.init) == [Located("overrides.csv", 3, "action", "lockAndForbid")])
  }

  @Test func chineseAliasesAndListSeparatorsAreAccepted() throws {
    let folder = try scenarioFolder(text: [
      "instructors.csv": " 工号 ,指导员姓名,后盾单位,所在区域,上限,专长,职务,专兼职\nI1,张伟,U1,R1,3,党务；财税、法律;环保,第一书记、第一主席,兼职\n",
      "企业.csv": "企业编号,企业名称,区域编号,所属行业,重点项目,党建状态\nO1,甲,R1,商贸,是,无党员\n",
      "选派单位.csv": "单位编号,单位名称,职能\nU1,市场监管局,工商;市场监管\n",
    ])
    let scenario = try ScenarioReader().read(folder: folder).scenario
    #expect(scenario.instructors == [Instructor(
      id: "I1", name: "张伟", unit: "U1", region: "R1", capacity: 3, skills: ["党务", "财税", "法律", "环保"],
      roles: [.firstSecretary, .firstChairman], kind: .partTime)])
    #expect(scenario.organizations.first?.keyProject == true)
    #expect(scenario.organizations.first?.partyStatus == PartyStatus.none)
    #expect(scenario.units.first?.functions == ["工商", "市场监管"])
  }
}

@Suite struct CSVParserTests {
  @Test func quotesNewlinesAndLineNumbers() {
    let text = "a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",z\n\nlast,\"\"\n"
    let result = CSVParser.parse(text)
    #expect(result.unterminatedQuoteLine == nil)
    #expect(result.records == [
      CSVRecord(line: 1, fields: ["a", "b"]),
      CSVRecord(line: 2, fields: ["x, y", "say \"hi\""]),
      CSVRecord(line: 3, fields: ["multi\nline", "z"]),
      CSVRecord(line: 5, fields: [""]),
      CSVRecord(line: 6, fields: ["last", ""]),
    ])
  }

  @Test func lastLineWithoutLineEndAndUnterminatedQuote() {
    #expect(CSVParser.parse("a,b\nc,d").records.last == CSVRecord(line: 2, fields: ["c", "d"]))
    #expect(CSVParser.parse("").records.isEmpty)
    #expect(CSVParser.parse("a\n\"open,\nmore\n").unterminatedQuoteLine == 2)
  }
}

@Suite struct TextDecodingTests {
  @Test func utf8WithAndWithoutBOMAndGB18030() throws {
    #expect(TextDecoding.decode(Array("编号".utf8)) == .text("编号", .utf8))
    #expect(TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("编号".utf8)) == .text("编号", .utf8))
    // "编号,张三" in GB18030, as `iconv -t GB18030` writes it.
    #expect(TextDecoding.decode([0xB1, 0xE0, 0xBA, 0xC5, 0x2C, 0xD5, 0xC5, 0xC8, 0xFD]) == .text("编号,张三", .gb18030))
    let gbFile = fixture("valid-gb18030").appendingPathComponent("指导员.csv")
    guard case .text(let text, .gb18030) = TextDecoding.decode([UInt8](try Data(contentsOf: gbFile))) else {
      Issue.record("GB18030 fixture not decoded as GB18030")
      return
    }
    #expect(text.hasPrefix("编号,姓名"))
  }

  @Test func utf16WithBOM() {
    let little: [UInt8] = [0xFF, 0xFE] + Array("编号,a".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let big: [UInt8] = [0xFE, 0xFF] + Array("编号,a".utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    #expect(TextDecoding.decode(little) == .text("编号,a", .utf16))
    #expect(TextDecoding.decode(big) == .text("编号,a", .utf16))
  }

  @Test func undecodable() {
    #expect(TextDecoding.decode(Array("ok\n".utf8) + [0xFF, 0xFF]) == .undecodable(line: 2))
  }
}

@Suite struct SHA256Tests {
  @Test func knownVectors() {
    #expect(SHA256Hasher.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256Hasher.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256Hasher.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
      == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func incrementalEqualsOneShot() {
    let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
    var hasher = SHA256Hasher()
    hasher.update(bytes[..<63])
    hasher.update(bytes[63..<130])
    hasher.update(bytes[130...])
    #expect(hasher.hexDigest() == SHA256Hasher.hex(bytes))
  }

  /// Contiguous input (whole blocks read in place) and a byte-at-a-time sequence agree, and a
  /// million-byte message gives the published digest (FIPS 180-2: one million "a").
  @Test func contiguousBlocksEqualByteAtATime() {
    let bytes = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    for cut in [0, 1, 63, 64, 65, 200] {
      var blocks = SHA256Hasher()
      blocks.update(bytes[..<cut])
      blocks.update(Data(bytes[cut...]))
      var single = SHA256Hasher()
      single.update(AnySequence(bytes))
      #expect(blocks.hexDigest() == single.hexDigest(), "cut \(cut)")
    }
    #expect(SHA256Hasher.hex(Data(repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }
}

@Suite struct ReaderDetailTests {
  static let base: [String: String] = [
    "instructors.csv": "id,name,unit,region,capacity\nI1,张伟,U1,R1,2\nI2,李娜,U1,R1,1\n",
    "organizations.csv": "id,name,region,industry,roles\nO1,甲,R1,商贸,\nO2,乙,R1,制造,第一书记;第一主席\n",
    "units.csv": "id,name\nU1,市场监管局\n",
  ]

  @Test func ruleSettingsByChineseKey() throws {
    var files = Self.base
    files["设置.csv"] = "设置,值\n允许一人兼任,否\n单位最多选派人数,2\n单位最少选派人数,不限\n最少联系数,2\n按天数计算上限,是\n重点项目专人,yes\nMIX,1\n"
    let settings = try ScenarioReader().read(folder: scenarioFolder(text: files)).scenario.settings
    var expected = ScenarioSettings()
    expected.rules.allowDualRole = false
    expected.rules.unitMaximumInstructors = 2
    expected.rules.minimumLoad = 2
    expected.rules.capacityInDays = true
    expected.rules.keyProjectExclusive = true
    expected.rules.mix = true
    #expect(settings == expected)
  }

  @Test func locksBeyondSlotsDuplicateColumnsAndOpenQuotes() throws {
    var files = Self.base
    files["overrides.csv"] = "organization,instructor,action\nO1,I1,lock\nO1,I2,lock\nO2,I1,lock\n"
    files["units.csv"] = "id,name,单位编号\nU1,市场监管局,U1\n"
    files["regions.csv"] = "id,name\nR1,\"屯溪区\n"
    let issues = try readIssues(scenarioFolder(text: files))
    #expect(issues.map(Located.init) == [
      Located("overrides.csv", 3, "organization", "locksExceedSlots"),
      Located("regions.csv", 2, nil, "unterminatedQuote"),
      Located("units.csv", 1, "单位编号", "duplicateColumn"),
    ])
  }

  @Test func errorsListEveryIssueThenACount() throws {
    var files = Self.base
    files["instructors.csv"] = "id,name,unit,region,capacity,hobby\nI1,张伟,U1,R1,x,\nI2,李娜,U1,R1,-1,\n"
    let error = try #require(throws: InputErrors.self) { try ScenarioReader().read(folder: scenarioFolder(text: files)) }
    #expect(error.errors.count == 2)
    #expect(error.description == """
      instructors.csv:1: note: ledger columns kept and carried into the plan / 附加列已保留并带入方案: hobby
      instructors.csv:2:capacity: capacity must be a whole number ≥ 0 / 联系上限须为非负整数: "x"
      instructors.csv:3:capacity: capacity must be a whole number ≥ 0 / 联系上限须为非负整数: "-1"
      2 errors in the scenario / 场景数据有 2 处错误
      """)
  }

  @Test func warningsDoNotStopReading() throws {
    var files = Self.base
    files["notes.csv"] = "x\n"
    files["overrides.csv"] = "organization,instructor,action\nO1,I1,forbid\nO1,I1,禁止\n"
    let result = try ScenarioReader().read(folder: scenarioFolder(text: files))
    #expect(result.warnings.map(Located.init) == [
      Located("overrides.csv", 3, "action", "repeatedOverride"),
      Located("notes.csv", nil, nil, "unknownFile"),
    ])
    #expect(result.scenario.overrides == [PairOverride(organization: "O1", instructor: "I1", action: .forbid)])
  }

  @Test func softRuleWeightsAndDistanceByChineseKey() throws {
    var files = Self.base
    files["regions.csv"] = "编号,名称,纬度,经度\nR1,屯溪区,29.7123,118.3\nR2,歙县,２９.８７,118.43\n"
    files["设置.csv"] = "设置,值\n建与未建搭配,是\n建与未建搭配权重,20\n选派范围,相邻区域\n最远距离公里,30\n选派范围权重,15\n重点项目专人,是\n重点项目专人权重,不限\n"
    let scenario = try ScenarioReader().read(folder: scenarioFolder(text: files)).scenario
    var expected = ScenarioSettings()
    expected.rules.mix = true
    expected.rules.mixWeight = 20
    expected.reach = .adjacentRegion
    expected.maximumDistanceKilometres = 30
    expected.reachWeight = 15
    expected.rules.keyProjectExclusive = true
    #expect(scenario.settings == expected)
    #expect(scenario.regions.map(\.location) == [GeoPoint(latitude: 29.7123, longitude: 118.3), GeoPoint(latitude: 29.87, longitude: 118.43)])
    // Written back (coordinates with up to six decimals) and read again: the same scenario.
    let written = temporaryPath("written")
    try ScenarioWriter().write(scenario, to: written)
    let again = try ScenarioReader().read(folder: written).scenario
    expectSameScenario(scenario, again)
    #expect(again.settings == expected)
  }

  @Test func badCoordinatesAndContradictorySettings() throws {
    var files = Self.base
    files["regions.csv"] = "id,name,latitude,longitude\nR1,屯溪区,95,118\nR2,歙县,29.8,\nR3,黄山区,,\n"
    files["settings.csv"] = "key,value\nunit_min_instructors,3\nunit_max_instructors,2\nmax_distance_km,20\nmix_weight,5\n"
    let folder = try scenarioFolder(text: files)
    let issues = readIssues(folder)
    #expect(issues.map(Located.init) == [
      Located("regions.csv", 2, "latitude", "badCoordinate"),
      Located("regions.csv", 3, "longitude", "incompleteLocation"),
      Located("regions.csv", 4, "latitude", "settingConflict"),
      Located("settings.csv", 2, "value", "settingConflict"),
      Located("settings.csv", 5, "value", "settingWithoutEffect"),
    ])
    #expect(issues.first { $0.problem == .settingWithoutEffect(key: "mix_weight", detail: "the rule is off (set mix) / 对应规则未启用") }?.severity == .warning)
    // A distance limit without any regions file is an error on its own line.
    var noRegions = Self.base
    noRegions["settings.csv"] = "key,value\nmax_distance_km,20\n"
    #expect(readIssues(try scenarioFolder(text: noRegions)).map(Located.init) == [Located("settings.csv", 2, "value", "settingConflict")])
  }

  /// With capacity in days, locks are checked against days a month, not the count of organizations.
  @Test func locksAreCheckedInDaysWhenCapacityIsInDays() throws {
    var files = Self.base
    files["instructors.csv"] = "id,name,unit,region,capacity,days_per_month\nI1,张伟,U1,R1,1,10\nI2,李娜,U1,R1,1,4\n"
    files["organizations.csv"] = "id,name,region,industry,workload_days\nO1,甲,R1,商贸,5\nO2,乙,R1,制造,5\nO3,丙,R1,制造,\n"
    files["settings.csv"] = "key,value\ncapacity_in_days,yes\ndefault_workload_days,3\n"
    // Two locks of 5 days fit I1's 10 days although his capacity is 1 organization; I2's 3-day lock fits 4 days.
    files["overrides.csv"] = "organization,instructor,action\nO1,I1,lock\nO2,I1,lock\nO3,I2,lock\n"
    let folder = try scenarioFolder(text: files)
    #expect(try ScenarioReader().read(folder: folder).scenario.overrides.count == 3)
    // Without days, the same locks break I1's capacity of one.
    files["settings.csv"] = "key,value\n"
    #expect(readIssues(try scenarioFolder(text: files)).map(Located.init) == [Located("overrides.csv", 3, "instructor", "locksExceedCapacity")])
    // In days, a third 5-day lock on I1 (15 > 10) is refused on the line that crosses.
    files["settings.csv"] = "key,value\ncapacity_in_days,yes\ndefault_workload_days,3\n"
    files["overrides.csv"] = "organization,instructor,action\nO1,I1,lock\nO2,I1,lock\nO3,I1,lock\n"
    let issues = readIssues(try scenarioFolder(text: files))
    #expect(issues.map(Located.init) == [Located("overrides.csv", 4, "instructor", "lockedDaysExceedCapacity")])
    #expect(issues.first?.problem == .lockedDaysExceedCapacity(instructor: "I1", days: 13, daysPerMonth: 10))
  }
}
