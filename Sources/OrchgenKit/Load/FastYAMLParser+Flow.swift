/// Flow collections (`[a, b]`, `{ key: value }`) that open and close on one line, as values.
extension FastYAMLParser {
  /// A flow collection or scalar at `pos`; `pos` ends after it.
  mutating func flowNode() throws(Decline) -> YAMLNode {
    switch bytes[pos] {
    case .openBracket: return try flowSequence()
    case .openBrace: return try flowMapping()
    case .singleQuote, .doubleQuote: return counted(try quotedScalar())
    default: return counted(try flowPlainScalar())
    }
  }

  private mutating func flowSequence() throws(Decline) -> YAMLNode {
    try enter()
    let location = SourceLocation(file: path, line: line, column: column(of: pos))
    let start = items.count
    pos += 1
    skipSpaces()
    if bytes[pos] != .closeBracket {
      while true {
        items.push(try flowNode())
        skipSpaces()
        // A ':' here would make the entry a single-pair mapping.
        guard bytes[pos] == .comma else { break }
        pos += 1
        skipSpaces()
        guard bytes[pos] != .closeBracket else { throw Decline() }
      }
      guard bytes[pos] == .closeBracket else { throw Decline() }
    }
    pos += 1
    return finish(.sequence(items.popArray(from: start), location))
  }

  private mutating func flowMapping() throws(Decline) -> YAMLNode {
    try enter()
    let location = SourceLocation(file: path, line: line, column: column(of: pos))
    let start = pairs.count
    pos += 1
    skipSpaces()
    if bytes[pos] != .closeBrace {
      while true {
        let keyStart = pos
        let key: YAMLScalar
        switch bytes[pos] {
        case .singleQuote, .doubleQuote: key = try quotedScalar()
        default: key = try flowPlainScalar()
        }
        skipSpaces()
        guard bytes[pos] == .colon, bytes[pos + 1] == .space, pos - keyStart <= Self.maxKeyBytes else {
          throw Decline()
        }
        pos += 1
        skipSpaces()
        guard bytes[pos] != .comma, bytes[pos] != .closeBrace else { throw Decline() }
        pairs.push(YAMLPair(key: key, value: try flowNode()))
        skipSpaces()
        guard bytes[pos] == .comma else { break }
        pos += 1
        skipSpaces()
        guard bytes[pos] != .closeBrace else { throw Decline() }
      }
      guard bytes[pos] == .closeBrace else { throw Decline() }
    }
    pos += 1
    return finish(.mapping(pairs.popArray(from: start), location))
  }
}
