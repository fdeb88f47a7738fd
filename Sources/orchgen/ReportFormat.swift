import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import OrchgenKit

/// How `check` and `build` report their findings (`--format`).
///
/// `text` is for people and goes to standard error, coloured on a terminal. The machine
/// formats go to standard output, so they can be redirected to a file or piped while progress
/// messages stay on standard error; their paths are relative to the current directory when the
/// project root lies inside it, so CI annotations and SARIF land on the right file of the
/// checkout.
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
  /// The human report: source line, caret, notes and help.
  case text
  /// `file:line:col: severity: message [rule]`, one line per finding.
  case gnu
  /// GitHub Actions `::error` annotations, then the text report.
  case github
  /// A SARIF 2.1.0 log for code scanning.
  case sarif
  /// A JSON array of findings.
  case json

  static let help: ArgumentHelp = ArgumentHelp(
    "How to report findings: text (the default, to stderr), or gnu, github, sarif or json (to stdout).",
    valueName: "format")

  /// Whether the report goes to standard output.
  var isMachineReadable: Bool { self != .text }

  /// The report; machine formats always produce a complete document, even without findings.
  func render(_ diagnostics: [Diagnostic], sources: [String: SourceFile], useColor: Bool) -> String {
    switch self {
    case .text: TextReporter(useColor: useColor).report(diagnostics, sources: sources)
    case .gnu: GNUReporter().report(diagnostics)
    case .github: GitHubReporter().report(diagnostics, sources: sources)
    case .sarif: SARIFReporter().report(diagnostics)
    case .json: JSONReporter().report(diagnostics)
    }
  }

  /// The path from the current directory to `root` (`""` when they are the same, nil when the
  /// root is not inside the current directory).
  static func prefix(for root: URL) -> String? {
    let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.resolvingSymlinksInPath().path
    let path = root.standardizedFileURL.resolvingSymlinksInPath().path
    if path == base { return "" }
    let parent = base.hasSuffix("/") ? base : base + "/"
    guard path.hasPrefix(parent) else { return nil }
    return String(path.dropFirst(parent.count)) + "/"
  }

  /// The diagnostics and sources with every path prefixed by `prefix`.
  static func rebased(
    _ diagnostics: [Diagnostic], sources: [String: SourceFile], prefix: String
  ) -> ([Diagnostic], [String: SourceFile]) {
    guard !prefix.isEmpty else { return (diagnostics, sources) }
    func move(_ location: SourceLocation?) -> SourceLocation? {
      guard var location else { return nil }
      location.file = prefix + location.file
      return location
    }
    let moved = diagnostics.map { diagnostic -> Diagnostic in
      var copy = diagnostic
      copy.location = move(diagnostic.location)
      copy.notes = diagnostic.notes.map { Diagnostic.Note($0.message, at: move($0.location)) }
      return copy
    }
    var files: [String: SourceFile] = [:]
    for (path, file) in sources { files[prefix + path] = SourceFile(path: prefix + path, text: file.text) }
    return (moved, files)
  }
}
