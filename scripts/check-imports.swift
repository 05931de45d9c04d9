// The manifest tells the truth: every module a target's sources import is declared as that
// target's dependency in Package.swift (or is a toolchain module), and no declared target
// dependency is left unused. SwiftPM's --explicit-target-dependency-import-check does not
// catch these on Linux (issue 15 point 5), so scripts/test runs this over
// `swift package dump-package` (read on stdin) and the sources' `import` lines.
//
// Usage: swift package dump-package | swift scripts/check-imports.swift PACKAGE_ROOT
// Exit 0 when clean; 1 with one line per undeclared import. A declared dependency that no
// Swift source imports is reported as a warning (C targets, which have no Swift sources, are skipped).
import Foundation

let toolchainModules: Set<String> = [
  "Foundation", "FoundationEssentials", "FoundationNetworking", "FoundationXML", "Dispatch", "Glibc", "Musl", "Darwin",
  "Synchronization", "Testing", "XCTest", "_Concurrency", "Observation", "RegexBuilder", "os",
]

let root = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : ".")
let input = FileHandle.standardInput.readDataToEndOfFile()
guard let manifest = try JSONSerialization.jsonObject(with: input) as? [String: Any],
      let targets = manifest["targets"] as? [[String: Any]]
else {
  FileHandle.standardError.write(Data("check-imports: cannot read the dump-package JSON\n".utf8))
  exit(2)
}

/// The module names a dependency entry provides (a target, or a product named like its module).
func dependencyNames(_ entry: [String: Any]) -> [String] {
  for key in ["byName", "target", "product"] {
    if let values = entry[key] as? [Any], let name = values.first as? String { return [name] }
  }
  return []
}

var problems: [String] = []
var warnings: [String] = []
for target in targets {
  guard let name = target["name"] as? String, let type = target["type"] as? String else { continue }
  if type == "system" || type == "plugin" { continue }
  let declared = Set(((target["dependencies"] as? [[String: Any]]) ?? []).flatMap(dependencyNames))
  let defaultFolder = type == "test" ? "Tests" : "Sources"
  let folder = root.appendingPathComponent((target["path"] as? String) ?? "\(defaultFolder)/\(name)")
  var imported: [String: String] = [:]  // module → first file importing it
  let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
    .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path } ?? []
  for file in files {
    guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      // `import X`, `@testable import X`, `public import X`, `import struct X.Y`.
      var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      while let first = words.first, first.hasPrefix("@") || ["public", "internal", "package", "private", "fileprivate"].contains(first) {
        words.removeFirst()
      }
      guard words.first == "import", words.count >= 2 else { continue }
      let kinds: Set<String> = ["struct", "class", "enum", "protocol", "func", "var", "let", "typealias"]
      let path = kinds.contains(words[1]) && words.count >= 3 ? words[2] : words[1]
      let module = String(path.split(separator: ".").first ?? "")
      if imported[module] == nil { imported[module] = file.path.replacingOccurrences(of: root.path + "/", with: "") }
    }
  }
  for (module, file) in imported.sorted(by: { $0.key < $1.key })
  where !toolchainModules.contains(module) && !declared.contains(module) && module != name {
    problems.append("\(file): imports \(module), which target \(name) does not declare in Package.swift")
  }
  for dependency in declared.sorted() where imported[dependency] == nil && !files.isEmpty {
    warnings.append("Package.swift: target \(name) declares \(dependency) but no Swift source of it imports it")
  }
}
for warning in warnings { print("check-imports: warning: \(warning)") }
if problems.isEmpty {
  print("check-imports: every import is declared, every declared dependency is imported (\(targets.count) targets)")
} else {
  for problem in problems { print("check-imports: \(problem)") }
  exit(1)
}
