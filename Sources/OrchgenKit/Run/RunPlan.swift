/// What the run-state engine needs to know of one workflow: each task's place in the plan, its
/// agent, needs, condition, retry bound and fix loop, in plan order. Built from the checked
/// graph and its plan, so every driver (coordinator, runner) follows the same rules.
public struct RunPlan: Sendable {
  public struct Task: Sendable {
    /// The result file inside the state folder: `results/agent-NN-result.md`.
    public var resultName: String { "results/agent-\(number)-result.md" }

    public var id: String
    /// `01` in `agent-01.md`.
    public var number: String
    /// `Agent-01`.
    public var agentID: String
    public var agent: String
    public var description: String
    /// The task file, relative to the project root.
    public var taskFile: String
    public var needs: [String]
    public var retries: Int
    public var decides: [String]
    public var condition: Condition?
    /// For a fix task: the task it fixes and the most rounds.
    public var fixes: (task: String, maxRounds: Int)?
    public var writes: [String]
    /// Where the task's `writes:` (or the task itself) is declared, for audit findings.
    public var writesLocation: SourceLocation
    /// Where the task is declared.
    public var location: SourceLocation
    public var priority: String
    public var plannedStart: Int
    public var estimateSeconds: Int
    public var critical: Bool
  }

  public var workflow: String
  public var workflowFile: String
  public var maxConcurrent: Int
  public var merge: WorkflowDefinition.MergeStrategy
  /// SHA-256 of the workflow's `plan.json`, as `orchgen build` writes it; rendered on demand,
  /// since `status` never needs it (a plan read from `RunPlanCache` carries it).
  public var planHash: String { knownPlanHash ?? SHA256.hex(PlanJSONRenderer.render(source!)) }
  private let source: WorkflowPlan?
  private let knownPlanHash: String?
  public var makespanSeconds: Int
  /// The batches: task ids per level.
  public var levels: [[String]]
  /// Tasks in plan order (by Agent-NN).
  public var tasks: [Task]
  private var positions: [String: Int]

  public init(graph: TaskGraph, plan: WorkflowPlan, outputLabel: String = "output") {
    workflow = graph.name
    workflowFile = graph.workflow.file
    maxConcurrent = plan.maxConcurrent
    merge = graph.workflow.merge
    source = plan
    knownPlanHash = nil
    makespanSeconds = plan.makespanSeconds
    levels = plan.levels
    var tasks: [Task] = []
    tasks.reserveCapacity(plan.tasks.count)
    let critical = Set(plan.criticalPath)
    for position in plan.positionsByAgentNumber {
      let planned = plan.tasks[position]
      guard let expanded = graph.task(planned.id) else { continue }
      var fixes: (String, Int)?
      if case .fix(let failing, let rounds) = expanded.kind { fixes = (failing, rounds) }
      let number = String(planned.taskFile.dropFirst("agent-".count).dropLast(".md".count))
      tasks.append(
        Task(
          id: planned.id, number: number, agentID: planned.agentID, agent: planned.agent, description: planned.description,
          taskFile: "\(outputLabel)/workflows/\(graph.name)/agent_tasks/\(planned.taskFile)", needs: planned.needs,
          retries: expanded.retries, decides: expanded.decides.map(\.value), condition: expanded.condition, fixes: fixes,
          writes: TaskFileGenerator.writeScope(expanded, graph: graph),
          writesLocation: expanded.writes.first?.location ?? expanded.location, location: expanded.location,
          priority: planned.priority.rawValue, plannedStart: planned.startSeconds, estimateSeconds: planned.estimateSeconds,
          critical: critical.contains(planned.id)))
    }
    // A task that needs one with a fix loop waits for the loop to end (its fix task done or
    // skipped): otherwise a review of the task would start on the failing version and run while
    // the fixed one is made.
    var fixOf: [String: String] = [:]
    for task in tasks { if let fixed = task.fixes?.task { fixOf[fixed] = task.id } }
    for index in tasks.indices {
      for need in tasks[index].needs {
        if let fix = fixOf[need], fix != tasks[index].id, !tasks[index].needs.contains(fix) { tasks[index].needs.append(fix) }
      }
    }
    self.tasks = tasks
    positions = Dictionary(tasks.enumerated().map { ($1.id, $0) }) { first, _ in first }
  }

  /// A plan as `RunPlanCache` stored it: the tasks as they were (fix-loop needs included).
  init(
    workflow: String, workflowFile: String, maxConcurrent: Int, merge: WorkflowDefinition.MergeStrategy,
    planHash: String, makespanSeconds: Int, levels: [[String]], tasks: [Task]
  ) {
    self.workflow = workflow
    self.workflowFile = workflowFile
    self.maxConcurrent = maxConcurrent
    self.merge = merge
    source = nil
    knownPlanHash = planHash
    self.makespanSeconds = makespanSeconds
    self.levels = levels
    self.tasks = tasks
    positions = Dictionary(tasks.enumerated().map { ($1.id, $0) }) { first, _ in first }
  }

  public func task(_ id: String) -> Task? { positions[id].map { tasks[$0] } }
  public func position(of id: String) -> Int? { positions[id] }

  /// The fix task of `id`'s loop, if it has one.
  public func fixTask(of id: String) -> Task? { tasks.first { $0.fixes?.task == id } }
}
