import Foundation
import Testing

/// The bad-input corpus, run through the built binary the way users run it. Each case is a
/// project in `Tests/OrchgenKitTests/Fixtures/corpus/<case>.txt` (the one-file format: `=== path`
/// starts a file) with `<case>.expect` holding the exit code and the exact first line of the
/// report (`exit: N`, `first: …`, and optionally `command: …`, default `build`); cases that need
/// bytes, permissions, symlinks, FIFOs or huge generated files are in `CorpusSpecialCases`.
///
/// Every run happens in a `Sandbox` with an `output/NOTES.md` the user wrote. Whatever the
/// input: no crash or hang (a signal or the timeout fails the case), the expected exit code and
/// first line, and — on any error — not one byte or mtime changed anywhere under the project,
/// nor anything written to the working directory, `HOME` or `TMPDIR`. On success only `output/`
/// changes, and never the user's file in it.
///
/// `ORCHGEN_RECORD=1 swift test --filter CorpusTests` rewrites the `.expect` files.
@Suite struct CorpusTests {
  static let directory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("OrchgenKitTests/Fixtures/corpus")

  static var textCases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
  }

  static var recording: Bool { ProcessInfo.processInfo.environment["ORCHGEN_RECORD"] == "1" }

  @Test func theCorpusHasAtLeastSixtyCases() {
    #expect(Self.textCases.count + CorpusSpecialCases.all.count >= 60)
  }

  @Test(arguments: textCases)
  func textCase(_ name: String) throws {
    let text = try String(contentsOf: Self.directory.appendingPathComponent("\(name).txt"), encoding: .utf8)
    let expectURL = Self.directory.appendingPathComponent("\(name).expect")
    let expectation = (try? String(contentsOf: expectURL, encoding: .utf8)).map(Expectation.init(parsing:))
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    for (path, body) in OneFileProject.parse(text) { try sandbox.write(path, body) }
    let command = expectation?.command ?? ["build"]
    let outcome = try Self.run(sandbox, command)
    guard let expectation, !Self.recording else {
      let recorded = Expectation(command: command, exit: outcome.status, first: outcome.first)
      try Data(recorded.rendered.utf8).write(to: expectURL)
      Issue.record("recorded \(name).expect; re-run without ORCHGEN_RECORD to verify")
      return
    }
    #expect(outcome.status == expectation.exit, "\(name): \(outcome.result)")
    #expect(outcome.first == expectation.first, "\(name): \(outcome.result)")
  }

  @Test(arguments: CorpusSpecialCases.all)
  func specialCase(_ special: CorpusSpecialCases.Case) throws {
    let sandbox = try Sandbox()
    defer { sandbox.remove() }
    try special.setup(sandbox)
    var asNobody = false
    if special.needsDeniedPermissions, Sandbox.isRoot {
      guard Sandbox.setpriv != nil else {
        print("CorpusTests: skipping '\(special.name)': running as root, and no setpriv to run as nobody")
        return
      }
      asNobody = true
    }
    let outcome = try Self.run(sandbox, special.command, asNobody: asNobody)
    #expect(outcome.status == special.exit, "\(special.name): \(outcome.result)")
    #expect(outcome.first == special.first, "\(special.name): \(outcome.result)")
    try special.verify(sandbox, outcome.result)
  }

  struct Outcome {
    var status: Int32
    var first: String
    var result: OrchgenProcess.Result
  }

  /// Runs `command --root <root>` and checks what every case must satisfy.
  static func run(_ sandbox: Sandbox, _ command: [String], asNobody: Bool = false) throws -> Outcome {
    let hasOutput = FileManager.default.fileExists(atPath: sandbox.url("output").path)
    if !hasOutput { try sandbox.write("output/NOTES.md", "My notes; orchgen must never touch them.\n") }
    let notes = try? sandbox.snapshot(sandbox.url("output"))["NOTES.md"]
    let before = try sandbox.snapshot()
    let beforeOutside = try sandbox.snapshot(skipping: "output")

    let result = try sandbox.run(command + ["--root", sandbox.root.path], asNobody: asNobody)

    #expect(result.status < 128, "crashed or timed out: \(result)")
    if result.status != 0 {
      #expect(try sandbox.snapshot() == before, "a failed run changed the project: \(result)")
    } else {
      #expect(try sandbox.snapshot(skipping: "output") == beforeOutside, "a run changed files outside output/")
      if let notes { #expect(try sandbox.snapshot(sandbox.url("output"))["NOTES.md"] == notes) }
    }
    for place in [sandbox.workingDirectory, sandbox.home, sandbox.temporary] {
      #expect(try sandbox.snapshot(place).isEmpty, "something was written to \(place.lastPathComponent)")
    }
    let first = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
    return Outcome(
      status: result.status, first: first.replacingOccurrences(of: sandbox.root.path, with: "<root>"), result: result)
  }
}

/// A case's `.expect` file.
struct Expectation {
  var command: [String] = ["build"]
  var exit: Int32 = 0
  var first = ""

  init(command: [String], exit: Int32, first: String) {
    self.command = command
    self.exit = exit
    self.first = first
  }

  init(parsing text: String) {
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      if line.hasPrefix("command: ") { command = line.dropFirst(9).split(separator: " ").map(String.init) }
      if line.hasPrefix("exit: ") { exit = Int32(line.dropFirst(6)) ?? -1 }
      if line.hasPrefix("first: ") { first = String(line.dropFirst(7)) }
    }
  }

  var rendered: String {
    (command == ["build"] ? "" : "command: \(command.joined(separator: " "))\n") + "exit: \(exit)\nfirst: \(first)\n"
  }
}

/// The one-file project format of the fixtures: `=== path` starts a file; lines before the
/// first marker are comments; a file's trailing blank lines belong to the separator.
enum OneFileProject {
  static func parse(_ text: String) -> [(String, String)] {
    var files: [(String, String)] = []
    var current: String?
    var lines: [Substring] = []
    func flush() {
      guard let current else { return }
      var body = lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
      while body.hasSuffix("\n\n") { body.removeLast() }
      files.append((current, body))
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("=== ") {
        flush()
        current = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
        lines = []
      } else if current != nil {
        lines.append(line)
      }
    }
    flush()
    return files
  }
}
