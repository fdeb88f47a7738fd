/// Composes the plain YAML that orchgen's config files are written in straight from UTF-8
/// bytes, into exactly the tree `YAMLLoader`'s libyaml composer builds: same values, same
/// styles, same positions and spans.
///
/// libyaml tokenises, copies every scalar twice and hands out one event per node; for the
/// block mappings, block sequences, one-line flow collections and one-line scalars that config
/// files are made of, a scanner that knows only this subset does the same work several times
/// faster. It gives up on anything else (anchors, tags, complex keys, scalars over several
/// lines, tabs, directives, several documents, unusual indentation, and every error), and
/// `YAMLLoader` then composes the file with libyaml as before, so every finding about malformed
/// YAML comes from libyaml, unchanged. `FastYAMLParserTests` holds the two to the same trees.
struct FastYAMLParser {
  /// The file is outside the subset: compose it with libyaml.
  struct Decline: Error {}

  /// Nesting beyond this declines (libyaml's composer stops at `YAMLLoader.maxDepth`); it keeps
  /// the recursion shallow.
  static let maxDepth = 64
  /// libyaml requires a simple key's ':' within 1,024 characters of the key's start.
  static let maxKeyBytes = 1_000

  let bytes: UnsafeBufferPointer<UInt8>
  let path: String
  /// No byte above 0x7F: columns are byte offsets.
  let isASCII: Bool
  var pos = 0
  /// 1-based line of `pos`.
  var line = 1
  /// Offset of the first byte of `line`.
  var lineStart = 0
  /// Indentation of the content line `pos` stands on, or -1 at the end of the file.
  var pending = 0
  /// Nodes composed, as `YAMLLoader` counts them: collections and scalars, keys not counted.
  var nodes = 0
  var depth = 0
  let items = MoveStack<YAMLNode>()
  let pairs = MoveStack<YAMLPair>()
  /// A block mapping spanning at least four times this many bytes is parsed in pieces of
  /// about this size on all cores (see `FastYAMLParser+Pieces`).
  let pieceBytes: Int

  /// The composed root and its node count, or nil when the file is outside the subset (or
  /// holds no document). `pieceBytes` is lowered by tests to parse even small files in pieces.
  static func parse(_ file: SourceFile, pieceBytes: Int = 64 * 1024) -> (root: YAMLNode, nodes: Int)? {
    var text = file.text
    return text.withUTF8 { bytes in
      guard let isASCII = YAMLSubset.check(bytes) else { return nil }
      var parser = FastYAMLParser(bytes: bytes, path: file.path, isASCII: isASCII, pieceBytes: pieceBytes)
      do {
        return try parser.document()
      } catch {
        return nil
      }
    }
  }

  /// A parser of `bytes` (which end with a line break), starting at the beginning of `line`
  /// with `depth` collections open.
  init(bytes: UnsafeBufferPointer<UInt8>, path: String, isASCII: Bool, pieceBytes: Int, line: Int = 1, depth: Int = 0) {
    self.bytes = bytes
    self.path = path
    self.isASCII = isASCII
    self.pieceBytes = pieceBytes
    self.line = line
    self.depth = depth
  }

  private mutating func document() throws(Decline) -> (root: YAMLNode, nodes: Int) {
    nextContentLine()
    guard pending >= 0 else { throw Decline() }
    let root = try blockNode()
    guard pending < 0, nodes <= YAMLLoader.maxNodes else { throw Decline() }
    return (root, nodes)
  }

  // MARK: Block collections

  /// The block collection on the pending line: a sequence if it starts with '- ', else a mapping.
  mutating func blockNode() throws(Decline) -> YAMLNode {
    if isEntry(pos) { return try blockSequence(indent: pending, indentless: false) }
    return try blockMapping(indent: pending, column: pending + 1, firstKey: nil)
  }

  /// A block mapping whose keys stand at `indent`; `firstKey`, when given, was read already
  /// (the compact `- key: value` form, where the mapping starts after the dash).
  mutating func blockMapping(indent: Int, column: Int, firstKey: YAMLScalar?) throws(Decline) -> YAMLNode {
    try enter()
    let location = SourceLocation(file: path, line: firstKey?.location.line ?? line, column: column)
    if firstKey == nil, let pieces = try entriesInPieces(indent: indent) {
      nodes += pieces.nodes
      return finish(.mapping(pieces.entries, location))
    }
    let start = pairs.count
    try entries(indent: indent, firstKey: firstKey)
    return finish(.mapping(pairs.popArray(from: start), location))
  }

  /// The entries of a block mapping whose keys stand at `indent`, pushed onto `pairs`, up to
  /// the first line indented less (or the end).
  mutating func entries(indent: Int, firstKey: YAMLScalar?) throws(Decline) {
    var key: YAMLScalar
    if let firstKey { key = firstKey } else { key = try keyScalar() }
    while true {
      // libyaml's empty value sits right after the ':' (its VALUE token's end).
      let colon = try colonAfterKey(key)
      let keyLine = line
      skipSpaces()
      let value: YAMLNode
      if bytes[pos] == .newline || bytes[pos] == .hash {
        try finishLine()
        nextContentLine()
        if pending > indent {
          value = try blockNode()
        } else if pending == indent, isEntry(pos) {
          value = try blockSequence(indent: indent, indentless: true)
        } else {
          value = empty(line: keyLine, column: colon + 1)
        }
      } else {
        value = try inlineValue(indent: indent)
      }
      pairs.push(YAMLPair(key: consume key, value: consume value))
      guard pending == indent else {
        guard pending < indent else { throw Decline() }
        break
      }
      guard !isEntry(pos) else { throw Decline() }
      key = try keyScalar()
    }
  }

  /// A block sequence whose dashes stand at `indent`; `indentless` when it is a mapping's value
  /// written at the mapping's own indentation.
  mutating func blockSequence(indent: Int, indentless: Bool) throws(Decline) -> YAMLNode {
    try enter()
    let location = SourceLocation(file: path, line: line, column: indent + 1)
    let start = items.count
    while true {
      let dashLine = line
      pos += 1
      skipSpaces()
      let value: YAMLNode
      if bytes[pos] == .newline || bytes[pos] == .hash {
        try finishLine()
        nextContentLine()
        // libyaml's empty entry sits right after the '-'.
        value = pending > indent ? try blockNode() : empty(line: dashLine, column: indent + 2)
      } else {
        value = try entryValue(indent: indent)
      }
      items.push(consume value)
      if pending == indent, isEntry(pos) { continue }
      guard pending < indent || (pending == indent && indentless) else { throw Decline() }
      break
    }
    return finish(.sequence(items.popArray(from: start), location))
  }

  /// The value after `key: ` on the key's line, within a mapping at `indent`.
  private mutating func inlineValue(indent: Int) throws(Decline) -> YAMLNode {
    switch bytes[pos] {
    case .pipe, .greater:
      return try blockScalar(indent: indent)
    case .openBracket, .openBrace:
      let node = try flowNode()
      try endOfValue(indent: indent)
      return node
    case .singleQuote, .doubleQuote:
      let scalar = try quotedScalar()
      try endOfValue(indent: indent)
      return counted(scalar)
    default:
      guard !isEntry(pos) else { throw Decline() }
      let scalar = try plainScalar()
      try endOfValue(indent: indent)
      return counted(scalar)
    }
  }

  /// What follows `- ` in a sequence at `indent`: a scalar, a flow collection, a block scalar,
  /// or the first key of a compact mapping.
  private mutating func entryValue(indent: Int) throws(Decline) -> YAMLNode {
    let scalar: YAMLScalar
    switch bytes[pos] {
    case .pipe, .greater:
      return try blockScalar(indent: indent)
    case .openBracket, .openBrace:
      let node = try flowNode()
      try endOfValue(indent: indent)
      return node
    case .singleQuote, .doubleQuote:
      scalar = try quotedScalar()
    default:
      guard !isEntry(pos) else { throw Decline() }
      scalar = try plainScalar()
    }
    var after = pos
    while bytes[after] == .space { after += 1 }
    if bytes[after] == .colon, bytes[after + 1] == .space || bytes[after + 1] == .newline {
      // Only '- ' and spaces precede the key, so its column is its byte offset.
      let keyIndent = scalar.location.column - 1
      return try blockMapping(indent: keyIndent, column: keyIndent + 1, firstKey: scalar)
    }
    try endOfValue(indent: indent)
    return counted(scalar)
  }

  /// A key at `pos`: a plain or quoted scalar on one line.
  private mutating func keyScalar() throws(Decline) -> YAMLScalar {
    switch bytes[pos] {
    case .singleQuote, .doubleQuote: return try quotedScalar()
    default: return try plainScalar()
    }
  }

  /// Steps over the ':' that must follow `key` (spaces may come between); returns the colon's
  /// 1-based column.
  private mutating func colonAfterKey(_ key: YAMLScalar) throws(Decline) -> Int {
    skipSpaces()
    guard bytes[pos] == .colon, bytes[pos + 1] == .space || bytes[pos + 1] == .newline,
      line == key.location.line, column(of: pos) - key.location.column <= Self.maxKeyBytes
    else { throw Decline() }
    let colon = column(of: pos)
    pos += 1
    return colon
  }

  /// After a value on its key's (or dash's) line: the rest of the line is blank or a comment,
  /// and the next content line is not indented deeper than the collection (libyaml would read
  /// it as the scalar's continuation, or fail).
  private mutating func endOfValue(indent: Int) throws(Decline) {
    try finishLine()
    nextContentLine()
    guard pending <= indent else { throw Decline() }
  }

  mutating func enter() throws(Decline) {
    depth += 1
    guard depth <= Self.maxDepth else { throw Decline() }
  }

  mutating func finish(_ node: YAMLNode) -> YAMLNode {
    depth -= 1
    nodes += 1
    return node
  }

  mutating func counted(_ scalar: YAMLScalar) -> YAMLNode {
    nodes += 1
    return .scalar(scalar)
  }

  /// The empty plain scalar libyaml reports for a missing value, at `column` of `line`.
  private mutating func empty(line: Int, column: Int) -> YAMLNode {
    counted(
      YAMLScalar(
        value: "", isPlain: true, location: SourceLocation(file: path, line: line, column: column, endColumn: column + 1)))
  }
}
