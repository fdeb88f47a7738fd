import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The run-state commands (`orchgen next`, `done`, `status`) on the real binary, several
/// processes at once and killed at random moments, on a small project: `wide` has eight
/// independent tasks `t1`…`t8` (max_concurrent 8) and `final`, which needs all of them;
/// `other` has one task. Every change takes the lock on `.orchestrator/` and replaces
/// `checkpoint.json`, `master_plan.md` and `task-status.md` whole, so no update may be lost,
/// a killed call must leave a state the next call continues from, and a refused call must
/// change nothing.
@Suite struct RunStateProcessTests {
  static let workers = (1...8).map { "t\($0)" }
  static let tasks = workers + ["final"]

  static let wide = """
    description: Eight tasks at once, then one that needs them all
    max_concurrent: 8
    tasks:
      t1: { agent: worker, estimate: 10m }
      t2: { agent: worker }
      t3: { agent: worker }
      t4: { agent: worker }
      t5: { agent: worker }
      t6: { agent: worker }
      t7: { agent: worker }
      t8: { agent: worker }
      final: { agent: merger, needs: [t1, t2, t3, t4, t5, t6, t7, t8] }

    """

  static let files: [String: String] = [
    "config/agents.yaml": """
      agents:
        coordinator: { description: Runs the workflow, mode: primary }
        worker: { description: Does one piece }
        merger: { description: Merges the pieces }

      """,
    "content/instructions/coordinator.md": "# Coordinator\n",
    "content/instructions/worker.md": "# Worker\n",
    "content/instructions/merger.md": "# Merger\n",
    "config/workflows/wide.yaml": wide,
    "config/workflows/other.yaml": "description: Another workflow\ntasks:\n  solo: { agent: worker }\n",
  ]

  // MARK: - a. Parallel calls lose no update

  /// Eight `next` at once on a fresh state start the run once; then, five times, eight `done`
  /// at once (with `status` readers among them) each record their task: the checkpoint has all
  /// eight completed, the log eight `completed` lines, each result file its own text, and
  /// `final` is what `next` starts.
  @Test func parallelCallsLoseNoUpdate() throws {
    let run = try RunProject()
    defer { run.remove() }

    // The first `next` of eight racing ones starts the run and the eight tasks; the others
    // see them running.
    let nexts = try (0..<8).map { _ in try run.start(["next", "wide", "--format", "lines"]) }
    let outputs = try nexts.map { try $0.wait() }
    for output in outputs { #expect(output.status == 0, "\(output)") }
    let starters = outputs.filter { $0.stdout.hasPrefix("start\t") }
    try #require(starters.count == 1, "exactly one of eight parallel `next` starts the run: \(outputs)")
    let startLines = starters[0].stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    #expect(Set(startLines.map { $0[1] }) == Set(Self.workers), "\(starters[0])")
    for output in outputs where !output.stdout.hasPrefix("start\t") {
      let fields = output.stdout.dropLast().split(separator: "\t")
      #expect(fields.first == "wait" && Set(fields.last?.split(separator: ",").map(String.init) ?? []) == Set(Self.workers), "\(output)")
    }
    #expect(run.log().components(separatedBy: "Run started").count == 2, "one run started: \(run.log())")
    var numbers: [String: String] = [:]
    for fields in startLines { numbers[fields[1]] = fields[2] }

    for round in 1...5 {
      if round > 1 {
        let next = try run.orchgen(["next", "wide", "--restart", "--format", "lines"])
        #expect(next.status == 0, "\(next)")
        #expect(Set(next.stdout.split(separator: "\n").map { String($0.split(separator: "\t")[1]) }) == Set(Self.workers), "\(next)")
      }
      var texts: [String: String] = [:]
      var children: [RunChild] = []
      var readers: [RunChild] = []
      for (index, task) in Self.workers.enumerated() {
        let text = "# \(task) result\nStatus: completed\n## Summary\nRound \(round), task \(task): \(UUID().uuidString)\n"
        texts[task] = text
        children.append(try run.start(["done", "wide", task, "--result", try run.scratchFile("\(task)-\(round).md", text).path]))
        if index % 3 == 1 { readers.append(try run.start(["status", "--format", "json"])) }
      }
      for (task, child) in zip(Self.workers, children) {
        let result = try child.wait()
        #expect(result.status == 0, "round \(round), done \(task): \(result)")
        #expect(result.stdout.contains("completed \(task)\n"), "round \(round), done \(task): \(result)")
      }
      for reader in readers {
        let result = try reader.wait()
        #expect(result.status == 0, "round \(round), a status while dones run: \(result)")
        let counts = RunProject.json(result.stdout)?["counts"] as? [String: Int]
        #expect(counts?.values.reduce(0, +) == Self.tasks.count, "round \(round), a status while dones run: \(result)")
      }

      let checkpoint = try run.checkpoint()
      let statuses = RunProject.statuses(checkpoint)
      for task in Self.workers {
        #expect(statuses[task] == "completed", "round \(round): \(task) is \(statuses[task] ?? "missing") in the checkpoint")
        let recorded = (checkpoint["tasks"] as? [String: Any])?[task] as? [String: Any]
        let path = ".orchestrator/results/agent-\(numbers[task] ?? "?")-result.md"
        #expect(recorded?["result"] as? String == path, "round \(round): \(task)")
        #expect(run.read(path) == texts[task], "round \(round): \(path) must hold \(task)'s own text")
      }
      #expect(statuses["final"] == "pending" && checkpoint["status"] as? String == "running", "round \(round)")
      let log = run.currentRunLog()
      let completedLines = log.filter { $0.hasPrefix("- ") && $0.contains(" completed t") }
      #expect(completedLines.count == 8, "round \(round): task-status.md of this run: \(log)")
      for task in Self.workers {
        #expect(completedLines.filter { $0.hasSuffix(" completed \(task)") }.count == 1, "round \(round): \(task) in \(log)")
        let row = run.read(".orchestrator/master_plan.md")?.split(separator: "\n").first { $0.hasPrefix("| \(task) |") }
        #expect(row?.contains("| completed |") == true, "round \(round): master_plan.md row of \(task): \(row ?? "none")")
      }

      // The final task starts now, and once done (its result on standard input) the run ends.
      let next = try run.orchgen(["next", "wide", "--format", "lines"])
      #expect(next.status == 0 && next.stdout.hasPrefix("start\tfinal\t"), "round \(round): \(next)")
      let finalText = "# final result\nStatus: completed\n## Summary\nRound \(round) merged.\n"
      let done = try run.orchgen(["done", "wide", "final"], input: try run.scratchFile("final-\(round).md", finalText))
      #expect(done.status == 0, "round \(round): \(done)")
      let finished = try run.orchgen(["next", "wide", "--format", "lines"])
      #expect(finished.status == 0 && finished.stdout.hasPrefix("finished\t"), "round \(round): \(finished)")
      let status = try run.orchgen(["status", "--format", "json"])
      let report = RunProject.json(status.stdout)
      #expect(status.status == 0 && report?["status"] as? String == "completed", "round \(round): \(status)")
      #expect((report?["counts"] as? [String: Int])?["completed"] == Self.tasks.count, "round \(round): \(status)")
    }
  }

  /// `done` waits while another process holds the state folder's lock, and writes nothing
  /// meanwhile; `status` only reads, so it does not wait.
  @Test func doneWaitsForTheStateLock() throws {
    let run = try RunProject()
    defer { run.remove() }
    #expect(try run.orchgen(["next", "wide"]).status == 0)
    let descriptor = open(run.state.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    try #require(descriptor >= 0)
    defer { close(descriptor) }
    #expect(flock(descriptor, LOCK_EX) == 0)
    let before = try run.stateSnapshot()
    let text = "# t3 result\nStatus: completed\n"
    let done = try run.start(["done", "wide", "t3", "--result", try run.scratchFile("t3.md", text).path])
    let status = try run.orchgen(["status", "--format", "json"])
    #expect(status.status == 0 && RunProject.json(status.stdout) != nil, "status must not wait for the lock: \(status)")
    Thread.sleep(forTimeInterval: 0.4)
    #expect(done.process.isRunning, "done must wait while the state folder is locked")
    #expect(try run.stateSnapshot() == before, "nothing may be written while another process holds the lock")
    flock(descriptor, LOCK_UN)
    let result = try done.wait()
    #expect(result.status == 0, "\(result)")
    #expect(RunProject.statuses(try run.checkpoint())["t3"] == "completed")
  }

  // MARK: - b. Killed calls

  /// Thirty times (at most about eight seconds), a `done` of a running task (or a `next` when
  /// none runs) is killed with SIGKILL 0–30 ms after it started. After each kill the state
  /// loads (`status --format json` exits 0 with JSON), every task the checkpoint has completed
  /// has its result file, and a legal call succeeds: the same `done` again while its task is
  /// still running, else `next --interrupted`. At the end the run is driven to completion.
  @Test func killedCallsLeaveAStateTheNextCallContinuesFrom() throws {
    let run = try RunProject()
    defer { run.remove() }
    #expect(try run.orchgen(["next", "wide"]).status == 0)
    let deadline = Date().addingTimeInterval(8)
    var killed = 0
    for iteration in 0..<30 where Date() < deadline {
      let before = try run.checkpoint()
      let running = RunProject.statuses(before).filter { $0.value == "running" }.keys.sorted()
      let victim: [String]
      var text: String?
      if let task = running.randomElement() {
        text = "# \(task) result\nStatus: completed\n## Summary\nIteration \(iteration).\n"
        victim = ["done", "wide", task, "--result", try run.scratchFile("kill-\(iteration).md", text!).path]
      } else if before["status"] as? String == "completed" {
        victim = ["next", "wide", "--restart"]
      } else {
        victim = ["next", "wide"]
      }
      let delay = Double(Int.random(in: 0...30)) / 1000
      if try run.start(victim).killed(after: delay) { killed += 1 }
      let context = "iteration \(iteration): \(victim.prefix(3).joined(separator: " ")) killed after \(Int(delay * 1000)) ms"

      let status = try run.orchgen(["status", "--format", "json"])
      #expect(status.status == 0, "\(context): \(status)")
      let counts = RunProject.json(status.stdout)?["counts"] as? [String: Int]
      #expect(counts?.values.reduce(0, +) == Self.tasks.count, "\(context): \(status)")
      let checkpoint = try run.checkpoint()
      for (task, status) in RunProject.statuses(checkpoint) where status == "completed" {
        let path = (checkpoint["tasks"] as? [String: Any])?[task].flatMap { ($0 as? [String: Any])?["result"] as? String }
        let result = path.flatMap(run.read)
        #expect(result?.hasPrefix("# \(task) result\nStatus: completed\n") == true, "\(context): \(task)'s result \(path ?? "none")")
      }

      if victim[0] == "done", RunProject.statuses(checkpoint)[victim[2]] == "running" {
        let again = try run.orchgen(victim)
        #expect(again.status == 0, "\(context), done again: \(again)")
        #expect(RunProject.statuses(try run.checkpoint())[victim[2]] == "completed", "\(context), done again")
        let path = ".orchestrator/results/agent-\(try run.number(victim[2]))-result.md"
        #expect(run.read(path) == text, "\(context), done again: \(path)")
      } else {
        let next = try run.orchgen(["next", "wide", "--interrupted"])
        #expect(next.status == 0, "\(context), next --interrupted: \(next)")
      }
      // The legal call took the lock: what the killed write left is gone.
      #expect(run.unexpectedStateEntries().isEmpty, "\(context): left in .orchestrator: \(run.unexpectedStateEntries())")
    }
    #expect(killed > 0, "no call was killed: each ended within its delay")

    // Drive the run to its end without kills (--interrupted: a killed `next` may have marked
    // tasks running that nobody drives).
    var finished = false
    for step in 0..<8 where !finished {
      let next = try run.orchgen(["next", "wide", "--interrupted", "--format", "lines"])
      #expect(next.status == 0, "step \(step): \(next)")
      for line in next.stdout.split(separator: "\n") {
        let fields = line.split(separator: "\t").map(String.init)
        if fields[0] == "finished" { finished = true }
        guard fields[0] == "start" else { continue }
        let file = try run.scratchFile("end-\(step)-\(fields[1]).md", "# \(fields[1]) result\nStatus: completed\n")
        let done = try run.orchgen(["done", "wide", fields[1], "--result", file.path])
        #expect(done.status == 0, "step \(step): \(done)")
      }
    }
    #expect(finished, "the run must reach its end after the kills")
    let status = try run.orchgen(["status", "--format", "json"])
    let report = RunProject.json(status.stdout)
    #expect(status.status == 0 && report?["status"] as? String == "completed", "\(status)")
    #expect((report?["counts"] as? [String: Int])?["completed"] == Self.tasks.count, "\(status)")
  }

  /// `done` killed around the moment it writes (the window adapts to where kills land): the
  /// log must not fall behind the checkpoint (a task the checkpoint has completed has its
  /// `completed` line in `task-status.md`; a repeated line is fine), and no temporary file of
  /// the interrupted write may survive the next call that takes the lock. Stops at the first
  /// of each, at most 80 kills or about 5 s.
  @Test func aKilledDoneLeavesNoHalfWrittenTrace() throws {
    let run = try RunProject()
    defer { run.remove() }
    // How long an unkilled `done` takes, from spawn to exit.
    var durations: [TimeInterval] = []
    for task in ["t1", "t2", "t3"] {
      #expect(try run.orchgen(["next", "wide", "--restart"]).status == 0)
      let file = try run.scratchFile("time-\(task).md", "# \(task) result\nStatus: completed\n")
      let start = Date()
      #expect(try run.start(["done", "wide", task, "--result", file.path]).wait().status == 0)
      durations.append(Date().timeIntervalSince(start))
    }
    let typical = durations.sorted()[1]
    var window = (low: typical * 0.5, high: typical * 1.2)

    var laggingLog: String?
    var leftovers: [String] = []
    var outcomes = (early: 0, inWindow: 0, late: 0, abandoned: 0)
    let deadline = Date().addingTimeInterval(5)
    for iteration in 0..<80 where Date() < deadline && (laggingLog == nil || leftovers.isEmpty) {
      // A call that takes the lock, after the previous iteration's kill.
      let next = try run.orchgen(["next", "wide", "--restart"])
      #expect(next.status == 0, "\(next)")
      if leftovers.isEmpty { leftovers = run.unexpectedStateEntries() }
      let task = Self.workers.randomElement()!
      let file = try run.scratchFile("kill-\(iteration).md", "# \(task) result\nStatus: completed\n")
      let delay = Double.random(in: window.low...max(window.high, window.low + 0.001))
      let killed = try run.start(["done", "wide", task, "--result", file.path]).killed(after: delay)
      let completed = RunProject.statuses(try run.checkpoint())[task] == "completed"
      switch (killed, completed) {
      case (false, _):
        outcomes.late += 1
        window.high = max(window.low + 0.001, window.high * 0.95)
      case (true, false):
        outcomes.early += 1
        window.low = min(window.high - 0.001, window.low + (window.high - window.low) * 0.1)
      case (true, true):
        outcomes.inWindow += 1
      }
      if completed, laggingLog == nil, !run.currentRunLog().contains(where: { $0.hasPrefix("- ") && $0.hasSuffix(" completed \(task)") }) {
        laggingLog = "iteration \(iteration): done \(task) killed after \(Int(delay * 1000)) ms; the checkpoint has \(task) completed, task-status.md of this run has no such line:\n"
          + run.currentRunLog().joined(separator: "\n")
      }
      if !run.unexpectedStateEntries().isEmpty { outcomes.abandoned += 1 }
    }
    #expect(try run.orchgen(["next", "wide", "--interrupted"]).status == 0)
    if leftovers.isEmpty { leftovers = run.unexpectedStateEntries() }
    let summary = "kills before the checkpoint was written: \(outcomes.early), after: \(outcomes.inWindow), calls that ended first: \(outcomes.late), kills that left a temporary file: \(outcomes.abandoned)"
    #expect(laggingLog == nil, "task-status.md fell behind checkpoint.json after a kill (\(summary)): \(laggingLog ?? "")")
    #expect(leftovers.isEmpty, "temporary files of killed writes survived the next call (\(summary)): \(leftovers)")
  }

  // MARK: - c. Refused calls

  /// Illegal calls exit 1 with the reason on standard error and change nothing in
  /// `.orchestrator/` (bytes and modification times): `done` of a finished, a pending or an
  /// unknown task, `next`/`done`/`status` of another workflow while a run is active, and
  /// `next`/`done` once the plan changed (an estimate, then a new task), until it is restored.
  @Test func refusedCallsChangeNothingAndSayWhy() throws {
    let run = try RunProject()
    defer { run.remove() }
    let t1 = try run.scratchFile("t1.md", "# t1 result\nStatus: completed\n")
    let t2 = try run.scratchFile("t2.md", "# t2 result\nStatus: completed\n")

    // No run yet: `done` and `status` are refused, and leave no state folder behind.
    let early = try run.orchgen(["done", "wide", "t1", "--result", t1.path])
    #expect(early.status == 1 && early.stderr.contains("no run of 'wide'"), "\(early)")
    #expect(
      !FileManager.default.fileExists(atPath: run.state.path),
      "a refused `done` (no run) must not create .orchestrator: it holds \(run.unexpectedStateEntries())")
    try? FileManager.default.removeItem(at: run.state)
    let noState = try run.orchgen(["status"])
    #expect(noState.status == 1 && noState.stderr.contains("no run state"), "\(noState)")

    #expect(try run.orchgen(["next", "wide"]).status == 0)
    #expect(try run.orchgen(["done", "wide", "t1", "--result", t1.path]).status == 0)
    let before = try run.stateSnapshot()
    let checkpoint = try #require(run.read(".orchestrator/checkpoint.json"))

    func refused(_ arguments: [String], _ message: String, status: Int32 = 1, sourceLocation: SourceLocation = #_sourceLocation) throws {
      let result = try run.orchgen(arguments)
      let call = arguments.joined(separator: " ")
      #expect(result.status == status, "\(call): \(result)", sourceLocation: sourceLocation)
      #expect(result.stderr.contains(message), "\(call): stderr must say \"\(message)\": \(result)", sourceLocation: sourceLocation)
      #expect(result.stdout.isEmpty, "\(call): \(result)", sourceLocation: sourceLocation)
      #expect(run.read(".orchestrator/checkpoint.json") == checkpoint, "\(call) changed checkpoint.json", sourceLocation: sourceLocation)
      #expect(try run.stateSnapshot() == before, "\(call) changed .orchestrator", sourceLocation: sourceLocation)
    }

    try refused(["done", "wide", "t1", "--result", t1.path], "task 't1' is completed, not running")
    try refused(["done", "wide", "final", "--result", t1.path], "task 'final' is pending, not running")
    try refused(["done", "wide", "nosuch", "--result", t1.path], "workflow 'wide' has no task 'nosuch'")
    try refused(["done", "nope", "t1", "--result", t1.path], "unknown workflow 'nope'", status: 64)
    try refused(["next", "other"], "a run of 'wide' is active")
    try refused(["next", "other", "--interrupted"], "a run of 'wide' is active")
    try refused(["done", "other", "solo", "--result", t1.path], "no run of 'other'")
    try refused(["status", "other"], "is of 'wide', not 'other'")

    // The plan changes after the run started: an estimate, then a new task.
    let changes = [
      "estimate": Self.wide.replacingOccurrences(of: "estimate: 10m", with: "estimate: 20m"),
      "new task": Self.wide + "  extra: { agent: worker }\n",
    ]
    for (change, text) in changes.sorted(by: { $0.key < $1.key }) {
      try run.project.write("config/workflows/wide.yaml", text)
      let build = try OrchgenProcess.run(["build", "--root", run.root.path])
      try #require(build.status == 0, "\(change): \(build)")
      try refused(["next", "wide"], "the plan of 'wide' changed since its run started")
      try refused(["next", "wide", "--interrupted"], "the plan of 'wide' changed since its run started")
      try refused(["done", "wide", "t2", "--result", t2.path], "the plan of 'wide' changed since its run started")
      try refused(["done", "wide", "t1", "--result", t2.path], "the plan of 'wide' changed since its run started")
    }
    #expect(run.read(".orchestrator/results/agent-02-result.md") == nil, "a refused done must not write its result")

    // Restored, the run goes on where it was.
    try run.project.write("config/workflows/wide.yaml", Self.wide)
    #expect(try OrchgenProcess.run(["build", "--root", run.root.path]).status == 0)
    let next = try run.orchgen(["next", "wide", "--format", "lines"])
    #expect(next.status == 0 && next.stdout.hasPrefix("wait\t"), "\(next)")
    #expect(try run.stateSnapshot() == before, "a `next` that starts nothing writes nothing")
    let done = try run.orchgen(["done", "wide", "t2", "--result", t2.path])
    #expect(done.status == 0, "\(done)")
  }
}

/// A built copy of `RunStateProcessTests.files` and the `orchgen` calls on it.
private struct RunProject {
  let project: TemporaryProject
  var root: URL { project.root }
  var state: URL { root.appendingPathComponent(".orchestrator") }
  /// Result files and the children's output, outside the state folder.
  var scratch: URL { root.appendingPathComponent("scratch") }

  init() throws {
    project = try TemporaryProject(RunStateProcessTests.files)
    try FileManager.default.createDirectory(at: root.appendingPathComponent("scratch"), withIntermediateDirectories: true)
    let build = try OrchgenProcess.run(["build", "--root", project.root.path])
    try #require(build.status == 0, "\(build)")
  }

  func remove() { project.remove() }

  /// Starts `orchgen arguments --root <root>` in the background.
  func start(_ arguments: [String], input: URL? = nil) throws -> RunChild {
    try RunChild(arguments + ["--root", root.path], scratch: scratch, input: input)
  }

  /// Runs `orchgen arguments --root <root>` to its end.
  func orchgen(_ arguments: [String], input: URL? = nil) throws -> OrchgenProcess.Result {
    try start(arguments, input: input).wait()
  }

  func scratchFile(_ name: String, _ text: String) throws -> URL {
    let url = scratch.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url
  }

  /// The file at `path` under the root, or nil.
  func read(_ path: String) -> String? {
    (try? Data(contentsOf: root.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) }
  }

  func checkpoint() throws -> [String: Any] {
    let text = try #require(read(".orchestrator/checkpoint.json"), "no .orchestrator/checkpoint.json")
    return try #require(Self.json(text), "checkpoint.json is not a JSON object:\n\(text)")
  }

  /// The task's `NN` (its result file is `agent-NN-result.md`), from the checkpoint.
  func number(_ task: String) throws -> String {
    let tasks = try #require(try checkpoint()["tasks"] as? [String: Any])
    let agentID = try #require((tasks[task] as? [String: Any])?["agent_id"] as? String)
    return String(agentID.dropFirst("Agent-".count))
  }

  static func json(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
  }

  /// Each task's status in a checkpoint.
  static func statuses(_ checkpoint: [String: Any]) -> [String: String] {
    var result: [String: String] = [:]
    for (task, value) in checkpoint["tasks"] as? [String: Any] ?? [:] {
      result[task] = (value as? [String: Any])?["status"] as? String
    }
    return result
  }

  func log() -> String { read(".orchestrator/task-status.md") ?? "" }

  /// The lines of `task-status.md` from the latest `Run started` on.
  func currentRunLog() -> [String] {
    let lines = log().split(separator: "\n").map(String.init)
    let start = lines.lastIndex { $0.hasPrefix("- Run started") } ?? 0
    return Array(lines[start...])
  }

  /// Entries of the state folder other than its files: checkpoint.json, master_plan.md,
  /// task-status.md, final_output.md and results/agent-NN-result.md.
  func unexpectedStateEntries() -> [String] {
    let known: Set<String> = ["checkpoint.json", "master_plan.md", "task-status.md", "final_output.md", "results"]
    let entries = (try? FileManager.default.subpathsOfDirectory(atPath: state.path)) ?? []
    return entries.filter { entry in
      if known.contains(entry) { return false }
      let parts = entry.split(separator: "/")
      return !(parts.count == 2 && parts[0] == "results" && parts[1].hasPrefix("agent-") && parts[1].hasSuffix("-result.md")
        && !parts[1].hasPrefix("."))
    }.sorted()
  }

  /// Every entry of `.orchestrator/` with its bytes and modification time.
  func stateSnapshot() throws -> [String: TemporaryProject.Entry] {
    try project.snapshot().filter { $0.key == ".orchestrator" || $0.key.hasPrefix(".orchestrator/") }
  }
}

/// One `orchgen` process, started with the default signal mask (so it can be killed), its
/// output in files, its standard input a file or nothing.
private struct RunChild {
  let process = Process()
  private let stdout: URL
  private let stderr: URL
  private let handles: [FileHandle]

  init(_ arguments: [String], scratch: URL, input: URL?) throws {
    let executable = try #require(OrchgenProcess.executable, "no orchgen binary next to the test bundle; run 'swift build' first")
    process.executableURL = executable
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    let name = UUID().uuidString
    stdout = scratch.appendingPathComponent("\(name).stdout")
    stderr = scratch.appendingPathComponent("\(name).stderr")
    _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
    let out = try FileHandle(forWritingTo: stdout)
    let err = try FileHandle(forWritingTo: stderr)
    let inputHandle = try input.map { try FileHandle(forReadingFrom: $0) }
    handles = [out, err] + (inputHandle.map { [$0] } ?? [])
    process.standardInput = inputHandle ?? FileHandle.nullDevice
    process.standardOutput = out
    process.standardError = err
    try ClaudeCLI.runWithDefaultSignalMask(process)
  }

  func wait() throws -> OrchgenProcess.Result {
    process.waitUntilExit()
    for handle in handles { try? handle.close() }
    return OrchgenProcess.Result(
      status: process.terminationStatus,
      stdout: String(decoding: try Data(contentsOf: stdout), as: UTF8.self),
      stderr: String(decoding: try Data(contentsOf: stderr), as: UTF8.self))
  }

  /// Sends SIGKILL `delay` seconds after the start unless the process ended first; true when
  /// the kill ended it.
  func killed(after delay: TimeInterval) -> Bool {
    Thread.sleep(forTimeInterval: delay)
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    for handle in handles { try? handle.close() }
    return process.terminationReason == .uncaughtSignal
  }
}
