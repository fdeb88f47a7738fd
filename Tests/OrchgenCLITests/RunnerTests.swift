import Foundation
import Testing

/// The generated runner `run.mk`, end to end: `orchgen build` on a small project, then
/// `make -f output/workflows/<w>/run.mk -j N` with a fake CLI first on `PATH`. The fake records
/// when each run starts and ends and which task it was given, sleeps briefly and prints a
/// result; the test checks the schedule it recorded.
@Suite(.enabled(if: GNUMake.path != nil, "make is not installed: the runner tests need GNU make"))
struct RunnerTests {

  static let cap = 2

  /// discover decides schema_needed (false); schema runs only when it is true; code fans out to
  /// three items with one retry; tests has a fix loop of at most two rounds; report needs tests.
  static let files: [String: String] = [
    "config/orchgen.yaml": "defaults: { max_concurrent: \(cap), estimate: 10m }\n",
    "config/agents.yaml": """
      agents:
        coordinator: { description: Runs the workflow, mode: primary }
        discovery: { description: Maps the request }
        coder: { description: Writes code }
        tester: { description: Runs the tests }
        fixer: { description: Fixes failing tests }

      """,
    "content/instructions/coordinator.md": "# Coordinator\n",
    "content/instructions/discovery.md": "# Discovery\n",
    "content/instructions/coder.md": "# Coder\n",
    "content/instructions/tester.md": "# Tester\n",
    "content/instructions/fixer.md": "# Fixer\n",
    "config/workflows/feature.yaml": """
      description: A feature
      tasks:
        discover: { agent: discovery, decides: [schema_needed] }
        schema: { agent: coder, needs: [discover], when: discover.schema_needed, writes: ["db/**"] }
        code: { agent: coder, for_each: [api, web, cli], needs: [discover], writes: ["{item}/**"], retries: 1 }
        tests: { agent: tester, needs: [code, schema], fix: { agent: fixer, max_rounds: 2 } }
        report: { agent: coder, needs: [tests] }

      """,
  ]

  /// The fake `opencode run --agent <agent> [flags]` (or `claude -p --agent <agent> --output-format
  /// json [flags]`), the prompt on standard input. It resolves the agent as the real CLIs do
  /// (OpenCode: `$OPENCODE_CONFIG_DIR/agents/<agent>.md`, whose `mode: subagent` or absence makes
  /// `opencode run` warn and fall back to its default agent; Claude Code: `.claude/agents/`),
  /// records its arguments, what its stdin was and the prompt, and prints a result (Claude Code's
  /// as the `--output-format json` object). FAKE_FAIL_ONCE / FAKE_FAIL_ALWAYS list tasks whose
  /// run fails the first time / every time; FAKE_REJECT tasks get a permission rejected,
  /// FAKE_AGENT_<task> overrides the agent it believes it runs.
  static let fakeCLI = #"""
    #!/bin/sh
    if [ "$1" = run ] || [ "$1" = -p ]; then mode=$1; agent=$3; else echo "unexpected arguments: $*" >&2; exit 64; fi
    if [ -t 0 ]; then stdin=tty; elif [ -p /dev/stdin ]; then stdin=pipe; elif [ -f /dev/stdin ]; then stdin=file; else stdin=other; fi
    cat > "$FAKE_DIR/stdin.$$"
    prompt=$(cat "$FAKE_DIR/stdin.$$")
    number=$(printf '%s\n' "$prompt" | sed -n '1s/^# Agent-\([0-9]*\): .*/\1/p')
    task=$(printf '%s\n' "$prompt" | sed -n '1s/^# Agent-[0-9]*: //p')
    count=$(( $(cat "$FAKE_DIR/$task.count" 2>/dev/null || echo 0) + 1 ))
    echo "$count" > "$FAKE_DIR/$task.count"
    mv "$FAKE_DIR/stdin.$$" "$FAKE_DIR/$task.prompt.$count"
    echo "$task $stdin $*" >> "$FAKE_DIR/args"
    ran=$agent
    if [ "$mode" = run ]; then
      file="$OPENCODE_CONFIG_DIR/agents/$agent.md"
      if [ ! -f "$file" ]; then
        printf '\033[93m\033[1m! \033[0m agent "%s" not found. Falling back to default agent\n' "$agent" >&2; ran=build
      elif sed -n '2,/^---$/p' "$file" | grep -q '^mode: subagent$'; then
        printf '\033[93m\033[1m! \033[0m agent "%s" is a subagent, not a primary agent. Falling back to default agent\n' "$agent" >&2; ran=build
      fi
    elif [ ! -f ".claude/agents/$agent.md" ]; then
      echo "--agent '$agent' not found. Available agents: claude, Explore, general-purpose, Plan, statusline-setup" >&2
      exit 1
    fi
    case "$stdin" in file) request=$(case "$prompt" in *"$FAKE_REQUEST"*) echo yes ;; *) echo no ;; esac) ;; *) request=no ;; esac
    echo "start $(date +%s.%N) $task $ran $request" >> "$FAKE_DIR/log"
    sleep 0.3
    echo "end $(date +%s.%N) $task" >> "$FAKE_DIR/log"
    for write in $FAKE_WRITE; do
      case "$write" in "$task:"*) mkdir -p "$(dirname "${write#*:}")"; echo "written by $task" > "${write#*:}" ;; esac
    done
    case " $FAKE_FAIL_ALWAYS " in *" $task "*) exit 1 ;; esac
    case " $FAKE_FAIL_ONCE " in *" $task "*) [ "$count" -eq 1 ] && exit 1 ;; esac
    denials='[]'
    case " $FAKE_REJECT " in *" $task "*)
      if [ "$mode" = run ]; then
        printf '\033[93m\033[1m! \033[0mpermission requested: edit (src/a.ts); auto-rejecting\n' >&2
      else
        denials='[{"tool_name":"Bash","tool_use_id":"toolu_1","tool_input":{"command":"touch x"}}]'
      fi ;;
    esac
    result="# Agent-$number result: $task
    Status: completed
    ## Decisions"
    # Every flag the task file asks for: false, except the check `tests`, which fails once.
    for flag in $(printf '%s\n' "$prompt" | sed -n '/^## Decisions to report/,/^## Scheduling/p' | sed -n 's/^- \([a-z][a-z0-9_-]*\): true | false$/\1/p'); do
      value=false
      if [ "$task" = tests ] && [ "$flag" = failed ] && [ "$count" -eq 1 ]; then value=true; fi
      result="$result
    - $flag: $value"
    done
    if [ "$mode" = run ]; then
      printf '%s\n' "$result"
    else
      json=$(printf '%s' "$result" | awk 'BEGIN { ORS = "\\n" } { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print }')
      json=${json%\\n}
      printf '{"type":"result","subtype":"success","is_error":false,"duration_ms":1,"num_turns":1,"result":"%s","session_id":"s","permission_denials":%s}\n' "$json" "$denials"
    fi
    """#

  /// One run of the fake CLI.
  struct Run {
    var task: String
    var agent: String
    var start: Double
    var end: Double
    var sawRequest: Bool
  }

  /// Builds `files`, installs the fake as `cli` on PATH, runs make and returns the exit status,
  /// make's output and the runs the fake recorded.
  static func runWorkflow(
    _ files: [String: String], cli: String = "opencode", workflow: String = "feature", environment: [String: String] = [:],
    claudeAgents: Bool = false
  ) throws -> (project: TemporaryProject, status: Int32, output: String, runs: [Run]) {
    let project = try TemporaryProject(files)
    let build = try OrchgenProcess.run(["build", "--root", project.root.path])
    #expect(build.status == 0, "\(build)")
    if claudeAgents {
      // As README says: Claude Code finds the agents in .claude/agents/.
      let manager = FileManager.default
      try manager.createDirectory(at: project.root.appendingPathComponent(".claude"), withIntermediateDirectories: true)
      try manager.copyItem(
        at: project.root.appendingPathComponent("output/claude/agents"), to: project.root.appendingPathComponent(".claude/agents"))
    }
    let result = try runMake(
      "output/workflows/\(workflow)/run.mk", jobs: cap, in: project, cli: cli, environment: environment)
    return (project, result.status, result.output, result.runs)
  }

  /// Runs `make -f makefile -j jobs` in `project` with the fake installed as `cli` first on PATH.
  static func runMake(
    _ makefile: String, jobs: Int, in project: TemporaryProject, cli: String, environment: [String: String] = [:],
    request: String = "add a role field"
  ) throws -> (status: Int32, output: String, runs: [Run]) {
    try project.write("bin/\(cli)", fakeCLI)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: project.root.appendingPathComponent("bin/\(cli)").path)
    let fake = project.root.appendingPathComponent("fake")
    try FileManager.default.createDirectory(at: fake, withIntermediateDirectories: true)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(GNUMake.path))
    process.arguments = ["-f", makefile, "-j", "\(jobs)", "REQUEST=\(request)"]
    process.currentDirectoryURL = project.root
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = project.root.appendingPathComponent("bin").path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["FAKE_DIR"] = fake.path
    env["FAKE_REQUEST"] = "add a role field"
    env.removeValue(forKey: "ORCHGEN_CLI")
    env["ORCHGEN"] = try #require(OrchgenProcess.executable).path
    env.removeValue(forKey: "OPENCODE_CONFIG_DIR")
    env.removeValue(forKey: "MAKEFLAGS")
    env.merge(environment) { _, new in new }
    process.environment = env
    let outputURL = project.root.appendingPathComponent("make.out")
    _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
    let handle = try FileHandle(forWritingTo: outputURL)
    defer { try? handle.close() }
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = FileHandle.nullDevice
    try ClaudeCLI.runWithDefaultSignalMask(process)
    // A runner that hangs fails the test instead of the whole run.
    let deadline = Date().addingTimeInterval(120)
    while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()

    let log = (try? String(contentsOf: fake.appendingPathComponent("log"), encoding: .utf8)) ?? ""
    var starts: [String: [(Double, String, Bool)]] = [:]
    var runs: [Run] = []
    for line in log.split(separator: "\n") {
      let fields = line.split(separator: " ").map(String.init)
      guard fields.count >= 3, let time = Double(fields[1]) else { continue }
      if fields[0] == "start", fields.count >= 5 {
        starts[fields[2], default: []].append((time, fields[3], fields[4] == "yes"))
      } else if fields[0] == "end", let first = starts[fields[2]]?.first {
        starts[fields[2]]?.removeFirst()
        runs.append(Run(task: fields[2], agent: first.1, start: first.0, end: time, sawRequest: first.2))
      }
    }
    let output = try String(contentsOf: outputURL, encoding: .utf8)
    return (process.terminationStatus, output, runs.sorted { $0.start < $1.start })
  }

  /// Every run started after a run of each of its needs ended, and while none of them ran.
  static func dependencyViolations(_ runs: [Run], needs: [String: [String]]) -> [String] {
    var problems: [String] = []
    for run in runs {
      for need in needs[run.task] ?? [] {
        let needRuns = runs.filter { $0.task == need }
        if needRuns.isEmpty { continue }  // skipped
        if !needRuns.contains(where: { $0.end <= run.start }) { problems.append("\(run.task) started before \(need) finished") }
        if needRuns.contains(where: { $0.start < run.start && $0.end > run.start }) {
          problems.append("\(run.task) started while \(need) ran")
        }
      }
    }
    return problems
  }

  /// The most runs in progress at any moment.
  static func peakConcurrency(_ runs: [Run]) -> Int {
    var events: [(time: Double, change: Int)] = []
    for run in runs {
      events.append((run.start, 1))
      events.append((run.end, -1))
    }
    // At equal times an end comes before a start.
    events.sort { $0.time == $1.time ? $0.change < $1.change : $0.time < $1.time }
    var current = 0
    var peak = 0
    for event in events {
      current += event.change
      peak = max(peak, current)
    }
    return peak
  }

  @Test func makeRunsThePlanInDependencyOrderWithinTheCapWithRetriesConditionsAndTheFixLoop() throws {
    let result = try Self.runWorkflow(Self.files, environment: ["FAKE_FAIL_ONCE": "code-api"])
    defer { result.project.remove() }
    #expect(result.status == 0, "make failed:\n\(result.output)")
    let runs = result.runs
    func count(_ task: String) -> Int { runs.filter { $0.task == task }.count }

    // Every run started after each of its needs finished (and while none of them was running).
    let needs: [String: [String]] = [
      "code-api": ["discover"], "code-web": ["discover"], "code-cli": ["discover"],
      "tests": ["code-api", "code-web", "code-cli"], "tests-fix": ["tests"], "report": ["tests", "tests-fix"],
    ]
    #expect(Self.dependencyViolations(runs, needs: needs).isEmpty, "\(Self.dependencyViolations(runs, needs: needs))")
    #expect(Self.peakConcurrency(runs) <= Self.cap, "more than \(Self.cap) tasks ran at once")
    #expect(Self.peakConcurrency(runs) == Self.cap, "the three code items should run two at a time")

    // A failing run is re-run within its bound; the condition false skips schema; the failed
    // check starts the fixer, then runs again.
    #expect(count("code-api") == 2 && count("code-web") == 1 && count("code-cli") == 1)
    #expect(count("schema") == 0)
    let schema = try result.project.text(".orchestrator/results/agent-02-result.md")
    #expect(schema.contains("Status: skipped") && schema.contains("discover.schema_needed is false"), "\(schema)")
    #expect(count("tests") == 2 && count("tests-fix") == 1 && count("report") == 1)
    let tests = runs.filter { $0.task == "tests" }
    let fix = try #require(runs.first { $0.task == "tests-fix" })
    #expect(tests[0].end <= fix.start && fix.end <= tests[1].start, "fix loop out of order")
    #expect(runs.allSatisfy { $0.sawRequest }, "every task should get the request")
    #expect(runs.first { $0.task == "tests-fix" }?.agent == "fixer")

    // final_output.md concatenates every result in plan order.
    let final = try result.project.text(".orchestrator/final_output.md")
    let headings = final.split(separator: "\n").filter { $0.hasPrefix("## Agent-") }.map(String.init)
    #expect(headings == [
      "## Agent-01: discover", "## Agent-02: schema", "## Agent-03: code-api", "## Agent-04: code-web",
      "## Agent-05: code-cli", "## Agent-06: tests", "## Agent-07: tests-fix", "## Agent-08: report",
    ])
    #expect(final.contains("- failed: false"), "the re-run's result replaces the failed one")
    let log = try result.project.text(".orchestrator/task-status.md")
    #expect(log.contains("Agent-03 failed code-api: the result says Status: failed; retry 1 of 1"), "\(log)")
  }

  @Test func aTaskThatKeepsFailingStopsTheRunAfterItsRetries() throws {
    let result = try Self.runWorkflow(Self.files, environment: ["FAKE_FAIL_ALWAYS": "code-web"])
    defer { result.project.remove() }
    #expect(result.status != 0, "make should fail:\n\(result.output)")
    #expect(result.runs.filter { $0.task == "code-web" }.count == 2, "1 run + 1 retry")
    #expect(!result.runs.contains { ["tests", "report"].contains($0.task) }, "dependents must not start")
    #expect(!FileManager.default.fileExists(atPath: result.project.root.appendingPathComponent(".orchestrator/final_output.md").path))
    #expect(result.output.contains("task code-web (Agent-04) failed after 2 attempt(s)"), "\(result.output)")
  }

  /// The repository's own generated runner for its largest workflow (seed 000), run from a
  /// scratch directory: every task in dependency order, within its max_concurrent of 3.
  @Test func theRepositorysParallelFeatureRunnerRunsItsPlan() throws {
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let workflow = repository.appendingPathComponent("output/workflows/parallel-feature")
    let plan = try JSONSerialization.jsonObject(with: Data(contentsOf: workflow.appendingPathComponent("plan.json")))
    let tasks = try #require((plan as? [String: Any])?["tasks"] as? [[String: Any]])
    var needs: [String: [String]] = [:]
    for task in tasks { needs[task["id"] as? String ?? ""] = task["needs"] as? [String] ?? [] }
    let cap = try #require((plan as? [String: Any])?["max_concurrent"] as? Int)

    // The runner asks orchgen about the project in the current directory: its config and content.
    let scratch = try TemporaryProject([:])
    defer { scratch.remove() }
    for folder in ["config", "content"] {
      try FileManager.default.copyItem(at: repository.appendingPathComponent(folder), to: scratch.root.appendingPathComponent(folder))
    }
    let result = try Self.runMake(workflow.appendingPathComponent("run.mk").path, jobs: cap, in: scratch, cli: "opencode")
    #expect(result.status == 0, "make failed:\n\(result.output)")
    #expect(Self.dependencyViolations(result.runs, needs: needs).isEmpty, "\(Self.dependencyViolations(result.runs, needs: needs))")
    #expect(Self.peakConcurrency(result.runs) <= cap)
    let final = try scratch.text(".orchestrator/final_output.md")
    #expect(final.split(separator: "\n").filter { $0.hasPrefix("## Agent-") }.count == tasks.count)
  }

  @Test func theClaudeRunnerStartsClaudeInPrintModeWithTheAgent() throws {
    var files = Self.files
    files["config/orchgen.yaml"] = "defaults: { max_concurrent: \(Self.cap) }\ntargets: [claude]\nrunner: claude\n"
    files["config/workflows/feature.yaml"] = """
      description: A feature
      tasks:
        discover: { agent: discovery }
        code: { agent: coder, needs: [discover] }

      """
    files["content/instructions/tester.md"] = nil
    files["content/instructions/fixer.md"] = nil
    files["config/agents.yaml"] = """
      agents:
        coordinator: { description: Runs the workflow, mode: primary }
        discovery: { description: Maps the request }
        coder: { description: Writes code }

      """
    let result = try Self.runWorkflow(files, cli: "claude", claudeAgents: true)
    defer { result.project.remove() }
    #expect(result.status == 0, "make failed:\n\(result.output)")
    #expect(result.runs.map(\.task) == ["discover", "code"])
    #expect(result.runs.map(\.agent) == ["discovery", "coder"])
    #expect(try result.project.text(".orchestrator/final_output.md").contains("## Agent-02: code"))
  }
}

extension TemporaryProject {
  /// The text of the file at `path` under the root.
  fileprivate func text(_ path: String) throws -> String {
    try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
  }
}

/// Where `make` is, if installed.
enum GNUMake {
  static let path: String? = ["/usr/bin/make", "/bin/make", "/usr/local/bin/make", "/opt/homebrew/bin/make"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
}
