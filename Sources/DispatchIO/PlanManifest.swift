import Foundation

//===----------------------------------------------------------------------===//
// manifest.json: the mark of a complete plan folder.
//
// Written by `OutputFolder.build` after every other file and before the folder is
// renamed into place, it lists each file the writer produced (whatever they are:
// plan.csv, summary.json, report.md, workbooks, HTML …, recursively), with its
// size and SHA-256, and the scenario's input fingerprint (`input_sha256`), so a
// plan can be matched to the ledger it was made from.
//
// `verify` is what readers of a plan folder (`replan --previous`, `compare`,
// `explain`) call: no manifest, an unreadable one, or a listed file missing is an
// incomplete folder (an error); a listed file whose size or hash differs was
// edited after it was written (a warning: the caller re-derives what it needs).
//===----------------------------------------------------------------------===//

public struct PlanManifest: Codable, Sendable, Equatable {
  public static let fileName = "manifest.json"
  public static let currentFormat = "dispatch-plan-folder/1"

  /// What the writer knows about the plan besides its files.
  public struct Header: Sendable, Hashable {
    public var scenario: String
    public var inputSHA256: String
    public init(scenario: String, inputSHA256: String) {
      self.scenario = scenario
      self.inputSHA256 = inputSHA256
    }
  }

  public struct Entry: Codable, Sendable, Equatable {
    /// Relative to the folder, `/`-separated.
    public var path: String
    public var bytes: Int
    public var sha256: String
  }

  public var format: String
  public var scenario: String
  public var inputSHA256: String
  /// In path order.
  public var files: [Entry]

  enum CodingKeys: String, CodingKey {
    case format, scenario, files
    case inputSHA256 = "input_sha256"
  }

  /// Writes `folder/manifest.json` for every file now in `folder`.
  static func write(for folder: URL, header: Header) throws(OutputError) {
    let manifest: PlanManifest
    let data: Data
    do {
      manifest = PlanManifest(format: currentFormat, scenario: header.scenario, inputSHA256: header.inputSHA256, files: try entries(of: folder))
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      data = try encoder.encode(manifest)
    } catch {
      throw .cannotWriteFile(path: folder.appendingPathComponent(fileName).path, reason: "\(error)")
    }
    try OutputFolder.unpublished(folder).write(data + Data("\n".utf8), named: fileName)
  }

  /// Every regular file under `folder` except the top-level manifest and hidden temporary files, sorted by path.
  static func entries(of folder: URL) throws -> [Entry] {
    let root = folder.standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
    var out: [Entry] = []
    while let relative = walker.nextObject() as? String {
      let full = root + "/" + relative
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
      let name = (relative as NSString).lastPathComponent
      if relative == fileName || name.hasPrefix(".") { continue }
      let data = try Data(contentsOf: URL(fileURLWithPath: full))
      out.append(Entry(path: relative, bytes: data.count, sha256: digest(data)))
    }
    return out.sorted { $0.path < $1.path }
  }

  static func digest(_ data: Data) -> String {
    var hasher = SHA256Hasher()
    hasher.update(data)
    return hasher.hexDigest()
  }

  /// A plan folder's manifest and the files edited since it was written.
  public struct Verified: Sendable {
    public var manifest: PlanManifest
    /// Listed files whose size or SHA-256 differs now (hand edits), in path order.
    public var edited: [String]
    /// Warnings for the edited files, located at the file.
    public func warnings(in folder: URL) -> [InputIssue] {
      edited.map { InputIssue(file: folder.appendingPathComponent($0).path, problem: .planFileEdited) }
    }
  }

  /// Checks that `folder` is a complete plan folder. Throws for a missing or unreadable manifest
  /// and for a listed file that is missing (an incomplete folder).
  public static func verify(folder: URL) throws(InputErrors) -> Verified {
    let url = folder.appendingPathComponent(fileName)
    func incomplete(_ defect: PlanFolderDefect, file: URL = url) -> InputErrors {
      InputErrors(issues: [InputIssue(file: file.path, problem: .incompletePlanFolder(defect))])
    }
    guard let data = FileManager.default.contents(atPath: url.path) else { throw incomplete(.noManifest) }
    guard let manifest = try? JSONDecoder().decode(PlanManifest.self, from: data), manifest.format == currentFormat else {
      throw incomplete(.unreadableManifest)
    }
    var edited: [String] = []
    for entry in manifest.files {
      let file = folder.appendingPathComponent(entry.path)
      guard let contents = FileManager.default.contents(atPath: file.path) else { throw incomplete(.fileMissing(entry.path), file: file) }
      if contents.count != entry.bytes || digest(contents) != entry.sha256 { edited.append(entry.path) }
    }
    return Verified(manifest: manifest, edited: edited)
  }
}

/// Why a plan folder is not complete.
public enum PlanFolderDefect: Sendable, Hashable {
  case noManifest
  case unreadableManifest
  case fileMissing(String)
}
