import Foundation
import Testing

@testable import OrchgenKit

@Suite struct InstructionResolverTests {
  /// A project with `agents` declared in config/agents.yaml (agent i on line i + 2, column 3)
  /// and the given markdown files.
  func project(
    _ files: [String: String], agents: [String] = ["coder"], explicit: [String: String] = [:],
    known: Set<String> = []
  ) -> Project {
    var project = Project()
    project.agentsFile = "config/agents.yaml"
    for (index, id) in agents.enumerated() {
      let location = SourceLocation(file: "config/agents.yaml", line: index + 2, column: 3)
      let path = explicit[id] ?? "content/instructions/\(id).md"
      project.agents.append(
        AgentDefinition(
          id: Located(id, at: location), instructions: Located(path, at: location),
          instructionsExplicit: explicit[id] != nil))
    }
    for (path, text) in files {
      let file = SourceFile(path: path, text: text)
      project.sources[path] = file
      project.markdownFiles[path] = file
    }
    project.knownPaths = known
    return project
  }

  func run(_ project: Project) -> ([String: Instructions], [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    return (InstructionResolver.resolve(project, diagnostics: &diagnostics), diagnostics.sorted())
  }

  /// Each finding as `file:line:column-endColumn [rule] message`, so expectations are exact.
  func findings(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map {
      let at = $0.location.map { "\($0.file):\($0.line):\($0.column)-\($0.endColumn)" } ?? "-"
      return "\(at) [\($0.rule.rawValue)] \($0.message)"
    }
  }

  @Test func includeMissingSuggestsClosestPath() {
    let (_, diagnostics) = run(
      project([
        "content/instructions/coder.md": "# Coder\n\n<!-- include: partials/convention.md -->\n",
        "content/partials/conventions.md": "Be kind.\n",
      ]))
    #expect(
      findings(diagnostics) == [
        "content/instructions/coder.md:3:15-37 [include-missing] included file 'partials/convention.md' does not exist in content/"
      ])
    #expect(diagnostics.first?.help == "did you mean 'partials/conventions.md'?")
  }

  @Test func unsafeIncludePathsMustStayInsideContent() {
    let (result, diagnostics) = run(
      project([
        "content/instructions/coder.md": "<!-- include: ../config/agents.yaml -->\n  <!-- include: /etc/passwd -->\n"
      ]))
    #expect(
      findings(diagnostics) == [
        "content/instructions/coder.md:1:15-36 [include-missing] include path '../config/agents.yaml' must stay inside content/",
        "content/instructions/coder.md:2:17-28 [include-missing] include path '/etc/passwd' must stay inside content/",
      ])
    // Unresolvable directives stay as written.
    #expect(result["coder"]?.body == "<!-- include: ../config/agents.yaml -->\n  <!-- include: /etc/passwd -->\n")
  }

  @Test func includeCycleIsReportedOnceWithTheChain() {
    let (result, diagnostics) = run(
      project([
        "content/instructions/coder.md": "# Coder\n<!-- include: partials/a.md -->\n",
        "content/partials/a.md": "A\n<!-- include: partials/b.md -->\n",
        "content/partials/b.md": "<!-- include: partials/a.md -->\nB\n",
      ]))
    #expect(
      findings(diagnostics) == [
        "content/partials/b.md:1:15-28 [include-cycle] include cycle: partials/a.md → partials/b.md → partials/a.md"
      ])
    #expect(
      diagnostics.first?.notes == [
        .init(
          "'partials/a.md' includes 'partials/b.md' here",
          at: SourceLocation(file: "content/partials/a.md", line: 2, column: 15, endColumn: 28)),
        .init(
          "'partials/b.md' includes 'partials/a.md' here",
          at: SourceLocation(file: "content/partials/b.md", line: 1, column: 15, endColumn: 28)),
      ])
    #expect(result["coder"]?.body == "# Coder\nA\n<!-- include: partials/a.md -->\nB\n")
  }

  @Test func nestedIncludesAreResolvedInsideTheirContainers() {
    let (result, diagnostics) = run(
      project([
        "content/instructions/coder.md":
          "# Coder\n\nIntro.\n\n<!-- include: partials/a.md -->\n\n> <!-- include: partials/q.md -->\n\nEnd.",
        "content/partials/a.md": "## A\n<!-- include: ./partials/b.md -->\n",
        "content/partials/b.md": "B text\n\n\n",
        "content/partials/q.md": "one\n\ntwo\n",
      ]))
    #expect(diagnostics.isEmpty)
    #expect(result["coder"]?.body == "# Coder\n\nIntro.\n\n## A\nB text\n\n> one\n>\n> two\n\nEnd.")
  }

  @Test func titleSummaryAndChecklistComeFromTheResolvedBody() {
    let (result, diagnostics) = run(
      project([
        "content/instructions/coder.md":
          "<!-- include: partials/header.md -->\n\n## Checklist\n\n- [ ] Tests pass\n- [x] Docs *updated*\n",
        "content/partials/header.md": "# Coder\n\nWrites the\ncode.\n",
      ]))
    #expect(diagnostics.isEmpty)
    #expect(
      result["coder"]
        == Instructions(
          path: "content/instructions/coder.md",
          body: "# Coder\n\nWrites the\ncode.\n\n## Checklist\n\n- [ ] Tests pass\n- [x] Docs *updated*\n",
          title: "Coder", summary: "Writes the code.", checklist: ["Tests pass", "Docs updated"]))
  }

  @Test func unknownMentionSuggestsAnAgentOrDefiningOne() {
    let (_, diagnostics) = run(
      project(
        [
          "content/instructions/coder.md": "Ask @reviewr for review.\n\nThen tell @ghost.\n",
          "content/instructions/reviewer.md": "Reviews what @coder wrote.\n",
        ], agents: ["coder", "reviewer"]))
    #expect(
      findings(diagnostics) == [
        "content/instructions/coder.md:1:5-13 [unknown-mention] '@reviewr' does not name a defined agent",
        "content/instructions/coder.md:3:11-17 [unknown-mention] '@ghost' does not name a defined agent",
      ])
    #expect(diagnostics.map(\.help) == ["did you mean '@reviewer'?", "define agent 'ghost' in config/agents.yaml"])
  }

  @Test func mentionsInCodeAndEmailAddressesAreIgnored() {
    let (_, diagnostics) = run(
      project([
        "content/instructions/coder.md":
          "Use `@ghost` or mail ops@example.com.\n\n```\n@ghost\n```\n\n<div>@ghost</div>\n"
      ]))
    #expect(diagnostics.isEmpty)
  }

  @Test func diagnosticsInASharedPartialAreReportedOnceAtThePartial() {
    let (_, diagnostics) = run(
      project(
        [
          "content/instructions/coder.md": "<!-- include: partials/shared.md -->\n",
          "content/instructions/tester.md": "<!-- include: partials/shared.md -->\n",
          "content/partials/shared.md": "Hand over to\n@ghost.\n",
        ], agents: ["coder", "tester"]))
    #expect(
      findings(diagnostics) == [
        "content/partials/shared.md:2:1-7 [unknown-mention] '@ghost' does not name a defined agent"
      ])
  }

  @Test func brokenLinksAreReportedWithTheResolvedTarget() {
    let (_, diagnostics) = run(
      project(
        ["content/instructions/coder.md": "See [the guide](../../docs/guid.md)\nand ![logo](../../../logo.png).\n"],
        known: ["docs", "docs/guide.md"]))
    #expect(
      findings(diagnostics) == [
        "content/instructions/coder.md:1:5-36 [broken-link] link '../../docs/guid.md' points to 'docs/guid.md', which does not exist",
        "content/instructions/coder.md:2:5-31 [broken-link] image '../../../logo.png' points outside the project",
      ])
    #expect(diagnostics.first?.help == "did you mean '../../docs/guide.md'?")
  }

  @Test func goodLinksPass() {
    let (_, diagnostics) = run(
      project(
        [
          "content/instructions/coder.md":
            "[guide](../../docs/guide.md#setup) [docs](../../docs/) [partial](../partials/a.md)\n"
            + "[root](../..) [web](https://example.com/x.md) [top](#top) ![img](../../docs/a%20b.png)\n",
          "content/partials/a.md": "A\n",
        ], known: ["docs", "docs/guide.md", "docs/a b.png"]))
    #expect(diagnostics.isEmpty)
  }

  @Test func missingInstructionsNameTheAgentAndPath() {
    let (result, diagnostics) = run(
      project(
        ["content/instructions/coder.md": "# Coder\n"], agents: ["coder", "tester", "planner"],
        explicit: ["planner": "../outside.md"]))
    #expect(
      findings(diagnostics) == [
        "config/agents.yaml:3:3-4 [missing-instructions] instruction file 'content/instructions/tester.md' of agent 'tester' does not exist",
        "config/agents.yaml:4:3-4 [missing-instructions] instruction file '../outside.md' of agent 'planner' does not exist",
      ])
    #expect(
      diagnostics.map(\.help) == [
        "create 'content/instructions/tester.md', or set 'instructions:' for agent 'tester' in config/agents.yaml",
        "'instructions:' must be a relative path inside the project, such as 'content/instructions/planner.md'",
      ])
    #expect(result.keys.sorted() == ["coder"])
  }

  @Test func deepIncludeChainsStopAtTheDepthLimit() {
    var files = ["content/instructions/coder.md": "<!-- include: partials/p0.md -->\n"]
    for index in 0..<40 { files["content/partials/p\(index).md"] = "<!-- include: partials/p\(index + 1).md -->\n" }
    files["content/partials/p40.md"] = "bottom\n"
    let (result, diagnostics) = run(project(files))
    #expect(
      findings(diagnostics) == [
        "content/partials/p31.md:1:15-30 [limit-exceeded] includes nest more than 32 levels deep here"
      ])
    #expect(result["coder"]?.body == "<!-- include: partials/p32.md -->\n")
  }

  @Test func exponentialIncludesStopAtTheBudget() {
    var files = ["content/instructions/coder.md": "<!-- include: partials/d0.md -->\n"]
    for index in 0..<30 {
      files["content/partials/d\(index).md"] =
        "<!-- include: partials/d\(index + 1).md -->\n<!-- include: partials/d\(index + 1).md -->\n"
    }
    files["content/partials/d30.md"] = "leaf\n"
    let (_, diagnostics) = run(project(files))
    #expect(
      findings(diagnostics) == [
        "content/instructions/coder.md:1:1-2 [limit-exceeded] 'content/instructions/coder.md' grows past 8 MiB or 100000 includes once includes are resolved"
      ])
  }

  @Test func loaderRecordsProjectPathsButSkipsGeneratedAndHiddenTrees() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-known-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for directory in ["docs/deep", ".git/objects", "output/x", "node_modules/pkg", "content/output"] {
      try FileManager.default.createDirectory(
        at: root.appendingPathComponent(directory), withIntermediateDirectories: true)
    }
    for file in ["docs/deep/a.md", ".git/HEAD", "output/x/y", "node_modules/pkg/z", ".env", "content/output/k"] {
      try Data("x".utf8).write(to: root.appendingPathComponent(file))
    }
    try FileManager.default.createSymbolicLink(
      at: root.appendingPathComponent("docs/loop"), withDestinationURL: root.appendingPathComponent("docs"))
    try FileManager.default.createSymbolicLink(
      at: root.appendingPathComponent("docs/dangling"), withDestinationURL: root.appendingPathComponent("nowhere"))
    let (paths, truncated) = ProjectLoader.listProjectPaths(root: root, limit: 100)
    #expect(
      paths == [
        ".env", "content", "content/output", "content/output/k", "docs", "docs/deep", "docs/deep/a.md", "docs/loop",
      ])
    #expect(!truncated)
    #expect(ProjectLoader.listProjectPaths(root: root, limit: 3).truncated)
  }

  @Test func orphanInstructionsAreWarnings() {
    let (_, diagnostics) = run(
      project([
        "content/instructions/coder.md": "<!-- include: instructions/shared.md -->\n",
        "content/instructions/shared.md": "Shared.\n",
        "content/instructions/old/legacy.md": "Old.\n",
        "content/partials/unused.md": "Unused partials are fine.\n",
      ]))
    #expect(
      findings(diagnostics) == [
        "content/instructions/old/legacy.md:1:1-2 [orphan-instructions] 'content/instructions/old/legacy.md' is the instruction file of no agent"
      ])
    #expect(diagnostics.first?.severity == .warning)
    #expect(diagnostics.first?.help == "define an agent 'legacy' or delete the file")
  }
}
