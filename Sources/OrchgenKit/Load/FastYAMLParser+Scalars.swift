/// Scalars as libyaml reads them: plain and quoted ones on one line, and block scalars.
extension FastYAMLParser {
  /// A plain scalar in block context: up to ': ', ' #' or the line's end, trailing spaces
  /// dropped. `pos` ends after its last character.
  mutating func plainScalar() throws(Decline) -> YAMLScalar {
    try checkPlainStart()
    let start = pos
    var end = pos
    var index = pos
    while true {
      let run = index
      while true {
        let byte = bytes[index]
        // Letters and most punctuation sort above ':', the highest byte that can end the run.
        if byte > .colon {
          index += 1
          continue
        }
        if byte == .space || byte == .newline { break }
        if byte == .colon, bytes[index + 1] == .space || bytes[index + 1] == .newline { break }
        index += 1
      }
      if index > run { end = index }
      guard bytes[index] == .space else { break }
      while bytes[index] == .space { index += 1 }
      if bytes[index] == .hash { break }
    }
    pos = end
    return scalar(string(start, end), isPlain: true, from: start, width: scalarCount(start, end))
  }

  /// A plain scalar inside a flow collection: up to ',', a bracket, a brace or ': '. A ':' of
  /// any other kind, or a comment (which would carry the collection onto the next line),
  /// declines.
  mutating func flowPlainScalar() throws(Decline) -> YAMLScalar {
    try checkPlainStart()
    let start = pos
    var end = pos
    var index = pos
    while true {
      let run = index
      scan: while true {
        switch bytes[index] {
        case .space, .newline, .comma, .openBracket, .closeBracket, .openBrace, .closeBrace:
          break scan
        case .colon:
          guard bytes[index + 1] == .space || bytes[index + 1] == .newline else { throw Decline() }
          break scan
        default:
          index += 1
        }
      }
      if index > run { end = index }
      guard bytes[index] == .space else { break }
      while bytes[index] == .space { index += 1 }
      if bytes[index] == .hash { throw Decline() }
    }
    pos = end
    return scalar(string(start, end), isPlain: true, from: start, width: scalarCount(start, end))
  }

  /// Indicators cannot start a plain scalar; '-' followed by a letter or digit can (`-1`),
  /// other uses of '-', '?' and ':' are left to libyaml. So is `<<`, which as a key is a merge
  /// key that `YAMLLoader`'s composer applies.
  private func checkPlainStart() throws(Decline) {
    switch bytes[pos] {
    case UInt8(ascii: "<"):
      guard bytes[pos + 1] != UInt8(ascii: "<") else { throw Decline() }
    case .dash:
      let next = bytes[pos + 1]
      guard (next >= 0x30 && next <= 0x39) || ((next | 0x20) >= 0x61 && (next | 0x20) <= 0x7A) else { throw Decline() }
    case .space, .newline, .comma, .openBracket, .closeBracket, .openBrace, .closeBrace, .hash, .pipe, .greater,
      .singleQuote, .doubleQuote, UInt8(ascii: "?"), .colon, UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
      UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
      throw Decline()
    default:
      return
    }
  }

  /// A single- or double-quoted scalar that closes on its own line. `pos` ends after the quote.
  mutating func quotedScalar() throws(Decline) -> YAMLScalar {
    let quote = bytes[pos]
    let start = pos
    var index = pos + 1
    var segment = index
    var decoded: [UInt8] = []
    var escaped = false
    while true {
      let byte = bytes[index]
      if byte == quote {
        guard quote == .singleQuote, bytes[index + 1] == .singleQuote else { break }
        decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment...index]))
        escaped = true
        index += 2
        segment = index
      } else if byte == .backslash, quote == .doubleQuote {
        decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<index]))
        escaped = true
        index = try YAMLEscape.decode(bytes, at: index, into: &decoded)
        segment = index
      } else {
        guard byte != .newline else { throw Decline() }
        index += 1
      }
    }
    let value: String
    if escaped {
      decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment..<index]))
      value = String(decoding: decoded, as: UTF8.self)
    } else {
      value = string(start + 1, index)
    }
    pos = index + 1
    return scalar(value, isPlain: false, from: start, width: scalarCount(start, pos))
  }

  /// A literal (`|`) or folded (`>`) block scalar, with an optional chomping indicator, inside a
  /// collection at `indent`: libyaml's `yaml_parser_scan_block_scalar`, line by line. Its span
  /// is the indicator's line, as `ScalarSpan` measures it.
  mutating func blockScalar(indent parentIndent: Int) throws(Decline) -> YAMLNode {
    let literal = bytes[pos] == .pipe
    let start = pos
    var index = pos + 1
    var chomping = 0
    if bytes[index] == .plus || bytes[index] == .dash {
      chomping = bytes[index] == .plus ? 1 : -1
      index += 1
    }
    // An explicit indentation indicator is rare: leave it to libyaml.
    guard !(bytes[index] >= 0x30 && bytes[index] <= 0x39) else { throw Decline() }
    while bytes[index] == .space { index += 1 }
    if bytes[index] == .hash { index = endOfLine(index) }
    guard bytes[index] == .newline else { throw Decline() }
    var last = index
    while bytes[last - 1] == .space { last -= 1 }
    let header = scalar("", isPlain: false, from: start, width: scalarCount(start, last))
    startLine(after: index)

    var indent = 0
    var trailingBreaks = 0
    var leadingBreak = false
    var leadingBlank = false
    var value: [UInt8] = []
    blockBreaks(indent: &indent, breaks: &trailingBreaks, parentIndent: parentIndent)
    while pos < bytes.count, pos - lineStart == indent {
      let trailingBlank = bytes[pos] == .space
      if !literal, leadingBreak, !leadingBlank, !trailingBlank {
        if trailingBreaks == 0 { value.append(.space) }
      } else if leadingBreak {
        value.append(.newline)
      }
      leadingBreak = false
      for _ in 0..<trailingBreaks { value.append(.newline) }
      trailingBreaks = 0
      leadingBlank = bytes[pos] == .space
      let end = endOfLine(pos)
      value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pos..<end]))
      leadingBreak = true
      startLine(after: end)
      blockBreaks(indent: &indent, breaks: &trailingBreaks, parentIndent: parentIndent)
    }
    if chomping != -1, leadingBreak { value.append(.newline) }
    if chomping == 1 { for _ in 0..<trailingBreaks { value.append(.newline) } }

    // The scalar ends on a line indented less than its content (or at the end): read that line
    // again from its start, so that a comment there is skipped like any other.
    pos = lineStart
    nextContentLine()
    guard pending <= parentIndent else { throw Decline() }
    return counted(YAMLScalar(value: String(decoding: value, as: UTF8.self), isPlain: false, location: header.location))
  }

  /// libyaml's `yaml_parser_scan_block_scalar_breaks`: eats indentation up to `indent` and empty
  /// lines, counting their breaks; sets `indent` from the first content line when it is 0.
  private mutating func blockBreaks(indent: inout Int, breaks: inout Int, parentIndent: Int) {
    var maxIndent = 0
    while true {
      while pos < bytes.count, indent == 0 || pos - lineStart < indent, bytes[pos] == .space { pos += 1 }
      maxIndent = max(maxIndent, pos - lineStart)
      guard pos < bytes.count, bytes[pos] == .newline else { break }
      breaks += 1
      startLine(after: pos)
    }
    if indent == 0 { indent = max(maxIndent, parentIndent + 1, 1) }
  }

  /// A scalar starting at byte `start` of the current line, `width` columns wide.
  func scalar(_ value: String, isPlain: Bool, from start: Int, width: Int) -> YAMLScalar {
    let column = column(of: start)
    return YAMLScalar(
      value: value, isPlain: isPlain,
      location: SourceLocation(file: path, line: line, column: column, endColumn: column + max(width, 1)))
  }
}
