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
