/// One run of a workflow as `.orchestrator/checkpoint.json` holds it (its JSON Schema is
/// `output/schemas/checkpoint.schema.json`). Only `RunEngine` changes it.
public struct RunState: Codable, Sendable, Equatable {
  public enum Status: String, Codable, Sendable {
    case running, completed, failed
  }

  public enum TaskStatus: String, Codable, Sendable {
    case pending, running, completed, failed, skipped
  }

  public struct Task: Codable, Sendable, Equatable {
    public var agentID: String
    /// The agent the task was dispatched to (always the plan's; recorded for `audit`).
    public var agent: String
    public var status: TaskStatus
    /// Runs started so far: retries and fix-loop re-runs included.
    public var attempts: Int
    /// Failed runs so far, against the task's `retries`.
    public var failures: Int
    /// Fix-loop rounds used so far (on the fix task).
    public var fixRounds: Int
    public var startedAt: String?
    public var finishedAt: String?
    public var result: String?
    public var decisions: [String: Bool]
    public var skipReason: String?
    /// Why the latest run failed.
    public var error: String?

    enum CodingKeys: String, CodingKey {
      case agentID = "agent_id", agent, status, attempts, failures, fixRounds = "fix_rounds", startedAt = "started_at"
      case finishedAt = "finished_at", result, decisions, skipReason = "skip_reason", error
    }
  }

  public var workflow: String
  public var planHash: String
  public var request: String
  public var status: Status
  /// Why the run failed: the task and the reason.
  public var failure: String?
  public var startedAt: String
  public var updatedAt: String
  /// The git commit the work tree was at when the run started, for `orchgen audit`.
  public var baseCommit: String?
  public var phasesComplete: [String: Bool]
  public var tasks: [String: Task]
  public var agentsActive: [String]
  public var finalOutput: String?
  /// Every state change so far, numbered; `task-status.md` shows the same events.
  public var events: Int

  enum CodingKeys: String, CodingKey {
    case workflow, planHash = "plan_hash", request, status, failure, startedAt = "started_at", updatedAt = "updated_at"
    case baseCommit = "base_commit", phasesComplete = "phases_complete", tasks, agentsActive = "agents_active"
    case finalOutput = "final_output", events
  }

  /// A new run of `plan`: every task pending.
  public init(plan: RunPlan, request: String, now: String, baseCommit: String?, planHash: String? = nil) {
    workflow = plan.workflow
    self.planHash = planHash ?? plan.planHash
    self.request = request
    status = .running
    startedAt = now
    updatedAt = now
    self.baseCommit = baseCommit
    phasesComplete = [:]
    tasks = [:]
    for task in plan.tasks {
      tasks[task.id] = Task(
        agentID: task.agentID, agent: task.agent, status: .pending, attempts: 0, failures: 0, fixRounds: 0,
        decisions: [:])
    }
    agentsActive = []
    events = 0
  }

  /// The task's state; every task of the plan has one.
  public func task(_ id: String) -> Task { tasks[id]! }

  public func isDone(_ id: String) -> Bool {
    guard let status = tasks[id]?.status else { return false }
    return status == .completed || status == .skipped
  }

  public func count(_ status: TaskStatus) -> Int { tasks.values.filter { $0.status == status }.count }
}

extension RunState {
  /// `checkpoint.json`'s text: the same document `Codable` would write, with a fixed key order
  /// (tasks in plan order, keys sorted within a task) and orchgen's own JSON writer, which is
  /// several times faster than Foundation's encoder on a 1,000-task run.
  public func checkpointJSON(plan: RunPlan) -> String {
    func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    var tasks: [(String, JSONValue)] = []
    tasks.reserveCapacity(plan.tasks.count)
    for planned in plan.tasks {
      guard let task = self.tasks[planned.id] else { continue }
      tasks.append((planned.id, .object([
        ("agent", .string(task.agent)), ("agent_id", .string(task.agentID)), ("attempts", .integer(task.attempts)),
        ("decisions", .object(task.decisions.sorted { $0.key < $1.key }.map { ($0.key, .bool($0.value)) })),
        ("error", optional(task.error)), ("failures", .integer(task.failures)), ("finished_at", optional(task.finishedAt)),
        ("fix_rounds", .integer(task.fixRounds)), ("result", optional(task.result)), ("skip_reason", optional(task.skipReason)),
        ("started_at", optional(task.startedAt)), ("status", .string(task.status.rawValue)),
      ])))
    }
    return JSONValue.object([
      ("workflow", .string(workflow)), ("plan_hash", .string(planHash)), ("request", .string(request)),
      ("status", .string(status.rawValue)), ("failure", optional(failure)), ("started_at", .string(startedAt)),
      ("updated_at", .string(updatedAt)), ("base_commit", optional(baseCommit)), ("events", .integer(events)),
      ("phases_complete", .object(phasesComplete.sorted { (Int($0.key.dropFirst(6)) ?? 0, $0.key) < (Int($1.key.dropFirst(6)) ?? 0, $1.key) }.map { ($0.key, .bool($0.value)) })),
      ("agents_active", .array(agentsActive.map(JSONValue.string))), ("final_output", optional(finalOutput)),
      ("tasks", .object(tasks)),
    ]).rendered()
  }
}
