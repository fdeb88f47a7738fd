import Foundation
import Testing

@testable import OrchgenKit

/// What the runners must do with the real CLIs' rules (`client-behaviour.md`), with the fake CLI
/// of `RunnerTests`, which resolves agents and reports rejections the way OpenCode and Claude
/// Code do: a fallback to another agent or a rejected permission fails the task loudly, stdin is
/// the prompt file and nothing else, and the permission flags come from `runner_ask`.
@Suite(.enabled(if: GNUMake.path != nil, "make is not installed: the runner tests need GNU make"))
struct RunnerConformanceTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Two tasks: discover, then code.
  static func files(_ settings: String) -> [String: String] {
    var files = RunnerTests.files
    files["config/orchgen.yaml"] = settings
    files["config/workflows/feature.yaml"] = """
      description: A feature
      tasks:
        discover: { agent: discovery, decides: [schema_needed] }
        code: { agent: coder, needs: [discover], writes: ["src/**"] }

      """
    files["config/agents.yaml"] = """
      agents:
        coordinator: { description: Runs the workflow, mode: primary }
        discovery: { description: Maps the request }
        coder: { description: Writes code }

      """
    files["content/instructions/tester.md"] = nil
    files["content/instructions/fixer.md"] = nil
    return files
  }

  static func text(_ project: TemporaryProject, _ path: String) -> String {
    (try? String(contentsOf: project.root.appendingPathComponent(path), encoding: .utf8)) ?? ""
  }

  @Test func anOpenCodeFallbackToTheDefaultAgentFailsTheTask() throws {
    let project = try TemporaryProject(Self.files("defaults: { max_concurrent: 2 }\n"))
    defer { project.remove() }
    #expect(try OrchgenProcess.run(["build", "--root", project.root.path]).status == 0)
    // The output as orchgen wrote it before: a worker in subagent mode, which `opencode run` refuses.
    let coder = "output/opencode/agents/coder.md"
    try project.write(coder, Self.text(project, coder).replacingOccurrences(of: "mode: all", with: "mode: subagent"))
    let result = try RunnerTests.runMake("output/workflows/feature/run.mk", jobs: 2, in: project, cli: "opencode")
    #expect(result.status != 0, "make should fail:\n\(result.output)")
    let code = Self.text(project, ".orchestrator/results/agent-02-result.md")
    #expect(code.contains("Status: failed"), "\(code)")
    #expect(code.contains("the CLI did not run agent coder"), "\(code)")
    #expect(code.contains("is a subagent, not a primary agent. Falling back to default agent"), "\(code)")
    #expect(result.output.contains("Agent-02 code: the CLI did not run agent coder"), "\(result.output)")
    #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent(".orchestrator/final_output.md").path))
  }

  /// The runners start every task's agent (plan.json lists them) with `opencode run --agent`.
  @Test func everyAgentTheRepositorysRunnersStartIsStartableByOpencodeRun() throws {
    let workflows = Self.repository.appendingPathComponent("output/workflows")
    var checked = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: workflows.path).sorted() {
      let makefile = try String(contentsOf: workflows.appendingPathComponent("\(name)/run.mk"), encoding: .utf8)
      #expect(makefile.contains("ORCHGEN_RUNNER := opencode"), "\(name): the repository's runner is opencode")
      let data = try Data(contentsOf: workflows.appendingPathComponent("\(name)/plan.json"))
      let plan = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      for task in plan["tasks"] as? [[String: Any]] ?? [] {
        let agent = try #require(task["agent"] as? String)
        let file = Self.repository.appendingPathComponent("output/opencode/agents/\(agent).md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let mode = text.split(separator: "\n").first { $0.hasPrefix("mode: ") }.map { String($0.dropFirst(6)) } ?? "all"
        #expect(["all", "primary"].contains(mode), "\(name): opencode run --agent \(agent) would fall back (mode \(mode))")
        checked += 1
      }
    }
    #expect(checked > 30)
  }

  @Test func everyGeneratedOpenCodeFilePassesTheV1Rules() throws {
    let root = Self.repository.appendingPathComponent("output")
    var files: [GeneratedFile] = []
    for folder in ["opencode/agents", "opencode/commands"] {
      for name in try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path).sorted() {
        let text = try String(contentsOf: root.appendingPathComponent("\(folder)/\(name)"), encoding: .utf8)
        files.append(GeneratedFile(path: "\(folder)/\(name)", contents: text))
      }
    }
    #expect(files.count > 40)
    #expect(OpenCodePreflight.violations(in: files).isEmpty, "\(OpenCodePreflight.violations(in: files))")
  }

  @Test func theDefaultRejectsPromptsAndARejectionFailsTheTask() throws {
    let result = try RunnerTests.runWorkflow(
      Self.files("defaults: { max_concurrent: 2 }\n"), environment: ["FAKE_REJECT": "discover"])
    defer { result.project.remove() }
    #expect(result.status != 0, "make should fail:\n\(result.output)")
    let arguments = Self.text(result.project, "fake/args")
    #expect(arguments == "discover file run --agent discovery\n", "no --auto by default:\n\(arguments)")
    let discover = Self.text(result.project, ".orchestrator/results/agent-01-result.md")
    #expect(discover.contains("Status: failed"), "\(discover)")
    #expect(discover.contains("a permission was rejected (runner_ask is reject)"), "\(discover)")
    #expect(discover.contains("permission requested: edit (src/a.ts); auto-rejecting"), "\(discover)")
    #expect(Self.text(result.project, ".orchestrator/task-status.md").contains("Run failed: task discover (Agent-01) failed after 1 attempt(s)"))
    #expect(!result.runs.contains { $0.task == "code" }, "a dependent of a failed task must not start")
  }

  @Test func aClaudePermissionDenialFailsTheTask() throws {
    let result = try RunnerTests.runWorkflow(
      Self.files("defaults: { max_concurrent: 2 }\ntargets: [claude]\nrunner: claude\n"), cli: "claude",
      environment: ["FAKE_REJECT": "discover"], claudeAgents: true)
    defer { result.project.remove() }
    #expect(result.status != 0, "make should fail:\n\(result.output)")
    let arguments = Self.text(result.project, "fake/args")
    #expect(
      arguments == "discover file -p --agent discovery --output-format json --permission-mode acceptEdits\n", "\(arguments)")
    let discover = Self.text(result.project, ".orchestrator/results/agent-01-result.md")
    #expect(discover.contains("a permission was denied (runner_ask is reject)"), "\(discover)")
    #expect(discover.contains(#""command":"touch x""#), "\(discover)")
  }

  /// `runner_ask: approve` in the settings, extra flags from ORCHGEN_CLI_FLAGS, and the prompt on
  /// stdin as a file, byte for byte: the task file, then the request.
  @Test func approveFlagsExtraFlagsAndThePromptOnStdin() throws {
    let result = try RunnerTests.runWorkflow(
      Self.files("defaults: { max_concurrent: 2 }\nrunner_ask: approve\n"),
      environment: ["ORCHGEN_CLI_FLAGS": "--model openai/gpt-5 --print-logs"])
    defer { result.project.remove() }
    #expect(result.status == 0, "make failed:\n\(result.output)")
    let arguments = Self.text(result.project, "fake/args").split(separator: "\n").sorted()
    #expect(arguments == [
      "code file run --agent coder --auto --model openai/gpt-5 --print-logs",
      "discover file run --agent discovery --auto --model openai/gpt-5 --print-logs",
    ])
    let task = Self.text(result.project, "output/workflows/feature/agent_tasks/agent-02.md")
    let prompt = Self.text(result.project, "fake/code.prompt.1")
    #expect(prompt == task + "\n## Request\n\nadd a role field\n")
    // The agent's final message is the result, recorded by the runner.
    #expect(Self.text(result.project, ".orchestrator/results/agent-02-result.md") == "# Agent-02 result: code\nStatus: completed\n## Decisions\n")
  }

  /// The Claude runner records the `result` of `--output-format json`, unescaped, as the result file.
  @Test func theClaudeRunnerRecordsTheJSONResult() throws {
    let result = try RunnerTests.runWorkflow(
      Self.files("defaults: { max_concurrent: 2 }\ntargets: [claude]\nrunner: claude\n"), cli: "claude", claudeAgents: true)
    defer { result.project.remove() }
    #expect(result.status == 0, "make failed:\n\(result.output)")
    #expect(
      Self.text(result.project, ".orchestrator/results/agent-01-result.md")
        == "# Agent-01 result: discover\nStatus: completed\n## Decisions\n- schema_needed: false\n")
    #expect(result.runs.map(\.agent) == ["discovery", "coder"])
  }
}

extension RunnerConformanceTests {
  /// `claude -p --agent` with an agent Claude Code does not find exits 1 with `--agent 'x' not
  /// found`: the task fails with that line (here: `.claude/agents/` was never filled).
  @Test func aClaudeAgentThatIsNotInstalledFailsTheTask() throws {
    let result = try RunnerTests.runWorkflow(
      Self.files("defaults: { max_concurrent: 2 }\ntargets: [claude]\nrunner: claude\n"), cli: "claude")
    defer { result.project.remove() }
    #expect(result.status != 0, "make should fail:\n\(result.output)")
    let discover = Self.text(result.project, ".orchestrator/results/agent-01-result.md")
    #expect(discover.contains("the CLI did not run agent discovery: --agent 'discovery' not found"), "\(discover)")
  }
}

extension RunnerConformanceTests {
  /// A make run in a git repository in which `code` writes a file outside its `writes:`:
  /// `orchgen status` shows the finished run, and `orchgen audit` reports the file at the
  /// writes: line of the closest task, exit 1.
  @Test func statusAndAuditAfterAMakeRun() throws {
    let project = try TemporaryProject(Self.files("defaults: { max_concurrent: 2 }\n"))
    defer { project.remove() }
    #expect(try OrchgenProcess.run(["build", "--root", project.root.path]).status == 0)
    try project.write(".gitignore", ".orchestrator/\nbin/\nfake/\nmake.out\n")
    for command in ["git init -q", "git add -A", "git -c user.name=t -c user.email=t@t commit -qm base"] {
      let git = Process()
      git.executableURL = URL(fileURLWithPath: "/bin/sh")
      git.arguments = ["-c", command]
      git.currentDirectoryURL = project.root
      try git.run()
      git.waitUntilExit()
      #expect(git.terminationStatus == 0, "\(command)")
    }
    let result = try RunnerTests.runMake(
      "output/workflows/feature/run.mk", jobs: 2, in: project, cli: "opencode",
      environment: ["FAKE_WRITE": "code:src/app.txt code:docs/notes.md"])
    #expect(result.status == 0, "make failed:\n\(result.output)")

    let status = try OrchgenProcess.run(["status", "feature", "--root", project.root.path])
    #expect(status.status == 0 && status.stdout.contains("Workflow feature: completed"), "\(status)")
    #expect(status.stdout.contains("2/2 done (2 completed, 0 skipped)"), "\(status)")

    let audit = try OrchgenProcess.run(["audit", "feature", "--root", project.root.path])
    #expect(audit.status == 1, "\(audit)")
    #expect(audit.stderr == """
      config/workflows/feature.yaml:4:53: error: 'docs/notes.md' changed during the run of 'feature', but no task that ran may write it (closest: 'code', which writes 'src/**') [audit-out-of-scope]
        |
      4 |   code: { agent: coder, needs: [discover], writes: ["src/**"] }
        |                                                     ^~~~~~~~
        = help: revert the change, or add 'docs/notes.md' (or its folder) to the writes: of the task that should own it
      1 error

      """, "\(audit)")
  }
}

extension RunnerConformanceTests {
  @Test func aMisspeltRunnerAskIsALocatedError() throws {
    let project = try TemporaryProject(Self.files("defaults: { max_concurrent: 2 }\nrunner_ask: aprove\n"))
    defer { project.remove() }
    let check = try OrchgenProcess.run(["check", "--no-drift", "--format", "gnu", "--root", project.root.path])
    #expect(check.status == 1, "\(check)")
    #expect(
      check.stdout.hasPrefix("config/orchgen.yaml:2:13: error: runner_ask 'aprove' is not one of reject, approve [invalid-value]\n"),
      "\(check)")
    #expect(check.stdout.contains("note: help: did you mean 'approve'?"), "\(check)")
  }
}

extension RunnerConformanceTests {
  /// The request reaches the prompt and the run state as typed: make does not expand its `$`,
  /// and a request that starts with `-` is not taken for an option.
  @Test func theRequestArrivesAsTyped() throws {
    let request = "- raise the price to $5 for $USER"
    let project = try TemporaryProject(Self.files("defaults: { max_concurrent: 2 }\n"))
    defer { project.remove() }
    #expect(try OrchgenProcess.run(["build", "--root", project.root.path]).status == 0)
    let result = try RunnerTests.runMake("output/workflows/feature/run.mk", jobs: 2, in: project, cli: "opencode", request: request)
    #expect(result.status == 0, "make failed:\n\(result.output)")
    #expect(Self.text(project, "fake/discover.prompt.1").hasSuffix("\n## Request\n\n\(request)\n"))
    #expect(Self.text(project, ".orchestrator/checkpoint.json").contains(#""request": "- raise the price to $5 for $USER""#))
  }

  /// When `orchgen done` cannot record a task, the runner stops with the reason instead of
  /// waiting for a task the state still has running; and `orchgen status` refuses a plan that
  /// changed since the run started instead of showing a table that no longer matches.
  @Test func aFailedRecordStopsTheRunnerAndAChangedPlanStopsStatus() throws {
    let project = try TemporaryProject(Self.files("defaults: { max_concurrent: 2 }\n"))
    defer { project.remove() }
    #expect(try OrchgenProcess.run(["build", "--root", project.root.path]).status == 0)
    let orchgen = try #require(OrchgenProcess.executable).path
    try project.write("refusing-orchgen", "#!/bin/sh\n[ \"$1\" = done ] && { echo 'orchgen: cannot record' >&2; exit 1; }\nexec '\(orchgen)' \"$@\"\n")
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: project.root.appendingPathComponent("refusing-orchgen").path)
    let result = try RunnerTests.runMake(
      "output/workflows/feature/run.mk", jobs: 2, in: project, cli: "opencode",
      environment: ["ORCHGEN": project.root.appendingPathComponent("refusing-orchgen").path])
    #expect(result.status != 0, "\(result.output)")
    #expect(result.output.contains("recording a result failed (above); the run of feature stops here"), "\(result.output)")

    try project.write("config/workflows/feature.yaml", Self.files("")["config/workflows/feature.yaml"]! + "  docs: { agent: coder, needs: [code] }\n")
    #expect(try OrchgenProcess.run(["build", "--root", project.root.path]).status == 0)
    let status = try OrchgenProcess.run(["status", "--root", project.root.path])
    #expect(status.status == 1 && status.stderr.contains("changed since its run started"), "\(status)")
  }
}
