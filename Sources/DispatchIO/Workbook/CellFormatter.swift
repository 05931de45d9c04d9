/// Turns a cell's stored value into the text the scenario reader sees (see `WorkbookReader`).
import Foundation

/// Which number formats of a workbook show dates or times.
struct CellStyles {
  enum DateKind { case none, date, time, dateTime }

  /// By cell style index (`s` of a cell, an index into `cellXfs`).
  var dateKindOfStyle: [DateKind] = []

  func dateKind(style: Int) -> DateKind { style >= 0 && style < dateKindOfStyle.count ? dateKindOfStyle[style] : .none }

  /// Built-in formats: 14–17 and 22 dates, 18–21 and 45–47 times, 27–36 and 50–58 the East Asian
  /// date formats; a custom format is a date when, outside quotes, brackets and escapes, it has
  /// y or d (or m without h or s), and a time when it has h or s.
  static func dateKind(formatID: Int, code: String?) -> DateKind {
    if let code { return dateKind(code: code) }
    switch formatID {
    case 14...17, 27...31, 34...36, 50...58: return .date
    case 22: return .dateTime
    case 18...21, 32, 33, 45...47: return .time
    default: return .none
    }
  }

  static func dateKind(code: String) -> DateKind {
    var letters = Set<Character>()
    var inQuote = false, inBracket = false, escaped = false
    for character in code {
      if escaped { escaped = false; continue }
      switch character {
      case "\\", "_", "*": escaped = true
      case "\"": inQuote.toggle()
      case "[" where !inQuote: inBracket = true
      case "]" where !inQuote: inBracket = false
      default: if !inQuote && !inBracket { letters.insert(Character(character.lowercased())) }
      }
    }
    let date = letters.contains("y") || letters.contains("d") || (letters.contains("m") && !letters.contains("h") && !letters.contains("s"))
    let time = letters.contains("h") || letters.contains("s")
    switch (date, time) {
    case (true, true): return .dateTime
    case (true, false): return .date
    case (false, true): return .time
    default: return .none
    }
  }
}

struct CellFormatter {
  let styles: CellStyles
  let sharedStrings: [String]
  let date1904: Bool

  /// - Parameters: type: the cell's `t` (s, str, inlineStr, b, e, n, d); value: the `<v>` text; inline: `<is>` text.
  func text(type: String, style: Int, value: String, inline: String) -> String {
    switch type {
    case "s":
      guard let index = Int(value.trimmingASCIISpaces), index >= 0, index < sharedStrings.count else { return "" }
      return sharedStrings[index]
    case "inlineStr": return inline
    case "str", "e": return value
    case "b": return value.trimmingASCIISpaces == "1" ? "TRUE" : "FALSE"
    case "d": return Self.isoFromStoredDate(value)
    default:
      let raw = value.trimmingASCIISpaces
      guard let number = Double(raw), number.isFinite else { return raw }
      let kind = styles.dateKind(style: style)
      if kind != .none, let iso = Self.iso(serial: number, kind: kind, date1904: date1904) { return iso }
      return Self.numberText(number, raw: raw)
    }
  }

  /// 1 and 1.0 → "1"; 2.5 → "2.5"; 0.30000000000000004 → "0.3": 15 significant digits, the
  /// precision Excel shows and keeps; a number that needs an exponent is kept as stored.
  static func numberText(_ number: Double, raw: String) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    let text = String(format: "%.15g", number)
    return text.contains("e") ? raw : text
  }

  /// A `t="d"` cell stores ISO 8601 already; only a "T00:00:00" time is dropped.
  static func isoFromStoredDate(_ value: String) -> String {
    let trimmed = value.trimmingASCIISpaces
    for suffix in ["T00:00:00Z", "T00:00:00"] where trimmed.hasSuffix(suffix) { return String(trimmed.dropLast(suffix.count)) }
    return trimmed
  }

  /// Excel's serial day number as ISO text. The 1900 system counts 1900-02-29 (serial 60), which
  /// never existed, so serials from 61 on are days since 1899-12-30 and those below since 1899-12-31.
  static func iso(serial: Double, kind: CellStyles.DateKind, date1904: Bool) -> String? {
    guard serial >= 0, serial < 2_958_466 else { return nil }  // up to 9999-12-31
    var days = Int(serial.rounded(.down))
    var seconds = Int(((serial - Double(days)) * 86_400).rounded())
    if seconds >= 86_400 { days += 1; seconds -= 86_400 }
    let time = String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
    if kind == .time && days == 0 { return time }
    let epochDay: Int  // days from 1970-01-01
    if date1904 {
      epochDay = days + daysFromCivil(1904, 1, 1)
    } else {
      guard days != 60 else { return nil }  // 1900-02-29: leave the number as stored
      epochDay = days + daysFromCivil(1899, 12, days < 60 ? 31 : 30)
    }
    let (y, m, d) = civilFromDays(epochDay)
    let date = String(format: "%04d-%02d-%02d", y, m, d)
    return kind == .date && seconds == 0 ? date : date + "T" + time
  }

  // Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}

extension String {
  var trimmingASCIISpaces: String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\n" || first == "\r" || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\n" || last == "\r" || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
