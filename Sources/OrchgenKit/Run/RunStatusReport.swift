/// What `orchgen status` prints: the status table, counts, a progress bar, time against the
/// plan and what is left of the critical path (`text`), or all of it for tools (`json`).
public struct RunStatusReport {
  public var plan: RunPlan
  public var state: RunState
  /// Seconds since the run started (until its last change, once it has ended).
  public var elapsedSeconds: Int

  public init(plan: RunPlan, state: RunState, elapsedSeconds: Int) {
    self.plan = plan
    self.state = state
    self.elapsedSeconds = elapsedSeconds
  }

  var remainingCriticalPath: [String] {
    plan.tasks.filter { $0.critical && !state.isDone($0.id) }.map(\.id)
  }

  public func text() -> String {
    let total = plan.tasks.count
    let done = state.count(.completed) + state.count(.skipped)
    let width = 30
    let filled = total == 0 ? width : done * width / total
    var out = "Workflow \(plan.workflow): \(state.status.rawValue) · started \(state.startedAt) · elapsed "
    out += PlanDuration.human(elapsedSeconds) + " of a planned " + PlanDuration.human(plan.makespanSeconds) + "\n"
    if let failure = state.failure { out += "Failed: \(failure)\n" }
    out += "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] "
    out += "\(done)/\(total) done (\(state.count(.completed)) completed, \(state.count(.skipped)) skipped), "
    out += "\(state.count(.running)) running, \(state.count(.pending)) pending, \(state.count(.failed)) failed\n\n"
    var rows = [["Task", "Agent-NN", "Agent", "Status", "Attempts", "Started", "Finished"]]
    for task in plan.tasks {
      let current = state.task(task.id)
      rows.append([
        task.id, task.agentID, task.agent, current.status.rawValue, "\(current.attempts)", current.startedAt ?? "-",
        current.finishedAt ?? "-",
      ])
    }
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    for (index, row) in rows.enumerated() {
      out += row.enumerated().map { $0.element + String(repeating: " ", count: widths[$0.offset] - $0.element.count) }
        .joined(separator: "  ").trimmingTrailingWhitespace() + "\n"
      if index == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
    }
    let critical = remainingCriticalPath
    out += "\nCritical path now: " + (critical.isEmpty ? "done" : critical.joined(separator: " → ")) + "\n"
    return out
  }

  public func json() -> String {
    func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    let tasks = plan.tasks.map { task -> JSONValue in
      let current = state.task(task.id)
      return .object([
        ("task", .string(task.id)), ("agent_id", .string(task.agentID)), ("agent", .string(task.agent)),
        ("status", .string(current.status.rawValue)), ("attempts", .integer(current.attempts)),
        ("failures", .integer(current.failures)), ("fix_rounds", .integer(current.fixRounds)),
        ("started_at", optional(current.startedAt)), ("finished_at", optional(current.finishedAt)),
        ("result", optional(current.result)),
        ("decisions", .object(current.decisions.sorted { $0.key < $1.key }.map { ($0.key, .bool($0.value)) })),
        ("skip_reason", optional(current.skipReason)), ("error", optional(current.error)),
      ])
    }
    let counts: [(String, JSONValue)] = [RunState.TaskStatus.pending, .running, .completed, .failed, .skipped].map {
      ($0.rawValue, .integer(state.count($0)))
    }
    return JSONValue.object([
      ("workflow", .string(plan.workflow)), ("status", .string(state.status.rawValue)), ("failure", optional(state.failure)),
      ("request", .string(state.request)), ("started_at", .string(state.startedAt)), ("updated_at", .string(state.updatedAt)),
      ("elapsed_seconds", .integer(elapsedSeconds)), ("planned_seconds", .integer(plan.makespanSeconds)),
      ("counts", .object(counts)), ("tasks", .array(tasks)),
      ("critical_path_remaining", .array(remainingCriticalPath.map(JSONValue.string))),
      ("final_output", optional(state.finalOutput)),
    ]).rendered()
  }
}
