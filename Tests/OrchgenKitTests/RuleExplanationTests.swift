import Foundation
import Testing

@testable import OrchgenKit

/// `orchgen explain` and `docs/rules.md` come from the same explanations: one per rule, and the
/// committed document is exactly the generated one (`ORCHGEN_RECORD=1` regenerates it).
@Suite struct RuleExplanationTests {
  static let document = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/rules.md")

  @Test func everyRuleHasExactlyOneExplanation() {
    let rules = RuleExplanation.all.map(\.rule)
    #expect(rules.count == Set(rules).count, "a rule is explained twice")
    let missing = Rule.allCases.filter { !rules.contains($0) }
    #expect(missing.isEmpty, "rules without an explanation: \(missing.map(\.rawValue))")
  }

  @Test(arguments: Rule.allCases)
  func explanationIsComplete(_ rule: Rule) {
    let entry = RuleExplanation.for(rule)
    #expect(entry.rule == rule)
    #expect(entry.description.count > 60 && entry.description.hasSuffix("."), "\(rule.rawValue): description")
    #expect(!entry.example.isEmpty && !entry.example.hasSuffix("\n"), "\(rule.rawValue): example")
    #expect(!entry.fix.isEmpty && entry.fix.hasSuffix("."), "\(rule.rawValue): fix")
    #expect(!entry.description.contains("  ") && !entry.fix.contains("  "), "\(rule.rawValue): double space")
    let rendered = entry.rendered()
    #expect(rendered.hasPrefix("\(rule.rawValue) (\(rule.defaultSeverity.rawValue)): \(rule.summary)\n"))
    #expect(rendered.contains("Failing example") && rendered.contains("Fix: "))
  }

  @Test func outputRulesShowTheFixCommand() {
    for rule in [Rule.outputStale, .outputMissing, .outputOrphaned, .outputNotOwned] {
      #expect(RuleExplanation.for(rule).fix.contains("orchgen build"), "\(rule.rawValue)")
    }
  }

  @Test func committedRulesDocumentIsGenerated() {
    let generated = RuleExplanation.markdownDocument()
    if let failure = Fixtures.compare(generated, golden: Self.document) { Issue.record(Comment(rawValue: failure)) }
    for rule in Rule.allCases { #expect(generated.contains("\n### \(rule.rawValue)\n")) }
  }

  @Test func closestRuleSuggestsTheIntendedId() {
    #expect(RuleExplanation.closestRule(to: "write-conflit") == .writeConflict)
    #expect(RuleExplanation.closestRule(to: "Cycle") == .cycle)
    #expect(RuleExplanation.closestRule(to: "unconsumed") == .handoffUnconsumed)
    #expect(RuleExplanation.closestRule(to: "zzzzzz") == nil)
  }

  @Test func wrapKeepsLinesWithinTheWidth() {
    let text = String(repeating: "word ", count: 50)
    let wrapped = RuleExplanation.wrap(text, width: 40)
    #expect(wrapped.split(separator: "\n").allSatisfy { $0.count <= 40 })
    #expect(wrapped.replacingOccurrences(of: "\n", with: " ") == text.trimmingCharacters(in: .whitespaces))
  }
}
