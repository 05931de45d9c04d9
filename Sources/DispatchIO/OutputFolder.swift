import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

/// A new output folder. It is created by `create(at:)`, which refuses a folder
/// that already exists, and every file is written atomically (a temporary file in
/// the same folder, then `rename`), so a reader never sees half a file.
public struct OutputFolder: Sendable {
  public let url: URL

  private init(url: URL) { self.url = url }

  /// Creates `url` (and its missing parents). Throws `.folderExists` when `url`
  /// exists already, whatever it is.
  public static func create(at url: URL) throws(OutputError) -> OutputFolder {
    let url = url.standardizedFileURL
    let parent = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw .cannotCreateFolder(path: parent.path, reason: error.localizedDescription)
    }
    // mkdir(2) fails with EEXIST atomically, so two runs can never share a folder.
    if mkdir(url.path, 0o755) != 0 {
      let code = errno
      if code == EEXIST { throw .folderExists(path: url.path) }
      throw .cannotCreateFolder(path: url.path, reason: String(cString: strerror(code)))
    }
    return OutputFolder(url: url)
  }

  /// The first `parent/<name>-<n>` (n = 1, 2, …) that does not exist, e.g.
  /// `plans/黄山-2025Q1-3`. Characters that cannot be in a file name become `_`.
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
