// What the review, diff and compare pages show of a plan version: its rows (one per
// slot, assigned or open), the filters over them, coverage by region, and the
// slot-by-slot difference of two versions. All from `PlanView` (the plan folder
// decoded against the scenario with its edits), so every page agrees.
import DispatchIO
import DispatchModel
import DispatchPlanning
import Foundation
import MultipartKit

struct PlanRow {
  let organization: Organization
  let region: Region?
  let role: DispatchRole
  let instructor: Instructor?
  let unit: SendingUnit?
  let points: Int?
  let openReason: UncoveredReason?
}

struct PlanRows {
  let rows: [PlanRow]

  init(view: PlanView) {
    let scenario = view.model.scenario
    let index = ScenarioIndex(scenario)
    var assigned: [String: PlannedAssignment] = [:]
    for a in view.plan.assignments { assigned[a.organization.rawValue + "\u{1}" + a.role.rawValue] = a }
    var open: [String: UncoveredReason] = [:]
    for u in view.plan.uncovered { open[u.organization.rawValue + "\u{1}" + u.role.rawValue] = u.reason }
    rows = view.model.slots.map { slot in
      let organization = scenario.organizations[slot.organization]
      let key = organization.id.rawValue + "\u{1}" + slot.role.rawValue
      let a = assigned[key]
      let instructor = a.flatMap { index.instructorIndex[$0.instructor] }.map { scenario.instructors[$0] }
      return PlanRow(organization: organization, region: index.regions[organization.region], role: slot.role, instructor: instructor,
                     unit: instructor.flatMap { index.units[$0.unit] }, points: a?.score, openReason: open[key])
    }
  }

  struct RegionCoverage { let name: String; let remote: Bool; let covered: Int; let slots: Int }

  /// Coverage by region, remote places first, then by name.
  func rollup() -> [RegionCoverage] {
    var by: [String: (Region?, Int, Int)] = [:]
    for r in rows {
      let key = r.organization.region.rawValue
      var entry = by[key] ?? (r.region, 0, 0)
      entry.2 += 1
      if r.instructor != nil { entry.1 += 1 }
      by[key] = entry
    }
    return by.map { RegionCoverage(name: $0.value.0?.name ?? $0.key, remote: $0.value.0?.remote == true, covered: $0.value.1, slots: $0.value.2) }
      .sorted { ($0.remote ? 0 : 1, $0.name) < ($1.remote ? 0 : 1, $1.name) }
  }
}

struct PlanFilter {
  var district: String?
  var region: String?
  var unit: String?
  var instructor: String?
  var keyOnly: Bool
  var openOnly: Bool

  init(district: String?, region: String?, unit: String?, instructor: String?, keyOnly: Bool, openOnly: Bool) {
    func clean(_ s: String?) -> String? { s.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) } }
    self.district = clean(district)
    self.region = clean(region)
    self.unit = clean(unit)
    self.instructor = clean(instructor)
    self.keyOnly = keyOnly
    self.openOnly = openOnly
  }

  func admits(_ row: PlanRow) -> Bool {
    if let district, row.region?.grid != district { return false }
    if let region, row.organization.region.rawValue != region { return false }
    if let unit, row.instructor?.unit.rawValue != unit { return false }
    if let instructor {
      guard let i = row.instructor, i.id.rawValue.localizedCaseInsensitiveContains(instructor) || i.name.contains(instructor) else { return false }
    }
    if keyOnly, !row.organization.keyProject { return false }
    if openOnly, row.instructor != nil { return false }
    return true
  }
}

/// The slots whose instructor differs between two versions, with the points each gains or loses.
struct PlanDiff {
  struct Row {
    let organization: OrganizationID
    let organizationName: String
    let role: DispatchRole
    let before: String?
    let after: String?
    let pointsChange: Int
  }
  let rows: [Row]

  init(before: PlanView, after: PlanView) {
    func pairs(_ v: PlanView) -> [String: PlannedAssignment] {
      Dictionary(v.plan.assignments.map { ($0.organization.rawValue + "\u{1}" + $0.role.rawValue, $0) }, uniquingKeysWith: { a, _ in a })
    }
    func name(_ v: PlanView, _ id: InstructorID) -> String {
      (v.model.scenario.instructors.first { $0.id == id }?.name ?? "") + " (\(id.rawValue))"
    }
    let a = pairs(before), b = pairs(after)
    let names = Dictionary(after.model.scenario.organizations.map { ($0.id, $0.name) } + before.model.scenario.organizations.map { ($0.id, $0.name) },
                           uniquingKeysWith: { x, _ in x })
    var rows: [Row] = []
    let slots = (after.model.slots.map { (after.model.scenario.organizations[$0.organization].id, $0.role) }
      + before.model.slots.map { (before.model.scenario.organizations[$0.organization].id, $0.role) })
    var seen: Set<String> = []
    for (org, role) in slots {
      let key = org.rawValue + "\u{1}" + role.rawValue
      guard seen.insert(key).inserted else { continue }
      let x = a[key], y = b[key]
      guard x?.instructor != y?.instructor else { continue }
      rows.append(Row(organization: org, organizationName: names[org] ?? org.rawValue, role: role,
                      before: x.map { name(before, $0.instructor) }, after: y.map { name(after, $0.instructor) },
                      pointsChange: (y?.score ?? 0) - (x?.score ?? 0)))
    }
    self.rows = rows.sorted { ($0.organization, $0.role) < ($1.organization, $1.role) }
  }
}

/// The files of a plan folder offered for download (a fixed list of what plan writers produce).
enum PublishedFiles {
  static let offered = ["方案.xlsx", "report.html", "notices.html", "notices.pdf", "plan.csv", "report.md", "summary.json", "changes.csv",
                        "sweep.csv", "manifest.json"]

  static func names(in folder: URL) -> [String] {
    let present = Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    return offered.filter(present.contains)
  }

  static func sha256(_ url: URL) -> String {
    var hasher = SHA256Hasher()
    hasher.update([UInt8]((try? Data(contentsOf: url)) ?? Data()))
    return hasher.hexDigest()
  }
}

/// Uploads: only ledger files, each name a plain file name (no path, no `..`), written
/// into a new folder inside the workspace that is not a symlink out of it.
enum UploadPolicy {
  static let allowedExtensions = ["csv", "xlsx"]

  static func isSafeScenarioName(_ name: String) -> Bool {
    !name.isEmpty && name.count <= 40 && name != "." && name != ".." && !name.hasPrefix(".")
      && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }
  }

  static func isSafeFileName(_ name: String) -> Bool {
    let ext = (name as NSString).pathExtension.lowercased()
    return !name.isEmpty && name.count <= 80 && !name.contains("/") && !name.contains("\\") && !name.contains("..") && !name.hasPrefix(".")
      && !name.contains("\0") && allowedExtensions.contains(ext)
  }

  static func write(_ files: [(name: String, body: [UInt8])], into folder: URL, workspace: URL) throws(WorkbenchFailure) {
    guard !files.isEmpty else { throw .refused("请选择文件 choose the ledger files") }
    for f in files where !isSafeFileName(f.name) {
      throw .refused("只接受台账文件（.csv、.xlsx），文件名不能含路径 only ledger files (.csv, .xlsx) with plain names are accepted: \(f.name)")
    }
    let fm = FileManager.default
    let uploads = folder.deletingLastPathComponent()
    try? fm.createDirectory(at: uploads, withIntermediateDirectories: true)
    // The uploads folder must resolve inside the workspace (no symlink out).
    let resolvedRoot = workspace.resolvingSymlinksInPath().path
    guard uploads.resolvingSymlinksInPath().path.hasPrefix(resolvedRoot + "/") else { throw .refused("uploads/ 不在工作区内 uploads/ is outside the workspace") }
    guard !fm.fileExists(atPath: folder.path) else { throw .refused("已有同名场景 a scenario with this name exists already; choose another name") }
    let staging = uploads.appendingPathComponent(".incoming-\(UUID().uuidString)", isDirectory: true)
    do {
      try fm.createDirectory(at: staging, withIntermediateDirectories: false)
      for f in files { try Data(f.body).write(to: staging.appendingPathComponent(f.name), options: .withoutOverwriting) }
      try fm.moveItem(at: staging, to: folder)
    } catch {
      try? fm.removeItem(at: staging)
      throw .output("\(error)")
    }
  }
}

/// multipart/form-data, parsed by MultipartKit.
enum FormDataParser {
  struct Part { var name: String?; var filename: String?; var body: [UInt8]; var text: String { String(decoding: body, as: UTF8.self) } }

  static func parts(_ body: [UInt8], boundary: String) throws -> [Part] {
    let parser = MultipartParser(boundary: boundary)
    var parts: [Part] = []
    var current = Part(name: nil, filename: nil, body: [])
    parser.onHeader = { field, value in
      guard field.lowercased() == "content-disposition" else { return }
      for item in value.split(separator: ";") {
        let kv = item.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1).map(String.init)
        guard kv.count == 2 else { continue }
        let v = kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        if kv[0] == "name" { current.name = v }
        if kv[0] == "filename" { current.filename = v }
      }
    }
    parser.onBody = { buffer in current.body += buffer.readBytes(length: buffer.readableBytes) ?? [] }
    parser.onPartComplete = {
      parts.append(current)
      current = Part(name: nil, filename: nil, body: [])
    }
    try parser.execute(body)
    return parts.filter { $0.filename != "" }
  }
}
