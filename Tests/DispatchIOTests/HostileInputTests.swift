// Issue 13, input side: every way a hostile or unlucky ledger could be read silently wrong,
// crash the reader, or run away. Each test fails on the reader before the fix it names.
import DispatchModel
import DispatchTestSupport
import Foundation
import Testing
@testable import DispatchIO

/// A minimal valid scenario as text files, with `overrides` replacing whole files.
private func tinyFiles(_ overrides: [String: String] = [:]) -> [String: String] {
  var files = [
    "instructors.csv": "id,name,unit,region,capacity\nI1,张伟,U1,R1,2\nI2,李娜,U1,R2,2\n",
    "organizations.csv": "id,name,region,industry\nO1,甲公司,R1,商贸\nO2,乙公司,R2,商贸\nO3,丙公司,R1,商贸\n",
    "units.csv": "id,name\nU1,市场监管局\n",
    "regions.csv": "id,name\nR1,城东\nR2,城西\n",
  ]
  for (name, text) in overrides { files[name] = text }
  return files
}

private func located(_ files: [String: [UInt8]]) throws -> [Located] {
  readIssues(try scenarioFolder(files)).map(Located.init)
}

private func located(text files: [String: String]) throws -> [Located] {
  readIssues(try scenarioFolder(text: files)).map(Located.init)
}

@Suite struct EncodingEvidenceTests {
  /// 张三 in GBK.
  static let gbkName: [UInt8] = [0xD5, 0xC5, 0xC8, 0xFD]

  @Test func utf8FileWithOneGBKLineIsRefusedAtThatLine() throws {
    let organizations = Array("id,name,region,industry\nO1,甲公司,R1,商贸\nO2,".utf8) + Self.gbkName
      + Array(",R2,商贸\nO3,丙公司,R1,商贸\n".utf8)
    let issues = try located(tinyFiles().mapValues { Array($0.utf8) }.merging(["organizations.csv": organizations]) { $1 })
    #expect(issues == [Located("organizations.csv", 3, nil, "mixedEncoding")])
  }

  @Test func utf8WithBOMAndOneGBKLineIsRefusedAtThatLine() throws {
    let bytes = [0xEF, 0xBB, 0xBF] + Array("id,name,unit,region,capacity\nI1,张伟,U1,R1,2\nI2,".utf8) + Self.gbkName + Array(",U1,R2,2\n".utf8)
    guard case .mixed(let line, let utf8Line) = TextDecoding.decode(bytes) else { Issue.record("not mixed"); return }
    #expect((line, utf8Line) == (3, 2))
  }

  @Test func wholeGBKFileIsStillRead() {
    let bytes = Array("id,name\r\nI1,".utf8) + Self.gbkName + Array("\r\nI2,".utf8) + Self.gbkName + Array("\r\n".utf8)
    #expect(TextDecoding.decode(bytes) == .text("id,name\r\nI1,张三\r\nI2,张三\r\n", .gb18030))
  }

  @Test func invalidBytesThatAreNotGBKEitherAreReportedOnTheirOwnLine() {
    // 0xFF never starts a GB18030 character; lines end with CR (old Mac), CRLF and LF.
    #expect(TextDecoding.decode(Array("a\rb\r\nc\n".utf8) + [0xFF, 0x41] + Array("\nd\n".utf8)) == .undecodable(line: 4))
    #expect(TextDecoding.decode(Array("a\n张三\n".utf8) + [0xFF] + Array("\n".utf8)) == .undecodable(line: 3))
    #expect(TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("a\r\nb\r\n".utf8) + [0xFF]) == .undecodable(line: 3))
  }
}

@Suite struct StrayQuoteTests {
  @Test func aQuotedCellThatSwallowsRowsIsAnErrorWhereItStarts() throws {
    let organizations = "id,name,region,industry\nO1,\"甲公司,R1,商贸\nO2,乙公司,R2,商贸\nO3,丙公司\",R1,商贸\n"
    let issues = try located(text: tinyFiles(["organizations.csv": organizations]))
    #expect(issues.contains(Located("organizations.csv", 2, "name", "quotedCellHoldsRows")))
    #expect(issues.contains(Located("organizations.csv", nil, nil, "rowCountDiffers")))
    guard let problem = readIssues(try scenarioFolder(text: tinyFiles(["organizations.csv": organizations])))
      .first(where: { problemKind($0.problem) == "rowCountDiffers" })?.problem,
      case .rowCountDiffers(let lines, let records) = problem else { Issue.record("no count"); return }
    #expect((lines, records) == (4, 2))
  }

  @Test func aLegalMultilineNameIsOnlyCounted() throws {
    let organizations = "id,name,region,industry\nO1,\"甲公司\n（分部）\",R1,商贸\nO2,乙公司,R2,商贸\n"
    let result = try ScenarioReader().read(folder: try scenarioFolder(text: tinyFiles(["organizations.csv": organizations])))
    #expect(result.warnings.map(Located.init) == [Located("organizations.csv", nil, nil, "rowCountDiffers")])
    #expect(result.scenario.organizations.map(\.id) == ["O1", "O2"])
  }
}

@Suite struct NumberDomainTests {
  @Test func numbersOutsideTheirDomainAreRefusedWhereTheyAre() throws {
    let issues = try located(text: tinyFiles([
      "instructors.csv": "id,name,unit,region,capacity,days_per_month\nI1,张伟,U1,R1,10001,31\nI2,李娜,U1,R2,9223372036854775807,32\n"
        + "I3,王芳,U1,R1,99999999999999999999999,\n",
      "organizations.csv": "id,name,region,industry,workload_days\nO1,甲公司,R1,商贸,32\nO2,乙公司,R2,商贸,31\n",
      "wishes.csv": "from,to,rank\nI1,O1,1000\nI2,O1,1001\n",
      "scores.csv": "organization,instructor,score\nO1,I1,100000\nO2,I1,100001\n",
      "settings.csv": "key,value\nweight_skill_match,10001\nmax_skill_matches,65\nmix_weight,100001\nwish_rank_step,10000\n"
        + "default_workload_days,32\nmax_distance_km,20001\n",
    ]))
    #expect(Set(issues.filter { $0.kind != "settingWithoutEffect" }) == [
      Located("instructors.csv", 2, "capacity", "numberTooLarge"),
      Located("instructors.csv", 3, "capacity", "numberTooLarge"),
      Located("instructors.csv", 3, "days_per_month", "numberTooLarge"),
      Located("instructors.csv", 4, "capacity", "notACount"),
      Located("organizations.csv", 2, "workload_days", "numberTooLarge"),
      Located("wishes.csv", 3, "rank", "badRank"),
      Located("scores.csv", 3, "score", "numberTooLarge"),
      Located("settings.csv", 2, "value", "badSettingValue"),
      Located("settings.csv", 3, "value", "badSettingValue"),
      Located("settings.csv", 4, "value", "badSettingValue"),
      Located("settings.csv", 6, "value", "badSettingValue"),
      Located("settings.csv", 7, "value", "badSettingValue"),
    ])
  }

  @Test func everySettingHasADomainWithinTheProof() {
    for spec in ScenarioFormat.settingSpecs {
      switch spec.target {
      case .count(_, let range), .optionalCount(_, let range):
        #expect(range.lowerBound >= 0 && range.upperBound <= NumberDomain.softWeight.upperBound, "\(spec.key)")
      default: break
      }
    }
  }
}

@Suite struct CellCharacterTests {
  @Test func controlCharactersAreRefusedInIdsAndNamesButLineBreaksAllowedInText() throws {
    let issues = try located(text: tinyFiles([
      "instructors.csv": "id,name,unit,region,capacity,skills\nI1\u{0},张伟,U1,R1,2,\nI2,李\u{7}娜,U1,R2,2,\"党务\n法律\"\nI3,王\u{9}芳,U1\u{1B},R1,2,\n",
    ]))
    #expect(issues.filter { $0.kind == "controlCharacter" } == [
      Located("instructors.csv", 2, "id", "controlCharacter"),
      Located("instructors.csv", 3, "name", "controlCharacter"),
      Located("instructors.csv", 5, "unit", "controlCharacter"),
    ])
  }

  @Test func fullWidthIdsAreTheSameIdAndTheirTwinIsADuplicate() throws {
    let issues = try located(text: tinyFiles([
      "instructors.csv": "id,name,unit,region,capacity\nI1,张伟,U1,R1,2\nＩ１,李娜,U1,R2,2\n",
    ]))
    #expect(issues == [Located("instructors.csv", 3, "id", "duplicateID")])
    let result = try ScenarioReader().read(folder: try scenarioFolder(text: tinyFiles([
      "instructors.csv": "id,name,unit,region,capacity\nＩ１,张伟,Ｕ１,Ｒ１,2\nI2,李娜,U1,R2,2\n",
      "wishes.csv": "from,to,rank\nI1,Ｏ１,1\n",
    ])))
    #expect(result.scenario.instructors.map(\.id) == ["I1", "I2"])
    #expect(result.scenario.instructors[0].unit == "U1")
    #expect(result.scenario.wishes == [.instructorWants("I1", "O1", rank: 1)])
  }
}

@Suite struct SuggestionTests {
  @Test func boundedDistanceAgreesWithTheFullOne() {
    var rng = SystemRandomNumberGenerator()
    let alphabet = Array("ab1中".unicodeScalars)
    for _ in 0..<2000 {
      let a = (0..<Int.random(in: 0...7, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let b = (0..<Int.random(in: 0...7, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
      let full = ValueParser.editDistance(String(String.UnicodeScalarView(a)), String(String.UnicodeScalarView(b)))
      for bound in 0...4 {
        #expect(ValueParser.boundedEditDistance(a, b, bound: bound) == (full <= bound ? full : nil), "\(a) \(b) \(bound)")
      }
    }
  }

  @Test func aHugeIdGetsNoSuggestionAndTheBudgetRunsOut() throws {
    #expect(ValueParser.nearest(to: String(repeating: "I", count: 1_000_000), among: ["I1", "II"]) == nil)
    #expect(ValueParser.nearest(to: "I0l", among: ["I01", "I02"]) == "I01")
    let wishes = "from,to,rank\n" + (1...150).map { "X\($0),O1,1\n" }.joined()
    let issues = readIssues(try scenarioFolder(text: tinyFiles(["wishes.csv": wishes])))
    let suggested = issues.filter { if case .unknownReference(_, _, .some) = $0.problem { true } else { false } }
    #expect(issues.count == 150)
    #expect(suggested.count <= ScenarioFormat.suggestionBudget)
  }
}

@Suite struct ChangeSetReferenceTests {
  @Test func changesGetTheLedgersReferenceAndDomainChecks() throws {
    let file = try scenarioFolder([:]).appendingPathComponent("changes.csv")
    try """
      action,kind,id,field,value
      open,organization,O9,name,新组织
      open,organization,O9,region,R9
      open,organization,O9,industry,商贸
      open,organization,O9,workload_days,32
      join,instructor,I9,name,王芳
      join,instructor,I9,unit,U9
      join,instructor,I9,region,Ｒ１
      join,instructor,I9,capacity,10001
      join,instructor,Ｉ８\u{0},name,赵六
      """.write(to: file, atomically: true, encoding: .utf8)
    let reader = ChangeTableReader(organizations: ["O1"], instructors: ["I1"], units: ["U1"], regions: ["R1", "R2"])
    do {
      _ = try reader.read(file)
      Issue.record("expected errors")
    } catch {
      #expect(Set(error.issues.map(Located.init).map(\.description)) == Set([
        Located(file.path, 3, "value", "unknownReference"), Located(file.path, 5, "value", "badChangeField"),
        Located(file.path, 7, "value", "unknownReference"), Located(file.path, 9, "value", "badChangeField"),
        Located(file.path, 10, "id", "controlCharacter"),
        // I9 is left without a capacity, I8 joins with a name only.
        Located(file.path, 6, "id", "missingChangeField"), Located(file.path, 10, "id", "missingChangeField"),
      ].map(\.description)))
    }
  }
}

/// What `scripts/fuzz` found, each kept as a case.
@Suite struct FuzzFindingTests {
  /// changes: an empty changes.csv (libFuzzer's empty input) is a located "empty file" error;
  /// the leak LeakSanitizer reported with it is Foundation's (Fuzz/lsan.supp).
  @Test func anEmptyChangesFileIsAnEmptyFileError() throws {
    let file = try scenarioFolder(["changes.csv": []]).appendingPathComponent("changes.csv")
    do {
      _ = try ChangeTableReader(organizations: ["O1"], instructors: ["I1"]).read(file)
      Issue.record("expected an error")
    } catch {
      #expect(error.issues.map(Located.init) == [Located(file.path, nil, nil, "emptyFile")])
    }
  }

  /// scenario: a regions.csv with NUL runs inside its header and rows (a "slow unit" only under
  /// the loaded machine: 0.08 s alone) is read in full, every problem located.
  @Test func nulRunsInRegionsAreLocated() throws {
    let regions = Array("\u{FEFF}id,name,grid,station,remot".utf8) + [0x06] + [UInt8](repeating: 0, count: 7)
      + Array("e,neighbours\r\nR1,城东,网格,,no,R2\r\nR2,城西,网格,,no".utf8) + [UInt8](repeating: 0, count: 8) + Array(",R1\r\n".utf8)
    let issues = readIssues(try scenarioFolder(tinyFiles().mapValues { Array($0.utf8) }.merging(["regions.csv": regions]) { $1 }))
    #expect(!issues.isEmpty)
    #expect(issues.allSatisfy { $0.file != "regions.csv" || $0.line != nil })
  }
}

/// scripts/fuzz, xlsx target: a workbook whose zip directory points past the end of the file
/// (ZIPFoundation's in-memory archive trapped: "Range requires lowerBound <= upperBound") is an
/// unreadable workbook, never a crash.
@Suite struct WorkbookFuzzFindingTests {
  @Test func aZipDirectoryPastTheEndIsAnUnreadableWorkbook() throws {
    let data = try Data(contentsOf: fixture("fuzz").appendingPathComponent("truncated-directory.xlsx"))
    #expect(throws: WorkbookError.self) { _ = try WorkbookReader.read(data) }
  }
}

/// Issue 13 (remaining gaps): a stray quote in a one-column file, invisible characters in cells,
/// and huge cells quoted back in messages.
@Suite struct HostileInputRemainingTests {
  @Test func aStrayQuoteInAOneColumnFileIsTheSameLocatedError() {
    var issues: [InputIssue] = []
    let text = "id\nA1\n\"A2\nA3\nA4\"\nA5\n"
    let table = CSVTableParsing.parse(Array(text.utf8), fileName: "ids.csv", columns: [ColumnSpec("id", "编号", required: true)],
                                      emptyIsError: true, unknownColumns: .ignore, issues: &issues)
    #expect(table?.rows.count == 3)
    #expect(issues.map(Located.init).contains(Located("ids.csv", 3, "id", "quotedCellHoldsRows")))
    #expect(issues.contains { $0.severity == .error })
    // Two columns: a multi-line name without separators on its later lines is still only counted.
    issues = []
    _ = CSVTableParsing.parse(Array("id,name\nA1,\"x\ny\"\n".utf8), fileName: "t.csv",
                              columns: [ColumnSpec("id", "编号", required: true), ColumnSpec("name", "名称")],
                              emptyIsError: true, unknownColumns: .ignore, issues: &issues)
    #expect(!issues.contains { $0.severity == .error })
  }

  @Test func invisibleCharactersAreRefusedInIdsAndNamesWithTheirCodePoint() throws {
    let issues = readIssues(try scenarioFolder(text: tinyFiles([
      "instructors.csv": "id,name,unit,region,capacity\nI1\u{200B},张伟,U1,R1,2\nI2,李\u{202E}娜,U1,R2,2\nI3,王芳,U\u{FEFF}1,R1,2\n"
        + "\u{FEFF}I4,赵六,U1,R1,2\nI5,钱\u{2060}七,U1,R1,2\n",
    ])))
    #expect(Set(issues.map(Located.init).filter { $0.kind == "controlCharacter" }) == [
      Located("instructors.csv", 2, "id", "controlCharacter"), Located("instructors.csv", 3, "name", "controlCharacter"),
      Located("instructors.csv", 4, "unit", "controlCharacter"), Located("instructors.csv", 6, "name", "controlCharacter"),
    ])
    let message = try #require(issues.first { $0.line == 2 && $0.column == "id" }).message
    #expect(message.contains("U+200B") && message.contains("不可见字符"))
    // A byte-order mark at a cell's edge is trimmed like a space: I4 reads.
    #expect(!issues.contains { $0.line == 5 })
  }

  @Test func aHugeCellIsEchoedCappedWithItsLength() throws {
    let huge = String(repeating: "X", count: 1_000_000)
    let issues = readIssues(try scenarioFolder(text: tinyFiles([
      "organizations.csv": "id,name,region,industry\nO1,甲公司,\(huge),商贸\nO2,乙公司,R2,商贸\n",
      "instructors.csv": "id,name,unit,region,capacity\nI1,张伟,U1,R1,\(huge)\nI2,李娜,U1,R2,2\n",
    ])))
    #expect(issues.count >= 2)
    for issue in issues {
      #expect(issue.description.utf8.count < 600, "\(issue.description.prefix(200))")
    }
    #expect(issues.contains { $0.message.contains("…(1000000 字符 characters)") })
    #expect("甲乙".echoed == "甲乙" && String(repeating: "好", count: 41).echoed == String(repeating: "好", count: 40) + "…(41 字符 characters)")
    #expect(["a", "b", "c"].echoedList(limit: 2) == "a, b … (+1)")
  }
}

/// Output folder names from hostile scenario names and the temporary folders' owners.
@Suite struct OutputFolderNameTests {
  @Test func longAndOddNamesStillGiveAFolder() throws {
    let parent = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: parent) }
    // 200 three-byte characters and invisible ones: the default name is cut and cleaned, not ENAMETOOLONG.
    let url = try OutputFolder.build(.nextFree(in: parent, name: String(repeating: "黄", count: 200) + "\u{200B}\u{7}")) { _ throws(OutputError) in }
    #expect(url.lastPathComponent.utf8.count <= 255)
    #expect(!url.lastPathComponent.unicodeScalars.contains { $0.value == 0x200B || $0.value == 7 })
    // An exact name of 240 bytes fits NAME_MAX; its temporary name must too.
    let exact = parent.appendingPathComponent(String(repeating: "山", count: 80))
    #expect(try OutputFolder.build(.exactly(exact)) { _ throws(OutputError) in } == exact.standardizedFileURL)
    #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix(".") }.isEmpty)
  }

  @Test func temporaryFolderNamesRecordTheirOwner() {
    #expect(OutputFolder.partialOwner(".demo.partial-123-456-myhost")! == (123, "myhost"))
    #expect(OutputFolder.partialOwner(".demo.partial-123-456")! == (123, nil))
    #expect(OutputFolder.partialOwner(".a.partial-b.partial-77-1-h")! == (77, "h"))
    #expect(OutputFolder.partialOwner("demo.partial-123-456") == nil)
    #expect(OutputFolder.partialOwner(".demo.partial-x-456") == nil)
    #expect(OutputFolder.partialOwner(".demo.partial-123") == nil)
  }
}

@Suite struct PlanReaderCharacterTests {
  /// A previous plan.csv edited by hand with a zero-width space in an id: a located error, not a
  /// pair that silently names an organization the ledger does not have.
  @Test func invisibleCharactersInAPlansIdsAreLocatedErrors() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("planreader-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data("organization,role,instructor\nO1\u{200B},instructor,I1\nO2,instructor,I\u{202E}2\nO3,instructor,I1\n".utf8)
      .write(to: folder.appendingPathComponent("plan.csv"))
    do {
      _ = try PlanReader().read(folder: folder)
      Issue.record("read")
    } catch {
      #expect(error.issues.map(Located.init) == [Located("\(folder.path)/plan.csv", 2, "organization", "controlCharacter"),
                                                 Located("\(folder.path)/plan.csv", 3, "instructor", "controlCharacter")])
    }
  }
}

@Suite struct CellLengthTests {
  /// A 40,000-character name was read, planned, and then the plan could not be written (方案.xlsx:
  /// "text too long for one cell", exit 73). Now a located error where it is.
  @Test func aCellLongerThanASpreadsheetCellIsALocatedError() throws {
    let long = String(repeating: "长", count: 40_000)
    let issues = readIssues(try scenarioFolder(text: tinyFiles([
      "organizations.csv": "id,name,region,industry,备注\nO1,\(long),R1,商贸,\nO2,乙公司,R2,商贸,\(long)\nO3,丙公司,R1,商贸,\n",
    ])))
    #expect(issues.map(Located.init).filter { $0.kind == "cellTooLong" }
      == [Located("organizations.csv", 2, "name", "cellTooLong"), Located("organizations.csv", 3, "备注", "cellTooLong")])
    #expect(issues.allSatisfy { $0.description.utf8.count < 600 })
    // At the limit it is read.
    let fits = String(repeating: "长", count: 32_767)
    let read = try ScenarioReader().read(folder: try scenarioFolder(text: tinyFiles([
      "organizations.csv": "id,name,region,industry\nO1,\(fits),R1,商贸\nO2,乙公司,R2,商贸\nO3,丙公司,R1,商贸\n",
    ])))
    #expect(read.scenario.organizations[0].name.count == 32_767)
  }
}

@Suite struct WideLedgerTests {
  /// 17,000 empty ledger columns: the plan took minutes (each value looked up column by column)
  /// and then could not be written (方案.xlsx: "cell outside Excel's grid", exit 73). Now a located
  /// error on the header line; lookups are one pass per row.
  @Test func tooManyLedgerColumnsAreALocatedErrorAndLookupsAreLinear() throws {
    let n = 1_001
    let header = "id,name,region,industry," + (0..<n).map { "备注\($0)" }.joined(separator: ",")
    let rows = ["O1", "O2", "O3"].map { "\($0),甲,R1,商贸" + String(repeating: ",", count: n) }
    let issues = readIssues(try scenarioFolder(text: tinyFiles(["organizations.csv": ([header] + rows).joined(separator: "\n") + "\n"])))
    #expect(issues.map(Located.init).filter { $0.kind == "tooManyColumns" } == [Located("organizations.csv", 1, nil, "tooManyColumns")])
    let fields = (0..<5).map { LedgerField(header: "h\($0)", value: "v\($0)") } + [LedgerField(header: "h1", value: "second")]
    #expect(fields.values(["h3", "h1", "x"]) == ["v3", "v1", nil])
    #expect(fields.values(["h1"]) == [fields.value("h1")])
  }
}
