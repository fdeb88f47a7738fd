import Foundation
import OrchgenKit

/// Where the CLI's text goes: the text report and progress to standard error (coloured only on
/// a terminal), machine-readable reports and requested output to standard output.
enum Terminal {
  static var useColor: Bool {
    let environment = ProcessInfo.processInfo.environment
    if environment["NO_COLOR"] != nil { return false }
    if environment["TERM"] == "dumb" { return false }
    return isatty(STDERR_FILENO) != 0
  }

  static func printDiagnostics(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) {
    report(diagnostics, sources: sources, format: .text, root: nil)
  }

  /// Reports `diagnostics` in `format`: text to standard error, the machine formats to
  /// standard output with paths made relative to the current directory (see `ReportFormat`).
  static func report(_ diagnostics: [Diagnostic], sources: [String: SourceFile], format: ReportFormat, root: URL?) {
    guard format.isMachineReadable else {
      standardError(format.render(diagnostics, sources: sources, useColor: useColor))
      return
    }
    var diagnostics = diagnostics
    var sources = sources
    if let root, let prefix = ReportFormat.prefix(for: root) {
      (diagnostics, sources) = ReportFormat.rebased(diagnostics, sources: sources, prefix: prefix)
    }
    standardOutput(format.render(diagnostics, sources: sources, useColor: false))
  }

  static func standardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
