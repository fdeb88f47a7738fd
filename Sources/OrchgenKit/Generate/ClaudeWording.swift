/// Instructions in Claude Code's words. Agents' markdown is written once for every tool and may
/// name agents OpenCode's way, `@fixer`; Claude Code has no such mention in a prompt, so in the
/// Claude Code files a mention of a defined agent reads "the `fixer` subagent". Code (fenced
/// blocks and inline spans) is left as written.
enum ClaudeWording {
  /// `body` with every `@agent` mention of one of `agents` outside code rewritten.
  static func body(_ body: String, agents: Set<String>) -> String {
    guard body.utf8.contains(UInt8(ascii: "@")) else { return body }
    var out = ""
    var fence: Substring?
    for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      if index > 0 { out += "\n" }
      let trimmed = line.drop { $0 == " " }
      if let open = fence {
        if trimmed.hasPrefix(open) { fence = nil }
        out += line
        continue
      }
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
        fence = trimmed.prefix(3)
        out += line
        continue
      }
      out += rewritten(line, agents: agents)
    }
    return out
  }

  private static func rewritten(_ line: Substring, agents: Set<String>) -> String {
    let text = String(line)
    let matches = MarkdownSyntax.mentions(in: text, previous: nil).filter { agents.contains($0.id) }
    guard !matches.isEmpty else { return text }
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    var position = 0
    for match in matches {
      // Inside an inline code span (an odd number of backticks before it) the text is code.
      let ticks = bytes[..<match.utf8Offset].filter { $0 == UInt8(ascii: "`") }.count
      guard ticks % 2 == 0 else { continue }
      out += bytes[position..<match.utf8Offset]
      out += Array("the `\(match.id)` subagent".utf8)
      position = match.utf8Offset + 1 + match.id.utf8.count
    }
    out += bytes[position...]
    return String(decoding: out, as: UTF8.self)
  }
}
