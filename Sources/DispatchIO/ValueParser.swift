/// Reading cell values: names, numbers, yes/no, enumerations and lists.
enum ValueParser {
  /// Inside a cell, list items are separated by any of these. An ASCII comma can only
  /// be inside a quoted cell, and is accepted there too.
  static let listSeparators: Set<Character> = [";", "；", "、", "，", ","]

  /// Full-width ASCII (Ａ１，) becomes half-width (A1,), the ideographic space a space.
  static func foldWidth(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      if (0xFF01...0xFF5E).contains(s.value) {
        scalars.append(Unicode.Scalar(s.value - 0xFEE0)!)
      } else if s.value == 0x3000 {
        scalars.append(" ")
      } else {
        scalars.append(s)
      }
    }
    return String(scalars)
  }

  /// Trims spaces (including the ideographic space and no-break space) and line breaks.
  static func trim(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
    let end = scalars.lastIndex(where: { !isSpace($0) })!
    return String(scalars[start...end])
  }

  static func isSpace(_ s: Unicode.Scalar) -> Bool {
    s.properties.isWhitespace || s.value == 0xFEFF
  }

  /// The comparison key of a header, a file name, a setting key or an enumerated value:
  /// width-folded, trimmed, lower-cased, without spaces, `_`, `-` and `*`.
  static func normalizedToken(_ text: String) -> String {
    let folded = trim(foldWidth(text)).lowercased()
    return String(folded.unicodeScalars.filter { !isSpace($0) && $0 != "_" && $0 != "-" && $0 != "*" }.map(Character.init))
  }

  /// A cell's value as read: trimmed, and without the `'` that `CSVWriter` puts in
  /// front of a would-be formula.
  static func cellValue(_ raw: String) -> String {
    let trimmed = trim(raw)
    if trimmed.unicodeScalars.count >= 2, trimmed.unicodeScalars.first == "'" {
      let second = trimmed.unicodeScalars[trimmed.unicodeScalars.index(after: trimmed.unicodeScalars.startIndex)]
      if CSVWriter.formulaStarts.contains(second) { return String(trimmed.unicodeScalars.dropFirst()) }
    }
    return trimmed
  }

  /// An integer: optional sign, digits (full-width too), an all-zero decimal part
  /// (`3.0`, as some spreadsheets export), thousands separators in groups of three.
  static func integer(_ text: String) -> Int? {
    var s = foldWidth(trim(text))
    if s.contains(",") {
      let groups = s.split(separator: ",", omittingEmptySubsequences: false)
      guard groups.count > 1, (1...4).contains(groups[0].count - (groups[0].first == "-" || groups[0].first == "+" ? 1 : 0)),
            groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
      s = groups.joined()
    }
    if let dot = s.firstIndex(of: ".") {
      let fraction = s[s.index(after: dot)...]
      guard !fraction.isEmpty, fraction.allSatisfy({ $0 == "0" }) else { return nil }
      s = String(s[..<dot])
    }
    guard !s.isEmpty, s.unicodeScalars.dropFirst().allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
    return Int(s)
  }

  /// yes/no in English or Chinese; `nil` when the text is neither.
  static func boolean(_ text: String) -> Bool? {
    let token = normalizedToken(text)
    if ScenarioFormat.trueWords.contains(token) { return true }
    if ScenarioFormat.falseWords.contains(token) { return false }
    return nil
  }

  /// The value of a vocabulary whose spelling matches `text`.
  static func choice<T>(_ text: String, _ vocabulary: [(T, [String])]) -> T? {
    let token = normalizedToken(text)
    for (value, names) in vocabulary where names.contains(where: { normalizedToken($0) == token }) {
      return value
    }
    return nil
  }

  /// Items of a list cell, trimmed, empty items dropped.
  static func list(_ text: String) -> [String] {
    text.split(whereSeparator: { listSeparators.contains($0) }).map { trim(String($0)) }.filter { !$0.isEmpty }
  }

  /// Levenshtein distance over Unicode scalars (for "did you mean …").
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The candidate nearest to `text` (normalised), if it is near enough to be a typo.
  static func nearest(to text: String, among candidates: [String]) -> String? {
    let key = normalizedToken(text)
    guard !key.isEmpty else { return nil }
    var best: (String, Int)?
    for candidate in candidates {
      let d = editDistance(key, normalizedToken(candidate))
      if best == nil || d < best!.1 { best = (candidate, d) }
    }
    guard let (name, distance) = best else { return nil }
    let limit = max(1, min(3, key.unicodeScalars.count / 3))
    return distance <= limit ? name : nil
  }
}
