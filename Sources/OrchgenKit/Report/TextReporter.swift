/// Renders diagnostics for people: `path:line:col: severity: message [rule]`, the source line
/// with a caret under the span, then notes and help, and a closing count line.
public struct TextReporter: Sendable {
  /// ANSI colour; the CLI enables it only on a terminal and never with `NO_COLOR`.
  public var useColor: Bool

  public init(useColor: Bool = false) { self.useColor = useColor }

  /// The whole report, one block per diagnostic, ending with the summary line.
  public func report(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) -> String {
    var out = ""
    for diagnostic in diagnostics { out += render(diagnostic, sources: sources) }
    out += summary(diagnostics) + "\n"
    return out
  }

  /// One diagnostic's block.
  public func render(_ diagnostic: Diagnostic, sources: [String: SourceFile]) -> String {
    var out = ""
    let severity = paint(diagnostic.severity.rawValue, diagnostic.severity == .error ? "1;31" : "1;33")
    let head = diagnostic.location.map { "\($0.file):\($0.line):\($0.column)" } ?? "orchgen"
    out += "\(paint(head, "1")): \(severity): \(paint(diagnostic.message, "1")) [\(diagnostic.rule.rawValue)]\n"
    var gutter = " "
    if let location = diagnostic.location, let file = sources[location.file] {
      out += snippet(location, in: file)
      gutter = String(repeating: " ", count: String(location.line).count)
    }
    for note in diagnostic.notes {
      let place = note.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
      out += "\(gutter) = \(paint("note", "1;36")): \(place)\(note.message)\n"
    }
    if let help = diagnostic.help { out += "\(gutter) = \(paint("help", "1;32")): \(help)\n" }
    return out
  }

  /// `2 errors, 1 warning` or `no problems found`.
  public func summary(_ diagnostics: [Diagnostic]) -> String {
    let errors = diagnostics.errorCount
    let warnings = diagnostics.warningCount
    if errors == 0, warnings == 0 { return "no problems found" }
    var parts: [String] = []
    if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
    if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
    return parts.joined(separator: ", ")
  }

  private func snippet(_ location: SourceLocation, in file: SourceFile) -> String {
    let line = file.line(location.line)
    guard location.line <= file.lineCount || !line.isEmpty else { return "" }
    // Tabs become one space so the caret lines up with the column libyaml counted.
    let shown = String(line.unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    let width = shown.unicodeScalars.count
    let number = String(location.line)
    let gutter = String(repeating: " ", count: number.count)
    let start = min(location.column - 1, width)
    let end = location.endLine == location.line ? min(max(location.endColumn - 1, start + 1), max(width, start + 1)) : max(width, start + 1)
    let marker = "^" + String(repeating: "~", count: max(end - start - 1, 0))
    var out = "\(gutter) |\n"
    out += "\(number) | \(shown)\n"
    out += "\(gutter) | \(String(repeating: " ", count: start))\(paint(marker, "1;32"))\n"
    return out
  }

  private func paint(_ text: String, _ code: String) -> String {
    useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
