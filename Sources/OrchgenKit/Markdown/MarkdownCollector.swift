/// Builds a `MarkdownDocument` from the events `MarkdownParser` reads off libcmark's tree.
///
/// Kept apart from the parser so the C boundary stays in one small file, and so positions can
/// be checked against the source text: cmark's inline positions are byte columns that drift
/// after entities, escapes and indented continuation lines, so each one is verified against the
/// line it claims and searched for within its block when it does not match.
struct MarkdownCollector {
  private let source: SourceFile
  private(set) var document = MarkdownDocument()
  /// The scalar before the next text node in the current paragraph; nil at a boundary.
  private var previous: Unicode.Scalar?
  /// Lines of the paragraph or heading whose inlines are being read.
  private var block = 1...1
  /// Where the last located mention ended, so repeated mentions map to successive occurrences.
  private var cursor = (line: 1, byte: 0)
  private var checklistLevel: Int?
  private var checklistClosed = false

  init(source: String) {
    self.source = SourceFile(path: "", text: source)
  }

  /// A paragraph or heading starts; its inlines follow.
  mutating func enterInlineBlock(startLine: Int, endLine: Int) {
    let start = clampLine(startLine)
    block = start...max(start, clampLine(endLine))
    cursor = (start, 0)
    previous = nil
  }

  /// A code span, HTML, link edge or line break: text on either side is not one word.
  mutating func boundary() { previous = nil }

  mutating func heading(level: Int, text: String, line: Int) {
    if let open = checklistLevel, level <= open {
      checklistLevel = nil
      checklistClosed = true
    }
    if !checklistClosed, checklistLevel == nil, text.lowercased() == "checklist" { checklistLevel = level }
    document.headings.append(.init(level: level, text: text, line: clampLine(line)))
  }

  mutating func topLevelParagraph(text: String) {
    if document.firstParagraph == nil, !text.isEmpty { document.firstParagraph = text }
  }

  /// Whether list items are being collected, so the parser only flattens those.
  var isInChecklist: Bool { checklistLevel != nil }

  mutating func listItem(text: String) {
    guard checklistLevel != nil else { return }
    var item = Substring(text)
    for marker in ["[ ]", "[x]", "[X]"] where item.hasPrefix(marker) {
      let rest = item.dropFirst(marker.count)
      if rest.isEmpty || rest.first == " " { item = rest.drop(while: { $0 == " " }) }
    }
    if !item.isEmpty { document.checklist.append(String(item)) }
  }

  /// An HTML block: every line that is exactly an include comment is a directive.
  mutating func htmlBlock(literal: String, startLine: Int) {
    for (index, text) in MarkdownSyntax.lines(of: literal).enumerated() {
      guard let directive = MarkdownSyntax.includeDirective(in: text) else { continue }
      let line = clampLine(startLine + index)
      let sourceLine = source.line(line)
      var column = 1
      if let opener = Self.find(Array("<!--".utf8), in: sourceLine, from: 0) {
        column = Self.scalarColumn(ofByte: opener + directive.offsetFromOpener, in: sourceLine)
      }
      document.includes.append(.init(path: directive.path, line: line, column: column))
    }
  }

  mutating func text(_ literal: String, line: Int, byteColumn: Int) {
    for match in MarkdownSyntax.mentions(in: literal, previous: previous) {
      let needle = Array("@\(match.id)".utf8)
      let (foundLine, byte) = locate(needle, line: line, byte: byteColumn - 1 + match.utf8Offset)
      document.mentions.append(
        .init(id: match.id, line: foundLine, column: Self.scalarColumn(ofByte: byte, in: source.line(foundLine))))
    }
    if let last = literal.unicodeScalars.last { previous = last }
  }

  mutating func link(url: String, isImage: Bool, line: Int, byteColumn: Int, endLine: Int, endByteColumn: Int) {
    previous = nil
    guard MarkdownSyntax.isRelativeReference(url) else { return }
    let sourceLine = source.line(line)
    let opener = Array((isImage ? "![" : "[").utf8)
    guard line >= 1, line <= source.lineCount, byteColumn >= 1, Self.matches(opener, in: sourceLine, at: byteColumn - 1)
    else {
      // cmark lost the position: the start of the enclosing block is still a sane place.
      let fallback = block.lowerBound
      document.links.append(.init(url: url, isImage: isImage, line: fallback, column: 1))
      return
    }
    let column = Self.scalarColumn(ofByte: byteColumn - 1, in: sourceLine)
    var length = 1
    if endLine == line, endByteColumn >= byteColumn {
      length = max(1, Self.scalarColumn(ofByte: endByteColumn, in: sourceLine) - column)
    }
    document.links.append(.init(url: url, isImage: isImage, line: line, column: column, length: length))
  }

  /// Where `needle` really is: at cmark's position when the source agrees, otherwise the next
  /// occurrence in the block after the cursor, otherwise the first one in the block.
  private mutating func locate(_ needle: [UInt8], line: Int, byte: Int) -> (Int, Int) {
    if line >= 1, line <= source.lineCount, byte >= 0, Self.matches(needle, in: source.line(line), at: byte) {
      cursor = (line, byte + needle.count)
      return (line, byte)
    }
    for from in [cursor, (line: block.lowerBound, byte: 0)] where from.line <= block.upperBound {
      for candidate in max(from.line, block.lowerBound)...block.upperBound {
        let start = candidate == from.line ? from.byte : 0
        if let found = Self.find(needle, in: source.line(candidate), from: start) {
          cursor = (candidate, found + needle.count)
          return (candidate, found)
        }
      }
    }
    return (block.lowerBound, 0)
  }

  private func clampLine(_ line: Int) -> Int { min(max(line, 1), max(source.lineCount, 1)) }

  private static func matches(_ needle: [UInt8], in line: Substring, at byte: Int) -> Bool {
    let utf8 = line.utf8
    guard byte >= 0, byte + needle.count <= utf8.count else { return false }
    return utf8.dropFirst(byte).starts(with: needle)
  }

  private static func find(_ needle: [UInt8], in line: Substring, from byte: Int) -> Int? {
    let bytes = Array(line.utf8)
    guard !needle.isEmpty, bytes.count >= needle.count, byte <= bytes.count - needle.count else { return nil }
    for start in max(byte, 0)...(bytes.count - needle.count)
    where bytes[start] == needle[0] && bytes[start..<(start + needle.count)].elementsEqual(needle) {
      return start
    }
    return nil
  }

  /// 1-based scalar column of a UTF-8 offset: the scalars that start before it, plus one.
  static func scalarColumn(ofByte byte: Int, in line: Substring) -> Int {
    line.utf8.prefix(max(byte, 0)).reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
  }
}
