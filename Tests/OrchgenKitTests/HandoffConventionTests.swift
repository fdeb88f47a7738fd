import Foundation
import Testing

@testable import OrchgenKit

/// One hand-off convention, stated the same way everywhere (issue 14): artifacts travel in the
/// producer's result, which orchgen records under `.orchestrator/results/`. Checked on every
/// file a build of this repository and of the starter project generates, the starter project's
/// own files and this repository's `content/`.
@Suite struct HandoffConventionTests {
  static let repositoryRoot = Fixtures.directory
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Wordings of the conventions this one replaced; none may survive anywhere.
  static let contradictions = [
    ".orchestrator/artifacts",
    "hand it off in your result (or the path it names)",
    "is handed off\n",
    ".orchestrator/discovery.json",
    "write the ones you\n  produce there",
    "The only files you write there are the artifacts",
  ]

  /// Line breaks and indentation differ between markdown files and Swift strings.
  static func normalized(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
  }

  /// path → text of everything to check, prefixed by where it came from.
  static func corpus() throws -> [String: String] {
    var texts: [String: String] = [:]
    let repository = Compiler.check(root: repositoryRoot)
    for file in Compiler.generate(repository).files { texts["output/" + file.path] = file.contents }
    let content = repositoryRoot.appendingPathComponent("content")
    for path in FileManager.default.subpaths(atPath: content.path) ?? [] where path.hasSuffix(".md") {
      texts["content/" + path] = try String(contentsOf: content.appendingPathComponent(path), encoding: .utf8)
    }
    let scaffold = ProjectScaffold.files(targets: BuildTarget.allCases)
    for file in scaffold { texts["init/" + file.path] = file.contents }
    let starter = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-handoff-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: starter) }
    for file in scaffold {
      let url = starter.appendingPathComponent(file.path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(file.contents.utf8).write(to: url)
    }
    for file in Compiler.generate(Compiler.check(root: starter)).files { texts["init-output/" + file.path] = file.contents }
    return texts
  }

  @Test func noFileStatesAnotherConvention() throws {
    let corpus = try Self.corpus()
    #expect(corpus.keys.contains { $0.hasPrefix("init-output/workflows/feature/agent_tasks/") })
    for (path, text) in corpus.sorted(by: { $0.key < $1.key }) {
      for wording in Self.contradictions {
        #expect(!text.contains(wording), "\(path) says '\(wording)'")
      }
    }
  }

  @Test func everyPlaceThatExplainsHandOffsUsesTheSameWords() throws {
    let corpus = try Self.corpus()
    let rule = Self.normalized(HandoffConvention.rule)
    var places: [String] = [
      "content/partials/handoff.md", "init/content/partials/conventions.md", "output/AGENTS.md", "init-output/AGENTS.md",
    ]
    places += corpus.keys.filter { $0.hasSuffix("/coordinator.md") && $0.contains("workflows/") }
    places += corpus.keys.filter { $0.contains("/agents/") && $0.hasSuffix("-coordinator.md") }
    // Task files of tasks that produce or consume an artifact.
    let taskFiles = corpus.filter { $0.key.contains("/agent_tasks/") && $0.value.contains("- Artifact `") }
    #expect(taskFiles.count >= 20)
    places += taskFiles.keys
    for place in places.sorted() {
      let text = try #require(corpus[place], "\(place) was not generated")
      #expect(Self.normalized(text).contains(rule), "\(place) does not state the hand-off rule")
    }
  }

  @Test func taskFilesNameTheSectionAndTheResultFile() throws {
    let corpus = try Self.corpus()
    let plan = try #require(corpus["init-output/workflows/feature/agent_tasks/agent-01.md"])
    #expect(plan.contains("- Artifact `plan.md`: a `### plan.md` section under `## Outputs` in your result.\n"))
    #expect(plan.contains("## Outputs\n### plan.md\nIts content.\n"))
    let consumer = try #require(corpus["init-output/workflows/feature/agent_tasks/agent-02.md"])
    #expect(
      consumer.contains(
        "- Artifact `plan.md` from Agent-01 (`plan`): the `### plan.md` section of `.orchestrator/results/agent-01-result.md`\n"))
  }
}
