/// A linear pre-scan for absurd indentation, before libyaml sees the file.
///
/// Nesting depth itself is counted exactly by `YAMLLoader`'s composer (collections, aliases
/// expanded), which stops at `YAMLLoader.maxDepth` wherever the nesting comes from: indented
/// blocks, compact `- - -` sequences or flow brackets. This scan used to guess flow depth by
/// counting brackets, which rejected valid files with brackets inside strings and block
/// scalars; it now only bounds indentation.
enum NestingScanner {
  /// Deepest indentation accepted, in columns.
  static let maxIndent = 2_000

  /// A `limit-exceeded` finding at the first line indented deeper than `maxIndent`.
  static func firstExcess(in file: SourceFile, limit: Int) -> Diagnostic? {
    var line = 1
    var indent = 0
    var atLineStart = true
    for byte in file.text.utf8 {
      if byte == UInt8(ascii: "\n") {
        line += 1
        indent = 0
        atLineStart = true
        continue
      }
      guard atLineStart else { continue }
      guard byte == UInt8(ascii: " ") else {
        atLineStart = false
        continue
      }
      indent += 1
      if indent > maxIndent {
        return Diagnostic(
          .limitExceeded, "indentation deeper than \(maxIndent) columns",
          at: SourceLocation(file: file.path, line: line, column: indent),
          help: "orchgen accepts at most \(limit) levels of nesting; flatten this structure")
      }
    }
    return nil
  }
}
