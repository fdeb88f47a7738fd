import Foundation
import Testing

@testable import OrchgenKit

/// `orchgen build`'s output for the fixture projects under `Fixtures/build/`, generated in
/// memory (no process, no writing) and compared file by file with the trees recorded there:
/// `feature.txt` (the default target, OpenCode) under `expected/`, `targets.txt` (OpenCode,
/// Claude Code, AGENTS.md and GitHub Actions, Claude Code runner) under `expected-targets/`.
/// Re-record with `ORCHGEN_RECORD=1 swift test --filter BuildGoldenTests`, then read the diff.
@Suite struct BuildGoldenTests {
  static let directory = Fixtures.directory.appendingPathComponent("build")
  static let expected = directory.appendingPathComponent("expected")

  /// The fixture projects, by name (the `.txt` file's stem).
  static let fixtures = ["feature", "targets"]

  /// Where a fixture's tree is recorded.
  static func expected(_ fixture: String) -> URL {
    fixture == "feature" ? expected : directory.appendingPathComponent("expected-\(fixture)")
  }

  /// The files each golden tree must hold, so that a file silently dropping out of the build
  /// (or a golden never recorded) fails loudly; every other generated file is compared too.
  static let required: [String: [String]] = [
    "feature": [
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
      "workflows/feature/run.mk",
      "workflows/feature/run.ps1",
    ],
    "targets": [
      "AGENTS.md",
      "claude/agents/analyst.md",
      "claude/agents/coder.md",
      "claude/agents/coordinator.md",
      "claude/agents/fixer.md",
      "claude/agents/release-coordinator.md",
      "claude/agents/reviewer.md",
      "claude/commands/release.md",
      "github/orchgen_job.py",
      "github/workflows/release.yml",
      "opencode/agents/coder.md",
      "opencode/agents/release-coordinator.md",
      "opencode/commands/release.md",
      "workflows/release/run.mk",
      "workflows/release/run.ps1",
    ],
  ]

  /// Compiles a fixture project and returns the generated files and the check's findings.
  static func build(_ fixture: String = "feature") throws -> (files: [GeneratedFile], violations: [String], diagnostics: [Diagnostic]) {
    let text = try String(contentsOf: directory.appendingPathComponent("\(fixture).txt"), encoding: .utf8)
    let root = try FixtureProject(parsing: text).materialize()
    defer { try? FileManager.default.removeItem(at: root) }
    let compilation = Compiler.check(root: root)
    let generated = Compiler.generate(compilation)
    return (generated.files, generated.violations, compilation.diagnostics)
  }

  /// Every file under a fixture's recorded tree, relative, sorted.
  static func recordedPaths(_ fixture: String = "feature") -> [String] {
    let base = expected(fixture).standardizedFileURL.resolvingSymlinksInPath().path
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

  @Test(arguments: fixtures)
  func fixtureChecksCleanAndPassesPreflight(_ fixture: String) throws {
    let build = try Self.build(fixture)
    let report = TextReporter(useColor: false).report(build.diagnostics, sources: [:])
    #expect(build.diagnostics.isEmpty, "the fixture project should check clean:\n\(report)")
    #expect(build.violations.isEmpty, "pre-flight violations: \(build.violations)")
  }

  @Test(arguments: fixtures)
  func everyGeneratedFileMatchesItsGolden(_ fixture: String) throws {
    let build = try Self.build(fixture)
    var failures: [String] = []
    for file in build.files {
      if let failure = Fixtures.compare(file.contents, golden: Self.expected(fixture).appendingPathComponent(file.path)) {
        failures.append("\(file.path): \(failure)")
      }
    }
    // In record mode, drop goldens of files the build no longer generates.
    let generated = Set(build.files.map(\.path))
    if Fixtures.recording {
      for path in Self.recordedPaths(fixture) where !generated.contains(path) {
        try? FileManager.default.removeItem(at: Self.expected(fixture).appendingPathComponent(path))
      }
    }
    for failure in failures { Issue.record(Comment(rawValue: failure)) }
  }

  @Test(arguments: fixtures)
  func generatedFileListMatchesTheRecordedTree(_ fixture: String) throws {
    let build = try Self.build(fixture)
    let generated = build.files.map(\.path)
    #expect(generated == generated.sorted().filter { $0 != ManifestGenerator.path } + [ManifestGenerator.path],
      "files come sorted by path with the manifest last")
    guard !Fixtures.recording else { return }
    #expect(generated.sorted() == Self.recordedPaths(fixture), "generated files differ from the recorded tree")
    for path in Self.required[fixture] ?? [] {
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
