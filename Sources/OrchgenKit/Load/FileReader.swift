#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads project files as UTF-8 text with the checks a hostile tree needs: size limit,
/// encoding, NUL bytes, and a byte-order mark that would otherwise shift the first column.
public enum FileReader {
  /// The largest input file orchgen reads.
  public static let maxFileSize = 8 * 1024 * 1024

  /// Reads `relativePath` from `source`; nil (and a diagnostic) when it cannot be used.
  static func read(
    _ relativePath: String, from source: some ProjectFileSource, into diagnostics: inout [Diagnostic]
  ) -> SourceFile? {
    switch source.read(relativePath, limit: maxFileSize) {
    case .bytes(let bytes):
      return decode(bytes, path: relativePath, into: &diagnostics)
    case .tooLarge(let size):
      diagnostics.append(
        Diagnostic(
          .limitExceeded, "'\(relativePath)' is \(mebibytes(size)) MiB; orchgen reads files up to \(maxFileSize / 1024 / 1024) MiB",
          at: .file(relativePath), help: "split the file, or move generated data out of config/ and content/"))
      return nil
    case .failed(let reason):
      diagnostics.append(
        Diagnostic(.ioError, "cannot read '\(relativePath)': \(reason)", at: .file(relativePath),
          help: "check that the file exists, is a regular file and is readable"))
      return nil
    case .outsideProject:
      diagnostics.append(OutsideProject.file(relativePath))
      return nil
    }
  }

  /// Checks and decodes a file's bytes: a UTF-8 byte-order mark is dropped (it would shift the
  /// first column); NUL bytes and invalid UTF-8 are reported at the first offending byte.
  static func decode(_ data: [UInt8], path relativePath: String, into diagnostics: inout [Diagnostic]) -> SourceFile? {
    var bytes = data
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    if let nul = firstNUL(bytes) {
      diagnostics.append(
        Diagnostic(.ioError, "'\(relativePath)' contains a NUL byte; it looks like a binary file",
          at: location(ofByte: nul, in: bytes, file: relativePath), help: "remove the NUL bytes or the file"))
      return nil
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      let bad = firstInvalidUTF8(bytes)
      diagnostics.append(
        Diagnostic(.ioError, "'\(relativePath)' is not valid UTF-8", at: location(ofByte: bad, in: bytes, file: relativePath),
          help: "re-save the file as UTF-8"))
      return nil
    }
    return SourceFile(path: relativePath, text: text)
  }

  /// The offset of the first NUL byte, found by memchr (a byte loop cost 2 instructions a byte).
  private static func firstNUL(_ bytes: [UInt8]) -> Int? {
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
      return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
  }

  /// A size in MiB with one decimal, computed without the locale ("47.7").
  static func mebibytes(_ size: Int) -> String {
    let tenths = (size * 10 + 512 * 1024) / (1024 * 1024)
    return "\(tenths / 10).\(tenths % 10)"
  }

  /// Offset of the first byte that does not start a well-formed UTF-8 sequence (0 if none is
  /// found by this simple scan, which skips overlong checks; it only picks the caret position).
  private static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
    var index = 0
    while index < bytes.count {
      let length: Int
      switch bytes[index] {
      case 0x00..<0x80: length = 1
      case 0xC2...0xDF: length = 2
      case 0xE0...0xEF: length = 3
      case 0xF0...0xF4: length = 4
      default: return index
      }
      guard index + length <= bytes.count else { return index }
      for continuation in 1..<length where bytes[index + continuation] & 0xC0 != 0x80 { return index }
      index += length
    }
    return 0
  }

  private static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
    var line = 1
    var lineStart = 0
    for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    let column = (String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).unicodeScalars.count) + 1
    return SourceLocation(file: file, line: line, column: column)
  }
}
