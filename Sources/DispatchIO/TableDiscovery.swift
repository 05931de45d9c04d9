import Foundation

/// Where one table of a scenario is read from.
enum TableInput {
  /// A CSV file in the folder, read when its table is loaded.
  case csv(fileName: String)
  /// A worksheet, already read into records (row numbers as lines, column A as field 0).
  case sheet(TableSource, records: [CSVRecord])

  var source: TableSource {
    switch self {
    case .csv(let fileName): TableSource(fileName: fileName)
    case .sheet(let source, _): source
    }
  }
}

/// Finds a scenario's tables among a folder's entries: CSV files named after a table, and the
/// sheets of workbooks (.xlsx, .xlsm) named after a table, or the one visible sheet of a
/// workbook named after a table (`指导员.xlsx` holding `Sheet1`). The same table twice is an
/// error; hidden sheets, sheets naming no table and unknown .csv files are warnings; empty sheets
/// and a notes sheet (说明, notes) are skipped silently. An .xls, .et or .numbers file, or a
/// workbook that cannot be opened, is an error when its name names a table or it was given
/// as the scenario itself, else a warning (a backup copy lying in the folder).
struct TableDiscovery {
  let directory: URL
  /// The workbook given as the scenario instead of a folder, if any.
  let givenFile: String?
  var found: [String: TableInput] = [:]
  var issues: [InputIssue] = []

  static let workbookExtensions: Set<String> = ["xlsx", "xlsm"]
  static let refusedExtensions: Set<String> = ["xls", "xlt", "et", "ett", "numbers", "xlsb"]
  /// Sheet names of notes, as `dispatch template` writes (说明).
  static let notesSheets: Set<String> = ["说明", "notes", "readme", "填写说明"]

  static func isSpreadsheet(_ name: String) -> Bool {
    let ext = (name as NSString).pathExtension.lowercased()
    return workbookExtensions.contains(ext) || refusedExtensions.contains(ext)
  }

  init(directory: URL, givenFile: String?) {
    self.directory = directory
    self.givenFile = givenFile
  }

  mutating func add(_ entry: String) {
    // Hidden files, and the owner files Excel and WPS leave beside an open workbook (~$台账.xlsx).
    guard !entry.hasPrefix("."), !entry.hasPrefix("~$") else { return }
    let ext = (entry as NSString).pathExtension.lowercased()
    if ext == "csv" {
      if let spec = ScenarioFormat.table(named: entry) {
        claim(spec, .csv(fileName: entry))
      } else {
        issues.append(InputIssue(file: entry, problem: .unknownFile))
      }
    } else if Self.isSpreadsheet(entry) {
      addWorkbook(entry)
    }
  }

  mutating func addWorkbook(_ entry: String) {
    let url = directory.appendingPathComponent(entry)
    let meant = givenFile != nil || ScenarioFormat.table(named: (entry as NSString).deletingPathExtension) != nil
    func refuse(_ problem: WorkbookProblem) {
      issues.append(InputIssue(file: entry, problem: meant ? .unreadableWorkbook(problem) : .unreadableSpreadsheetIgnored(problem)))
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
      // A Numbers document may be a folder (a package).
      if url.pathExtension.lowercased() == "numbers" { refuse(.numbersDocument) }
      return
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      issues.append(InputIssue(file: entry, problem: .unreadableFile(reason: "no permission or not a regular file / 无权限或不是普通文件")))
      return
    }
    let workbook: Workbook
    do {
      workbook = try WorkbookReader.read(data)
    } catch {
      refuse(url.pathExtension.lowercased() == "numbers" && error.problem != .numbersDocument ? .numbersDocument : error.problem)
      return
    }
    let fileTable = ScenarioFormat.table(named: (entry as NSString).deletingPathExtension)
    let visible = workbook.sheets.filter { !$0.hidden && !$0.rows.isEmpty && !Self.isNotes($0.name) }
    for sheet in workbook.sheets {
      let source = TableSource(fileName: entry, sheet: sheet.name)
      if sheet.hidden {
        issues.append(source.issue(.hiddenSheet))
        continue
      }
      var spec = ScenarioFormat.table(named: sheet.name)
      if spec == nil, let fileTable, visible.count == 1, visible[0].name == sheet.name { spec = fileTable }
      guard let spec else {
        if !sheet.rows.isEmpty && !Self.isNotes(sheet.name) {
          let names = ScenarioFormat.files.flatMap { [$0.name] + $0.aliases }.map { ($0 as NSString).deletingPathExtension }
          issues.append(source.issue(.unknownSheet(suggestion: ValueParser.nearest(to: sheet.name, among: names))))
        }
        continue
      }
      claim(spec, .sheet(source, records: sheet.records))
    }
  }

  static func isNotes(_ name: String) -> Bool { notesSheets.contains(ValueParser.normalizedToken(name)) }

  mutating func claim(_ spec: FileSpec, _ input: TableInput) {
    if let first = found[spec.name] {
      let other = first.source.sheet.map { "\(first.source.fileName)!\($0)" } ?? first.source.fileName
      let source = input.source
      issues.append(source.issue(.fileGivenTwice(otherName: other)))
    } else {
      found[spec.name] = input
    }
  }
}
