import Foundation
import Testing

@testable import OrchgenKit

/// `github/orchgen_job.py`, the steps of every generated job: it reads results exactly as
/// `RunResult` does, and `prepare` → `run` → `final` in a scratch git repository with a fake
/// `opencode` on PATH apply upstream patches, retry within `retries`, publish the outputs, hand
/// off `.orchestrator/` files, fail on changes outside the write scope (listing them) and write
/// `final_output.md`.
@Suite struct GitHubActionsScriptTests {
  /// Results in the shapes agents write them, and the corner cases of `RunResult`.
  static let samples: [String] = [
    "Status: completed\n",
    "# Agent-01 result: x\n**Status:** completed\n## Decisions\n- schema_needed: true\n- types_needed: false\n",
    "Status: `failed`\n## Summary\nbroken\n",
    "## Summary\nno status at all\n",
    "STATUS: Completed.\n## decisions\n* **go**: TRUE (because)\n* _ok_: false\n",
    "Status: done\n",
    "Status: completed\n## Decisions\n- go: true\n- go: false\n",
    "## Decisions\nstatus: true\nStatus: completed\n",
    "Status: completed\n## Decisions\n- __big__: false\n- flag_: true\n- ok:maybe\n",
    "Status: completed\r\n## Decisions\r\n- go: true\r\n",
    "  - Status: completed\n### Decisions and notes\n- go: false\n## Other\n- ok: true\n",
    "Status: completedly\n",
    "Status: completed\n## Decisions\n- `go`: `true`\n- ok: falsehood\n",
    "Status:failed\nStatus: completed\n",
    "Status: complétée\n",
    "",
  ]

  /// A result written with CRLF line ends keeps its decisions (it used to be one long line).
  @Test func crlfResultKeepsItsDecisions() {
    let result = RunResult(parsing: "Status: completed\r\n## Decisions\r\n- go: true\r\n")
    #expect(result.completed && result.decisions == ["go": true])
  }

  @Test func parsesResultsLikeRunResult() throws {
    let script = try ActionsJobScript.shared()
    var paths: [String] = []
    for (index, sample) in Self.samples.enumerated() {
      let url = script.directory.appendingPathComponent("sample-\(index).md")
      try Data(sample.utf8).write(to: url)
      paths.append(url.path)
    }
    let run = try ActionsJobScript.run(["python3", script.script.path, "parse"] + paths, environment: [:])
    try #require(run.status == 0, "\(run.output)")
    let lines = run.output.split(separator: "\n")
    try #require(lines.count == Self.samples.count, "\(run.output)")
    for (sample, line) in zip(Self.samples, lines) {
      let parsed = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      let expected = RunResult(parsing: sample)
      #expect(parsed["completed"] as? Bool == expected.completed, "\(sample.debugDescription)")
      #expect((parsed["problem"] as? String) == expected.problem, "\(sample.debugDescription)")
      #expect((parsed["decisions"] as? [String: Bool]) == expected.decisions, "\(sample.debugDescription)")
    }
  }

  /// Two jobs in a scratch repository: `first` writes inside its scope and hands off a file;
  /// `second` gets both, fails its first attempt, passes its retry, but also writes outside its
  /// scope, so it fails listing that file. `final` applies both and writes the report.
  @Test func preparesRunsAndCollects() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-job-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let repo = root.appendingPathComponent("repo")
    let bin = root.appendingPathComponent("bin")
    let temp1 = root.appendingPathComponent("temp1")
    let temp2 = root.appendingPathComponent("temp2")
    for folder in [repo, bin, temp1, temp2] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
    func write(_ url: URL, _ text: String) throws {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    try write(repo.appendingPathComponent("src/a.txt"), "a\n")
    try write(repo.appendingPathComponent("task.md"), "# Task\n")
    try write(repo.appendingPathComponent("job.py"), GitHubJobScript.text)
    // The fake CLI: what it does depends on the task; a counter file makes attempts differ.
    try write(bin.appendingPathComponent("opencode"), """
      #!/bin/sh
      prompt=$(cat)
      case "$prompt" in *"## Request"*"add docs"*) ;; *) echo "no request in the prompt" >&2; exit 3;; esac
      n=$(cat "$RUNNER_TEMP/count" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$RUNNER_TEMP/count"
      if [ "$ORCHGEN_TASK" = first ]; then
        echo changed > src/a.txt; mkdir -p .orchestrator; echo '{"k":1}' > .orchestrator/notes.json
        printf 'Status: completed\\n## Decisions\\n- go: true\\n## Outputs\\n### plan.md\\nThe plan.\\n'
      elif [ $n -eq 1 ]; then
        printf 'Status: failed\\n'
      else
        test "$(cat src/a.txt)" = changed || { echo 'upstream patch missing' >&2; exit 4; }
        test -f .orchestrator/notes.json || { echo 'hand-off missing' >&2; exit 5; }
        grep -q 'The plan.' .orchestrator/results/agent-01-result.md || { echo 'upstream result missing' >&2; exit 6; }
        echo new > docs.txt; echo stray > other.txt
        printf 'Status: completed\\n'
      fi

      """)
    _ = try ActionsJobScript.run(["chmod", "+x", bin.appendingPathComponent("opencode").path], environment: [:])
    for command in [["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base"]] {
      let run = try ActionsJobScript.run(command, environment: [:], in: repo)
      try #require(run.status == 0, "\(command): \(run.output)")
    }
    let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    func job(_ command: String, temp: URL, _ extra: [String: String]) throws -> (status: Int32, output: String) {
      var environment = [
        "PATH": path, "RUNNER_TEMP": temp.path, "ORCHGEN_RUNNER": "opencode", "ORCHGEN_ASK": "reject", "ORCHGEN_ASK_FLAGS": "",
        "ORCHGEN_NUMBER": "01", "ORCHGEN_AGENT": "worker", "ORCHGEN_TASK_FILE": "task.md", "ORCHGEN_REQUEST": "add docs",
        "ORCHGEN_LOOP": "none", "GITHUB_OUTPUT": temp.appendingPathComponent("github-output").path,
      ]
      for (key, value) in extra { environment[key] = value }
      return try ActionsJobScript.run(["python3", "job.py", command], environment: environment, in: repo)
    }
    // Job `first`, on a clean checkout.
    let first = ["ORCHGEN_TASK": "first", "ORCHGEN_DECIDES": "go", "ORCHGEN_RETRIES": "0", "ORCHGEN_WRITES": "src/**", "ORCHGEN_UPSTREAM": ""]
    #expect(try job("prepare", temp: temp1, first).status == 0)
    let ran = try job("run", temp: temp1, first)
    #expect(ran.status == 0, "\(ran.output)")
    #expect(try String(contentsOf: temp1.appendingPathComponent("github-output"), encoding: .utf8) == "go=true\n")
    let box = temp1.appendingPathComponent("orchgen-out")
    #expect(try String(contentsOf: box.appendingPathComponent("changes.patch"), encoding: .utf8).contains("+changed"))
    #expect(FileManager.default.fileExists(atPath: box.appendingPathComponent("handoff/notes.json").path))
    #expect(
      try String(contentsOf: box.appendingPathComponent("handoff/results/agent-01-result.md"), encoding: .utf8)
        == String(contentsOf: box.appendingPathComponent("result.md"), encoding: .utf8))
    // Job `second` on a fresh checkout: the artifact of `first` downloaded as orchgen-first.
    for command in [["git", "reset", "-q", "--hard", "HEAD~1"], ["git", "clean", "-q", "-fdx", "-e", "job.py"]] {
      _ = try ActionsJobScript.run(command, environment: [:], in: repo)
    }
    try FileManager.default.copyItem(at: box, to: temp2.appendingPathComponent("orchgen-in/orchgen-first"))
    let second = ["ORCHGEN_TASK": "second", "ORCHGEN_NUMBER": "02", "ORCHGEN_DECIDES": "", "ORCHGEN_RETRIES": "1", "ORCHGEN_WRITES": "docs.txt\nsrc/*.md", "ORCHGEN_UPSTREAM": "first"]
    #expect(try job("prepare", temp: temp2, second).status == 0)
    let failed = try job("run", temp: temp2, second)
    #expect(failed.status == 1)
    #expect(failed.output.contains("retry 1 of 1"), "\(failed.output)")
    #expect(failed.output.contains("changed files outside its write scope:\n  other.txt\n"), "\(failed.output)")
    #expect(!failed.output.contains("docs.txt\n"), "\(failed.output)")
    // The final job applies both in job order and reports both results.
    try FileManager.default.copyItem(
      at: temp2.appendingPathComponent("orchgen-out"), to: temp2.appendingPathComponent("orchgen-in/orchgen-second"))
    for command in [["git", "reset", "-q", "--hard", "HEAD~1"], ["git", "clean", "-q", "-fdx", "-e", "job.py"]] {
      _ = try ActionsJobScript.run(command, environment: [:], in: repo)
    }
    let final = try job("final", temp: temp2, ["ORCHGEN_WORKFLOW": "wf", "ORCHGEN_JOBS": "first\tfirst\tAgent-01\nsecond\tsecond\tAgent-02\n"])
    #expect(final.status == 0, "\(final.output)")
    #expect(try String(contentsOf: repo.appendingPathComponent("docs.txt"), encoding: .utf8) == "new\n")
    let report = try String(contentsOf: temp2.appendingPathComponent("final_output.md"), encoding: .utf8)
    #expect(report.hasPrefix("# Final Report\n\nWorkflow `wf`: the result of every task, in plan order.\n\n## Agent-01: first\n\nStatus: completed\n"))
    #expect(report.contains("## Agent-02: second\n\nStatus: completed\n"))
  }

  /// A CLI that is not there fails the attempt, is retried, and the log and the result say why
  /// (not only "Status: failed").
  @Test func aCLIThatCannotStartFailsWithItsReason() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("orchgen-job-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let repo = root.appendingPathComponent("repo")
    let temp = root.appendingPathComponent("temp")
    for folder in [repo, temp] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
    try Data("# Task\n".utf8).write(to: repo.appendingPathComponent("task.md"))
    try Data(GitHubJobScript.text.utf8).write(to: repo.appendingPathComponent("job.py"))
    for command in [["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base"]] {
      try #require(try ActionsJobScript.run(command, environment: [:], in: repo).status == 0)
    }
    let empty = root.appendingPathComponent("empty-bin")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    let git = try #require(["/usr/bin/git", "/bin/git", "/usr/local/bin/git"].first { FileManager.default.isExecutableFile(atPath: $0) })
    try FileManager.default.createSymbolicLink(atPath: empty.appendingPathComponent("git").path, withDestinationPath: git)
    let environment = [
      "PATH": empty.path, "RUNNER_TEMP": temp.path, "ORCHGEN_RUNNER": "opencode", "ORCHGEN_ASK": "reject", "ORCHGEN_ASK_FLAGS": "",
      "ORCHGEN_NUMBER": "01", "ORCHGEN_TASK": "solo", "ORCHGEN_AGENT": "worker", "ORCHGEN_TASK_FILE": "task.md", "ORCHGEN_REQUEST": "",
      "ORCHGEN_LOOP": "none", "ORCHGEN_RETRIES": "1", "ORCHGEN_DECIDES": "", "ORCHGEN_WRITES": "", "ORCHGEN_UPSTREAM": "",
      "GITHUB_OUTPUT": temp.appendingPathComponent("github-output").path,
    ]
    let python = try #require(["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) })
    #expect(try ActionsJobScript.run([python, "job.py", "prepare"], environment: environment, in: repo).status == 0)
    let ran = try ActionsJobScript.run([python, "job.py", "run"], environment: environment, in: repo)
    #expect(ran.status == 1, "\(ran.output)")
    #expect(ran.output.contains("retry 1 of 1"), "\(ran.output)")
    #expect(ran.output.contains("failed after 2 failure(s): the runner could not start opencode: "), "\(ran.output)")
    let result = try String(contentsOf: temp.appendingPathComponent("orchgen-out/result.md"), encoding: .utf8)
    #expect(result.contains("Status: failed\n## Summary\nThe runner failed this attempt: the runner could not start opencode"), "\(result)")
  }

  @Test func outputsOfAFixLoop() throws {
    let script = try ActionsJobScript.shared()
    let failing = "Status: completed\n## Decisions\n- failed: true\n- go: true\n"
    let passing = "Status: completed\n## Decisions\n- failed: false\n- go: true\n"
    #expect(try script.outputs(result: failing, decides: "go failed", loop: "check", used: "0") == (["_fix": "true", "_failures": "0"], true))
    #expect(try script.outputs(result: failing, decides: "go failed", loop: "check-last", used: "0") == (["_failures": "0"], false))
    #expect(try script.outputs(result: passing, decides: "go failed", loop: "check-last", used: "1") == (["go": "true", "failed": "false", "_failures": "1"], true))
    #expect(try script.outputs(result: "Status: completed\n", decides: "go", loop: "none", used: "0") == ([:], false))
  }
}
