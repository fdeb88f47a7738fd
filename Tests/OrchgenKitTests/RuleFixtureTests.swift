import Foundation
import Testing

@testable import OrchgenKit

/// Every validation rule has a failing example under `Fixtures/rules/<rule-id>.txt` whose exact
/// text report is `Fixtures/rules/<rule-id>.expected`.
@Suite struct RuleFixtureTests {
  static let directory = Fixtures.directory.appendingPathComponent("rules")

  static var cases: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
  }

  @Test(arguments: cases)
  func fixtureReportsExactly(_ name: String) throws {
    let text = try String(contentsOf: Self.directory.appendingPathComponent("\(name).txt"), encoding: .utf8)
    let root = try FixtureProject(parsing: text).materialize()
    defer { try? FileManager.default.removeItem(at: root) }
    let compilation = Compiler.check(root: root)
    // Fixtures of other rules leave out task descriptions and success criteria for brevity.
    let shown = compilation.diagnostics.filter { !Self.briefRules.contains($0.rule) || name.hasPrefix("task-") }
    let report = TextReporter(useColor: false).report(shown, sources: compilation.project.sources)
    if let failure = Fixtures.compare(report, golden: Self.directory.appendingPathComponent("\(name).expected")) {
      Issue.record(Comment(rawValue: failure))
    }
    // A fixture named after a rule must trigger that rule, so it cannot pass by accident.
    if let rule = Rule(rawValue: name) {
      #expect(compilation.diagnostics.contains { $0.rule == rule }, "fixture '\(name)' does not trigger its rule")
    }
  }

  /// The warnings about a task's brief (`task-no-description`, `task-unverifiable`) are shown
  /// only in the fixtures named `task-…`: every other fixture would otherwise repeat them for
  /// each of its terse tasks. Their own fixtures show them with every other finding.
  static let briefRules: Set<Rule> = [.taskNoDescription, .taskUnverifiable]

  @Test func everyRuleHasAFailingFixture() {
    let present = Set(Self.cases)
    let missing = Rule.allCases.filter { !present.contains($0.rawValue) && !Self.coveredElsewhere.contains($0) }
    #expect(missing.isEmpty, "rules without a fixture: \(missing.map(\.rawValue))")
  }

  /// Rules about generated output are exercised by the build and drift tests, which need a
  /// previous build on disk rather than a static project.
  /// `orchgen audit`'s rules need a run: RunAuditTests and the audit test of
  /// RunnerConformanceTests give their exact diagnostics.
  /// `outside-project` needs a symlink, which the one-file format cannot hold: the
  /// `outside-link-*` cases of CorpusSpecialCases+Outside give its exact diagnostics.
  static let coveredElsewhere: Set<Rule> = [
    .outputStale, .outputMissing, .outputOrphaned, .outputNotOwned, .auditOutOfScope, .auditOrder, .auditBounds, .auditAgent,
    .outsideProject,
  ]
}
