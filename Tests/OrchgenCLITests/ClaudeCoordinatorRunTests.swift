import Foundation
import Testing

/// A coordinator run in the real Claude Code CLI driven by orchgen's run-state engine: a scripted
/// coordinator (`claude -p --agent feature-coordinator`, the headless command README gives) calls
/// `orchgen next` and `orchgen done` through Bash, starts what `next` prints with the Agent tool,
/// and hands each subagent's final message over through `.orchestrator/inbox/`. The workflow has
/// a condition (scout decides needs_build: false, so build is skipped) and a fix loop (check
/// fails once, the fixer runs, check passes). `orchgen status --format json` then agrees with the
/// result files.
@Suite(.requiresClaudeCLI, .serialized)
struct ClaudeCoordinatorRunTests {
  static let files: [String: String] = [
    "config/orchgen.yaml": "defaults: { max_concurrent: 2, estimate: 10m }\ntargets: [claude]\nrunner: claude\n",
    "config/agents.yaml": """
      agents:
        coordinator: { description: Runs the workflow, mode: primary }
        scout: { description: Maps the request }
        builder: { description: Writes the code }
        checker: { description: Runs the checks }
        fixer: { description: Fixes what the checks found }

      """,
    "content/instructions/coordinator.md": "# Coordinator\n\nMARKER-COORDINATOR-BODY\n",
    "content/instructions/scout.md": "# Scout\n\nMARKER-SCOUT-BODY\n",
    "content/instructions/builder.md": "# Builder\n\nMARKER-BUILDER-BODY\n",
    "content/instructions/checker.md": "# Checker\n\nMARKER-CHECKER-BODY\n",
    "content/instructions/fixer.md": "# Fixer\n\nMARKER-FIXER-BODY\n",
    "config/workflows/feature.yaml": """
      description: A feature
      tasks:
        scout: { agent: scout, decides: [needs_build] }
        build: { agent: builder, needs: [scout], when: scout.needs_build, writes: ["src/**"] }
        check: { agent: checker, needs: [build], fix: { agent: fixer, max_rounds: 2 } }

      """,
  ]

  static let scoutResult = "# Agent-01 result: scout\\nStatus: completed\\n## Summary\\nSCOUTED.\\n## Decisions\\n- needs_build: false"
  static let checkFailing = "# Agent-03 result: check\\nStatus: completed\\n## Summary\\nCHECK-ROUND-1 found a failure.\\n## Decisions\\n- failed: true"
  static let checkPassing = "# Agent-03 result: check\\nStatus: completed\\n## Summary\\nCHECK-ROUND-2 all green.\\n## Decisions\\n- failed: false"
  static let fixResult = "# Agent-04 result: check-fix\\nStatus: completed\\n## Summary\\nFIXED-IT."

  /// The coordinator's script: each rule answers the coordinator's latest turn.
  static func rules(root: String) -> String {
    func write(_ task: String, _ content: String) -> String {
      #"[{"type": "tool_use", "name": "Write", "input": {"file_path": "\#(root)/.orchestrator/inbox/\#(task).md", "content": "\#(content)"}}]"#
    }
    func bash(_ command: String) -> String {
      #"[{"type": "tool_use", "name": "Bash", "input": {"command": "\#(command)", "description": "orchgen"}}]"#
    }
    func agent(_ type: String, _ task: String) -> String {
      #"[{"type": "tool_use", "name": "Agent", "input": {"subagent_type": "\#(type)", "description": "\#(task)", "prompt": "Do task \#(task) of its task file."}}]"#
    }
    let coordinator = "MARKER-COORDINATOR-BODY"
    let steps: [(String, String, Int?)] = [
      ("COORD-GO", bash("orchgen next feature --request 'add a role field'"), 1),
      ("Result Aggregation Completed", #"[{"type": "text", "text": "COORDINATOR DONE"}]"#, nil),
      ("Finished: the run of feature completed", #"[{"type": "text", "text": "COORDINATOR DONE"}]"#, nil),
      ("- scout: Agent-01", agent("scout", "scout"), nil),
      ("- check-fix: Agent-04", agent("fixer", "check-fix"), nil),
      ("- check: Agent-03", agent("checker", "check"), nil),
      ("SCOUTED.", write("scout", scoutResult), nil),
      ("CHECK-ROUND-1", write("check", checkFailing), nil),
      ("CHECK-ROUND-2", write("check", checkPassing), nil),
      ("FIXED-IT", write("check-fix", fixResult), nil),
      ("inbox/scout.md", bash("orchgen done feature scout --result .orchestrator/inbox/scout.md"), nil),
      ("inbox/check.md", bash("orchgen done feature check --result .orchestrator/inbox/check.md"), nil),
      ("inbox/check-fix.md", bash("orchgen done feature check-fix --result .orchestrator/inbox/check-fix.md"), nil),
      ("Next: orchgen next feature", bash("orchgen next feature"), nil),
    ]
    var rules = [
      #"{"when": {"system_contains": "MARKER-SCOUT-BODY"}, "reply": [{"type": "text", "text": "\#(scoutResult)"}]}"#,
      #"{"when": {"system_contains": "MARKER-CHECKER-BODY"}, "times": 1, "reply": [{"type": "text", "text": "\#(checkFailing)"}]}"#,
      #"{"when": {"system_contains": "MARKER-CHECKER-BODY"}, "reply": [{"type": "text", "text": "\#(checkPassing)"}]}"#,
      #"{"when": {"system_contains": "MARKER-FIXER-BODY"}, "reply": [{"type": "text", "text": "\#(fixResult)"}]}"#,
    ]
    for (text, reply, times) in steps {
      let limit = times.map { #", "times": \#($0)"# } ?? ""
      rules.append(#"{"when": {"system_contains": "\#(coordinator)", "last_user_text_contains": "\#(text)"}\#(limit), "reply": \#(reply)}"#)
    }
    // Anything else (the launch acknowledgement of a background subagent): wait for it.
    rules.append(#"{"when": {"system_contains": "\#(coordinator)"}, "reply": [{"type": "text", "text": "Waiting for the subagent."}]}"#)
    return #"{"rules": [\#(rules.joined(separator: ",\n"))]}"#
  }

  @Test func aScriptedCoordinatorRunsTheWorkflowThroughOrchgenNextAndDone() throws {
    guard let claude = ClaudeCLI.require() else { return }
    _ = claude
    let project = try ClaudeEndToEndTests.builtProject(Self.files)
    defer { project.remove() }
    let api = try FakeMessagesAPI(rules: Self.rules(root: project.root.path))
    defer { api.stop() }
    // orchgen on PATH for the coordinator's Bash tool.
    let bin = project.root.appendingPathComponent(".bin")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      at: bin.appendingPathComponent("orchgen"), withDestinationURL: try #require(OrchgenProcess.executable))
    try project.write("prompt.txt", "COORD-GO: run the workflow for: add a role field.\n")
    let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let run = try api.runClaude(
      arguments: [
        "-p", "--agent", "feature-coordinator", "--permission-mode", "acceptEdits",
        "--allowedTools", "Bash(orchgen next:*),Bash(orchgen done:*),Bash(orchgen status:*)",
        "--output-format", "stream-json", "--verbose",
      ],
      cwd: project.root, stdin: project.root.appendingPathComponent("prompt.txt"), environment: ["PATH": path], timeout: 240)
    let text = { (path: String) in
      (try? String(contentsOf: project.root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }
    #expect(run.status == 0, "\(run)")
    #expect(run.resultMessage?["result"] as? String == "COORDINATOR DONE", "\(run.stdout.suffix(3000))\n\(text(".orchestrator/task-status.md"))")
    #expect((run.resultMessage?["permission_denials"] as? [Any])?.isEmpty == true, "\(run.resultMessage ?? [:])")

    // The subagents that ran: scout once, check twice, the fixer once, never the skipped builder.
    let requests = api.messageRequests()
    func count(_ marker: String) -> Int {
      requests.filter { FakeMessagesAPI.systemText($0).contains(marker) && !FakeMessagesAPI.systemText($0).contains("MARKER-COORDINATOR-BODY") }.count
    }
    #expect(count("MARKER-SCOUT-BODY") == 1 && count("MARKER-CHECKER-BODY") == 2 && count("MARKER-FIXER-BODY") == 1)
    #expect(count("MARKER-BUILDER-BODY") == 0)

    // orchgen's view of the run agrees with the result files.
    let status = try OrchgenProcess.run(["status", "feature", "--format", "json", "--root", project.root.path])
    #expect(status.status == 0, "\(status)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
    #expect(json["status"] as? String == "completed", "\(status.stdout)")
    let tasks = Dictionary(uniqueKeysWithValues: (json["tasks"] as? [[String: Any]] ?? []).map { ($0["task"] as? String ?? "", $0) })
    #expect(tasks["scout"]?["status"] as? String == "completed")
    #expect(tasks["build"]?["status"] as? String == "skipped")
    #expect(tasks["build"]?["skip_reason"] as? String == "scout.needs_build is false")
    #expect(tasks["check"]?["status"] as? String == "completed" && tasks["check"]?["attempts"] as? Int == 2)
    #expect(tasks["check-fix"]?["status"] as? String == "completed" && tasks["check-fix"]?["fix_rounds"] as? Int == 1)
    for (id, task) in tasks {
      let result = try #require(task["result"] as? String, "\(id) has no result file")
      let body = text(result)
      let expected = task["status"] as? String == "skipped" ? "Status: skipped" : "Status: completed"
      #expect(body.contains(expected), "\(id): \(body)")
    }
    #expect(text(".orchestrator/results/agent-03-result.md").contains("CHECK-ROUND-2"), "the re-run's result replaces the first")
    #expect(text(".orchestrator/final_output.md").contains("## Agent-04: check-fix"))
  }
}
