import Foundation
import Testing

@testable import OrchgenKit

/// Every machine-readable reporter on one fixed list of findings (errors, a warning, a note,
/// notes with and without locations, a finding without a location, a multi-line span and
/// text that needs escaping), compared with goldens in `Fixtures/reporters/`
/// (`ORCHGEN_RECORD=1` rewrites them). The SARIF golden is validated against the official
/// SARIF 2.1.0 schema vendored next to it.
@Suite struct ReporterTests {
  static let directory = Fixtures.directory.appendingPathComponent("reporters")
  static let sarifSchema = directory.appendingPathComponent("sarif-schema-2.1.0.json")

  static let workflow = "config/workflows/feature.yaml"
  /// A file name with `,` and `:`, which GitHub property values must escape.
  static let oddFile = "config/workflows/a,b:c.yaml"

  static let sources: [String: SourceFile] = [
    workflow: SourceFile(path: workflow, text: """
      description: A feature
      tasks:
        backend:
          agent: backend-coder
          writes: ["src/**"]
        frontend:
          agent: frontend-coder
          writes: ["src/web/**"]
          needs: [backend, frontend-tests]
        frontend-tests:
          agent: tester
          needs: [frontend]
          produces: [report.md]

      """),
    "config/agents.yaml": SourceFile(path: "config/agents.yaml", text: """
      agents:
        reviewer:
          description: Reviews the change
          color: bleu

      """),
  ]

  static let diagnostics: [Diagnostic] = [
    Diagnostic(
      .writeConflict, "tasks 'frontend' and 'backend' may run at the same time and both write 'src/web/**'",
      at: SourceLocation(file: workflow, line: 8, column: 15, endColumn: 25),
      notes: [.init("'backend' writes 'src/**' here", at: SourceLocation(file: workflow, line: 5, column: 15, endColumn: 21))],
      help: "add 'backend' to 'needs' of 'frontend', or narrow the globs"),
    Diagnostic(
      .cycle, "dependency cycle: frontend → frontend-tests → frontend",
      at: SourceLocation(file: workflow, line: 6, column: 3, endLine: 12, endColumn: 23),
      notes: [
        .init("'frontend' needs 'frontend-tests'", at: SourceLocation(file: workflow, line: 9, column: 22, endColumn: 36)),
        .init("'frontend-tests' needs 'frontend'", at: SourceLocation(file: workflow, line: 12, column: 14, endColumn: 22)),
      ],
      help: "remove one of these needs so the tasks can be ordered"),
    Diagnostic(
      .handoffUnconsumed, "artifact 'report.md' of task 'frontend-tests' is consumed by no task",
      at: SourceLocation(file: workflow, line: 13, column: 16, endColumn: 25),
      help: "add it to 'consumes' of the task that uses it, or drop it from 'produces'"),
    Diagnostic(
      .agentColor, "color 'bleu' of agent 'reviewer' is not one OpenCode accepts",
      at: SourceLocation(file: "config/agents.yaml", line: 4, column: 12, endColumn: 16),
      notes: [.init("OpenCode refuses to start when an agent has an invalid color")],
      help: "use a hex colour like \"#4f9dde\" or one of primary, secondary, accent"),
    Diagnostic(
      .invalidValue, "estimate '100%' is not a duration:\nwrite it as 90s, 15m, 2h or 1h30m — \"à la\" C:\\tmp",
      at: SourceLocation(file: oddFile, line: 3, column: 15, endColumn: 21)),
    Diagnostic(
      .unusedAgent, "agent 'legacy' is used by no workflow", at: SourceLocation(file: "config/agents.yaml", line: 2, column: 3),
      severity: .note),
    Diagnostic(
      .outputMissing, "'output/' has not been built", at: nil,
      help: "run 'orchgen build' and commit output/ (or pass --no-drift)"),
  ].sorted()

  @Test func gnu() {
    let report = GNUReporter().report(Self.diagnostics)
    expectGolden(report, "findings.gnu.txt")
    #expect(report.split(separator: "\n").allSatisfy { $0.contains(": ") })
  }

  @Test func github() {
    let report = GitHubReporter().report(Self.diagnostics, sources: Self.sources)
    expectGolden(report, "findings.github.txt")
  }

  @Test func json() throws {
    let report = JSONReporter().report(Self.diagnostics)
    expectGolden(report, "findings.json")
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [[String: Any]])
    #expect(parsed.count == Self.diagnostics.count)
    let keys = ["severity", "rule", "message", "file", "line", "column", "end_line", "end_column", "notes", "help"]
    #expect(parsed.allSatisfy { Set($0.keys) == Set(keys) })
  }

  @Test func sarif() throws {
    let report = SARIFReporter().report(Self.diagnostics)
    expectGolden(report, "findings.sarif.json")
    let log = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
    let runs = try #require(log["runs"] as? [[String: Any]])
    #expect(runs.count == 1)
    #expect(runs[0]["columnKind"] as? String == "unicodeCodePoints")
    let results = try #require(runs[0]["results"] as? [[String: Any]])
    #expect(results.allSatisfy { $0["level"] is String && $0["partialFingerprints"] != nil })
    let rules = try #require(((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
    #expect(rules.compactMap { $0["id"] as? String } == Set(Self.diagnostics.map(\.rule.rawValue)).sorted())
    for result in results {
      let index = try #require(result["ruleIndex"] as? Int)
      #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
    }
    // The finding without a location has no `locations`; the multi-line span keeps its end.
    #expect(results.filter { $0["locations"] == nil }.map { $0["ruleId"] as? String } == ["output-missing"])
    #expect(report.contains("\"startLine\": 6,\n") && report.contains("\"endLine\": 12,\n"))
  }

  @Test func fingerprintsIgnoreLinesButNotMessages() {
    let diagnostic = Self.diagnostics[0]
    var moved = diagnostic
    moved.location?.line += 10
    moved.location?.endLine += 10
    #expect(SARIFReporter.fingerprint(moved) == SARIFReporter.fingerprint(diagnostic))
    var reworded = diagnostic
    reworded.message += "!"
    #expect(SARIFReporter.fingerprint(reworded) != SARIFReporter.fingerprint(diagnostic))
  }

  @Test func githubEscaping() {
    #expect(GitHubReporter.escapeData("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d")
    #expect(GitHubReporter.escapeProperty("100% a\r\nb: c, d") == "100%25 a%0D%0Ab%3A c%2C d")
    let multiLine = GitHubReporter().annotation(Self.diagnostics.first { $0.rule == .cycle }!)
    #expect(multiLine.hasPrefix("::error file=config/workflows/feature.yaml,line=6,endLine=12,title=orchgen(cycle)::"))
    #expect(!multiLine.contains("col="))
  }

  @Test(.enabled(if: SchemaValidator.isAvailable, Comment(rawValue: SchemaValidator.unavailableReason)))
  func sarifGoldenValidatesAgainstTheSARIFSchema() throws {
    let golden = Self.directory.appendingPathComponent("findings.sarif.json")
    #expect(FileManager.default.fileExists(atPath: Self.sarifSchema.path))
    if let failure = SchemaValidator.validate([golden], against: Self.sarifSchema) {
      Issue.record(Comment(rawValue: failure))
    }
    // The validator really looks at the document: a result without `message` must fail.
    let broken = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-broken-\(UUID().uuidString).sarif")
    defer { try? FileManager.default.removeItem(at: broken) }
    let text = try String(contentsOf: golden, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "\"message\": {", with: "\"messages\": {").utf8).write(to: broken)
    #expect(SchemaValidator.validate([broken], against: Self.sarifSchema) != nil, "the validator accepted an invalid log")
  }

  private func expectGolden(_ actual: String, _ name: String) {
    if let failure = Fixtures.compare(actual, golden: Self.directory.appendingPathComponent(name)) {
      Issue.record(Comment(rawValue: failure))
    }
  }
}
