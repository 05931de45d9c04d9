import Foundation
import Testing

/// `--help` of every command speaks Chinese and English (issue 11 §5): the abstract and every
/// argument's and option's help line hold CJK text and Latin words.
@Suite struct HelpTests {
  static let commands = ["", "plan", "validate", "template", "explain", "replan", "compare", "generate"]

  static func hasChinese(_ line: Substring) -> Bool { line.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
  static func hasEnglish(_ line: Substring) -> Bool {
    line.split(separator: " ").contains { word in word.count >= 3 && word.unicodeScalars.allSatisfy { CharacterSet.letters.contains($0) && $0.isASCII } }
  }

  @Test(arguments: commands) func helpIsBilingual(_ command: String) throws {
    let run = try CLI.run((command.isEmpty ? [] : [command]) + ["--help"])
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n")
    // The overview runs from "OVERVIEW:" to the first empty line (it may wrap).
    let text = run.stdout
    let start = try #require(text.range(of: "OVERVIEW:"))
    let overview = Substring(text[start.upperBound...].components(separatedBy: "\n\n")[0].replacingOccurrences(of: "\n", with: " "))
    #expect(Self.hasChinese(overview) && Self.hasEnglish(overview), "\(command): \(overview)")
    // Every option and argument entry (its first line starts with two spaces, wrapped lines with more).
    var entries: [String] = []
    var inOptions = false
    for line in lines {
      if line.hasPrefix("ARGUMENTS:") || line.hasPrefix("OPTIONS:") { inOptions = true; continue }
      if !line.hasPrefix(" ") { inOptions = false; continue }
      guard inOptions else { continue }
      if line.hasPrefix("  ") && !line.hasPrefix("   ") { entries.append(String(line)) } else if !entries.isEmpty { entries[entries.count - 1] += " " + line }
    }
    #expect(!entries.isEmpty || command.isEmpty, "\(command): no options found")
    for entry in entries where !entry.contains("--help") && !entry.contains("--version") {
      #expect(Self.hasChinese(Substring(entry)), "\(command): \(entry)")
    }
  }
}
