import Foundation
import Testing

/// orchgen's Claude Code output in the real Claude Code CLI (the pinned `claude-agent-sdk` wheel),
/// its model replaced by the scripted fake of the Messages API on 127.0.0.1: the files load, the
/// workflow coordinator started with `claude --agent` is held to the workflow's agents, and the
/// make runner runs every task as its own agent and records every result.
@Suite(.requiresClaudeCLI, .serialized)
struct ClaudeEndToEndTests {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A scout that decides whether to build (haiku, no edits) and a builder; an outsider that no
  /// workflow uses. Each body carries a marker the fake matches on.
  static let files: [String: String] = [
    "config/orchgen.yaml": "defaults: { max_concurrent: 2, estimate: 10m }\ntargets: [claude]\nrunner: claude\n",
    "config/agents.yaml": """
      agents:
        coordinator: { description: Runs the workflow, mode: primary }
        scout: { description: Maps the request, model: anthropic/claude-haiku-4-5, permission: { edit: deny } }
        builder: { description: Writes the code }
        outsider: { description: Works outside every workflow }

      """,
    "content/instructions/coordinator.md": "# Coordinator\n\nMARKER-COORDINATOR-BODY\n",
    "content/instructions/scout.md": "# Scout\n\nMARKER-SCOUT-BODY: map the request.\n",
    "content/instructions/builder.md": "# Builder\n\nMARKER-BUILDER-BODY: write the code.\n",
    "content/instructions/outsider.md": "# Outsider\n\nMARKER-OUTSIDER-BODY\n",
    "config/workflows/feature.yaml": """
      description: A feature
      tasks:
        scout: { agent: scout, decides: [needs_build] }
        build: { agent: builder, needs: [scout], when: scout.needs_build, writes: ["src/**"] }

      """,
  ]

  /// Builds `files` and installs the Claude Code output in `.claude/`, as README says.
  static func builtProject(_ files: [String: String] = files) throws -> TemporaryProject {
    let project = try TemporaryProject(files)
    let build = try OrchgenProcess.run(["build", "--root", project.root.path])
    #expect(build.status == 0, "\(build)")
    try ClaudeCLI.gitInit(project.root)
    try install(from: project.root.appendingPathComponent("output/claude"), into: project.root)
    return project
  }

  static func install(from claude: URL, into root: URL) throws {
    let manager = FileManager.default
    try manager.createDirectory(at: root.appendingPathComponent(".claude"), withIntermediateDirectories: true)
    for folder in ["agents", "commands"] where manager.fileExists(atPath: claude.appendingPathComponent(folder).path) {
      try manager.copyItem(at: claude.appendingPathComponent(folder), to: root.appendingPathComponent(".claude/\(folder)"))
    }
  }

  /// A generated file's body: what follows its frontmatter.
  static func body(_ url: URL) throws -> String {
    let text = try String(contentsOf: url, encoding: .utf8)
    let parts = text.components(separatedBy: "\n---\n")
    return parts.dropFirst().joined(separator: "\n---\n").trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Every text a request carries: the system prompt and each message's text and tool results.
  static func allText(_ request: [String: Any]) -> String {
    var texts = [FakeMessagesAPI.systemText(request)]
    for message in request["messages"] as? [[String: Any]] ?? [] {
      if let text = message["content"] as? String { texts.append(text); continue }
      for block in message["content"] as? [[String: Any]] ?? [] {
        if let text = block["text"] as? String { texts.append(text) }
        if let text = block["content"] as? String { texts.append(text) }
        for inner in block["content"] as? [[String: Any]] ?? [] { if let text = inner["text"] as? String { texts.append(text) } }
      }
    }
    return texts.joined(separator: "\n")
  }

  static func toolNames(_ request: [String: Any]) -> Set<String> {
    Set((request["tools"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String })
  }

  @Test func everyGeneratedAgentAndCommandOfTheRepositoryLoads() throws {
    guard ClaudeCLI.require() != nil else { return }
    let api = try FakeMessagesAPI()
    defer { api.stop() }
    let project = try TemporaryProject(["prompt.txt": "Say hello.\n"])
    defer { project.remove() }
    let output = Self.repository.appendingPathComponent("output/claude")
    try ClaudeCLI.gitInit(project.root)
    try Self.install(from: output, into: project.root)
    let debug = project.root.appendingPathComponent("debug.log")
    let run = try api.runClaude(
      arguments: ["-p", "--output-format", "stream-json", "--verbose", "--debug-file", debug.path], cwd: project.root,
      stdin: project.root.appendingPathComponent("prompt.txt"), timeout: 120)
    #expect(run.status == 0, "\(run)")
    let initMessage = try #require(run.initMessage, "\(run)")
    let agents = Set(initMessage["agents"] as? [String] ?? [])
    let commands = Set(initMessage["slash_commands"] as? [String] ?? [])
    let manager = FileManager.default
    let generatedAgents = try manager.contentsOfDirectory(atPath: output.appendingPathComponent("agents").path)
      .map { String($0.dropLast(3)) }
    let generatedCommands = try manager.contentsOfDirectory(atPath: output.appendingPathComponent("commands").path)
      .map { String($0.dropLast(3)) }
    #expect(generatedAgents.count > 20 && generatedCommands.count > 5)
    #expect(Set(generatedAgents).subtracting(agents).isEmpty, "not loaded: \(Set(generatedAgents).subtracting(agents).sorted())")
    #expect(Set(generatedCommands).subtracting(commands).isEmpty, "not loaded: \(Set(generatedCommands).subtracting(commands).sorted())")
    let log = (try? String(contentsOf: debug, encoding: .utf8)) ?? ""
    #expect(!log.isEmpty, "no debug log")
    // The one error an isolated HOME always logs (no ~/.claude.json to lock) is not a loader error.
    let errors = log.split(separator: "\n").filter { $0.contains("[ERROR]") && !$0.contains("Failed to save config") }
    #expect(errors.isEmpty, "loader errors:\n\(errors.joined(separator: "\n"))")
  }

  /// `claude --agent feature-coordinator`: the generated body is the system prompt, the Agent
  /// listing holds exactly the workflow's agents, an outside agent is refused, and a workflow
  /// agent runs with its own body, model and tools.
  @Test func theCoordinatorIsHeldToTheWorkflowsAgents() throws {
    guard ClaudeCLI.require() != nil else { return }
    let api = try FakeMessagesAPI(rules: #"""
      {"rules": [
        {"when": {"system_contains": "MARKER-SCOUT-BODY"},
         "reply": [{"type": "text", "text": "# Agent-01 result: scout\nStatus: completed\n## Summary\nMapped.\n## Decisions\n- needs_build: false"}]},
        {"when": {"system_contains": "MARKER-COORDINATOR-BODY", "last_is_tool_result": false}, "times": 1,
         "reply": [{"type": "tool_use", "name": "Agent", "input": {"subagent_type": "outsider", "description": "Outside work", "prompt": "Do outside work."}}]},
        {"when": {"system_contains": "MARKER-COORDINATOR-BODY", "last_is_tool_result": true, "last_user_text_contains": "outsider"}, "times": 1,
         "reply": [{"type": "tool_use", "name": "Agent", "input": {"subagent_type": "scout", "description": "Agent-01 scout", "prompt": "Do task Agent-01."}}]},
        {"when": {"system_contains": "MARKER-COORDINATOR-BODY", "last_user_text_contains": "needs_build: false"},
         "reply": [{"type": "text", "text": "COORDINATOR DONE"}]},
        {"when": {"system_contains": "MARKER-COORDINATOR-BODY"},
         "reply": [{"type": "text", "text": "Waiting for the scout."}]}
      ]}
      """#)
    defer { api.stop() }
    let project = try Self.builtProject()
    defer { project.remove() }
    try project.write("prompt.txt", "Run the workflow for: add a role field.\n")
    let run = try api.runClaude(
      arguments: ["-p", "--agent", "feature-coordinator", "--permission-mode", "acceptEdits", "--output-format", "stream-json", "--verbose"],
      cwd: project.root, stdin: project.root.appendingPathComponent("prompt.txt"), timeout: 180)
    #expect(run.status == 0, "\(run)")
    // Claude Code 2.1.332 runs the Agent call in the background and hands the subagent's final
    // message to the coordinator when it finishes: the coordinator sees the scout's result.
    #expect(run.resultMessage?["result"] as? String == "COORDINATOR DONE", "\(run)")

    let requests = api.messageRequests()
    let coordinator = requests.filter { FakeMessagesAPI.systemText($0).contains("MARKER-COORDINATOR-BODY") }
    let first = try #require(coordinator.first, "no coordinator request: \(requests.count) requests")
    let body = try Self.body(project.root.appendingPathComponent(".claude/agents/feature-coordinator.md"))
    #expect(FakeMessagesAPI.systemText(first).contains(body), "the coordinator's system prompt is not its generated body")

    // The listing of agent types: exactly the workflow's.
    let text = Self.allText(first)
    let heading = try #require(text.range(of: "Available agent types for the Agent tool:"), "no agent listing")
    let listed = text[heading.upperBound...].split(separator: "\n").prefix { $0.hasPrefix("- ") || $0.isEmpty }
      .compactMap { $0.dropFirst(2).split(separator: ":").first.map(String.init) }
    #expect(Set(listed) == ["scout", "builder"], "listed: \(listed)")

    // The outsider is refused; the scout runs with its own body, model and tools.
    let refusal = try #require(coordinator.dropFirst().first)
    #expect(Self.allText(refusal).contains("Agent type 'outsider' not found"), "\(Self.allText(refusal).suffix(600))")
    #expect(!requests.contains { FakeMessagesAPI.systemText($0).contains("MARKER-OUTSIDER-BODY") })
    let scout = try #require(requests.first { FakeMessagesAPI.systemText($0).contains("MARKER-SCOUT-BODY") })
    #expect((scout["model"] as? String ?? "").contains("haiku"), "\(scout["model"] ?? "none")")
    let tools = Self.toolNames(scout)
    #expect(tools.contains("Read") && !tools.contains("Edit") && !tools.contains("Write"), "\(tools.sorted())")
  }

  /// `run.mk` with `runner: claude` and the real CLI: every task is one `claude -p --agent` run
  /// whose system prompt is its agent's body, every result file and final_output.md are written,
  /// and the builder's Write in its scope is not denied.
  @Test func theMakeRunnerRunsEveryTaskAsItsOwnAgent() throws {
    guard let claude = ClaudeCLI.require(), let make = GNUMake.path else { return }
    let project = try Self.builtProject()
    defer { project.remove() }
    let target = project.root.appendingPathComponent("src/app.txt").path
    let api = try FakeMessagesAPI(rules: #"""
      {"rules": [
        {"when": {"system_contains": "MARKER-SCOUT-BODY"},
         "reply": [{"type": "text", "text": "# Agent-01 result: scout\nStatus: completed\n## Summary\nMapped.\n## Decisions\n- needs_build: true"}]},
        {"when": {"system_contains": "MARKER-BUILDER-BODY", "last_is_tool_result": false},
         "reply": [{"type": "tool_use", "name": "Write", "input": {"file_path": "\#(target)", "content": "built\n"}}]},
        {"when": {"system_contains": "MARKER-BUILDER-BODY", "last_is_tool_result": true},
         "reply": [{"type": "text", "text": "# Agent-02 result: build\nStatus: completed\n## Summary\nWrote src/app.txt."}]}
      ]}
      """#)
    defer { api.stop() }
    let home = project.root.appendingPathComponent(".home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: make)
    process.arguments = ["-f", "output/workflows/feature/run.mk", "-j", "2", "REQUEST=add a role field"]
    process.currentDirectoryURL = project.root
    var environment = api.claudeEnvironment(home: home)
    environment["ORCHGEN_CLI"] = claude.path
    environment["ORCHGEN"] = try #require(OrchgenProcess.executable).path
    process.environment = environment
    let log = project.root.appendingPathComponent("make.log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let handle = try FileHandle(forWritingTo: log)
    defer { try? handle.close() }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = handle
    process.standardError = handle
    try ClaudeCLI.runWithDefaultSignalMask(process)
    let deadline = Date().addingTimeInterval(180)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    func text(_ path: String) -> String {
      (try? String(contentsOf: project.root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }
    #expect(process.terminationStatus == 0, "make failed:\n\(text("make.log"))\n\(text(".orchestrator/logs/agent-01.err"))")

    // One run per task, each with its own agent's body as the system prompt.
    let requests = api.messageRequests()
    let scout = requests.filter { FakeMessagesAPI.systemText($0).contains("MARKER-SCOUT-BODY") }
    let builder = requests.filter { FakeMessagesAPI.systemText($0).contains("MARKER-BUILDER-BODY") }
    #expect(scout.count == 1 && builder.count == 2, "scout \(scout.count), builder \(builder.count) of \(requests.count)")
    let mixed = requests.filter {
      FakeMessagesAPI.systemText($0).contains("MARKER-SCOUT-BODY") && FakeMessagesAPI.systemText($0).contains("MARKER-BUILDER-BODY")
    }
    #expect(mixed.isEmpty, "a request carried both agents' bodies")
    let scoutRequest = try #require(scout.first)
    let scoutText = Self.allText(scoutRequest)
    #expect(scoutText.contains("add a role field"), "the request reaches the agent")
    let scoutModel = scoutRequest["model"] as? String ?? ""
    #expect(scoutModel.contains("haiku"), "\(scoutModel)")

    // Every result file and final_output.md; the Write was allowed.
    #expect(text(".orchestrator/results/agent-01-result.md").contains("- needs_build: true"))
    #expect(text(".orchestrator/results/agent-02-result.md").hasPrefix("# Agent-02 result: build\nStatus: completed"))
    #expect(text(".orchestrator/final_output.md").contains("## Agent-02: build"))
    #expect(text("src/app.txt") == "built\n", "the builder's Write was denied:\n\(text(".orchestrator/logs/agent-02.out"))")
    #expect(text(".orchestrator/logs/agent-02.out").contains(#""permission_denials":[]"#))
  }
}
