import Foundation
import Testing

@testable import OrchgenKit

/// The README is the reference users read: every rule must be listed there with its summary.
@Suite struct ReadmeTests {
  static let readme = Fixtures.directory
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("README.md")

  @Test func listsEveryRuleWithItsSummary() throws {
    let text = try String(contentsOf: Self.readme, encoding: .utf8)
    let missing = Rule.allCases.filter { !text.contains("- `\($0.rawValue)` — \($0.summary)") }
    #expect(missing.isEmpty, "rules missing from README.md: \(missing.map(\.rawValue))")
  }

  @Test func startsWithTheTwoSetUpCommands() throws {
    let text = try String(contentsOf: Self.readme, encoding: .utf8)
    let blocks = text.components(separatedBy: "```\n").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    #expect(blocks.first?.contains("apt-get install -y libcmark-dev pkg-config && swift run orchgen build") == true)
    #expect(blocks.dropFirst().first == "swift test\n")
  }
}
