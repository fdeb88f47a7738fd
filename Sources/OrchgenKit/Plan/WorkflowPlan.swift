/// The schedule of one workflow: what runs when, what is critical, and how long it takes.
///
/// Generators embed it in coordinator prompts and task files; `PlanJSONRenderer`,
/// `PlanTextRenderer`, `MermaidRenderer`, `DOTRenderer` and `GanttRenderer` render it.
/// All durations are whole seconds, with `…Minutes` views for output.
public struct WorkflowPlan: Sendable, Hashable {
  /// Which bound dominates the run.
  public enum Limit: String, Sendable, Hashable {
    /// The longest dependency chain: more slots would not help.
    case criticalPath = "critical path"
    /// Total work ÷ `max_concurrent`: more slots could help.
    case concurrency = "concurrency"
  }

  /// A `needs` edge the plan could not honour.
  public struct IgnoredNeed: Sendable, Hashable {
    public enum Reason: String, Sendable, Hashable {
      /// The edge closes a cycle (a self-dependency included).
      case cycle
      /// The needed task does not exist.
      case unknownTask = "unknown task"
    }

    /// The task whose `needs` holds the edge.
    public var task: String
    /// The needed task.
    public var need: String
    public var reason: Reason
  }

  public var workflow: String
  /// `max_concurrent` as the workflow set it (after defaults); the simulation uses at least 1.
  public var maxConcurrent: Int
  /// Every expanded task, in Agent order (`Agent-01` first), which is a topological order with
  /// ties broken by declaration order.
  public var tasks: [PlannedTask]
  /// Task ids per level (batch), level 1 first, each in Agent order.
  public var levels: [[String]]
  /// A longest chain of needs (ties broken by declaration order), first task first.
  public var criticalPath: [String]
  public var criticalPathSeconds: Int
  /// Sum of all estimates: the run with one slot.
  public var sequentialSeconds: Int
  /// max(critical path, ⌈sequential ÷ max_concurrent⌉): no schedule can finish sooner.
  public var lowerBoundSeconds: Int
  /// End of the simulated run under `max_concurrent`.
  public var makespanSeconds: Int
  /// `.criticalPath` when the critical path is at least sequential ÷ max_concurrent.
  public var limitedBy: Limit
  /// Needs the plan dropped because they close a cycle or name no task; empty for a valid
  /// workflow.
  public var ignoredNeeds: [IgnoredNeed]
  private var positionByID: [String: Int]

  init(
    workflow: String, maxConcurrent: Int, tasks: [PlannedTask], levels: [[String]], criticalPath: [String],
    criticalPathSeconds: Int, sequentialSeconds: Int, lowerBoundSeconds: Int, makespanSeconds: Int,
    limitedBy: Limit, ignoredNeeds: [IgnoredNeed]
  ) {
    self.workflow = workflow
    self.maxConcurrent = maxConcurrent
    self.tasks = tasks
    self.levels = levels
    self.criticalPath = criticalPath
    self.criticalPathSeconds = criticalPathSeconds
    self.sequentialSeconds = sequentialSeconds
    self.lowerBoundSeconds = lowerBoundSeconds
    self.makespanSeconds = makespanSeconds
    self.limitedBy = limitedBy
    self.ignoredNeeds = ignoredNeeds
    var positions: [String: Int] = [:]
    positions.reserveCapacity(tasks.count)
    for (position, task) in tasks.enumerated() where positions[task.id] == nil { positions[task.id] = position }
    self.positionByID = positions
  }

  /// False when needs were ignored (a cycle or an unknown task): the plan then orders the tasks
  /// caught in a cycle after everything else and may not respect every need.
  public var isComplete: Bool { ignoredNeeds.isEmpty }

  /// Whether any task only runs when a condition holds (such tasks are planned as if they run).
  public var hasConditionalTasks: Bool { tasks.contains { $0.isConditional } }

  /// How the plan counts a fix loop, in the words every rendering uses.
  public static let fixLoopPolicy = "worst case: every round fails again, so each of max_rounds rounds runs the fixer and then the re-check"

  /// The fixers, in Agent order.
  public var fixers: [PlannedTask] { tasks.filter { $0.fixLoop != nil } }

  /// The planned task with `id`.
  public func task(_ id: String) -> PlannedTask? { positionByID[id].map { tasks[$0] } }

  /// Position of the task with `id` in `tasks` (its agent number minus one).
  public func position(of id: String) -> Int? { positionByID[id] }

  /// Positions in `tasks` ordered by agent number, as a stable sort of the tasks by agent number
  /// would order them: the identity for every plan `Planner` makes, found without copying a task.
  public var positionsByAgentNumber: [Int] {
    let inOrder = tasks.indices.dropFirst().allSatisfy { tasks[$0 - 1].agentNumber <= tasks[$0].agentNumber }
    return inOrder ? Array(tasks.indices) : tasks.indices.sorted { tasks[$0].agentNumber < tasks[$1].agentNumber }
  }

  public var criticalPathMinutes: Double { PlanDuration.minutes(criticalPathSeconds) }
  public var sequentialMinutes: Double { PlanDuration.minutes(sequentialSeconds) }
  public var lowerBoundMinutes: Double { PlanDuration.minutes(lowerBoundSeconds) }
  public var makespanMinutes: Double { PlanDuration.minutes(makespanSeconds) }
}
