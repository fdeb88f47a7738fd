import Foundation

/// A project written as one text file: `=== relative/path` lines start each file. Lines before
/// the first marker that start with `#` are comments. This keeps each rule's failing example
/// readable in one place.
struct FixtureProject {
  var files: [(path: String, text: String)]

  init(parsing text: String) {
    var files: [(String, String)] = []
    var current: String?
    var lines: [Substring] = []
    func flush() {
      if let current { files.append((current, lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n"))) }
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("=== ") {
        flush()
        current = String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces)
        lines = []
      } else if current != nil {
        lines.append(line)
      }
    }
    flush()
    // A file's trailing blank lines belong to the separator, not the file.
    self.files = files.map { path, text in
      var text = text
      while text.hasSuffix("\n\n") { text.removeLast() }
      return (path, text)
    }
  }

  /// Writes the files under a fresh temporary directory and returns it.
  func materialize() throws -> URL {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("orchgen-fixture-\(UUID().uuidString)", isDirectory: true)
    for (path, text) in files {
      let url = root.appendingPathComponent(path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    return root
  }
}

/// Paths of the fixtures folder and golden comparison with a record switch.
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// `ORCHGEN_RECORD=1 swift test` rewrites goldens (and the test fails so the change is seen).
  static var recording: Bool { ProcessInfo.processInfo.environment["ORCHGEN_RECORD"] == "1" }

  /// Compares `actual` with the golden file; in record mode writes it. Returns a failure
  /// message, or nil when they match.
  static func compare(_ actual: String, golden url: URL) -> String? {
    let expected = try? String(contentsOf: url, encoding: .utf8)
    if recording || expected == nil {
      try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? Data(actual.utf8).write(to: url)
      return "recorded \(url.lastPathComponent); re-run without ORCHGEN_RECORD to verify"
    }
    guard let expected, expected != actual else { return nil }
    return "mismatch with \(url.lastPathComponent):\n" + firstDifference(expected, actual)
  }

  /// The first differing line with numbered context, like SwiftGen's XCTDiffStrings.
  static func firstDifference(_ expected: String, _ actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let index = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
    var out = ""
    for line in max(0, index - 3)..<min(max(e.count, a.count), index + 4) {
      let marker = line == index ? ">" : " "
      out += "\(marker)\(line + 1) expected: \(line < e.count ? String(e[line]) : "<end>")\n"
      out += "\(marker)\(line + 1) actual:   \(line < a.count ? String(a[line]) : "<end>")\n"
    }
    return out
  }
}
