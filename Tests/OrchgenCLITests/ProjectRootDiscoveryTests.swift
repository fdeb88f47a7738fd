import Foundation
import Testing

/// Without `--root`, orchgen finds the project upward from the current directory, as git finds
/// its repository: `cd config && orchgen check` checks the project, and `build` writes its
/// `output/`, not one inside `config/`.
@Suite struct ProjectRootDiscoveryTests {
  static let files: [String: String] = [
    "config/agents.yaml": """
      agents:
        coordinator: { description: Runs the workflow, mode: primary }
        coder: { description: Writes code }

      """,
    "content/instructions/coordinator.md": "# Coordinator\n",
    "content/instructions/coder.md": "# Coder\n",
    "config/workflows/feature.yaml": "description: A feature\ntasks:\n  code: { agent: coder, description: Write the code, success: [It compiles] }\n",
  ]

  @Test func commandsRunFromASubdirectoryFindTheProject() throws {
    let project = try TemporaryProject(Self.files)
    defer { project.remove() }
    let config = project.root.appendingPathComponent("config/workflows")
    let build = try OrchgenProcess.run(["build"], in: config)
    #expect(build.status == 0, "\(build)")
    #expect(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("output/.orchgen-manifest.json").path))
    #expect(!FileManager.default.fileExists(atPath: config.appendingPathComponent("output").path))
    let check = try OrchgenProcess.run(["check"], in: project.root.appendingPathComponent("content/instructions"))
    #expect(check.status == 0 && check.stderr.contains("no problems found"), "\(check)")
    let plan = try OrchgenProcess.run(["plan", "feature"], in: config)
    #expect(plan.status == 0 && plan.stdout.contains("Plan for workflow 'feature'"), "\(plan)")

    // A finding found from a subdirectory names the file from the project root.
    try project.write("config/workflows/feature.yaml", "description: A feature\ntasks:\n  code: { agent: codr, description: Write the code, success: [It compiles] }\n")
    let broken = try OrchgenProcess.run(["check", "--no-drift", "--format", "gnu"], in: config)
    #expect(broken.status == 1, "\(broken)")
    #expect(broken.stdout.hasPrefix("config/workflows/feature.yaml:3:18: error: task 'code' names unknown agent 'codr'"), "\(broken)")
  }

  @Test func outsideAnyProjectTheCurrentDirectoryIsUsedAsBefore() throws {
    let empty = try TemporaryProject(["notes.txt": "not a project\n"])
    defer { empty.remove() }
    let check = try OrchgenProcess.run(["check"], in: empty.root)
    #expect(check.status == 1 && check.stderr.contains("orchgen init"), "\(check)")
  }
}

extension ProjectRootDiscoveryTests {
  /// A build that writes ends with how the output reaches each enabled tool, once; a build with
  /// nothing to write says only that.
  @Test func aBuildThatWritesSaysWhatToDoNext() throws {
    var files = Self.files
    files["config/orchgen.yaml"] = "targets: [opencode, claude]\n"
    let project = try TemporaryProject(files)
    defer { project.remove() }
    let build = try OrchgenProcess.run(["build", "--root", project.root.path])
    #expect(build.status == 0, "\(build)")
    #expect(build.stderr.contains("\nnext: OpenCode: OPENCODE_CONFIG_DIR=output/opencode opencode, then /feature <request>\n"), "\(build)")
    #expect(build.stderr.contains("Claude Code: mkdir -p .claude && cp -r output/claude/agents output/claude/commands .claude/, then claude --agent feature-coordinator\n"), "\(build)")
    #expect(!build.stderr.contains("AGENTS.md"), "agents-md is not a target here")
    let again = try OrchgenProcess.run(["build", "--root", project.root.path])
    #expect(again.status == 0 && !again.stderr.contains("next:"), "\(again)")
  }
}
