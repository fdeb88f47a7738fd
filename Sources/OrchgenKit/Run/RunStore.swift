import FoundationEssentials

/// The run state on disk, the engine's edge: `.orchestrator/checkpoint.json` (the state), the
/// status table of `.orchestrator/master_plan.md`, the append-only `task-status.md`, the result
/// files and `final_output.md`. Every change happens under an exclusive lock on the state
/// folder, and each file is replaced whole (temp file, then rename), so parallel callers lose
/// no update and a process killed at any moment leaves state the next call can continue from.
public struct RunStore {
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The state folder (`.orchestrator` under the project root unless told otherwise).
  public var directory: URL
  /// `output/workflows/<workflow>/master_plan.md`, the template of the run's copy.
  public var masterPlanTemplate: URL?

  public init(directory: URL, masterPlanTemplate: URL?) {
    self.directory = directory
    self.masterPlanTemplate = masterPlanTemplate
  }

  var checkpoint: URL { directory.appendingPathComponent("checkpoint.json") }

  /// Runs `body` with the state folder locked; creates the folder.
  public func locked<T>(_ body: () throws -> T) throws -> T {
    let lock: OutputLock?
    do {
      lock = try OutputLock.acquire(directory, creating: true)
    } catch {
      throw Failure(description: "cannot lock the run state in \(directory.path): \(error)")
    }
    defer { withExtendedLifetime(lock) {} }
    return try body()
  }

  /// The current state, or nil when no run was started here.
  public func load() throws -> RunState? {
    guard let data = try? Data(contentsOf: checkpoint) else { return nil }
    do {
      return try JSONDecoder().decode(RunState.self, from: data)
    } catch {
      throw Failure(description: "\(checkpoint.path) is not a checkpoint orchgen can read (\(error)); move it away to start a new run")
    }
  }

  /// Writes `state` and what shows it, and appends `events` to the log.
  public func save(_ state: RunState, plan: RunPlan, events: [RunEngine.Event], now: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      try write(try encoder.encode(state) + Data("\n".utf8), to: checkpoint)
      try write(Data(RunStatusTable.masterPlan(state, plan: plan, template: masterPlanTemplate.flatMap { try? Data(contentsOf: $0) }.map { String(decoding: $0, as: UTF8.self) }).utf8),
        to: directory.appendingPathComponent("master_plan.md"))
      if !events.isEmpty {
        let log = directory.appendingPathComponent("task-status.md")
        var text = (try? Data(contentsOf: log)).map { String(decoding: $0, as: UTF8.self) } ?? "# Task status: \(plan.workflow)\n"
        if !text.hasSuffix("\n") { text += "\n" }
        text += "\n### [\(now)] \(state.workflow)\n" + events.map { "- \($0.text)\n" }.joined()
        try write(Data(text.utf8), to: log)
      }
    } catch let failure as Failure {
      throw failure
    } catch {
      throw Failure(description: "cannot write the run state in \(directory.path): \(error)")
    }
  }

  /// Writes `text` as the result file of `task`, and returns its path relative to the project.
  public func writeResult(_ text: String, task: RunPlan.Task) throws -> URL {
    let url = directory.appendingPathComponent("results/agent-\(task.number)-result.md")
    try write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8), to: url)
    return url
  }

  /// Writes a `Status: skipped` result for every task `after` skipped that `before` had not,
  /// so each task of a run has its result file, and records the paths in `after`.
  public func writeSkipped(before: RunState, after: inout RunState, plan: RunPlan, stateFolder: String) throws {
    for task in plan.tasks where after.task(task.id).status == .skipped && before.task(task.id).status != .skipped {
      let reason = after.task(task.id).skipReason ?? "its condition does not hold"
      _ = try writeResult("# \(task.agentID) result: \(task.id)\nStatus: skipped\n## Summary\nSkipped: \(reason).\n", task: task)
      after.tasks[task.id]!.result = "\(stateFolder)/results/agent-\(task.number)-result.md"
    }
  }

  public func readResult(_ task: RunPlan.Task) -> String? {
    (try? Data(contentsOf: directory.appendingPathComponent("results/agent-\(task.number)-result.md")))
      .map { String(decoding: $0, as: UTF8.self) }
  }

  public func write(_ data: Data, to url: URL) throws {
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url, options: .atomic)
    } catch {
      throw Failure(description: "cannot write \(url.path): \(error)")
    }
  }
}
