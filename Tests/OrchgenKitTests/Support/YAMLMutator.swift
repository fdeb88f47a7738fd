/// Small random edits of YAML bytes for `FastYAMLParserTests`: the characters and line changes
/// that move a file across the edges of what the fast parser accepts.
enum YAMLMutator {
  static let pieces: [[UInt8]] = [
    " ", "  ", "\n", ":", ": ", "-", "- ", "#", " #", "'", "''", "\"", "[", "]", "{", "}", ",", ", ", "|", ">", "|-",
    ">+", "\\", "\\n", "\\x4", "\\u00e9", "\t", "a", "é", "?", "? ", "&a ", "*a", "!", "0", "+", ".", "\r", "✓",
    "\u{2028}", "\u{85}", "---", "...", "~", "%", "@", "`", "\n  ", "\n- ", "key: value\n", "\u{FEFF}", "\u{7F}", "\u{1}", "\u{9F}", "\u{FFFE}",
  ].map { Array($0.utf8) }

  static func mutate(_ bytes: inout [UInt8], using random: inout some RandomNumberGenerator) {
    guard !bytes.isEmpty else {
      bytes = Array("a: 1\n".utf8)
      return
    }
    let at = Int.random(in: 0..<bytes.count, using: &random)
    let piece = pieces[Int.random(in: 0..<pieces.count, using: &random)]
    let lineStart = bytes[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
    let lineEnd = bytes[at...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
    switch Int.random(in: 0..<8, using: &random) {
    case 0, 1:
      bytes.replaceSubrange(at...at, with: piece)
    case 2:
      bytes.insert(contentsOf: piece, at: at)
    case 3:
      bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...3, using: &random)))
    case 4:
      bytes.insert(contentsOf: Array(bytes[lineStart..<lineEnd]), at: lineStart)
    case 5:
      bytes.removeSubrange(lineStart..<lineEnd)
    case 6:
      if Bool.random(using: &random) {
        bytes.insert(contentsOf: [UInt8](repeating: 0x20, count: Int.random(in: 1...2, using: &random)), at: lineStart)
      } else if bytes[lineStart] == 0x20 {
        bytes.remove(at: lineStart)
      }
    default:
      // Cut the file at a line's end or in the middle of one.
      bytes.removeSubrange((Bool.random(using: &random) ? lineEnd : at)...)
    }
  }
}
