import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The harness itself, against the real Claude Code CLI: `claude -p` talks to the scripted fake
/// of the Messages API, gets its text back, and runs one tool round trip.
@Suite(.requiresClaudeCLI)
struct ClaudeHarnessTests {
  /// An empty git repository in a temporary directory, plus a prompt file beside it.
  private static func project(prompt: String) throws -> (project: TemporaryProject, cwd: URL, prompt: URL) {
    let project = try TemporaryProject(["prompt.txt": prompt])
    let cwd = project.root.appendingPathComponent("repo", isDirectory: true)
    try FileManager.default.createDirectory(at: cwd, withIntermediateDirectories: true)
    try ClaudeCLI.gitInit(cwd)
    return (project, cwd, project.root.appendingPathComponent("prompt.txt"))
  }

  /// The text of a message's last user turn: string content, text blocks, tool_result contents.
  private static func lastUserText(_ body: [String: Any]) -> String {
    let messages = body["messages"] as? [[String: Any]] ?? []
    guard let last = messages.last(where: { $0["role"] as? String == "user" }) else { return "" }
    if let text = last["content"] as? String { return text }
    return (last["content"] as? [[String: Any]] ?? []).map { block -> String in
      if let text = block["text"] as? String { return text }
      if let text = block["content"] as? String { return text }
      return (block["content"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }.joined(separator: "\n")
    }.joined(separator: "\n")
  }

  @Test func theCLIIsThePinnedVersion() throws {
    guard ClaudeCLI.require() != nil else { return }
    let version = try #require(ClaudeCLI.version())
    #expect(version.hasPrefix(ClaudeCLI.pinnedVersion), "scripts/install-claude-cli.sh pins \(ClaudeCLI.pinnedVersion)")
  }

  @Test func printModeReadsThePromptFromStdinAndReturnsTheScriptedText() throws {
    guard ClaudeCLI.require() != nil else { return }
    let api = try FakeMessagesAPI(rules: """
      {"rules": [{"when": {"last_user_text_contains": "harness-marker-41"}, "reply": [{"type": "text", "text": "scripted reply 41"}]}],
       "default": [{"type": "text", "text": "unexpected request"}]}
      """)
    defer { api.stop() }
    let (project, cwd, prompt) = try Self.project(prompt: "Say the harness-marker-41 words.\n")
    defer { project.remove() }

    let run = try api.runClaude(
      arguments: ["-p", "--output-format", "stream-json", "--verbose"], cwd: cwd, stdin: prompt, timeout: 90)
    #expect(run.status == 0, "\(run)")
    let initMessage = try #require(run.initMessage, "no init message:\n\(run)")
    #expect(initMessage["cwd"] as? String == cwd.path)
    let result = try #require(run.resultMessage, "no result message:\n\(run)")
    #expect(result["result"] as? String == "scripted reply 41", "\(run)")
    #expect(result["is_error"] as? Bool == false)

    let requests = api.messageRequests()
    #expect(requests.count == 1, "\(api.requests())")
    let request = try #require(requests.first)
    #expect(request["stream"] as? Bool == true)
    #expect(!(request["model"] as? String ?? "").isEmpty)
    #expect(Self.lastUserText(request).contains("Say the harness-marker-41 words."))
    #expect(!FakeMessagesAPI.systemText(request).isEmpty)
    #expect(api.requests().allSatisfy { $0["rule"] as? Int == 0 }, "every request was answered by the rule")
  }

  @Test func aToolUseRoundTripRunsTheCommandAndReturnsItsOutputToTheModel() throws {
    guard ClaudeCLI.require() != nil else { return }
    let api = try FakeMessagesAPI(rules: """
      {"rules": [
        {"when": {"last_is_tool_result": true, "last_user_text_contains": "harness-echo-7"},
         "reply": [{"type": "text", "text": "the command printed its word"}]},
        {"when": {"last_user_text_contains": "run the echo", "tool_available": "Bash"}, "times": 1,
         "reply": [{"type": "text", "text": "Running it."},
                   {"type": "tool_use", "name": "Bash", "input": {"command": "echo harness-echo-7", "description": "Print a word"}}]}
      ]}
      """)
    defer { api.stop() }
    let (project, cwd, prompt) = try Self.project(prompt: "Please run the echo.\n")
    defer { project.remove() }

    let run = try api.runClaude(
      arguments: ["-p", "--output-format", "stream-json", "--verbose"], cwd: cwd, stdin: prompt, timeout: 90)
    #expect(run.status == 0, "\(run)")
    #expect(run.resultMessage?["result"] as? String == "the command printed its word", "\(run)")

    let requests = api.messageRequests()
    #expect(requests.count == 2, "\(api.requests())")
    #expect(api.requests().map { $0["rule"] as? Int } == [1, 0])
    let second = try #require(requests.last)
    let messages = second["messages"] as? [[String: Any]] ?? []
    let toolUse = messages.flatMap { $0["content"] as? [[String: Any]] ?? [] }.first { $0["type"] as? String == "tool_use" }
    let toolResult = messages.last?["content"] as? [[String: Any]] ?? []
    #expect(toolUse?["name"] as? String == "Bash")
    #expect(toolResult.first?["type"] as? String == "tool_result")
    #expect(toolResult.first?["tool_use_id"] as? String == toolUse?["id"] as? String)
    #expect(toolResult.first?["is_error"] as? Bool != true, "\(toolResult)")
    #expect(Self.lastUserText(second).contains("harness-echo-7"))
  }

  @Test func aRunThatOutlivesItsTimeoutIsKilled() throws {
    guard ClaudeCLI.require() != nil else { return }
    let api = try FakeMessagesAPI(rules: #"{"rules": [{"when": {}, "delay_seconds": 60, "reply": [{"type": "text", "text": "late"}]}]}"#)
    defer { api.stop() }
    let (project, cwd, prompt) = try Self.project(prompt: "Wait.\n")
    defer { project.remove() }

    let run = try api.runClaude(arguments: ["-p"], cwd: cwd, stdin: prompt, timeout: 3)
    #expect(run.timedOut, "\(run)")
    #expect(run.status == 128 + SIGKILL)
    #expect(run.duration < 30)
    #expect(api.messageRequests().count == 1)
  }
}
