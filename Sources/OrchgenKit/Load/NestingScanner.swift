/// A linear pre-scan that rejects absurdly nested YAML before it reaches the composer, whose
/// recursion a hostile file could otherwise use to exhaust the stack.
enum NestingScanner {
  /// Deepest indentation accepted, in columns.
  static let maxIndent = 2_000

  static func firstExcess(in file: SourceFile, limit: Int) -> Diagnostic? {
    var flowDepth = 0
    var line = 1
    var column = 0
    var atLineStart = true
    var indent = 0
    var quote: Unicode.Scalar? = nil
    var inComment = false
    var previous: Unicode.Scalar = " "
    for scalar in file.text.unicodeScalars {
      column += 1
      if scalar == "\n" {
        line += 1
        column = 0
        atLineStart = true
        indent = 0
        inComment = false
        if flowDepth == 0 { quote = nil }
        previous = " "
        continue
      }
      if atLineStart {
        if scalar == " " {
          indent += 1
          if indent > maxIndent {
            return Diagnostic(
              .limitExceeded, "indentation deeper than \(maxIndent) columns",
              at: SourceLocation(file: file.path, line: line, column: column),
              help: "orchgen accepts at most \(limit) levels of nesting; flatten this structure")
          }
          continue
        }
        atLineStart = false
      }
      if inComment { continue }
      if let open = quote {
        if scalar == open { quote = nil }
        previous = scalar
        continue
      }
      switch scalar {
      case "#" where previous == " " || previous == "\t":
        inComment = true
      case "'", "\"":
        if previous == " " || previous == "[" || previous == "{" || previous == "," || previous == ":" {
          quote = scalar
        }
      case "[", "{":
        flowDepth += 1
        if flowDepth > limit {
          return Diagnostic(
            .limitExceeded, "collections nested deeper than \(limit) levels",
            at: SourceLocation(file: file.path, line: line, column: column),
            help: "orchgen accepts at most \(limit) levels of nesting; flatten this structure")
        }
      case "]", "}":
        flowDepth = max(0, flowDepth - 1)
      default:
        break
      }
      previous = scalar
    }
    return nil
  }
}
