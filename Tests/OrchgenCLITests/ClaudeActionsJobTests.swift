import Foundation
import Testing

/// The GitHub Actions target's jobs with `runner: claude`, run against the real Claude Code CLI
/// (the pinned wheel's) and the scripted fake of the Messages API: the steps of two jobs of the
/// generated workflow are run as Actions would run them (the install step's agent copy into
/// `~/.claude/agents`, then `orchgen_job.py prepare` and `run` with the job's own `env:`), so the
/// CLI call, the agent lookup, the permission flags and the reading of its JSON are the real ones.
@Suite(.requiresClaudeCLI, .serialized)
struct ClaudeActionsJobTests {
  static var files: [String: String] {
    var files = ClaudeEndToEndTests.files
    files["config/orchgen.yaml"] = "defaults: { max_concurrent: 2, estimate: 10m }\ntargets: [claude, github-actions]\nrunner: claude\n"
    return files
  }

  /// The `env:` of job `job`'s agent step (`id: task`) in the generated workflow, with the
  /// `${{ }}` values Actions would fill in.
  static func stepEnvironment(_ workflow: String, job: String, request: String) -> [String: String] {
    let lines = workflow.components(separatedBy: "\n")
    guard let start = lines.firstIndex(of: "  \(job):") else { return [:] }
    var environment: [String: String] = [:]
    var inTaskStep = false
    for line in lines[(start + 1)...] {
      if line.hasPrefix("  "), !line.hasPrefix("   ") { break }  // the next job
      if line.hasPrefix("        id: task") { inTaskStep = true }
      guard inTaskStep else { continue }
      if line.hasPrefix("        run: ") { break }
      guard line.hasPrefix("          "), let colon = line.firstIndex(of: ":") else { continue }
      let key = line[..<colon].trimmingCharacters(in: .whitespaces)
      var value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
      if value == "${{ inputs.request }}" { value = request }
      if value.hasPrefix("${{") { continue }  // the secret: the fake's key is in the environment
      environment[key] = value
    }
    return environment
  }

  /// The lines of job `job`'s install step that do not install the CLI (the pinned CLI is used).
  static func installLines(_ workflow: String, job: String) -> [String] {
    let lines = workflow.components(separatedBy: "\n")
    guard let start = lines.firstIndex(of: "  \(job):"),
      let step = lines[start...].firstIndex(of: "      - name: Install Claude Code and the agents")
    else { return [] }
    return lines[(step + 2)...].prefix { $0.hasPrefix("          ") }.map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.hasPrefix("npm ") }
  }

  static func outsideFolder() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-actions-\(UUID().uuidString)")
  }

  @Test func twoJobsRunAsActionsWouldWithTheRealCLI() throws {
    guard let claude = ClaudeCLI.require() else { return }
    let project = try TemporaryProject(Self.files)
    defer { project.remove() }
    let build = try OrchgenProcess.run(["build", "--root", project.root.path])
    try #require(build.status == 0, "\(build)")
    try ClaudeCLI.gitInit(project.root)
    let workflow = try String(contentsOf: project.root.appendingPathComponent("output/github/workflows/feature.yml"), encoding: .utf8)
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
    // HOME and RUNNER_TEMP lie outside the checkout, as on a runner: a job's patch is the checkout.
    let outside = Self.outsideFolder()
    defer { try? FileManager.default.removeItem(at: outside) }
    let home = outside.appendingPathComponent("home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    var base = api.claudeEnvironment(home: home)
    base["PATH"] = claude.deletingLastPathComponent().path + ":" + (base["PATH"] ?? "/usr/bin:/bin")

    // The install step's own lines: the agents go to ~/.claude/agents, nowhere in the checkout.
    let install = Self.installLines(workflow, job: "scout")
    #expect(install == ["mkdir -p ~/.claude/agents", "cp output/claude/agents/*.md ~/.claude/agents/"])
    let copied = try ActionsStep.run(["bash", "-c", install.joined(separator: "\n")], environment: base, in: project.root)
    try #require(copied.status == 0, "\(copied.output)")

    func job(_ name: String, upstream: [(String, URL)]) throws -> (status: Int32, output: String, temp: URL) {
      let temp = outside.appendingPathComponent("runner-temp-\(name)")
      for (upstreamJob, box) in upstream {
        let inbox = temp.appendingPathComponent("orchgen-in/orchgen-\(upstreamJob)")
        try FileManager.default.createDirectory(at: inbox.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: box, to: inbox)
      }
      try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
      var environment = base
      environment["RUNNER_TEMP"] = temp.path
      environment["GITHUB_OUTPUT"] = temp.appendingPathComponent("github-output").path
      environment["ORCHGEN_UPSTREAM"] = upstream.map(\.0).joined(separator: " ")
      let prepared = try ActionsStep.run(["python3", "output/github/orchgen_job.py", "prepare"], environment: environment, in: project.root)
      guard prepared.status == 0 else { return (prepared.status, prepared.output, temp) }
      for (key, value) in Self.stepEnvironment(workflow, job: name, request: "add a role field") { environment[key] = value }
      let ran = try ActionsStep.run(["python3", "output/github/orchgen_job.py", "run"], environment: environment, in: project.root)
      return (ran.status, ran.output, temp)
    }

    let scout = try job("scout", upstream: [])
    #expect(scout.status == 0, "\(scout.output)")
    #expect(try String(contentsOf: scout.temp.appendingPathComponent("github-output"), encoding: .utf8).contains("needs_build=true\n"))
    let scoutBox = scout.temp.appendingPathComponent("orchgen-out")
    #expect(try String(contentsOf: scoutBox.appendingPathComponent("result.md"), encoding: .utf8).contains("- needs_build: true"))

    let builder = try job("build", upstream: [("scout", scoutBox)])
    #expect(builder.status == 0, "\(builder.output)")
    let patch = try String(contentsOf: builder.temp.appendingPathComponent("orchgen-out/changes.patch"), encoding: .utf8)
    #expect(patch.contains("src/app.txt") && patch.contains("+built"), "the builder's Write is not in its patch:\n\(patch)\n\(builder.output)")
    // The builder started with the scout's result where the hand-off convention says.
    #expect(FileManager.default.fileExists(atPath: project.root.appendingPathComponent(".orchestrator/results/agent-01-result.md").path))

    // One CLI run per job, each with its own agent's body as the system prompt and the request.
    let requests = api.messageRequests()
    let scoutRequests = requests.filter { FakeMessagesAPI.systemText($0).contains("MARKER-SCOUT-BODY") }
    let builderRequests = requests.filter { FakeMessagesAPI.systemText($0).contains("MARKER-BUILDER-BODY") }
    #expect(scoutRequests.count == 1 && builderRequests.count == 2, "scout \(scoutRequests.count), builder \(builderRequests.count) of \(requests.count)")
    #expect(scoutRequests.first.map(ClaudeEndToEndTests.allText)?.contains("add a role field") == true)
  }

  /// An agent the CLI does not know (not copied to ~/.claude/agents) fails the job with the
  /// CLI's own words, never a run as another agent.
  @Test func aMissingAgentFailsTheJob() throws {
    guard let claude = ClaudeCLI.require() else { return }
    let project = try TemporaryProject(Self.files)
    defer { project.remove() }
    try #require(try OrchgenProcess.run(["build", "--root", project.root.path]).status == 0)
    try ClaudeCLI.gitInit(project.root)
    let workflow = try String(contentsOf: project.root.appendingPathComponent("output/github/workflows/feature.yml"), encoding: .utf8)
    let api = try FakeMessagesAPI(rules: #"{"rules": [{"when": {}, "reply": [{"type": "text", "text": "Status: completed"}]}]}"#)
    defer { api.stop() }
    let outside = Self.outsideFolder()
    defer { try? FileManager.default.removeItem(at: outside) }
    let home = outside.appendingPathComponent("home")
    try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    var environment = api.claudeEnvironment(home: home)
    environment["PATH"] = claude.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
    let temp = outside.appendingPathComponent("runner-temp")
    try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
    environment["RUNNER_TEMP"] = temp.path
    environment["ORCHGEN_UPSTREAM"] = ""
    #expect(try ActionsStep.run(["python3", "output/github/orchgen_job.py", "prepare"], environment: environment, in: project.root).status == 0)
    for (key, value) in Self.stepEnvironment(workflow, job: "scout", request: "x") { environment[key] = value }
    let ran = try ActionsStep.run(["python3", "output/github/orchgen_job.py", "run"], environment: environment, in: project.root)
    #expect(ran.status == 1, "\(ran.output)")
    #expect(ran.output.contains("the CLI did not run agent scout: --agent 'scout' not found"), "\(ran.output)")
    #expect(api.messageRequests().isEmpty, "the CLI ran a model without the agent")
  }
}

/// One step's command, its output and error together.
enum ActionsStep {
  static func run(_ arguments: [String], environment: [String: String], in directory: URL) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = environment
    process.currentDirectoryURL = directory
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    process.standardInput = FileHandle.nullDevice
    try ClaudeCLI.runWithDefaultSignalMask(process)
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
