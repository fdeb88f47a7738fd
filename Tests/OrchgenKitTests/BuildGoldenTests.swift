import Foundation
import Testing

@testable import OrchgenKit

/// `orchgen build`'s output for `Fixtures/build/feature.txt`, generated in memory (no process,
/// no writing) and compared file by file with the tree recorded under `Fixtures/build/expected/`.
/// Re-record with `ORCHGEN_RECORD=1 swift test --filter BuildGoldenTests`, then read the diff.
@Suite struct BuildGoldenTests {
  static let directory = Fixtures.directory.appendingPathComponent("build")
  static let expected = directory.appendingPathComponent("expected")

  /// The files the golden tree must hold, so that a file silently dropping out of the build
  /// (or a golden never recorded) fails loudly; every other generated file is compared too.
  static let required = [
    ".orchgen-manifest.json",
    "opencode/agents/coder.md",
    "opencode/agents/coordinator.md",
    "opencode/agents/discovery.md",
    "opencode/agents/feature-coordinator.md",
    "opencode/agents/fixer.md",
    "opencode/agents/reviewer.md",
    "opencode/agents/tester.md",
    "opencode/commands/feature.md",
    "schemas/checkpoint.schema.json",
    "schemas/discovery.schema.json",
    "workflows/feature/agent_tasks/agent-01.md",
    "workflows/feature/coordinator.md",
    "workflows/feature/master_plan.md",
    "workflows/feature/plan.json",
  ]

  /// Compiles the fixture project and returns the generated files and the check's findings.
  static func build() throws -> (files: [GeneratedFile], violations: [String], diagnostics: [Diagnostic]) {
    let text = try String(contentsOf: directory.appendingPathComponent("feature.txt"), encoding: .utf8)
    let root = try FixtureProject(parsing: text).materialize()
    defer { try? FileManager.default.removeItem(at: root) }
    let compilation = Compiler.check(root: root)
    let generated = Compiler.generate(compilation)
    return (generated.files, generated.violations, compilation.diagnostics)
  }

  /// Every file under `expected/`, relative, sorted.
  static func recordedPaths() -> [String] {
    let base = expected.standardizedFileURL.resolvingSymlinksInPath().path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
    var paths: [String] = []
    while let path = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
        paths.append(path)
      }
    }
    return paths.sorted()
  }

  @Test func fixtureChecksCleanAndPassesPreflight() throws {
    let build = try Self.build()
    let report = TextReporter(useColor: false).report(build.diagnostics, sources: [:])
    #expect(build.diagnostics.isEmpty, "the fixture project should check clean:\n\(report)")
    #expect(build.violations.isEmpty, "OpenCode pre-flight violations: \(build.violations)")
  }

  @Test func everyGeneratedFileMatchesItsGolden() throws {
    let build = try Self.build()
    var failures: [String] = []
    for file in build.files {
      if let failure = Fixtures.compare(file.contents, golden: Self.expected.appendingPathComponent(file.path)) {
        failures.append("\(file.path): \(failure)")
      }
    }
    // In record mode, drop goldens of files the build no longer generates.
    let generated = Set(build.files.map(\.path))
    if Fixtures.recording {
      for path in Self.recordedPaths() where !generated.contains(path) {
        try? FileManager.default.removeItem(at: Self.expected.appendingPathComponent(path))
      }
    }
    for failure in failures { Issue.record(Comment(rawValue: failure)) }
  }

  @Test func generatedFileListMatchesTheRecordedTree() throws {
    let build = try Self.build()
    let generated = build.files.map(\.path)
    #expect(generated == generated.sorted().filter { $0 != ManifestGenerator.path } + [ManifestGenerator.path],
      "files come sorted by path with the manifest last")
    guard !Fixtures.recording else { return }
    #expect(generated.sorted() == Self.recordedPaths(), "generated files differ from the recorded tree")
    for path in Self.required {
      #expect(generated.contains(path), "expected the build to generate \(path)")
    }
  }

  @Test func manifestListsEveryOtherFileWithItsHash() throws {
    let build = try Self.build()
    let manifest = try #require(build.files.first { $0.path == ManifestGenerator.path })
    let entries = try #require(ManifestGenerator.parse(manifest.contents))
    let others = build.files.filter { $0.path != ManifestGenerator.path }
    #expect(entries == Dictionary(uniqueKeysWithValues: others.map { ($0.path, $0.hash) }))
  }

  /// One task file per task of the expanded DAG, numbered without gaps.
  @Test func oneTaskFilePerExpandedTask() throws {
    let text = try String(contentsOf: Self.directory.appendingPathComponent("feature.txt"), encoding: .utf8)
    let root = try FixtureProject(parsing: text).materialize()
    defer { try? FileManager.default.removeItem(at: root) }
    let compilation = Compiler.check(root: root)
    let graph = try #require(compilation.graph(named: "feature"))
    let taskFiles = Compiler.generate(compilation).files.map(\.path)
      .filter { $0.hasPrefix("workflows/feature/agent_tasks/") }
    let numbers = (1...graph.tasks.count).map { String(format: "workflows/feature/agent_tasks/agent-%02d.md", $0) }
    #expect(taskFiles == numbers)
  }

  /// The coordinator agent may start exactly the workflow's agents, after a catch-all deny.
  @Test func coordinatorAgentTaskPermission() throws {
    let build = try Self.build()
    let file = try #require(build.files.first { $0.path == "opencode/agents/feature-coordinator.md" })
    let expected = """
      "task":
          "*": deny
          "discovery": allow
          "coder": allow
          "reviewer": allow
          "tester": allow
          "fixer": allow
      """
    #expect(file.contents.contains("  " + expected + "\n"), "permission.task:\n\(file.contents)")
    #expect(file.contents.contains("mode: primary\n"))
  }
}
