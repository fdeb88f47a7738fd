/// Renders diagnostics in the GNU/gcc convention that editors and `make` parse:
/// `file:line:col: severity: message [rule]`, one line per finding.
///
/// Notes follow their finding as `file:line:col: note: …` lines (at the finding's own position
/// when the note has none), and the fix as a `note: help: …` line, so a quickfix list keeps
/// them together. A finding without a location is prefixed with the program name, as the GNU
/// standards ask of non-compilers: `orchgen: error: …`. Line breaks inside a message become
/// spaces, so every record stays on one line.
public struct GNUReporter: Sendable {
  public init() {}

  /// Every finding in order; empty when there are none (the exit status tells success).
  public func report(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map(render).joined()
  }

  /// One finding with its notes and help, each line ending in a newline.
  public func render(_ diagnostic: Diagnostic) -> String {
    let head = position(diagnostic.location)
    var out = "\(head): \(diagnostic.severity.rawValue): \(oneLine(diagnostic.message)) [\(diagnostic.rule.rawValue)]\n"
    for note in diagnostic.notes {
      out += "\(position(note.location ?? diagnostic.location)): note: \(oneLine(note.message))\n"
    }
    if let help = diagnostic.help {
      out += "\(head): note: help: \(oneLine(help))\n"
    }
    return out
  }

  /// `file:line:col`, or the program name for findings about no particular file.
  private func position(_ location: SourceLocation?) -> String {
    guard let location else { return "orchgen" }
    return "\(location.file):\(location.line):\(location.column)"
  }

  /// The text with CR, LF and CRLF replaced by one space each.
  private func oneLine(_ text: String) -> String {
    var out = ""
    var previousWasCR = false
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\r":
        out += " "
        previousWasCR = true
      case "\n":
        if !previousWasCR { out += " " }
        previousWasCR = false
      default:
        out.unicodeScalars.append(scalar)
        previousWasCR = false
      }
    }
    return out
  }
}
