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
/// GB18030 goes through iconv (glibc on Linux, libiconv on macOS) rather than
/// Foundation: swift-corelibs-foundation 6.x does not expose
/// `CFStringConvertEncodingToNSStringEncoding`, so `String(data:encoding:)` cannot
/// be asked for GB18030 there, and one code path for both platforms is simpler.
enum TextDecoding {
  enum Encoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf16 = "UTF-16"
    case gb18030 = "GB18030"
  }

  enum Outcome: Sendable, Equatable {
    case text(String, Encoding)
    /// Not valid in any accepted encoding; `line` is where GB18030 decoding stopped.
    case undecodable(line: Int?)
  }

  static func decode(_ bytes: [UInt8]) -> Outcome {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      // A BOM says UTF-8; text that is not valid after it is not GB18030 either.
      if let text = String(validating: bytes.dropFirst(3), as: UTF8.self) { return .text(text, .utf8) }
      return .undecodable(line: lineOfFirstInvalidUTF8(Array(bytes.dropFirst(3))))
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
    switch iconvToUTF8(bytes, from: "GB18030") {
    case .success(let text): return .text(text, .gb18030)
    case .failure(let stop): return .undecodable(line: stop.offset.map { lineNumber(at: $0, in: bytes) })
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

  /// The 1-based line of byte `offset` (LF counts as the line end).
  static func lineNumber(at offset: Int, in bytes: [UInt8]) -> Int {
    bytes.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
  }

  /// The line of the first byte that breaks UTF-8, found by growing a valid prefix line by line.
  static func lineOfFirstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
    var line = 1
    for chunk in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
      if String(validating: chunk, as: UTF8.self) == nil { return line }
      line += 1
    }
    return nil
  }
}
