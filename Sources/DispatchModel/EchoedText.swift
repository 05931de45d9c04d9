/// User text quoted back in a message (an id, a cell, a header, a name): at most
/// `echoLimit` characters, then "…(N 字符 characters)", so a 1 MB cell makes a one-line
/// message, not a megabyte of terminal. Every message that quotes what the user gave goes
/// through `echoed` / `quotedEcho` (one rule for the reader, the planner and the CLI).
public let echoLimit = 40

extension StringProtocol {
  /// The text, cut after `echoLimit` characters with its full length said.
  public var echoed: String {
    var end = startIndex, taken = 0
    while end < endIndex && taken < echoLimit { formIndex(after: &end); taken += 1 }
    guard end < endIndex else { return String(self) }
    return String(self[..<end]) + "…(\(count) 字符 characters)"
  }

  /// `echoed`, in double quotes.
  public var quotedEcho: String { "\"" + echoed + "\"" }
}

extension Sequence where Element: StringProtocol {
  /// The first `limit` items, each `echoed`, joined by ", ", and how many more there are.
  public func echoedList(limit: Int = 10) -> String {
    var parts: [String] = [], more = 0
    for item in self {
      if parts.count < limit { parts.append(item.echoed) } else { more += 1 }
    }
    return parts.joined(separator: ", ") + (more > 0 ? " … (+\(more))" : "")
  }
}
