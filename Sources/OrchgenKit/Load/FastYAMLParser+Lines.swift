/// Moving between lines, and positions in libyaml's terms (columns in Unicode scalars).
extension FastYAMLParser {
  /// From the start of a line, skips blank and comment lines to the first line with content;
  /// sets `pending` to its indentation (or -1 at the end) and `pos` to its first character.
  /// `YAMLSubset.check` guarantees the file ends with a line break, so no scan runs off it.
  mutating func nextContentLine() {
    while pos < bytes.count {
      var next = pos
      while bytes[next] == .space { next += 1 }
      switch bytes[next] {
      case .newline:
        startLine(after: next)
      case .hash:
        startLine(after: endOfLine(next))
      default:
        pending = next - pos
        pos = next
        return
      }
    }
    pending = -1
  }

  /// After a value: spaces, then an optional comment (a '#' after a space), then the line
  /// break, which is stepped over.
  mutating func finishLine() throws(Decline) {
    var next = pos
    while bytes[next] == .space { next += 1 }
    if bytes[next] == .hash {
      // libyaml takes '#' right after a value as a comment; YAML does not: leave it to libyaml.
      guard bytes[next - 1] == .space else { throw Decline() }
      next = endOfLine(next)
    }
    guard bytes[next] == .newline else { throw Decline() }
    startLine(after: next)
  }

  mutating func startLine(after newline: Int) {
    pos = newline + 1
    line += 1
    lineStart = pos
  }

  @inline(__always)
  func endOfLine(_ from: Int) -> Int {
    var index = from
    while bytes[index] != .newline { index += 1 }
    return index
  }

  @inline(__always)
  mutating func skipSpaces() {
    while bytes[pos] == .space { pos += 1 }
  }

  /// Whether a block sequence entry starts at `index`: '-' and then a space or the line's end.
  @inline(__always)
  func isEntry(_ index: Int) -> Bool {
    bytes[index] == .dash && (bytes[index + 1] == .space || bytes[index + 1] == .newline)
  }

  /// The 1-based column of `index` on the current line, in Unicode scalars.
  @inline(__always)
  func column(of index: Int) -> Int {
    if isASCII { return index - lineStart + 1 }
    return scalarCount(lineStart, index) + 1
  }

  /// Unicode scalars in `start..<end`: every byte that does not continue a UTF-8 sequence.
  @inline(__always)
  func scalarCount(_ start: Int, _ end: Int) -> Int {
    if isASCII { return end - start }
    var count = 0
    for index in start..<end where bytes[index] & 0xC0 != 0x80 { count += 1 }
    return count
  }

  /// `start..<end` as a string.
  func string(_ start: Int, _ end: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
  }
}

extension UInt8 {
  static var newline: UInt8 { 0x0A }
  static var space: UInt8 { 0x20 }
  static var hash: UInt8 { 0x23 }
  static var dash: UInt8 { 0x2D }
  static var colon: UInt8 { 0x3A }
  static var comma: UInt8 { 0x2C }
  static var pipe: UInt8 { 0x7C }
  static var greater: UInt8 { 0x3E }
  static var plus: UInt8 { 0x2B }
  static var singleQuote: UInt8 { 0x27 }
  static var doubleQuote: UInt8 { 0x22 }
  static var backslash: UInt8 { 0x5C }
  static var openBracket: UInt8 { 0x5B }
  static var closeBracket: UInt8 { 0x5D }
  static var openBrace: UInt8 { 0x7B }
  static var closeBrace: UInt8 { 0x7D }
}
