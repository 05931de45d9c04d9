import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a file's bytes into text: UTF-8 (with or without a byte-order mark),
/// UTF-16 with a byte-order mark, and otherwise GB18030 (a superset of GBK and
/// GB2312, what Excel and WPS save as "CSV" on a Chinese Windows).
///
/// The encoding is decided per file, with evidence, line by line (lines end at LF, CR or
/// CRLF, as in `CSVParser`): a line is UTF-8 *evidence* when it is valid UTF-8 and holds a
/// CJK character (a GBK line is almost never valid UTF-8, and when by chance it is, it
/// decodes to Latin or other non-CJK letters). A file with no invalid line is UTF-8; a file
/// with invalid lines and no evidence is GB18030; a file with both mixes encodings
/// (`mixed`, at its first non-UTF-8 line), which no single decoding can read right.
///
/// GB18030 goes through iconv (glibc on Linux, libiconv on macOS) rather than
/// Foundation: swift-corelibs-foundation 6.x does not expose
/// `CFStringConvertEncodingToNSStringEncoding`, so `String(data:encoding:)` cannot
/// be asked for GB18030 there, and one code path for both platforms is simpler.
///
/// - Complexity: O(n) in the number of bytes.
enum TextDecoding {
  enum Encoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf16 = "UTF-16"
    case gb18030 = "GB18030"
  }

  enum Outcome: Sendable, Equatable {
    case text(String, Encoding)
    /// Not valid in any accepted encoding; `line` is the first line that is not.
    case undecodable(line: Int?)
    /// `line` is not UTF-8 (it is GB18030) while `utf8Line` is UTF-8 with Chinese text.
    case mixed(line: Int, utf8Line: Int)
  }

  static func decode(_ bytes: [UInt8]) -> Outcome {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      // A BOM says UTF-8: a line that is not UTF-8 after it is either a pasted GBK line or garbage.
      let body = Array(bytes.dropFirst(3))
      if let text = String(validating: body, as: UTF8.self) { return .text(text, .utf8) }
      let evidence = lineEvidence(body)
      guard let line = evidence.firstInvalidLine else { return .undecodable(line: nil) }
      if case .success = iconvToUTF8(Array(body[evidence.firstInvalidRange!]), from: "GB18030") {
        return .mixed(line: line, utf8Line: evidence.firstUTF8Line ?? 1)
      }
      return .undecodable(line: line)
    }
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
      let littleEndian = bytes[0] == 0xFF
      let body = bytes.dropFirst(2)
      guard body.count % 2 == 0 else { return .undecodable(line: nil) }
      var units: [UInt16] = []
      units.reserveCapacity(body.count / 2)
      var i = body.startIndex
      while i < body.endIndex {
        let first = UInt16(body[i]), second = UInt16(body[i + 1])
        units.append(littleEndian ? first | second << 8 : first << 8 | second)
        i += 2
      }
      if let text = String(validating: units, as: UTF16.self) { return .text(text, .utf16) }
      return .undecodable(line: nil)
    }
    if let text = String(validating: bytes, as: UTF8.self) { return .text(text, .utf8) }
    let evidence = lineEvidence(bytes)
    if let line = evidence.firstInvalidLine, let utf8Line = evidence.firstUTF8Line {
      if case .success = iconvToUTF8(Array(bytes[evidence.firstInvalidRange!]), from: "GB18030") {
        return .mixed(line: line, utf8Line: utf8Line)
      }
      return .undecodable(line: line)
    }
    switch iconvToUTF8(bytes, from: "GB18030") {
    case .success(let text): return .text(text, .gb18030)
    case .failure(let stop): return .undecodable(line: stop.offset.map { lineNumber(at: $0, in: bytes) })
    }
  }

  /// The first line that is not valid UTF-8 (and its byte range), and the first that is
  /// UTF-8 evidence: valid, with a CJK character.
  struct LineEvidence {
    var firstInvalidLine: Int?
    var firstInvalidRange: Range<Int>?
    var firstUTF8Line: Int?
  }

  static func lineEvidence(_ bytes: [UInt8]) -> LineEvidence {
    var evidence = LineEvidence()
    var line = 1, start = 0, index = 0
    func classify(_ range: Range<Int>) {
      let chunk = bytes[range]
      guard chunk.contains(where: { $0 >= 0x80 }) else { return }
      if let text = String(validating: chunk, as: UTF8.self) {
        if evidence.firstUTF8Line == nil, text.unicodeScalars.contains(where: isCJK) { evidence.firstUTF8Line = line }
      } else if evidence.firstInvalidLine == nil {
        evidence.firstInvalidLine = line
        evidence.firstInvalidRange = range
      }
    }
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0A || byte == 0x0D {
        classify(start..<index)
        if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        line += 1
        start = index + 1
        if evidence.firstInvalidLine != nil && evidence.firstUTF8Line != nil { return evidence }
      }
      index += 1
    }
    classify(start..<bytes.count)
    return evidence
  }

  /// CJK ideographs, their punctuation and full-width forms: what a Chinese ledger's UTF-8 holds.
  static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFFEF, 0x20000...0x2FA1F: true
    default: false
    }
  }

  /// Where iconv stopped (the byte offset), when it could tell.
  struct ConversionStop: Error { let offset: Int? }

  /// Converts `bytes` from `encoding` to UTF-8 with iconv(3).
  static func iconvToUTF8(_ bytes: [UInt8], from encoding: String) -> Result<String, ConversionStop> {
    let converter = iconv_open("UTF-8", encoding)
    guard let converter, converter != iconv_t(bitPattern: -1) else { return .failure(ConversionStop(offset: nil)) }
    defer { iconv_close(converter) }
    if bytes.isEmpty { return .success("") }

    var input = bytes
    // GB18030 needs at most 4 bytes for a UTF-8 scalar of at most 4 bytes, and never
    // less than 1 byte per output byte, so 4 × input is always enough.
    var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
    let outputCapacity = output.count
    var inputLeft = input.count
    var outputLeft = outputCapacity
    let status = input.withUnsafeMutableBytes { inputBuffer in
      output.withUnsafeMutableBytes { outputBuffer in
        var inputPointer: UnsafeMutablePointer<CChar>? = inputBuffer.baseAddress!.assumingMemoryBound(to: CChar.self)
        var outputPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress!.assumingMemoryBound(to: CChar.self)
        return iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
      }
    }
    guard status != -1, inputLeft == 0 else {
      return .failure(ConversionStop(offset: bytes.count - inputLeft))
    }
    let produced = output.prefix(outputCapacity - outputLeft)
    guard let text = String(validating: produced, as: UTF8.self) else { return .failure(ConversionStop(offset: nil)) }
    return .success(text)
  }

  /// The 1-based line of byte `offset` (LF, CR or CRLF end a line, as in `CSVParser`).
  static func lineNumber(at offset: Int, in bytes: [UInt8]) -> Int {
    var line = 1, index = 0
    while index < min(offset, bytes.count) {
      if bytes[index] == 0x0A || (bytes[index] == 0x0D && !(index + 1 < bytes.count && bytes[index + 1] == 0x0A)) { line += 1 }
      index += 1
    }
    return line
  }
}
