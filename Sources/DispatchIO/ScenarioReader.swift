import DispatchModel
import Foundation

/// Reads a scenario folder (format v1, Documentation/ScenarioFormat.md) into a
/// `Scenario`, checking every file, header, cell and cross-reference, and reporting
/// every problem found in one run as `file:line:column: message`.
///
/// Files and headers are matched by their English or Chinese names and aliases
/// (`ScenarioFormat`), case-insensitively and ignoring spaces, `_`, `-`, `*` and a BOM.
/// Text may be UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.
public struct ScenarioReader: Sendable {
  public init() {}

  /// Reads `folder`; throws every error (with the warnings) when there is at least one error.
  public func read(folder: URL) throws(InputErrors) -> ScenarioReadResult {
    var reading = FolderReading(folder: folder)
    return try reading.run()
  }
}

/// A scenario as read, with the warnings that did not stop it and a fingerprint of its input.
public struct ScenarioReadResult: Sendable {
  public let scenario: Scenario
  public let warnings: [InputIssue]
  /// SHA-256 (hex) over the files present, in `ScenarioFormat.files` order: for each,
  /// its canonical name in UTF-8, a zero byte, its length as 8 big-endian bytes, its bytes.
  public let inputSHA256: String
}

/// One table (a CSV file or a worksheet) after decoding and header matching.
struct Table {
  let spec: FileSpec
  /// The file (and sheet) it was read from, which locates its problems.
  let source: TableSource
  let headerLine: Int
  /// Column key → position and the header as written.
  let columns: [String: (index: Int, header: String)]
  /// Non-blank data rows.
  let rows: [CSVRecord]
  /// Columns the format does not know, kept for instructors and organizations.
  let extraColumns: [(index: Int, header: String)]

  func has(_ key: String) -> Bool { columns[key] != nil }

  /// The row's cells under the columns the format does not know, in column order.
  func extraFields(_ row: CSVRecord) -> [LedgerField] {
    extraColumns.map { column in
      LedgerField(header: column.header, value: column.index < row.fields.count ? ValueParser.cellValue(row.fields[column.index]) : "")
    }
  }

  /// The cell's value (trimmed, formula guard removed; an id width-folded, see
  /// `ScenarioFormat.identifierKeys`); "" when the column or cell is absent.
  func value(_ key: String, in row: CSVRecord) -> String {
    guard let index = columns[key]?.index, index < row.fields.count else { return "" }
    return ScenarioFormat.identifierKeys.contains(key) ? ValueParser.identifier(row.fields[index]) : ValueParser.cellValue(row.fields[index])
  }

  /// The header as written, or the English key when the column is absent.
  func header(_ key: String) -> String { columns[key]?.header ?? key }
}

/// The state of one `read(folder:)` call: the issues found so far and the ids known.
struct FolderReading {
  /// A folder, or one workbook file standing for a folder.
  let folder: URL
  /// The folder the tables' files are in.
  var directory: URL {
    var isDirectory: ObjCBool = false
    let exists = FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory)
    return !exists || isDirectory.boolValue ? folder : folder.deletingLastPathComponent()
  }
  var issues: [InputIssue] = []
  /// Raw bytes of each file present, by canonical name (for `inputSHA256`).
  var fileBytes: [String: [UInt8]] = [:]

  // Ids of each kind, `nil` when they cannot be known (file or id column missing),
  // so that one missing file does not turn every reference into an error.
  var unitIDs: Set<String>?
  var regionIDs: Set<String>?
  /// Ids by name (normalised), in file order: a unit or region may be named instead of given by id.
  var unitIDsByName: [String: [String]] = [:]
  var regionIDsByName: [String: [String]] = [:]
  /// Regions without latitude/longitude, with their lines, for the distance limit's check.
  var regionsWithoutLocation: [(id: String, line: Int)] = []
  var regionsSource: TableSource?
  var regionsLocationColumn: (index: Int, header: String)?
  /// The line of each settings.csv key given, for the cross-checks.
  var settingLines: [String: Int] = [:]
  var settingsSource = TableSource(fileName: ScenarioFormat.settings.name)
  var settingsValueIndex: Int?
  var instructorIDs: Set<String>?
  var organizationIDs: Set<String>?
  /// Did-you-mean: candidates sorted once per kind, and a budget, so that checking stays
  /// near-linear however many ids are unknown (`ValueParser.nearest` is O(ids) each).
  var candidates: [ReferenceKind: SuggestionIndex] = [:]
  var suggestionsLeft = ScenarioFormat.suggestionBudget

  init(folder: URL) { self.folder = folder }

  // MARK: - Reporting

  mutating func report(_ problem: InputProblem, file: String, line: Int? = nil, column: String? = nil) {
    issues.append(InputIssue(file: file, line: line, column: column, problem: problem))
  }

  mutating func report(_ problem: InputProblem, in table: Table, row: CSVRecord, column key: String?) {
    issues.append(table.source.issue(problem, line: row.line, columnIndex: key.flatMap { table.columns[$0]?.index },
                                     header: key.map(table.header)))
  }

  // MARK: - The whole folder

  mutating func run() throws(InputErrors) -> ScenarioReadResult {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
      throw InputErrors(issues: [InputIssue(file: folder.path, problem: .folderMissing)])
    }
    let entries: [String]
    if isDirectory.boolValue && folder.pathExtension.lowercased() != "numbers" {
      do {
        entries = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
      } catch {
        throw InputErrors(issues: [InputIssue(file: folder.path, problem: .unreadableFile(reason: error.localizedDescription))])
      }
    } else if TableDiscovery.isSpreadsheet(folder.lastPathComponent) {
      // One workbook given instead of a folder: its sheets are the tables.
      entries = [folder.lastPathComponent]
    } else {
      throw InputErrors(issues: [InputIssue(file: folder.path, problem: .notAFolder)])
    }
    var discovery = TableDiscovery(directory: directory, givenFile: isDirectory.boolValue ? nil : folder.lastPathComponent)
    for entry in entries { discovery.add(entry) }
    issues += discovery.issues
    if !isDirectory.boolValue, issues.contains(where: { $0.severity == .error }) { throw InputErrors(issues: sortedIssues()) }

    var tables: [String: Table] = [:]
    for spec in ScenarioFormat.files {
      if let input = discovery.found[spec.name] {
        tables[spec.name] = loadTable(spec, from: input)
      } else if spec.required {
        if let workbook = discovery.givenFile {
          // One workbook given: the table is a sheet, named without ".csv".
          report(.sheetMissing(acceptedNames: ([spec.name] + spec.aliases).map { ($0 as NSString).deletingPathExtension }), file: workbook)
        } else {
          report(.fileMissing(acceptedNames: [spec.name] + spec.aliases), file: spec.name)
        }
      }
    }

    for table in tables.values { screenCells(table) }
    // Dependencies first, so references can be checked as rows are read.
    let units = tables[ScenarioFormat.units.name].map { readUnits($0) } ?? []
    let regions = tables[ScenarioFormat.regions.name].map { readRegions($0) } ?? []
    let instructors = tables[ScenarioFormat.instructors.name].map { readInstructors($0) } ?? []
    let organizations = tables[ScenarioFormat.organizations.name].map { readOrganizations($0) } ?? []
    warnRegionsWithoutInstructors(tables[ScenarioFormat.organizations.name], instructors: instructors, organizations: organizations)
    let wishes = tables[ScenarioFormat.wishes.name].map { readWishes($0) } ?? []
    let scores = tables[ScenarioFormat.scores.name].map { readScores($0) } ?? []
    let settings = tables[ScenarioFormat.settings.name].map { readSettings($0) } ?? ScenarioSettings()
    let overrides = tables[ScenarioFormat.overrides.name].map {
      readOverrides($0, instructors: instructors, organizations: organizations, settings: settings)
    } ?? []
    crossCheck(settings, regionsGiven: !regions.isEmpty)

    let sorted = sortedIssues()
    if sorted.contains(where: { $0.severity == .error }) { throw InputErrors(issues: sorted) }

    let scenario = Scenario(
      instructors: instructors, organizations: organizations, units: units, regions: regions,
      wishes: wishes, givenScores: scores, overrides: overrides, settings: settings)
    return ScenarioReadResult(scenario: scenario, warnings: sorted, inputSHA256: inputDigest())
  }

  /// Issues in file order (`ScenarioFormat.files`, folder problems first), then line order.
  func sortedIssues() -> [InputIssue] {
    func fileRank(_ name: String) -> Int {
      let index = ScenarioFormat.table(named: name).flatMap { spec in ScenarioFormat.files.firstIndex(of: spec) }
      return index.map { $0 + 1 } ?? (name == folder.path ? 0 : ScenarioFormat.files.count + 1)
    }
    // Each file's rank is computed once (normalising names is not cheap), not per comparison.
    var rankOfFile: [String: Int] = [:]
    for issue in issues {
      let name = issue.sheet ?? issue.file
      if rankOfFile[name] == nil { rankOfFile[name] = fileRank(name) }
    }
    return issues.enumerated().sorted { a, b in
      let (ra, rb) = (rankOfFile[a.element.sheet ?? a.element.file]!, rankOfFile[b.element.sheet ?? b.element.file]!)
      if ra != rb { return ra < rb }
      if a.element.file != b.element.file { return a.element.file < b.element.file }
      if a.element.sheet != b.element.sheet { return (a.element.sheet ?? "") < (b.element.sheet ?? "") }
      let (la, lb) = (a.element.line ?? 0, b.element.line ?? 0)
      if la != lb { return la < lb }
      return a.offset < b.offset
    }.map(\.element)
  }

  func inputDigest() -> String {
    var hasher = SHA256Hasher()
    for spec in ScenarioFormat.files {
      guard let bytes = fileBytes[spec.name] else { continue }
      hasher.update(Array(spec.name.utf8) + [0])
      let length = UInt64(bytes.count)
      hasher.update((0..<8).map { UInt8(truncatingIfNeeded: length >> UInt64(56 - 8 * $0)) })
      hasher.update(bytes)
    }
    return hasher.hexDigest()
  }

  // MARK: - One file: bytes → text → records → header

  /// The table, or `nil` when it cannot be read at all (the reason is reported).
  mutating func loadTable(_ spec: FileSpec, from input: TableInput) -> Table? {
    let source = input.source
    let unknownColumns: CSVTableParsing.UnknownColumns = ScenarioFormat.keepsExtraColumns(spec) ? .keep : .warn
    let parsed: CSVTableParsing.Parsed?
    switch input {
    case .csv(let fileName):
      let url = directory.appendingPathComponent(fileName)
      guard let data = FileManager.default.contents(atPath: url.path) else {
        report(.unreadableFile(reason: "no permission or not a regular file / 无权限或不是普通文件"), file: fileName)
        return nil
      }
      let bytes = [UInt8](data)
      fileBytes[spec.name] = bytes
      parsed = CSVTableParsing.parse(bytes, fileName: fileName, columns: spec.columns, emptyIsError: spec.required,
                                     unknownColumns: unknownColumns, issues: &issues)
    case .sheet(_, let records):
      fileBytes[spec.name] = Self.canonicalBytes(records)
      parsed = CSVTableParsing.matchHeader(records, source: source, columns: spec.columns, emptyIsError: spec.required,
                                           unknownColumns: unknownColumns, headerMayFollowTitles: true, issues: &issues)
    }
    guard let parsed else { return nil }
    if spec.required && parsed.rows.isEmpty { issues.append(source.issue(.noDataRows, line: parsed.headerLine)) }
    return Table(spec: spec, source: source, headerLine: parsed.headerLine, columns: parsed.columns, rows: parsed.rows,
                 extraColumns: parsed.extraColumns)
  }

  /// A sheet's cells as bytes for `inputSHA256`: each row's number, then its cells, separated by
  /// the ASCII unit and record separators (which a cell read from XML cannot hold unescaped).
  static func canonicalBytes(_ records: [CSVRecord]) -> [UInt8] {
    var bytes: [UInt8] = []
    for record in records {
      bytes += Array(String(record.line).utf8)
      for field in record.fields { bytes.append(0x1F); bytes += Array(field.utf8) }
      bytes.append(0x1E)
    }
    return bytes
  }

  // MARK: - Cells

  /// A value that must be there: reports it when the column is present but the cell empty.
  mutating func requiredText(_ table: Table, _ row: CSVRecord, _ key: String) -> String? {
    let value = table.value(key, in: row)
    if value.isEmpty {
      if table.has(key) { report(.missingValue(table.spec.column(key)), in: table, row: row, column: key) }
      return nil
    }
    return value
  }

  /// Empty → nil.
  func optionalText(_ table: Table, _ row: CSVRecord, _ key: String) -> String? {
    let value = table.value(key, in: row)
    return value.isEmpty ? nil : value
  }

  /// A whole number in 0 … `maximum`; empty → nil (reported when `required`).
  mutating func count(_ table: Table, _ row: CSVRecord, _ key: String, required: Bool = false, maximum: Int? = nil) -> Int? {
    let text = table.value(key, in: row)
    if text.isEmpty {
      if required && table.has(key) { report(.missingValue(table.spec.column(key)), in: table, row: row, column: key) }
      return nil
    }
    guard let number = ValueParser.integer(text), number >= 0 else {
      report(.notACount(table.spec.column(key), value: text), in: table, row: row, column: key)
      return nil
    }
    if let maximum, number > maximum {
      report(.numberTooLarge(table.spec.column(key), value: text, maximum: maximum), in: table, row: row, column: key)
      return nil
    }
    return number
  }

  /// yes / no; empty → `defaultValue`.
  mutating func flag(_ table: Table, _ row: CSVRecord, _ key: String, default defaultValue: Bool = false) -> Bool {
    let text = table.value(key, in: row)
    if text.isEmpty { return defaultValue }
    guard let value = ValueParser.boolean(text) else {
      report(.notABoolean(table.spec.column(key), value: text), in: table, row: row, column: key)
      return defaultValue
    }
    return value
  }

  /// One value of a vocabulary; empty → nil.
  mutating func choice<Value>(_ table: Table, _ row: CSVRecord, _ key: String, _ vocabulary: [(Value, [String])]) -> Value? {
    let text = table.value(key, in: row)
    if text.isEmpty { return nil }
    return vocabularyValue(text, table, row, key, vocabulary)
  }

  mutating func vocabularyValue<Value>(_ text: String, _ table: Table, _ row: CSVRecord, _ key: String, _ vocabulary: [(Value, [String])]) -> Value? {
    if let value = ValueParser.choice(text, vocabulary) { return value }
    let allowed = vocabulary.flatMap { $0.1.prefix(2) }
    let suggestion = ValueParser.nearest(to: text, among: vocabulary.flatMap(\.1))
    report(.unknownValue(table.spec.column(key), value: text, allowed: allowed, suggestion: suggestion), in: table, row: row, column: key)
    return nil
  }

  func list(_ table: Table, _ row: CSVRecord, _ key: String) -> [String] {
    ValueParser.list(table.value(key, in: row))
  }

  /// A list of roles, each checked, repeats dropped (first kept).
  mutating func roles(_ table: Table, _ row: CSVRecord, _ key: String) -> [DispatchRole] {
    var roles: [DispatchRole] = []
    for item in list(table, row, key) {
      if let role = vocabularyValue(item, table, row, key, ScenarioFormat.roles), !roles.contains(role) { roles.append(role) }
    }
    return roles
  }

  /// Reports `id` when `known` is known and does not hold it.
  mutating func checkReference(_ id: String, _ kind: ReferenceKind, known: Set<String>?, _ table: Table, _ row: CSVRecord, _ key: String) {
    guard let known, !known.contains(id) else { return }
    report(.unknownReference(kind, id, suggestion: suggestion(for: id, kind, known)), in: table, row: row, column: key)
  }

  /// The nearest known id, while the budget lasts.
  /// `known` is evaluated once per kind (it may be a union of two id sets).
  mutating func suggestion(for id: String, _ kind: ReferenceKind, _ known: @autoclosure () -> Set<String>) -> String? {
    guard suggestionsLeft > 0 else { return nil }
    suggestionsLeft -= 1
    if candidates[kind] == nil { candidates[kind] = SuggestionIndex(known().sorted()) }
    return candidates[kind]!.nearest(to: id)
  }

  /// Control characters: none at all in ids and references; in names and other text only
  /// tabs and line breaks (a cell typed with Alt+Enter; the reports escape them). NUL and the
  /// rest would be written raw into plan.csv and the reports. Every table is screened here,
  /// however it was read.
  mutating func screenCells(_ table: Table) {
    let columns = table.columns.sorted { $0.value.index < $1.value.index }
    for row in table.rows {
      for (key, column) in columns where column.index < row.fields.count {
        let strict = ScenarioFormat.identifierKeys.contains(key)
        if let scalar = ValueParser.controlCharacter(in: ValueParser.trim(row.fields[column.index]), allowingLineBreaks: !strict) {
          report(.controlCharacter(table.spec.column(key), codePoint: scalar.value), in: table, row: row, column: key)
        }
        if let length = ValueParser.tooLongForACell(row.fields[column.index]) {
          report(.cellTooLong(table.spec.column(key), length: length), in: table, row: row, column: key)
        }
      }
      // Extra ledger columns are carried into plan.csv: free text, under the same rule.
      for column in table.extraColumns where column.index < row.fields.count {
        if let scalar = ValueParser.controlCharacter(in: ValueParser.trim(row.fields[column.index]), allowingLineBreaks: true) {
          issues.append(table.source.issue(.controlCharacter(ColumnSpec(column.header, column.header), codePoint: scalar.value),
                                           line: row.line, columnIndex: column.index, header: column.header))
        }
        if let length = ValueParser.tooLongForACell(row.fields[column.index]) {
          issues.append(table.source.issue(.cellTooLong(ColumnSpec(column.header, column.header), length: length),
                                           line: row.line, columnIndex: column.index, header: column.header))
        }
      }
    }
  }

  /// The id `text` gives: itself when it is an id of `known`, else the id of the one record whose
  /// name it is (区市场监督管理局 → U03). A name of two or more records is an error listing them;
  /// neither an id nor a name is an unknown reference. An id wins over another record's name.
  mutating func resolve(_ text: String, _ kind: ReferenceKind, known: Set<String>?, byName: [String: [String]],
                        _ table: Table, _ row: CSVRecord, _ key: String) -> String {
    guard let known, !known.contains(text) else { return text }
    let candidates = byName[ValueParser.normalizedToken(text)] ?? []
    if candidates.count == 1 { return candidates[0] }
    if candidates.count > 1 {
      report(.ambiguousName(kind, text, candidates: candidates), in: table, row: row, column: key)
      return text
    }
    checkReference(text, kind, known: known, table, row, key)
    return text
  }

  /// Without regions.csv, regions are labels: an organization's region that no instructor has
  /// is likely a typo (城关 for 城关镇) that would silently cost the same-region points. One
  /// warning per label, at its first row, with a did-you-mean among the instructors' regions
  /// (searched for the first `maxRegionSuggestions` labels only, to stay near-linear).
  mutating func warnRegionsWithoutInstructors(_ table: Table?, instructors: [Instructor], organizations: [Organization]) {
    guard regionIDs == nil, let table, !instructors.isEmpty else { return }
    let instructorRegions = Set(instructors.map(\.region.rawValue))
    let candidates = instructorRegions.sorted()
    var warned: Set<String> = []
    for row in table.rows {
      let label = table.value("region", in: row)
      guard !label.isEmpty, !instructorRegions.contains(label), warned.insert(label).inserted else { continue }
      let suggestion = warned.count <= Self.maxRegionSuggestions && candidates.count <= 10_000
        ? ValueParser.nearest(to: label, among: candidates) : nil
      report(.regionWithoutInstructor(label, suggestion: suggestion), in: table, row: row, column: "region")
    }
  }

  static let maxRegionSuggestions = 100

  /// Registers an id, reporting a repeat; returns whether it was new.
  mutating func register(_ id: String, in seen: inout [String: Int], _ table: Table, _ row: CSVRecord) -> Bool {
    if let firstLine = seen[id] {
      report(.duplicateID(id, firstLine: firstLine), in: table, row: row, column: "id")
      return false
    }
    seen[id] = row.line
    return true
  }

  // MARK: - The files

  mutating func readUnits(_ table: Table) -> [SendingUnit] {
    var seen: [String: Int] = [:]
    var units: [SendingUnit] = []
    for row in table.rows {
      let id = requiredText(table, row, "id")
      let name = requiredText(table, row, "name")
      let functions = list(table, row, "functions")
      guard let id, register(id, in: &seen, table, row), let name else { continue }
      units.append(SendingUnit(id: UnitID(id), name: name, functions: functions))
      unitIDsByName[ValueParser.normalizedToken(name), default: []].append(id)
    }
    if table.has("id") { unitIDs = Set(seen.keys) }
    return units
  }

  mutating func readRegions(_ table: Table) -> [Region] {
    var seen: [String: Int] = [:]
    var regions: [Region] = []
    var neighbourRows: [(CSVRecord, [String])] = []
    for row in table.rows {
      let id = requiredText(table, row, "id")
      let name = requiredText(table, row, "name")
      let remote = flag(table, row, "remote")
      let neighbours = list(table, row, "neighbours")
      neighbourRows.append((row, neighbours))
      let location = self.location(table, row)
      guard let id, register(id, in: &seen, table, row), let name else { continue }
      regionIDsByName[ValueParser.normalizedToken(name), default: []].append(id)
      // A location given but bad is reported already; only an empty one is "missing".
      if table.value("latitude", in: row).isEmpty && table.value("longitude", in: row).isEmpty { regionsWithoutLocation.append((id, row.line)) }
      regions.append(Region(
        id: RegionID(id), name: name, grid: optionalText(table, row, "grid"), station: optionalText(table, row, "station"),
        remote: remote, neighbours: neighbours.map(RegionID.init), location: location))
    }
    if table.has("id") { regionIDs = Set(seen.keys) }
    regionsSource = table.source
    regionsLocationColumn = table.columns["latitude"]
    let indexOfRegion = Dictionary(regions.enumerated().map { ($1.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
    // Neighbours may name regions further down the file, so they are checked last.
    for (row, neighbours) in neighbourRows {
      // Named neighbours become ids.
      let ids = neighbours.map { resolve($0, .region, known: regionIDs, byName: regionIDsByName, table, row, "neighbours") }
      if ids != neighbours, let index = indexOfRegion[table.value("id", in: row)] { regions[index].neighbours = ids.map(RegionID.init) }
    }
    return regions
  }

  /// A region's latitude and longitude: both or neither; nil when not given (or bad, reported).
  mutating func location(_ table: Table, _ row: CSVRecord) -> GeoPoint? {
    let latitudeText = table.value("latitude", in: row), longitudeText = table.value("longitude", in: row)
    if latitudeText.isEmpty && longitudeText.isEmpty { return nil }
    guard !latitudeText.isEmpty, !longitudeText.isEmpty else {
      report(.incompleteLocation, in: table, row: row, column: latitudeText.isEmpty ? "latitude" : "longitude")
      return nil
    }
    func degrees(_ key: String, _ text: String, _ range: ClosedRange<Int>) -> Double? {
      let folded = ValueParser.foldWidth(text)
      guard let value = Double(folded), value.isFinite, value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
        report(.badCoordinate(table.spec.column(key), value: text, range: range), in: table, row: row, column: key)
        return nil
      }
      return value
    }
    let latitude = degrees("latitude", latitudeText, -90...90), longitude = degrees("longitude", longitudeText, -180...180)
    guard let latitude, let longitude else { return nil }
    return GeoPoint(latitude: latitude, longitude: longitude)
  }

  mutating func readInstructors(_ table: Table) -> [Instructor] {
    var seen: [String: Int] = [:]
    var instructors: [Instructor] = []
    for row in table.rows {
      let id = requiredText(table, row, "id")
      let name = requiredText(table, row, "name")
      let unit = requiredText(table, row, "unit").map { resolve($0, .unit, known: unitIDs, byName: unitIDsByName, table, row, "unit") }
      let region = requiredText(table, row, "region").map { resolve($0, .region, known: regionIDs, byName: regionIDsByName, table, row, "region") }
      let capacity = count(table, row, "capacity", required: true, maximum: NumberDomain.capacity.upperBound)
      let roles = roles(table, row, "roles")
      let days = count(table, row, "days_per_month", maximum: NumberDomain.days.upperBound)
      let kind = choice(table, row, "kind", ScenarioFormat.employmentKinds)
      guard let id, register(id, in: &seen, table, row), let name, let unit, let region, let capacity else { continue }
      instructors.append(Instructor(
        id: InstructorID(id), name: name, unit: UnitID(unit), region: RegionID(region), capacity: capacity,
        skills: list(table, row, "skills"), station: optionalText(table, row, "station"), roles: roles,
        daysPerMonth: days, kind: kind, extraFields: table.extraFields(row)))
    }
    if table.has("id") { instructorIDs = Set(seen.keys) }
    return instructors
  }

  mutating func readOrganizations(_ table: Table) -> [Organization] {
    var seen: [String: Int] = [:]
    var organizations: [Organization] = []
    for row in table.rows {
      let id = requiredText(table, row, "id")
      let name = requiredText(table, row, "name")
      let region = requiredText(table, row, "region").map { resolve($0, .region, known: regionIDs, byName: regionIDsByName, table, row, "region") }
      let industry = requiredText(table, row, "industry")
      let kind = choice(table, row, "kind", ScenarioFormat.organizationKinds)
      let size = choice(table, row, "size", ScenarioFormat.sizes)
      let partyStatus = choice(table, row, "party_status", ScenarioFormat.partyStatuses)
      let workload = count(table, row, "workload_days", maximum: NumberDomain.days.upperBound)
      let keyProject = flag(table, row, "key_project")
      let roles = roles(table, row, "roles")
      let current = optionalText(table, row, "current_instructor")
      if let current { checkReference(current, .instructor, known: instructorIDs, table, row, "current_instructor") }
      guard let id, register(id, in: &seen, table, row), let name, let region, let industry else { continue }
      organizations.append(Organization(
        id: OrganizationID(id), name: name, region: RegionID(region), industry: industry, kind: kind, size: size,
        partyStatus: partyStatus, needs: list(table, row, "needs"), workloadDays: workload, keyProject: keyProject,
        roles: roles, currentInstructor: current.map(InstructorID.init), extraFields: table.extraFields(row)))
    }
    if table.has("id") { organizationIDs = Set(seen.keys) }
    return organizations
  }

  mutating func readWishes(_ table: Table) -> [Wish] {
    var wishes: [Wish] = []
    var seen: [Wish: Int] = [:]  // the wish with rank 0 → its line
    for row in table.rows {
      let from = requiredText(table, row, "from")
      let to = requiredText(table, row, "to")
      let rankText = table.value("rank", in: row)
      var rank: Int?
      if table.has("rank") {
        if let number = ValueParser.integer(rankText), NumberDomain.wishRank.contains(number) {
          rank = number
        } else {
          report(.badRank(value: rankText), in: table, row: row, column: "rank")
        }
      }
      guard let from, let to, let instructorIDs, let organizationIDs else { continue }
      guard let fromSide = side(of: from, instructorIDs, organizationIDs, table, row, "from"),
            let toSide = side(of: to, instructorIDs, organizationIDs, table, row, "to") else { continue }
      let wish: Wish
      switch (fromSide, toSide) {
      case (.instructor, .organization): wish = .instructorWants(InstructorID(from), OrganizationID(to), rank: rank ?? 0)
      case (.organization, .instructor): wish = .organizationWants(OrganizationID(from), InstructorID(to), rank: rank ?? 0)
      case (.instructor, .instructor):
        report(.wishBetweenInstructors(from, to), in: table, row: row, column: "to")
        continue
      default:
        report(.wishBetweenOrganizations(from, to), in: table, row: row, column: "to")
        continue
      }
      let pairKey: Wish = switch wish {
      case .instructorWants(let i, let o, _): .instructorWants(i, o, rank: 0)
      case .organizationWants(let o, let i, _): .organizationWants(o, i, rank: 0)
      }
      if let firstLine = seen[pairKey] {
        report(.duplicatePair(firstLine: firstLine), in: table, row: row, column: "to")
        continue
      }
      seen[pairKey] = row.line
      if rank != nil { wishes.append(wish) }
    }
    return wishes
  }

  /// Which side a wish's id names; reports unknown and ambiguous ids.
  mutating func side(of id: String, _ instructors: Set<String>, _ organizations: Set<String>,
                     _ table: Table, _ row: CSVRecord, _ key: String) -> ReferenceKind? {
    switch (instructors.contains(id), organizations.contains(id)) {
    case (true, false): return .instructor
    case (false, true): return .organization
    case (true, true):
      report(.ambiguousReference(id), in: table, row: row, column: key)
      return nil
    case (false, false):
      let suggestion = suggestion(for: id, .instructorOrOrganization, instructors.union(organizations))
      report(.unknownReference(.instructorOrOrganization, id, suggestion: suggestion), in: table, row: row, column: key)
      return nil
    }
  }

  mutating func readScores(_ table: Table) -> [GivenScore] {
    var scores: [GivenScore] = []
    var seen: [String: Int] = [:]
    for row in table.rows {
      let organization = requiredText(table, row, "organization")
      if let organization { checkReference(organization, .organization, known: organizationIDs, table, row, "organization") }
      let instructor = requiredText(table, row, "instructor")
      if let instructor { checkReference(instructor, .instructor, known: instructorIDs, table, row, "instructor") }
      let score = count(table, row, "score", required: true, maximum: ScenarioFormat.maxScore)
      guard let organization, let instructor, let score else { continue }
      // A unit separator cannot be in a trimmed cell of a text file, so the key is unambiguous.
      let pair = organization + "\u{1F}" + instructor
      if let firstLine = seen[pair] {
        report(.duplicatePair(firstLine: firstLine), in: table, row: row, column: "instructor")
        continue
      }
      seen[pair] = row.line
      scores.append(GivenScore(organization: OrganizationID(organization), instructor: InstructorID(instructor), score: score))
    }
    return scores
  }

  mutating func readOverrides(_ table: Table, instructors: [Instructor], organizations: [Organization],
                              settings: ScenarioSettings = ScenarioSettings()) -> [PairOverride] {
    var overrides: [PairOverride] = []
    var seen: [String: (action: OverrideAction, line: Int)] = [:]
    var lockRows: [(override: PairOverride, row: CSVRecord)] = []
    for row in table.rows {
      let organization = requiredText(table, row, "organization")
      if let organization { checkReference(organization, .organization, known: organizationIDs, table, row, "organization") }
      let instructor = requiredText(table, row, "instructor")
      if let instructor { checkReference(instructor, .instructor, known: instructorIDs, table, row, "instructor") }
      let actionText = requiredText(table, row, "action")
      let action = actionText.flatMap { vocabularyValue($0, table, row, "action", ScenarioFormat.actions) }
      guard let organization, let instructor, let action else { continue }
      let pair = organization + "\u{1F}" + instructor
      if let first = seen[pair] {
        if first.action == action {
          report(.repeatedOverride(firstLine: first.line), in: table, row: row, column: "action")
        } else {
          report(.lockAndForbid(firstLine: first.line), in: table, row: row, column: "action")
        }
        continue
      }
      seen[pair] = (action, row.line)
      let override = PairOverride(organization: OrganizationID(organization), instructor: InstructorID(instructor), action: action)
      overrides.append(override)
      if action == .lock { lockRows.append((override, row)) }
    }

    // Locks must fit: an instructor's capacity (in days with capacity_in_days), an organization's slots.
    let inDays = settings.rules.capacityInDays
    let capacity = Dictionary(instructors.map { ($0.id, settings.capacityUnits(of: $0)) },
                              uniquingKeysWith: { a, _ in a })
    let load = Dictionary(organizations.map { ($0.id, settings.loadUnits(of: $0)) },
                          uniquingKeysWith: { a, _ in a })
    let slots = Dictionary(organizations.map { ($0.id, $0.slots.count) }, uniquingKeysWith: { a, _ in a })
    var lockedLoad: [InstructorID: Int] = [:]
    var locksPerOrganization: [OrganizationID: Int] = [:]
    for (override, row) in lockRows {
      let before = lockedLoad[override.instructor, default: 0]
      lockedLoad[override.instructor] = before + (load[override.organization] ?? 1)
      locksPerOrganization[override.organization, default: 0] += 1
      // Reported once, on the first lock that does not fit.
      if let limit = capacity[override.instructor], before <= limit, lockedLoad[override.instructor]! > limit {
        let locks = lockRows.filter { $0.override.instructor == override.instructor }
        let total = locks.reduce(0) { $0 + (load[$1.override.organization] ?? 1) }
        report(inDays ? .lockedDaysExceedCapacity(instructor: override.instructor.rawValue, days: total, daysPerMonth: limit)
                      : .locksExceedCapacity(instructor: override.instructor.rawValue, locks: total, capacity: limit),
               in: table, row: row, column: "instructor")
      }
      if let limit = slots[override.organization], locksPerOrganization[override.organization] == limit + 1 {
        let total = lockRows.filter { $0.override.organization == override.organization }.count
        report(.locksExceedSlots(organization: override.organization.rawValue, locks: total, slots: limit),
               in: table, row: row, column: "organization")
      }
    }
    return overrides
  }

  mutating func readSettings(_ table: Table) -> ScenarioSettings {
    var settings = ScenarioSettings()
    var seen: [String: Int] = [:]
    let specs = ScenarioFormat.settingSpecs
    for row in table.rows {
      guard let keyText = requiredText(table, row, "key") else { continue }
      let token = ValueParser.normalizedToken(keyText)
      guard let spec = specs.first(where: { ValueParser.normalizedToken($0.key) == token || ValueParser.normalizedToken($0.chinese) == token }) else {
        let suggestion = ValueParser.nearest(to: keyText, among: specs.flatMap { [$0.key, $0.chinese] })
        report(.unknownSetting(key: keyText, suggestion: suggestion), in: table, row: row, column: "key")
        continue
      }
      if let firstLine = seen[spec.key] {
        report(.duplicateSetting(key: spec.key, firstLine: firstLine), in: table, row: row, column: "key")
        continue
      }
      seen[spec.key] = row.line
      settingLines[spec.key] = row.line
      settingsSource = table.source
      settingsValueIndex = table.columns["value"]?.index
      // A missing value column is reported once, not once a row.
      guard table.has("value") else { continue }
      let value = table.value("value", in: row)
      func countExpected(_ range: ClosedRange<Int>) -> String {
        "a whole number \(range.lowerBound)…\(range.upperBound) / \(range.lowerBound) 至 \(range.upperBound) 的整数"
      }
      func bad(_ expected: String) -> InputProblem { .badSettingValue(key: spec.key, value: value, expected: expected) }

      switch spec.target {
      case .count(let path, let range):
        if let number = ValueParser.integer(value), range.contains(number) {
          settings[keyPath: path] = number
        } else {
          report(bad(countExpected(range)), in: table, row: row, column: "value")
        }
      case .optionalCount(let path, let range):
        if value.isEmpty || ScenarioFormat.unsetWords.contains(where: { ValueParser.normalizedToken($0) == ValueParser.normalizedToken(value) }) {
          settings[keyPath: path] = nil
        } else if let number = ValueParser.integer(value), range.contains(number) {
          settings[keyPath: path] = number
        } else {
          report(bad(countExpected(range) + ", or off / 不限"), in: table, row: row, column: "value")
        }
      case .flag(let path):
        if let flag = ValueParser.boolean(value) {
          settings[keyPath: path] = flag
        } else {
          report(bad("yes or no / 是 或 否"), in: table, row: row, column: "value")
        }
      case .text(let path):
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        settings[keyPath: path] = text.isEmpty ? nil : text
      case .reach:
        if let reach = ValueParser.choice(value, ScenarioFormat.reaches) {
          settings.reach = reach
        } else {
          report(bad(ScenarioFormat.reaches.flatMap { $0.1 }.joined(separator: ", ")), in: table, row: row, column: "value")
        }
      }
    }
    return settings
  }

  /// Settings that contradict each other or the regions (errors), and rule weights for rules
  /// that are off (warnings), reported on the setting's line.
  mutating func crossCheck(_ settings: ScenarioSettings, regionsGiven: Bool) {
    let rules = settings.rules
    func at(_ key: String, _ problem: InputProblem) {
      let located = settingLines[key] != nil
      issues.append(settingsSource.issue(problem, line: settingLines[key], columnIndex: located ? settingsValueIndex : nil, header: located ? "value" : nil))
    }
    if let low = rules.unitMinimumInstructors, let high = rules.unitMaximumInstructors, low > high {
      at("unit_min_instructors", .settingConflict(key: "unit_min_instructors",
        detail: "\(low) is more than unit_max_instructors \(high) / 单位最少选派人数大于最多选派人数"))
    }
    if settings.maximumDistanceKilometres != nil {
      if !regionsGiven {
        at("max_distance_km", .settingConflict(key: "max_distance_km",
          detail: "needs regions.csv with latitude and longitude / 需要含经纬度的 regions.csv"))
      } else if let regionsSource {
        for (id, line) in regionsWithoutLocation {
          issues.append(regionsSource.issue(
            .settingConflict(key: "max_distance_km",
                             detail: "region \(id) has no latitude/longitude, needed by max_distance_km / 区域 \(id) 缺少经纬度"),
            line: line, columnIndex: regionsLocationColumn?.index, header: regionsLocationColumn?.header ?? "latitude"))
        }
      }
    }
    let weights: [(key: String, weight: Int?, ruleOn: Bool, rule: String)] = [
      ("key_project_exclusive_weight", rules.keyProjectExclusiveWeight, rules.keyProjectExclusive, "key_project_exclusive"),
      ("mix_weight", rules.mixWeight, rules.mix, "mix"),
      ("minimum_load_weight", rules.minimumLoadWeight, rules.minimumLoad > 0, "minimum_load"),
      ("unit_quota_weight", rules.unitQuotaWeight, rules.unitMinimumInstructors != nil || rules.unitMaximumInstructors != nil,
       "unit_min_instructors / unit_max_instructors"),
      ("dual_role_weight", rules.dualRoleWeight, !rules.allowDualRole, "allow_dual_role = no"),
      ("reach_weight", settings.reachWeight, settings.reachIsLimited, "reach or max_distance_km"),
    ]
    for entry in weights where entry.weight != nil && !entry.ruleOn {
      at(entry.key, .settingWithoutEffect(key: entry.key, detail: "the rule is off (set \(entry.rule)) / 对应规则未启用"))
    }
  }
}
