/// One tool orchgen emits for: the files under its own folder and its own pre-flight check.
///
/// `BuildGenerator` runs the targets `config/orchgen.yaml` lists (`targets:`). Adding a target
/// means a `BuildTarget` case, a conforming type in its own file and a line in
/// `BuildTarget.generator`; no other target changes.
public protocol TargetGenerator: Sendable {
  /// The target's files, paths relative to the output directory.
  func files(_ context: BuildContext) -> [GeneratedFile]
  /// Every way the target's files break the tool's rules; a violation is a bug in orchgen, and
  /// the build writes nothing.
  func violations(in files: [GeneratedFile]) -> [String]
}

extension BuildTarget {
  /// The generator of this target.
  public var generator: any TargetGenerator {
    switch self {
    case .opencode: OpenCodeTarget()
    case .claude: ClaudeTarget()
    case .agentsMarkdown: AgentsMarkdownTarget()
    case .githubActions: GitHubActionsTarget()
    }
  }
}

/// What every target reads: the checked compilation and, per workflow, what `BuildGenerator`
/// computed once (the plan, the coordinator and its prompt).
public struct BuildContext: Sendable {
  public var compilation: Compilation
  /// How prompts refer to the output directory from the repository root (normally `output`).
  public var outputLabel: String
  /// One entry per workflow, sorted by name.
  public var workflows: [WorkflowBuild]

  public var project: Project { compilation.project }
  public var settings: ProjectSettings { compilation.project.settings }

  public init(compilation: Compilation, outputLabel: String) {
    self.compilation = compilation
    self.outputLabel = outputLabel
    // Each workflow's plan and prompt on its own core.
    let graphs = compilation.graphs
    self.workflows = Parallel.map(graphs.count) {
      WorkflowBuild(graph: graphs[$0], compilation: compilation, outputLabel: outputLabel)
    }
  }
}

/// One workflow, ready for the targets.
public struct WorkflowBuild: Sendable {
  public var graph: TaskGraph
  public var plan: WorkflowPlan
  /// The coordinator's agent id (default `coordinator`) and its definition, when defined.
  public var coordinatorID: String
  public var coordinator: AgentDefinition?
  /// The agents of the workflow's tasks, in first-use order.
  public var workers: [String]
  /// The workflow's description, or its name.
  public var description: String
  /// The plan's sections, which the prompts and `master_plan.md` share.
  public var planSections: PlanSections
  /// The coordinator prompt in OpenCode's words, also written as `coordinator.md`.
  public var prompt: String

  public var name: String { graph.name }

  init(graph: TaskGraph, compilation: Compilation, outputLabel: String) {
    self.graph = graph
    plan = Planner.plan(graph)
    coordinatorID = graph.workflow.coordinator?.value ?? "coordinator"
    coordinator = compilation.project.agent(coordinatorID)
    var workers: [String] = []
    for task in graph.tasks where !workers.contains(task.agent) { workers.append(task.agent) }
    self.workers = workers
    description = graph.workflow.description?.value ?? graph.name
    planSections = PlanSections(graph: graph, plan: plan)
    prompt = CoordinatorPromptGenerator.prompt(
      graph: graph, plan: plan, coordinatorInstructions: compilation.instructions[coordinatorID], outputLabel: outputLabel,
      sections: planSections)
  }
}
