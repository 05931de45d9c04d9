/// Reading cell values: names, numbers, yes/no, enumerations and lists.
enum ValueParser {
  /// Inside a cell, list items are separated by any of these. An ASCII comma can only
  /// be inside a quoted cell, and is accepted there too.
  static let listSeparators: Set<Character> = [";", "；", "、", "，", ","]

  /// A cell of an id column (an id or a reference to one): the cell value, width-folded like
  /// headers, so that `Ｉ０１` and `I01` are one id (and two rows with them a duplicate).
  static func identifier(_ raw: String) -> String {
    trim(foldWidth(cellValue(raw)))
  }

  /// The first control character in `text` (Unicode general category Cc: C0, DEL, C1),
  /// allowing tabs and line breaks when `allowingLineBreaks`, or invisible format character
  /// (Cf: zero-width space and joiners U+200B…U+200D, word joiner U+2060, U+FEFF inside a cell,
  /// the bidi controls U+200E/F, U+202A…U+202E, U+2066…U+2069, the soft hyphen). A cell with
  /// one prints like a cell without it but compares differently (two ids for one person), and a
  /// bidi control reorders what a printed notice shows: refused in every cell, like NUL.
  /// `text` is trimmed first by the callers, so a byte-order mark at a cell's edge is not counted.
  static func controlCharacter(in text: String, allowingLineBreaks: Bool) -> Unicode.Scalar? {
    text.unicodeScalars.first { s in
      switch s.properties.generalCategory {
      case .control: !(allowingLineBreaks && (s == "\n" || s == "\r" || s == "\t"))
      case .format: true
      default: false
      }
    }
  }

  /// Excel's limit for one cell, in UTF-16 units (what XLSXWriter checks when it writes the plan).
  static let maximumCellLength = 32_767

  /// The length of `text` when it is longer than a spreadsheet cell can be, else nil.
  static func tooLongForACell(_ text: String) -> Int? {
    let length = text.utf16.count
    return length > maximumCellLength ? length : nil
  }

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
    // Most cells are already their own key (lower-case ASCII letters and digits, CJK ideographs):
    // then folding, trimming and lower-casing change nothing, and the Unicode work is skipped.
    if text.utf8.count <= 64, text.unicodeScalars.allSatisfy({ s in
      switch s.value {
      case 0x61...0x7A, 0x30...0x39, 0x2E, 0x2F, 0x4E00...0x9FFF: true
      default: false
      }
    }) { return text }
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

  /// Texts longer than this get no suggestion (an id is short; a 1 MB cell is not a typo).
  static let suggestionLengthLimit = 64

  /// The candidate nearest to `text` (normalised), if it is near enough to be a typo.
  static func nearest(to text: String, among candidates: [String]) -> String? {
    SuggestionIndex(candidates).nearest(to: text)
  }

  /// Levenshtein distance if it is at most `bound`, else nil, computed in a diagonal band.
  static func boundedEditDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], bound: Int) -> Int? {
    if abs(a.count - b.count) > bound { return nil }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) <= bound ? max(a.count, b.count) : nil }
    let infinity = bound + 1
    var previous = (0...b.count).map { $0 <= bound ? $0 : infinity }
    var current = [Int](repeating: infinity, count: b.count + 1)
    for i in 1...a.count {
      let low = max(1, i - bound), high = min(b.count, i + bound)
      current[0] = i <= bound ? i : infinity
      if low > 1 { current[low - 1] = infinity }
      var rowMinimum = current[0]
      if low <= high {
        for j in low...high {
          let value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
          current[j] = min(value, infinity)
          rowMinimum = min(rowMinimum, current[j])
        }
      }
      if high < b.count { current[high + 1] = infinity }
      if rowMinimum > bound { return nil }
      swap(&previous, &current)
    }
    return previous[b.count] <= bound ? previous[b.count] : nil
  }
}

/// Candidates for "did you mean", normalised once (an id list is searched many times).
///
/// - Complexity: `nearest` is O(c × L) for c candidates and L ≤ `suggestionLengthLimit`:
///   a candidate whose length differs by more than the allowed distance is skipped, the
///   distance is computed in a band of that width and abandoned once it exceeds the best so far.
struct SuggestionIndex: Sendable {
  let names: [String]
  let keys: [[Unicode.Scalar]]

  init(_ candidates: [String]) {
    names = candidates
    keys = candidates.map { Array(ValueParser.normalizedToken($0).unicodeScalars) }
  }

  func nearest(to text: String) -> String? {
    let key = Array(ValueParser.normalizedToken(text).unicodeScalars)
    guard !key.isEmpty, key.count <= ValueParser.suggestionLengthLimit else { return nil }
    let limit = max(1, min(3, key.count / 3))
    var best: (index: Int, distance: Int)?
    for (index, other) in keys.enumerated() {
      guard abs(other.count - key.count) <= limit else { continue }
      let bound = min(limit, (best?.distance ?? limit + 1) - 1)
      guard bound >= 0, let d = ValueParser.boundedEditDistance(key, other, bound: bound) else { continue }
      best = (index, d)
      if d == 0 { break }
    }
    return best.map { names[$0.index] }
  }
}
