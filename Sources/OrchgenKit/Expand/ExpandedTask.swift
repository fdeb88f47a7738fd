/// One node of a workflow's task DAG after pattern sugar (stages, reviewers, validators, fix
/// loops, fan-out) has been expanded. Validation, planning and generation all work on these.
public struct ExpandedTask: Sendable {
  /// What produced the node, so generated prompts can say what the task is for.
  public enum Kind: Sendable, Hashable {
    /// A task written in the workflow.
    case work
    /// One item of a fan-out task (`for_each`).
    case fanOutItem(parent: String, item: String)
    /// A review of `reviewed` (from `reviewers:` or `reviews:`).
    case review(reviewed: [String])
    /// The validator gating `validated` (from `validate:`).
    case validation(validated: String)
    /// The fixer that runs when `failing` reports failure, then `failing` re-runs, at most
    /// `maxRounds` times.
    case fix(failing: String, maxRounds: Int)
  }

  /// A dependency edge and where it came from.
  public struct Need: Sendable, Hashable {
    public var task: String
    /// The `needs` entry, or the construct (stage, gate, fan-in) that implied the edge.
    public var location: SourceLocation
    /// True when the edge was written in `needs:`; false when sugar implied it.
    public var explicit: Bool
  }

  public var id: String
  public var agent: String
  public var agentLocation: SourceLocation
  public var description: String
  public var kind: Kind
  public var needs: [Need]
  public var produces: [Located<String>]
  public var consumes: [Located<String>]
  public var decides: [Located<String>]
  public var condition: Condition?
  public var writes: [Located<String>]
  /// Retries after a failure (0 = run once).
  public var retries: Int
  /// Estimated duration in seconds.
  public var estimate: Int
  public var priority: String?
  public var success: [String]
  /// Tasks this task reviews, as written (`reviews:`) or implied (`reviewers:`).
  public var reviews: [Located<String>] = []
  /// The task key (or sugar) this node was declared by.
  public var location: SourceLocation
  /// Index in declaration order after expansion; the tie-breaker everywhere.
  public var order: Int
  /// Stage index, if declared in a stage.
  public var stage: Int?
}

/// A workflow after expansion: its tasks in declaration order and the settings that apply.
public struct TaskGraph: Sendable {
  public var workflow: WorkflowDefinition
  public var tasks: [ExpandedTask]
  /// `max_concurrent` after defaults.
  public var maxConcurrent: Int
  /// Coordinator agent id after defaults.
  public var coordinator: String?
  private var indexByID: [String: Int]

  public init(workflow: WorkflowDefinition, tasks: [ExpandedTask], maxConcurrent: Int, coordinator: String?) {
    self.workflow = workflow
    self.tasks = tasks
    self.maxConcurrent = maxConcurrent
    self.coordinator = coordinator
    var index: [String: Int] = [:]
    index.reserveCapacity(tasks.count)
    // By index: iterating the tasks themselves would copy (retain and release) every field.
    for position in tasks.indices where index[tasks[position].id] == nil { index[tasks[position].id] = position }
    self.indexByID = index
  }

  /// With the index the expander already built: `indexByID` must map every id of `tasks` to
  /// its first position, as the public initializer's does.
  init(
    workflow: WorkflowDefinition, tasks: [ExpandedTask], maxConcurrent: Int, coordinator: String?,
    indexByID: [String: Int]
  ) {
    self.workflow = workflow
    self.tasks = tasks
    self.maxConcurrent = maxConcurrent
    self.coordinator = coordinator
    self.indexByID = indexByID
  }

  public var name: String { workflow.name }

  /// Position of the task with `id` in `tasks`.
  public func index(of id: String) -> Int? { indexByID[id] }

  /// The task with `id`.
  public func task(_ id: String) -> ExpandedTask? { indexByID[id].map { tasks[$0] } }

  /// For each task, the indices of the tasks it needs (unknown targets dropped).
  public func predecessorIndices() -> [[Int]] {
    tasks.indices.map { position in tasks[position].needs.compactMap { indexByID[$0.task] } }
  }

  /// For each task, the indices of the tasks that need it, in declaration order.
  public func successorIndices() -> [[Int]] {
    var successors = [[Int]](repeating: [], count: tasks.count)
    for position in tasks.indices {
      for need in tasks[position].needs { if let source = indexByID[need.task] { successors[source].append(position) } }
    }
    return successors
  }
}
