/// One expanded task with everything the plan computed for it.
///
/// Times are whole seconds from the start of the run (estimates are whole seconds, so every
/// critical-path and schedule value is exact); the `…Minutes` properties give the same values in
/// minutes for output, which is what the plan JSON and prompts speak.
public struct PlannedTask: Sendable, Hashable {
  /// The expanded task id, as in the task files.
  public var id: String
  /// Index in `TaskGraph.tasks` (declaration order after expansion).
  public var order: Int
  /// 1-based position in the plan's topological order; `Agent-NN` and `agent-NN.md` carry it.
  public var agentNumber: Int
  /// `Agent-03`: two digits, more when the workflow has more than 99 tasks.
  public var agentID: String
  /// `agent-03.md`: the task file's name.
  public var taskFile: String
  /// The agent that runs the task.
  public var agent: String
  public var description: String
  /// Ids of the tasks this one needs, as expanded (unknown ids included, see `WorkflowPlan.ignoredNeeds`).
  public var needs: [String]
  /// Ids of the tasks that need this one, in declaration order.
  public var dependents: [String]
  /// Batch number: 1 without needs, else 1 + the highest level among its needs.
  public var level: Int
  /// The task's own estimate.
  public var estimateSeconds: Int
  /// What the plan reserves for the task: its estimate, or for a fixer the worst case of its
  /// loop, `max_rounds` × (its estimate + the re-check's), since every round re-runs the check.
  /// Schedule, critical path and totals use this.
  public var plannedSeconds: Int
  /// The loop a fixer belongs to; nil for every other task.
  public var fixLoop: FixLoop?
  public var earliestStartSeconds: Int
  public var earliestFinishSeconds: Int
  public var latestStartSeconds: Int
  public var latestFinishSeconds: Int
  /// Total float: how far the task can slip without delaying the unlimited-concurrency finish.
  public var slackSeconds: Int
  /// Longest path from this task's start to the end of the workflow, itself included; the
  /// simulated run starts the ready task with the largest tail first.
  public var tailSeconds: Int
  public var priority: PlanPriority
  /// True when `priority:` in the workflow set the priority instead of the slack rule.
  public var priorityOverridden: Bool
  /// Start in the simulated run under `max_concurrent`.
  public var startSeconds: Int
  public var finishSeconds: Int
  /// 1-based concurrency slot in the simulated run (the lowest free one when the task started).
  public var slot: Int
  /// Whether the task is on the reported critical path.
  public var onCriticalPath: Bool
  /// `when: review.failed` or `unless: review.failed` for conditional tasks; they are planned as
  /// if they run.
  public var condition: String?

  /// Whether the task only runs when a condition holds.
  public var isConditional: Bool { condition != nil }

  /// A fix loop as the plan sees it: after the fixer, `rechecks` runs again, at most
  /// `maxRounds` rounds.
  public struct FixLoop: Sendable, Hashable {
    /// The checked task that re-runs after each fix.
    public var rechecks: String
    public var maxRounds: Int
    /// The re-check's estimate, part of every round.
    public var recheckSeconds: Int
  }

  public var estimateMinutes: Double { PlanDuration.minutes(estimateSeconds) }
  public var plannedMinutes: Double { PlanDuration.minutes(plannedSeconds) }
  public var earliestStartMinutes: Double { PlanDuration.minutes(earliestStartSeconds) }
  public var earliestFinishMinutes: Double { PlanDuration.minutes(earliestFinishSeconds) }
  public var latestStartMinutes: Double { PlanDuration.minutes(latestStartSeconds) }
  public var latestFinishMinutes: Double { PlanDuration.minutes(latestFinishSeconds) }
  public var slackMinutes: Double { PlanDuration.minutes(slackSeconds) }
  public var startMinutes: Double { PlanDuration.minutes(startSeconds) }
  public var finishMinutes: Double { PlanDuration.minutes(finishSeconds) }
}

/// The seed's priority scale.
public enum PlanPriority: String, Sendable, Hashable, CaseIterable, Comparable {
  /// On the critical path (zero slack).
  case p0 = "P0"
  /// Has dependents.
  case p1 = "P1"
  /// Everything else.
  case p2 = "P2"
  /// Can be delayed; only set by `priority:` in the workflow.
  case p3 = "P3"

  /// The seed's one-word meaning, for tables.
  public var meaning: String {
    switch self {
    case .p0: "critical path"
    case .p1: "has dependents"
    case .p2: "normal"
    case .p3: "low"
    }
  }

  public static func < (lhs: PlanPriority, rhs: PlanPriority) -> Bool { lhs.rawValue < rhs.rawValue }
}
