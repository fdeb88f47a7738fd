import Foundation
import Testing

@testable import OrchgenKit

/// The project `orchgen init` writes is clean: no finding at all, every YAML file points at
/// its schema (and validates against it), every agent has instructions with a checklist.
@Suite struct ProjectScaffoldTests {
  static func materialize() throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-scaffold-\(UUID().uuidString)")
    for file in ProjectScaffold.files() {
      let url = root.appendingPathComponent(file.path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(file.contents.utf8).write(to: url)
    }
    return root
  }

  @Test func checksWithoutAnyFindingAndGenerates() throws {
    let root = try Self.materialize()
    defer { try? FileManager.default.removeItem(at: root) }
    let compilation = Compiler.check(root: root)
    let report = TextReporter().report(compilation.diagnostics, sources: compilation.project.sources)
    #expect(compilation.diagnostics.isEmpty, "\(report)")
    #expect(compilation.project.agents.count == 5)
    #expect(compilation.graphs.count == 1)
    let generated = Compiler.generate(compilation)
    #expect(generated.violations.isEmpty)
    #expect(!generated.files.isEmpty)
  }

  @Test func filesAreUniqueSortedAndRelative() {
    let paths = ProjectScaffold.files().map(\.path)
    #expect(paths == paths.sorted())
    #expect(Set(paths).count == paths.count)
    #expect(paths.allSatisfy { !$0.hasPrefix("/") && !$0.contains("..") })
    #expect(paths.contains("config/agents.yaml") && paths.contains("config/orchgen.yaml"))
  }

  @Test func yamlFilesStartWithTheirSchemaModeline() throws {
    for file in ProjectScaffold.files() where file.path.hasSuffix(".yaml") {
      let modeline = try #require(ConfigSchema.modeline(forConfigFile: file.path))
      #expect(file.contents.hasPrefix(modeline + "\n"), "\(file.path)")
    }
    #expect(ConfigSchema.modeline(forConfigFile: "config/workflows/feature.yaml")
      == "# yaml-language-server: $schema=../../schemas/workflow.schema.json")
  }

  @Test func schemasAreCopiedAndInstructionsHaveAChecklist() {
    let files = Dictionary(uniqueKeysWithValues: ProjectScaffold.files().map { ($0.path, $0.contents) })
    for schema in ConfigSchema.allCases { #expect(files[schema.path] == schema.text) }
    let instructions = files.filter { $0.key.hasPrefix("content/instructions/") }
    #expect(instructions.count == 5)
    for (path, text) in instructions { #expect(text.contains("\n## Checklist\n"), "\(path)") }
  }

  @Test(.enabled(if: SchemaValidator.isAvailable, Comment(rawValue: SchemaValidator.unavailableReason)))
  func yamlFilesValidateAgainstTheirSchemas() throws {
    let root = try Self.materialize()
    defer { try? FileManager.default.removeItem(at: root) }
    for file in ProjectScaffold.files() where file.path.hasSuffix(".yaml") {
      let schema = try #require(ConfigSchema.schema(forConfigFile: file.path))
      let failure = SchemaValidator.validate(
        [root.appendingPathComponent(file.path)], against: root.appendingPathComponent(schema.path))
      #expect(failure == nil, "\(failure ?? "")")
    }
  }

  /// Every workflow's coordinator prompt starts with these instructions, and a workflow may use
  /// none of the starter agents: they name no agent, neither as `@mention` nor as a word.
  @Test func coordinatorInstructionsNameNoAgent() throws {
    let files = Dictionary(uniqueKeysWithValues: ProjectScaffold.files().map { ($0.path, $0.contents) })
    let text = try #require(files["content/instructions/coordinator.md"])
    #expect(!text.contains("@"), "\(text)")
    let words = Set(text.lowercased().split { !$0.isLetter && $0 != "-" }.map(String.init))
    for agent in ["coordinator", "planner", "coder", "tester", "reviewer"] where agent != "coordinator" {
      #expect(!words.contains(agent), "the coordinator's instructions name '\(agent)'")
    }
    // What they do say: the plan that follows is the workflow's, and only its agents start.
    #expect(text.contains("Start only the agents that plan names"))
  }

  /// Any choice of targets gives a project that checks clean and builds for exactly those.
  @Test(arguments: [[BuildTarget.opencode], [.claude], [.agentsMarkdown], [.claude, .opencode, .agentsMarkdown]])
  func everyTargetChoiceChecksClean(targets: [BuildTarget]) throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-scaffold-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    for file in ProjectScaffold.files(targets: targets) {
      let url = root.appendingPathComponent(file.path)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(file.contents.utf8).write(to: url)
    }
    let compilation = Compiler.check(root: root)
    let report = TextReporter().report(compilation.diagnostics, sources: compilation.project.sources)
    #expect(compilation.diagnostics.isEmpty, "\(report)")
    #expect(compilation.project.settings.targets == targets)
    let generated = Compiler.generate(compilation)
    #expect(generated.violations.isEmpty)
    // No starter task decides a flag, so no generated file shows another project's flag as
    // the example of a `## Decisions` line (issue 14).
    for file in generated.files where file.path.hasSuffix(".md") {
      #expect(!file.contents.contains("## Decisions"), "\(file.path) shows a Decisions example")
    }
  }
}
