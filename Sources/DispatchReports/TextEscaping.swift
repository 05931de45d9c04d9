/// Ledger text made safe for the documents: a name with `<`, `|`, `&` or a line break
/// (or `<img src=x onerror=…>`) shows as written and never runs as markup or breaks a table.
public enum HTMLText {
  /// Escapes `& < > " '`; line breaks become `<br>` (our markup, not the ledger's).
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\r": out += "<br>"
      case "\n": if !previousWasCR { out += "<br>" }
      case "\u{2028}", "\u{2029}": out += "<br>"
      default:
        // Other C0 controls have no meaning in a document: shown as a space.
        if scalar.value < 0x20 && scalar != "\t" { out += " " } else { out.unicodeScalars.append(scalar) }
      }
      previousWasCR = scalar == "\r"
    }
    return out
  }
}

public enum MarkdownText {
  /// One table cell (or inline text): HTML-escaped, Markdown punctuation backslash-escaped,
  /// `|` escaped, line breaks and other controls as a space.
  public static func cell(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "|", "\\", "`", "*", "_", "[", "]", "#", "~": out += "\\" + String(scalar)
      case "\r", "\n", "\u{2028}", "\u{2029}": out += " "
      default:
        if scalar.value < 0x20 { out += " " } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out
  }
}
