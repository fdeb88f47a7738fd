#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
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
    write(text, to: STDOUT_FILENO)
  }

  static func standardError(_ text: String) {
    write(text, to: STDERR_FILENO)
  }

  /// Writes all of `text` to `descriptor` (unbuffered, as `FileHandle` did): a short write or
  /// an interrupted call continues; a closed pipe ends it quietly.
  private static func write(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let count = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if count < 0, errno == EINTR { continue }
        if count <= 0 { return }
        offset += count
      }
    }
  }
}

#if canImport(Glibc)
  private let systemWrite = Glibc.write
#elseif canImport(Musl)
  private let systemWrite = Musl.write
#else
  private let systemWrite = Darwin.write
#endif
