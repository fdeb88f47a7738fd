/// Renders diagnostics as GitHub Actions workflow commands, so each finding becomes an
/// annotation on the exact line of the pull request:
///
///     ::error file=config/agents.yaml,line=4,col=11,endLine=4,endColumn=18,title=orchgen(agent-mode)::message
///
/// The escaping follows `actions/toolkit` (`packages/core/src/command.ts`): in the message `%`,
/// CR and LF become `%25`, `%0D` and `%0A`; property values also escape `:` and `,`. `col` and
/// `endColumn` are sent only for a span on one line, as GitHub ignores them otherwise, and
/// `endColumn` is the last column of the span (GitHub's `endColumn` is inclusive and defaults
/// to `col`; orchgen's own end column is exclusive).
///
/// GitHub shows only the first ten annotations of each kind per step, so the annotations are
/// followed by the full text report, which the job log always shows.
public struct GitHubReporter: Sendable {
  public init() {}

  /// The annotations, one per finding, then the plain text report with its summary line.
  public func report(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) -> String {
    var out = diagnostics.map(annotation).joined()
    out += TextReporter(useColor: false).report(diagnostics, sources: sources)
    return out
  }

  /// One `::error …::message` line (`::warning`, `::notice` for the other severities).
  public func annotation(_ diagnostic: Diagnostic) -> String {
    var properties: [(String, String)] = []
    if let location = diagnostic.location {
      properties.append(("file", location.file))
      properties.append(("line", String(location.line)))
      if location.endLine == location.line {
        properties.append(("col", String(location.column)))
        properties.append(("endLine", String(location.endLine)))
        properties.append(("endColumn", String(max(location.endColumn - 1, location.column))))
      } else {
        properties.append(("endLine", String(location.endLine)))
      }
    }
    properties.append(("title", "orchgen(\(diagnostic.rule.rawValue))"))
    let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
    return "::\(command(diagnostic.severity)) \(list)::\(Self.escapeData(message(diagnostic)))\n"
  }

  /// The annotation's text: the message, then each note (with its place) and the fix, one per
  /// line; GitHub shows the lines under the annotation.
  private func message(_ diagnostic: Diagnostic) -> String {
    var lines = [diagnostic.message]
    for note in diagnostic.notes {
      let place = note.location.map { "\($0.file):\($0.line):\($0.column): " } ?? ""
      lines.append("note: \(place)\(note.message)")
    }
    if let help = diagnostic.help { lines.append("help: \(help)") }
    return lines.joined(separator: "\n")
  }

  private func command(_ severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "notice"
    }
  }

  /// Escapes a message: `%` → `%25`, CR → `%0D`, LF → `%0A`.
  public static func escapeData(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": out += "%25"
      case "\r": out += "%0D"
      case "\n": out += "%0A"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Escapes a property value: as a message, and also `:` → `%3A`, `,` → `%2C`.
  public static func escapeProperty(_ text: String) -> String {
    var out = ""
    for scalar in escapeData(text).unicodeScalars {
      switch scalar {
      case ":": out += "%3A"
      case ",": out += "%2C"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
