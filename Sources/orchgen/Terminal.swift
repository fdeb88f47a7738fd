import Foundation
import OrchgenKit

/// Where the CLI's text goes: diagnostics to standard error, coloured only on a terminal.
enum Terminal {
  static var useColor: Bool {
    let environment = ProcessInfo.processInfo.environment
    if environment["NO_COLOR"] != nil { return false }
    if environment["TERM"] == "dumb" { return false }
    return isatty(STDERR_FILENO) != 0
  }

  static func printDiagnostics(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) {
    let text = TextReporter(useColor: useColor).report(diagnostics, sources: sources)
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func standardOutput(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }

  static func standardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
