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

  static let packageManifest = readme.deletingLastPathComponent().appendingPathComponent("Package.swift")

  /// The install section: the Swift version Package.swift requires, libcmark for both systems
  /// as Package.swift's providers name it, root for apt-get, and the binary's way onto PATH.
  @Test func installSectionMatchesThePackage() throws {
    let text = try String(contentsOf: Self.readme, encoding: .utf8)
    let manifest = try String(contentsOf: Self.packageManifest, encoding: .utf8)
    let firstLine = try #require(manifest.split(separator: "\n").first)
    let version = try #require(firstLine.split(separator: ":").last).trimmingCharacters(in: .whitespaces)
    #expect(text.contains("Swift \(version) or later"), "README does not say Swift \(version)")
    #expect(text.contains("`swift-tools-version:\(version)`"))
    #expect(manifest.contains(".apt([\"libcmark-dev\"])") && text.contains("`sudo apt-get update && sudo apt-get install -y libcmark-dev pkg-config`"))
    #expect(manifest.contains(".brew([\"cmark\"])") && text.contains("`brew install cmark`"))
    #expect(text.contains("`apt-get` needs root"))
    let install = try #require(text.components(separatedBy: "### Installing `orchgen`").dropFirst().first)
    #expect(install.contains("swift build -c release\n"))
    #expect(install.contains(".build/release/orchgen /usr/local/bin/orchgen"))
    #expect(install.contains("orchgen --version\n"))
    // The install section comes after the two set-up commands, which stay first.
    #expect(text.range(of: "swift test\n")!.lowerBound < text.range(of: "### Installing `orchgen`")!.lowerBound)
  }

  @Test func statesTheHandOffRule() throws {
    let text = try String(contentsOf: Self.readme, encoding: .utf8)
    let quoted = text.split(separator: "\n").filter { $0.hasPrefix("> ") }.map { $0.dropFirst(2) }.joined(separator: " ")
    #expect(quoted.contains(HandoffConvention.rule), "README's hand-off rule differs from HandoffConvention.rule")
  }
}
