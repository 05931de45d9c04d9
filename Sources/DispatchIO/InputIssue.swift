import DispatchModel
/// Located problems in a scenario folder: what went wrong (`InputProblem`), where
/// (`file:line:column`) and how bad (error or warning). The reader collects all of
/// them in one run; the wording of every problem is in `InputError+Message.swift`.

/// The kinds of record a scenario refers to by id, for "unknown …" messages.
public enum ReferenceKind: String, Sendable, Hashable {
  case unit, region, instructor, organization
  /// A wish's `from`/`to` may name either.
  case instructorOrOrganization
}

/// Everything that can be wrong with a scenario folder. Values carry what the
/// message needs; `InputIssue` adds the location.
public enum InputProblem: Sendable, Hashable {
  // MARK: Folder and files
  case folderMissing
  case notAFolder
  case fileMissing(acceptedNames: [String])
  /// A workbook given as the scenario has no sheet for a required table.
  case sheetMissing(acceptedNames: [String])
  /// Two files stand for the same table (e.g. instructors.csv and 指导员.csv).
  case fileGivenTwice(otherName: String)
  case unreadableFile(reason: String)
  case undecodableText
  /// This line is not UTF-8 (it reads as GB18030/GBK) while line `utf8Line` is UTF-8 with
  /// Chinese text: the file mixes encodings, and no one decoding of it is right.
  case mixedEncoding(utf8Line: Int)
  case unterminatedQuote
  /// A quoted cell runs from this line to `endLine` and holds separators on later lines:
  /// rows swallowed by a stray quote, most likely.
  case quotedCellHoldsRows(endLine: Int)
  /// Fewer records than lines: quoted cells span lines (warning; with the count, so the
  /// office can see that rows were joined).
  case rowCountDiffers(lines: Int, records: Int)
  /// No header row at all.
  case emptyFile
  /// A header but no data row, in a file that must have rows.
  case noDataRows
  /// A .csv file that is not part of the format (warning).
  case unknownFile
  /// A workbook (or an .xls, .et, .numbers file) that cannot be read, with what to do.
  case unreadableWorkbook(WorkbookProblem)
  /// A spreadsheet file the reader cannot open, whose name names no table (warning; ignored).
  case unreadableSpreadsheetIgnored(WorkbookProblem)
  /// A hidden worksheet (warning; not read).
  case hiddenSheet
  /// A worksheet whose name names no table (warning; ignored).
  case unknownSheet(suggestion: String?)

  // MARK: Header
  case missingColumn(ColumnSpec)
  case duplicateColumn(ColumnSpec, firstHeader: String)
  /// A header that names no column of this file (warning; the column is ignored).
  case unknownColumn(suggestion: String?)
  /// A header close to a known column's name, in a file whose unknown columns are kept (warning).
  case unknownColumnKept(suggestion: String?)
  /// Instructors' and organizations' columns the format does not know, kept and carried into
  /// the plan (a note).
  case extraColumnsKept(headers: [String])
  /// More ledger columns than the plan's workbook can carry (`CSVTableParsing.maximumKeptColumns`).
  case tooManyColumns(count: Int, maximum: Int)
  /// Non-empty cells beyond the last header (warning; ignored).
  case extraCells(count: Int)

  // MARK: Values
  case missingValue(ColumnSpec)
  /// A control character (NUL, a line break in an id or a name …) inside a cell.
  case controlCharacter(ColumnSpec, codePoint: UInt32)
  /// A cell longer than a spreadsheet cell can be (32,767 UTF-16 units): the plan's workbook could not hold it.
  case cellTooLong(ColumnSpec, length: Int)
  case notACount(ColumnSpec, value: String)
  case numberTooLarge(ColumnSpec, value: String, maximum: Int)
  case unknownValue(ColumnSpec, value: String, allowed: [String], suggestion: String?)
  case notABoolean(ColumnSpec, value: String)
  case duplicateID(String, firstLine: Int)
  case unknownReference(ReferenceKind, String, suggestion: String?)
  /// An id that is both an instructor's and an organization's, where either may be meant.
  case ambiguousReference(String)
  /// A unit or region named by a name that two or more records have (their ids).
  case ambiguousName(ReferenceKind, String, candidates: [String])
  /// Without regions.csv: an organization's region that no instructor has (warning).
  case regionWithoutInstructor(String, suggestion: String?)
  case badRank(value: String)
  case wishBetweenInstructors(String, String)
  case wishBetweenOrganizations(String, String)
  /// The same pair (wish or score) twice.
  case duplicatePair(firstLine: Int)
  /// The same override twice (warning; one is kept).
  case repeatedOverride(firstLine: Int)
  case lockAndForbid(firstLine: Int)
  case locksExceedCapacity(instructor: String, locks: Int, capacity: Int)
  /// With capacity_in_days: the locked organizations' days exceed the instructor's days a month.
  case lockedDaysExceedCapacity(instructor: String, days: Int, daysPerMonth: Int)
  case locksExceedSlots(organization: String, locks: Int, slots: Int)

  // MARK: settings.csv
  case unknownSetting(key: String, suggestion: String?)
  case badSettingValue(key: String, value: String, expected: String)
  case duplicateSetting(key: String, firstLine: Int)
  /// Settings that contradict each other or the data (an error).
  case settingConflict(key: String, detail: String)
  /// A setting that has no effect as the others stand (a warning).
  case settingWithoutEffect(key: String, detail: String)
  /// regions.csv: a latitude or longitude out of range or not a number.
  case badCoordinate(ColumnSpec, value: String, range: ClosedRange<Int>)
  /// regions.csv: a latitude without a longitude, or the reverse.
  case incompleteLocation

  // MARK: Re-planning inputs (plan.csv of a previous plan, changes.csv)
  /// The same organization slot is listed twice in a previous plan.
  case duplicateSlot(firstLine: Int)
  /// An action/kind pair changes.csv does not know.
  case unknownChange(action: String, kind: String)
  /// Two rows of changes.csv that cannot both hold (close and update the same organization …).
  case contradictoryChange(id: String, firstLine: Int, detail: String)
  /// A field of an open/join/update row that is unknown or has a bad value.
  case badChangeField(field: String, value: String, expected: String)
  /// open/join of an id the scenario has already.
  case idExists(ReferenceKind, String)
  /// An opened organization or joined instructor without a required field.
  case missingChangeField(id: String, field: String)

  // MARK: Plan folders read back (replan --previous, compare, explain)
  /// No manifest, an unreadable one, or a listed file missing: the folder was never completed.
  case incompletePlanFolder(PlanFolderDefect)
  /// A file differs from the manifest: edited by hand after the plan was written (warning).
  case planFileEdited
  /// The previous plan's organizations are mostly not on this ledger: probably another scenario's plan.
  case previousPlanFromAnotherScenario(known: Int, total: Int, previousInput: String, scenarioInput: String)

  public var severity: InputIssue.Severity {
    switch self {
    case .regionWithoutInstructor, .unknownFile, .hiddenSheet, .unknownSheet, .unreadableSpreadsheetIgnored, .unknownColumn, .unknownColumnKept,
         .extraCells, .repeatedOverride, .settingWithoutEffect, .rowCountDiffers, .planFileEdited: .warning
    case .extraColumnsKept: .note
    default: .error
    }
  }
}

/// One problem at one place: `file:line:column: message`.
public struct InputIssue: Sendable, Hashable, CustomStringConvertible {
  public enum Severity: String, Sendable, Hashable {
    case error, warning
    /// Worth knowing, nothing wrong (extra ledger columns kept).
    case note
  }

  /// The file name as found in the folder (or as expected, when it is missing;
  /// the folder's path for folder problems); a workbook's file name for a worksheet's problems.
  public let file: String
  /// The worksheet, when the table is a sheet of a workbook (`file` is then the workbook).
  public let sheet: String?
  /// The 1-based physical line, when the problem is in a row or the header (a sheet's row number).
  public let line: Int?
  /// The column header as written in the file (the English key when the column is missing);
  /// in a worksheet, the column's letters ("C"), nil when the column is missing.
  public let column: String?
  public let problem: InputProblem

  public init(file: String, sheet: String? = nil, line: Int? = nil, column: String? = nil, problem: InputProblem) {
    self.file = file
    self.sheet = sheet
    self.line = line
    self.column = column
    self.problem = problem
  }

  public var severity: Severity { problem.severity }
  /// The user-facing text (English / Chinese).
  public var message: String { problem.message }

  /// `file:line:column: message`, with `warning: ` / `note: ` before the message of a warning
  /// or note and the parts that are unknown left out.
  public var description: String {
    // A sheet name or a header is user text: echoed (capped), like every quoted value.
    var location = file
    if let sheet {
      // Excel's own notation: 台账.xlsx!指导员!C5, a whole row as 5:5.
      location += "!" + sheet.echoed
      if let line { location += "!" + (column.map { "\($0)\(line)" } ?? "\(line):\(line)") }
    } else {
      if let line { location += ":\(line)" }
      if let column { location += ":\(column.echoed)" }
    }
    let prefix = switch severity {
    case .error: ""
    case .warning: "warning: "
    case .note: "note: "
    }
    return location + ": " + prefix + message
  }
}

/// Thrown by `ScenarioReader` when a folder has at least one error; `issues` holds
/// every error and warning found, in file and line order.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
  public let issues: [InputIssue]

  public init(issues: [InputIssue]) { self.issues = issues }

  public var errors: [InputIssue] { issues.filter { $0.severity == .error } }

  /// One issue a line, then a count.
  public var description: String {
    let count = errors.count
    let summary = count == 1 ? "1 error in the scenario / 场景数据有 1 处错误"
      : "\(count) errors in the scenario / 场景数据有 \(count) 处错误"
    return (issues.map(\.description) + [summary]).joined(separator: "\n")
  }
}
