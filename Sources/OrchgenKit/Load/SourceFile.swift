#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The text of one project file, with its path relative to the project root.
public struct SourceFile: Sendable, Hashable {
  /// Path relative to the project root, with `/` separators.
  public let path: String
  public let text: String
  /// UTF-8 offset where each line starts; computed once so snippets and spans are O(1) to find.
  private let lineStarts: [Int]

  public init(path: String, text: String) {
    self.path = path
    self.text = text
    var text = text
    self.lineStarts = text.withUTF8 { bytes in
      var starts = [0]
      starts.reserveCapacity(bytes.count / 32 + 1)
      guard let base = bytes.baseAddress else { return starts }
      // memchr finds each line break many bytes at a time; a byte loop was 8 instructions a byte.
      var offset = 0
      while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
        offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
        starts.append(offset)
      }
      return starts
    }
  }

  /// Number of lines (a trailing newline does not start a new one).
  public var lineCount: Int {
    lineStarts.count - (lineStarts.last == text.utf8.count && lineStarts.count > 1 ? 1 : 0)
  }

  /// The text of a 1-based line, without `\n` or `\r\n`; empty past the end.
  public func line(_ number: Int) -> Substring {
    guard number >= 1, number <= lineStarts.count else { return "" }
    let utf8 = text.utf8
    let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[number - 1])
    var end =
      number < lineStarts.count
      ? utf8.index(utf8.startIndex, offsetBy: lineStarts[number] - 1) : utf8.endIndex
    if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") {
      end = utf8.index(before: end)
    }
    return Substring(text.utf8[start..<end])
  }
}
