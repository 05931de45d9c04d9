import CFileSystem
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

//===----------------------------------------------------------------------===//
// Output folders are complete or absent.
//
// `OutputFolder.build` writes every file into a hidden temporary folder beside the
// destination (`.<name>.partial-<pid>-<random>`), then writes the manifest (each
// file's size and SHA-256, `PlanManifest`) and renames the folder into place as
// the very last step, with renameat2(RENAME_NOREPLACE): one atomic step that
// both publishes the complete folder and claims its name. A failure removes the
// temporary folder; a kill leaves only that hidden `.partial-` folder, never a
// half-written folder under the real name. For the default location
// (`.nextFree`) the first free `<name>-<n>` is claimed at that rename, so two
// runs at the same moment get two names instead of one failing.
//===----------------------------------------------------------------------===//

/// Why an output could not be written. Messages are in `InputError+Message.swift`.
public enum OutputError: Error, Sendable, Hashable {
  /// The folder is there already; outputs never overwrite anything.
  case folderExists(path: String)
  case cannotCreateFolder(path: String, reason: String)
  case fileExists(path: String)
  case cannotWriteFile(path: String, reason: String)
  /// A value the format cannot hold (e.g. a list item containing `;`).
  case unrepresentable(file: String, value: String, reason: String)
}

/// Where a new output folder goes.
public enum OutputDestination: Sendable, Hashable {
  /// Exactly this folder (`--out`); refused when it exists.
  case exactly(URL)
  /// The first free `parent/<name>-<n>` (n = 1, 2, …), claimed atomically when the folder is published.
  case nextFree(in: URL, name: String)
}

/// A new output folder being built: files are written into `url`, a temporary folder
/// beside the destination, until `build` publishes it.
public struct OutputFolder: Sendable {
  /// Where the files are written while the folder is built (not the final location).
  public let url: URL

  private init(url: URL) { self.url = url }

  /// The folder being built, for the manifest writer (which runs inside `build`).
  static func unpublished(_ url: URL) -> OutputFolder { OutputFolder(url: url) }

  /// Builds a new folder at `destination`: `body` writes its files into the temporary folder,
  /// then the manifest is written (when `manifest` is given: every file `body` wrote, with its
  /// size and SHA-256) and the folder is renamed into place. Returns the final URL. On any
  /// failure the temporary folder is removed and nothing exists at the destination.
  public static func build(
    _ destination: OutputDestination, manifest: PlanManifest.Header? = nil, _ body: (OutputFolder) throws(OutputError) -> Void
  ) throws(OutputError) -> URL {
    let (parent, stem): (URL, String)
    switch destination {
    case .exactly(let url):
      let url = url.standardizedFileURL
      // Said before any work is done; the rename below is what makes it certain.
      if FileManager.default.fileExists(atPath: url.path) { throw .folderExists(path: url.path) }
      (parent, stem) = (url.deletingLastPathComponent(), url.lastPathComponent)
    case .nextFree(let folder, let name):
      (parent, stem) = (folder.standardizedFileURL, safeName(name))
    }
    do {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw .cannotCreateFolder(path: parent.path, reason: error.localizedDescription)
    }
    let staging = parent.appendingPathComponent(".\(stem).partial-\(getpid())-\(UInt32.random(in: 0 ... .max))", isDirectory: true)
    if mkdir(staging.path, 0o755) != 0 {
      throw .cannotCreateFolder(path: staging.path, reason: String(cString: strerror(errno)))
    }
    do {
      try body(OutputFolder(url: staging))
      if let manifest { try PlanManifest.write(for: staging, header: manifest) }
      switch destination {
      case .exactly(let url): return try publish(staging, as: url.standardizedFileURL)
      case .nextFree: return try publishNextFree(staging, in: parent, stem: stem)
      }
    } catch {
      try? FileManager.default.removeItem(at: staging)
      throw error
    }
  }

  /// Renames `staging` to `target` unless `target` exists (atomically).
  private static func publish(_ staging: URL, as target: URL) throws(OutputError) -> URL {
    switch renameExclusive(staging, target) {
    case 0: return target
    case EEXIST, ENOTEMPTY: throw .folderExists(path: target.path)
    case let code: throw .cannotCreateFolder(path: target.path, reason: String(cString: strerror(code)))
    }
  }

  /// Claims the first free `stem-<n>` by renaming `staging` onto it; a name taken meanwhile is skipped.
  private static func publishNextFree(_ staging: URL, in parent: URL, stem: String) throws(OutputError) -> URL {
    var n = 1
    while true {
      let candidate = parent.appendingPathComponent("\(stem)-\(n)", isDirectory: true)
      if !FileManager.default.fileExists(atPath: candidate.path) {
        switch renameExclusive(staging, candidate) {
        case 0: return candidate
        case EEXIST, ENOTEMPTY: break  // taken by another run between the check and the rename
        case let code: throw .cannotCreateFolder(path: candidate.path, reason: String(cString: strerror(code)))
        }
      }
      n += 1
    }
  }

  /// renameat2(RENAME_NOREPLACE); where the file system cannot do that, claim the name with
  /// mkdir(2) (atomic) and rename onto the empty folder just made. Returns 0 or an errno value.
  private static func renameExclusive(_ from: URL, _ to: URL) -> Int32 {
    let code = dp_rename_exclusive(from.path, to.path)
    guard code == ENOTSUP else { return code }
    if mkdir(to.path, 0o755) != 0 { return errno }
    return rename(from.path, to.path) == 0 ? 0 : errno
  }

  /// The first `parent/<name>-<n>` (n = 1, 2, …) that does not exist now, e.g.
  /// `plans/黄山-2025Q1-3` (a guess: `.nextFree` claims the name when the folder is published).
  /// Characters that cannot be in a file name become `_`.
  public static func freshURL(in parent: URL, name: String) -> URL {
    let base = safeName(name)
    var n = 1
    while true {
      let candidate = parent.appendingPathComponent("\(base)-\(n)", isDirectory: true)
      if !FileManager.default.fileExists(atPath: candidate.path) { return candidate }
      n += 1
    }
  }

  static func safeName(_ name: String) -> String {
    let bad: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|", "\0", "\n", "\r", "\t"]
    let cleaned = String(name.map { bad.contains($0) ? "_" : $0 }).trimmingCharacters(in: .whitespaces)
    return cleaned.isEmpty || cleaned.hasPrefix(".") ? "scenario" + cleaned : cleaned
  }

  /// Writes `data` as `name` in this folder, atomically; refuses an existing file.
  public func write(_ data: Data, named name: String) throws(OutputError) {
    let target = url.appendingPathComponent(name)
    if FileManager.default.fileExists(atPath: target.path) { throw .fileExists(path: target.path) }
    let temp = url.appendingPathComponent(".\(name).tmp-\(UInt32.random(in: 0 ... .max))")
    do {
      try data.write(to: temp)
    } catch {
      throw .cannotWriteFile(path: target.path, reason: error.localizedDescription)
    }
    if rename(temp.path, target.path) != 0 {
      let reason = String(cString: strerror(errno))
      _ = unlink(temp.path)
      throw .cannotWriteFile(path: target.path, reason: reason)
    }
  }

  /// Writes a CSV table (UTF-8 with BOM, CRLF) as `name`.
  public func write(_ table: CSVWriter, named name: String) throws(OutputError) {
    try write(table.data, named: name)
  }
}
