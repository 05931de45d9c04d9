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
//
// Stale temporary folders. The temporary folder's name records its owner
// (`.<name>.partial-<pid>-<random>-<host>`), and the owner holds an advisory lock
// (flock) on it until it is published or removed. Each build first removes the
// temporary folders beside it whose owner is gone: same host, the pid no longer
// running, and the lock free (a killed process drops its lock; a pid reused by
// another program does not hold it). A live run's folder — its pid running, or its
// lock held — and another host's are left alone.
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
    removeStalePartials(in: parent)
    // The stem is cut for the temporary name only, so that it stays within NAME_MAX (255 bytes)
    // whenever the final name does.
    let staging = parent.appendingPathComponent(
      ".\(utf8Prefix(stem, bytes: 150))\(partialMarker)\(getpid())-\(UInt32.random(in: 0 ... .max))-\(hostTag)", isDirectory: true)
    if mkdir(staging.path, 0o755) != 0 {
      throw .cannotCreateFolder(path: staging.path, reason: String(cString: strerror(errno)))
    }
    // Held until this function returns (published or removed); a kill releases it.
    let lock = open(staging.path, O_RDONLY | O_DIRECTORY)
    if lock >= 0 { _ = flock(lock, LOCK_EX | LOCK_NB) }
    defer { if lock >= 0 { close(lock) } }
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

  static let partialMarker = ".partial-"

  /// This host, as the temporary folders' names record it (letters and digits only).
  static let hostTag: String = {
    var buffer = [CChar](repeating: 0, count: 256)
    let name = gethostname(&buffer, buffer.count) == 0
      ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "host"
    let tag = String(name.unicodeScalars.filter { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }.prefix(32).map(Character.init))
    return tag.isEmpty ? "host" : tag
  }()

  /// The owner a temporary folder's name records: its pid and host (nil host: an older
  /// version's `.<name>.partial-<pid>-<random>`, written on this host). Nil when not ours.
  static func partialOwner(_ folderName: String) -> (pid: Int32, host: String?)? {
    guard folderName.hasPrefix("."), let marker = folderName.range(of: partialMarker, options: .backwards) else { return nil }
    let parts = folderName[marker.upperBound...].split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
    guard parts.count >= 2, let pid = Int32(parts[0]), pid > 0, UInt32(parts[1]) != nil else { return nil }
    return (pid, parts.count == 3 ? String(parts[2]) : nil)
  }

  /// Removes the temporary folders in `parent` left by runs that are gone (see the file header);
  /// returns their names. Never fails: a folder it cannot judge or remove is left alone.
  @discardableResult
  public static func removeStalePartials(in parent: URL) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return [] }
    var removed: [String] = []
    for name in names.sorted() {
      guard let owner = partialOwner(name), owner.host == nil || owner.host == hostTag else { continue }
      // The pid still runs (the owner, or a program that reused its pid): leave it.
      if kill(owner.pid, 0) == 0 || errno != ESRCH { continue }
      let url = parent.appendingPathComponent(name, isDirectory: true)
      let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
      guard fd >= 0 else { continue }
      defer { close(fd) }
      guard flock(fd, LOCK_EX | LOCK_NB) == 0 else { continue }  // someone holds it: alive
      if (try? FileManager.default.removeItem(at: url)) != nil { removed.append(name) }
    }
    return removed
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
    // Control and invisible characters too, and at most 200 bytes: `<name>-<n>` must fit NAME_MAX.
    let cleaned = utf8Prefix(String(name.map { c in
      bad.contains(c) || c.unicodeScalars.contains { [.control, .format].contains($0.properties.generalCategory) } ? "_" : c
    }).trimmingCharacters(in: .whitespaces), bytes: 200)
    return cleaned.isEmpty || cleaned.hasPrefix(".") ? "scenario" + cleaned : cleaned
  }

  /// The longest prefix of `text`, in whole characters, of at most `bytes` UTF-8 bytes.
  static func utf8Prefix(_ text: String, bytes: Int) -> String {
    var used = 0, end = text.startIndex
    for index in text.indices {
      let size = text[index].utf8.count
      if used + size > bytes { break }
      used += size
      end = text.index(after: index)
    }
    return String(text[..<end])
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
