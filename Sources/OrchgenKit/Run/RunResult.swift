/// What a task's result says, read the way every driver reads it: the first `Status:` line
/// (`completed` or `failed`; anything else, or none, is a failure) and the `flag: true|false`
/// lines of its `## Decisions` section. Markdown emphasis and backticks are ignored.
public struct RunResult: Sendable, Equatable {
  public var completed: Bool
  /// Why the result counts as failed, when it does.
  public var problem: String?
  public var decisions: [String: Bool]

  public init(parsing text: String) {
    var status: String?
    var decisions: [String: Bool] = [:]
    var inDecisions = false
    // Split on the scalar: "\r\n" is one Character, so a Character split would leave a
    // CRLF result one line (its decisions lost).
    for raw in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = Self.plain(Substring(raw))
      if line.hasPrefix("#") {
        inDecisions = line.drop { $0 == "#" || $0 == " " }.hasPrefix("decisions")
        continue
      }
      // List markers and emphasis around the key: `- **flag**:`, `* _flag_:`. Keys start with a
      // letter, so leading underscores are emphasis, and only as many trailing ones are dropped.
      let unmarked = line.drop { $0 == "-" || $0 == "*" || $0 == " " }
      let underscores = unmarked.prefix { $0 == "_" }.count
      let stripped = unmarked.dropFirst(underscores)
      guard let colon = stripped.firstIndex(of: ":") else { continue }
      var key = Substring(stripped[..<colon].trimmingCharacters(in: " *"))
      for _ in 0..<underscores where key.last == "_" { key.removeLast() }
      let value = stripped[stripped.index(after: colon)...].trimmingCharacters(in: " *_")
      let word = String(value.prefix { $0.isLetter })
      if status == nil, key == "status", !inDecisions {
        status = word
      } else if inDecisions, !key.isEmpty, word == "true" || word == "false" {
        if decisions[String(key)] == nil { decisions[String(key)] = word == "true" }
      }
    }
    self.decisions = decisions
    switch status {
    case "completed": completed = true
    case "failed": completed = false; problem = "the result says Status: failed"
    case nil: completed = false; problem = "the result has no Status line"
    case let other?: completed = false; problem = "the result's Status is '\(other)', not completed"
    }
  }

  private static func plain(_ line: Substring) -> String {
    var out = ""
    for scalar in line.unicodeScalars where scalar != "`" && scalar != "\r" {
      let isASCIIUpper = scalar.value >= 65 && scalar.value <= 90
      out.unicodeScalars.append(isASCIIUpper ? Unicode.Scalar(scalar.value + 32)! : scalar)
    }
    return out.trimmingCharacters(in: " \t")
  }
}

extension StringProtocol {
  fileprivate func trimmingCharacters(in set: String) -> String {
    var slice = Substring(self)
    while let first = slice.first, set.contains(first) { slice.removeFirst() }
    while let last = slice.last, set.contains(last) { slice.removeLast() }
    return String(slice)
  }
}
