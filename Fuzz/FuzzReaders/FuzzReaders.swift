// libFuzzer entry points for the input readers (scripts/fuzz; not part of the normal build:
// Package.swift adds this target only when DISPATCH_FUZZ is set).
//
// FUZZ_TARGET chooses what one input is:
//   csv       the bytes of one CSV file: decoding, records, header matching (CSVTableParsing);
//   scenario  first byte selects a scenario file (mod 8, ScenarioFormat.files order), the rest
//             replaces that file of the seed scenario (FUZZ_SCENARIO, default scenarios/demo),
//             and the whole folder is read: every check and cross-reference;
//   changes   the bytes of a changes.csv, read against the seed scenario and applied to it;
//   xlsx      the bytes of a workbook: WorkbookReader (zip, XML, shared strings, cells), then
//             every visible sheet's header matched as organizations.csv (CSVTableParsing.matchHeader).
// A reader may throw `InputErrors` (that is its job); what the fuzzer looks for is a crash,
// a trap, a hang or a memory error.
@testable import DispatchIO
import DispatchGenerator
import DispatchModel
import Foundation

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// What every input is run against, set up once.
struct FuzzSetting {
  let target: String
  let seed: URL
  let workFolder: URL
  let seedScenario: Scenario
  let seedBytes: [String: [UInt8]]

  static let shared: FuzzSetting = {
    let environment = ProcessInfo.processInfo.environment
    let seed = URL(fileURLWithPath: environment["FUZZ_SCENARIO"] ?? "scenarios/demo")
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("dispatch-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    guard let read = try? ScenarioReader().read(folder: seed) else { fatalError("FUZZ_SCENARIO \(seed.path) must be a valid scenario") }
    var bytes: [String: [UInt8]] = [:]
    for spec in ScenarioFormat.files {
      if let data = FileManager.default.contents(atPath: seed.appendingPathComponent(spec.name).path) { bytes[spec.name] = [UInt8](data) }
    }
    return FuzzSetting(target: environment["FUZZ_TARGET"] ?? "csv", seed: seed, workFolder: work, seedScenario: read.scenario, seedBytes: bytes)
  }()
}

func runOne(_ bytes: [UInt8]) {
  let setting = FuzzSetting.shared
  switch setting.target {
  case "csv":
    var issues: [InputIssue] = []
    _ = CSVTableParsing.parse(bytes, fileName: "fuzz.csv", columns: ScenarioFormat.organizations.columns,
                              emptyIsError: true, unknownColumns: .keep, issues: &issues)
    _ = issues.map(\.description)
  case "xlsx":
    guard let workbook = try? WorkbookReader.read(Data(bytes)) else { return }
    var issues: [InputIssue] = []
    for sheet in workbook.sheets where !sheet.hidden {
      _ = CSVTableParsing.matchHeader(sheet.records, source: TableSource(fileName: "fuzz.xlsx", sheet: sheet.name),
                                      columns: ScenarioFormat.organizations.columns, emptyIsError: true, unknownColumns: .keep,
                                      headerMayFollowTitles: true, issues: &issues)
    }
    _ = issues.map(\.description)
  case "scenario":
    guard let selector = bytes.first else { return }
    let replaced = ScenarioFormat.files[Int(selector) % ScenarioFormat.files.count].name
    let folder = setting.workFolder.appendingPathComponent("scenario")
    try? FileManager.default.removeItem(at: folder)
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var files = setting.seedBytes
    files[replaced] = Array(bytes.dropFirst())
    for (name, content) in files { _ = FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data(content)) }
    do { _ = try ScenarioReader().read(folder: folder) } catch { _ = error.description }
  case "changes":
    let file = setting.workFolder.appendingPathComponent("changes.csv")
    _ = FileManager.default.createFile(atPath: file.path, contents: Data(bytes))
    // The product's path (`replan --changes`, the workbench's next quarter): ids checked against
    // the scenario's organizations, instructors, units and regions, then the set applied.
    let scenario = setting.seedScenario
    do { _ = try ChangeSetReader().read(file, for: scenario).applied(to: scenario) } catch { _ = error.description }
  default:
    fatalError("unknown FUZZ_TARGET \(setting.target) (csv, scenario, changes, xlsx)")
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  runOne(Array(UnsafeBufferPointer(start: data, count: count)))
  return 0
}

// SwiftPM links an executable with `--defsym main=<module>_main`, which would hide libFuzzer's
// own `main`; this is that entry point, and it hands the command line to libFuzzer's driver.
@_cdecl("FuzzReaders_main")
func fuzzReadersMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
  _ = FuzzSetting.shared
  var argc = argc, argv = argv
  return LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput)
}
