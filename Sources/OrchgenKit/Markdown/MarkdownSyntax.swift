/// The small bits of orchgen's own markdown syntax that CommonMark does not know about:
/// include directives, `@agent-id` mentions and relative link destinations.
enum MarkdownSyntax {
  /// A mention found in a run of text: the id and the UTF-8 offset of its `@`.
  struct MentionMatch: Equatable {
    var id: String
    var utf8Offset: Int
  }

  /// The path of `<!-- include: path -->` when `line` (one line of an HTML block, container
  /// markers already stripped) is exactly that comment, with the path's UTF-8 offset from `<!--`.
  static func includeDirective(in line: Substring) -> (path: String, offsetFromOpener: Int)? {
    let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
    var body = trimmed
    while let last = body.last, last == " " || last == "\t" || last == "\r" { body.removeLast() }
    guard body.hasPrefix("<!--"), body.hasSuffix("-->"), body.utf8.count >= 7 else { return nil }
    let inner = body.dropFirst(4).dropLast(3)
    // A second comment on the same line means the directive is not alone on it.
    guard !inner.contains("-->"), !inner.contains("<!--") else { return nil }
    let afterSpace = inner.drop(while: { $0 == " " || $0 == "\t" })
    guard afterSpace.hasPrefix("include:") else { return nil }
    let pathStart = afterSpace.dropFirst("include:".count).drop(while: { $0 == " " || $0 == "\t" })
    var path = pathStart
    while let last = path.last, last == " " || last == "\t" { path.removeLast() }
    let offset = body.utf8.distance(from: body.startIndex, to: pathStart.startIndex)
    return (String(path), offset)
  }

  /// Mentions in one text node's literal. `previous` is the scalar just before the literal in
  /// the same paragraph (nil at a boundary), so `a` + `@b.com` split across nodes still reads as
  /// an address.
  ///
  /// A mention is `@` + `[a-z][a-z0-9-]*` (trailing `-` dropped) that is not preceded by a word
  /// or address character and not followed by one, by `/` (`@scope/package`) or by `.` plus a
  /// letter or digit (`@example.com`).
  static func mentions(in literal: String, previous: Unicode.Scalar?) -> [MentionMatch] {
    let scalars = Array(literal.unicodeScalars)
    var offsets: [Int] = []
    offsets.reserveCapacity(scalars.count + 1)
    var offset = 0
    for scalar in scalars {
      offsets.append(offset)
      offset += UTF8.width(scalar)
    }
    var result: [MentionMatch] = []
    var index = 0
    while index < scalars.count {
      defer { index += 1 }
      guard scalars[index] == "@" else { continue }
      let before = index > 0 ? scalars[index - 1] : previous
      if let before, isAddressCharacter(before) || before == "@" { continue }
      var end = index + 1
      guard end < scalars.count, isLowerLetter(scalars[end]) else { continue }
      while end < scalars.count, isIDCharacter(scalars[end]) { end += 1 }
      var idEnd = end
      while scalars[idEnd - 1] == "-" { idEnd -= 1 }
      if end < scalars.count {
        let next = scalars[end]
        if isWordCharacter(next) || next == "_" || next == "@" || next == "/" { continue }
        if next == ".", end + 1 < scalars.count, isWordCharacter(scalars[end + 1]) { continue }
      }
      var id = ""
      id.unicodeScalars.append(contentsOf: scalars[(index + 1)..<idEnd])
      result.append(MentionMatch(id: id, utf8Offset: offsets[index]))
      index = end - 1
    }
    return result
  }

  /// `text` split at `\n` bytes, keeping empty lines and any `\r`. (Splitting on the
  /// `Character` "\n" would miss CRLF, which Swift treats as one grapheme.)
  static func lines(of text: String) -> [Substring] {
    text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
  }

  /// Whether a link destination is a path inside the project rather than a URL with a scheme,
  /// a site-absolute path or an anchor in the same page.
  static func isRelativeReference(_ url: String) -> Bool {
    guard let first = url.unicodeScalars.first, first != "#", first != "/", first != "?" else {
      return false
    }
    // RFC 3986 scheme: a letter, then letters, digits, '+', '-' or '.', then ':'.
    if isASCIILetter(first) {
      for scalar in url.unicodeScalars.dropFirst() {
        if scalar == ":" { return false }
        if !(isASCIILetter(scalar) || ("0"..."9").contains(scalar) || "+-.".unicodeScalars.contains(scalar)) {
          break
        }
      }
    }
    return true
  }

  /// The file part of a relative destination: query and fragment removed, percent-escapes
  /// decoded (left as written when they do not decode to UTF-8).
  static func filePath(ofReference url: String) -> String {
    var path = Substring(url)
    if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = path[..<cut] }
    guard path.contains("%") else { return String(path) }
    var bytes: [UInt8] = []
    var utf8 = Array(path.utf8)[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let high = hexValue(utf8[utf8.startIndex]), let low = hexValue(utf8[utf8.startIndex + 1])
      {
        bytes.append(high << 4 | low)
        utf8 = utf8.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(validating: bytes, as: UTF8.self) ?? String(path)
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  private static func isLowerLetter(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) }
  private static func isASCIILetter(_ s: Unicode.Scalar) -> Bool { isLowerLetter(s) || ("A"..."Z").contains(s) }
  private static func isIDCharacter(_ s: Unicode.Scalar) -> Bool {
    isLowerLetter(s) || ("0"..."9").contains(s) || s == "-"
  }
  private static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
    s.properties.isAlphabetic || s.properties.numericType != nil
  }
  /// Characters that make `x@y` an e-mail address rather than a mention.
  private static func isAddressCharacter(_ s: Unicode.Scalar) -> Bool {
    isWordCharacter(s) || "._%+-".unicodeScalars.contains(s)
  }
}
