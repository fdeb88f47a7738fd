/// The OpenCode target: `output/opencode/` (agents, a coordinator agent and a command per
/// workflow, and `opencode.json` when needed), with each agent's `opencode:` overrides applied.
public struct OpenCodeTarget: TargetGenerator {
  public init() {}

  public func files(_ context: BuildContext) -> [GeneratedFile] {
    let settings = context.settings
    var files: [GeneratedFile] = []
    let started = Self.startedByRunner(context)
    for agent in context.project.agents {
      var resolved = agent.resolvedForOpenCode
      if started.contains(agent.id.value), resolved.mode == .subagent { resolved.mode = .all }
      files.append(
        OpenCodeGenerator.agentFile(
          resolved, instructions: context.compilation.instructions[agent.id.value], settings: settings))
    }
    for workflow in context.workflows {
      files.append(
        OpenCodeGenerator.coordinatorAgentFile(
          workflow: workflow.name, description: "Coordinates the \(workflow.name) workflow: \(workflow.description)",
          coordinator: workflow.coordinator?.resolvedForOpenCode, workers: workflow.workers, settings: settings,
          prompt: workflow.prompt))
      files.append(OpenCodeGenerator.commandFile(workflow: workflow.name, description: workflow.description))
    }
    if let config = Self.config(context) { files.append(config) }
    return files
  }

  public func violations(in files: [GeneratedFile]) -> [String] {
    OpenCodePreflight.violations(in: files)
  }

  /// The agents `opencode run --agent` starts when the runners use OpenCode: every task's agent.
  /// `opencode run` refuses a `mode: subagent` agent (it warns, runs its default `build` agent
  /// instead and exits 0), so these are written `mode: all`: startable by `opencode run` and
  /// still listed to the coordinator's task tool.
  static func startedByRunner(_ context: BuildContext) -> Set<String> {
    guard context.settings.runner == .opencode else { return [] }
    return Set(context.workflows.flatMap(\.workers))
  }

  /// `opencode/opencode.json`, only when a worker may itself delegate: OpenCode then needs
  /// `subagent_depth` of at least 2, or the nested task calls are refused.
  static func config(_ context: BuildContext) -> GeneratedFile? {
    let workers = Set(context.compilation.graphs.flatMap { $0.tasks.map(\.agent) })
    let delegates = context.project.agents.contains { agent in
      guard workers.contains(agent.id.value), case .rules(let rules)? = agent.resolvedForOpenCode.permission
      else { return false }
      return rules.contains { rule in
        guard rule.key.value == "task" else { return false }
        switch rule.rule {
        case .action(let action): return action.value != "deny"
        case .patterns(let patterns): return patterns.contains { $0.action.value != "deny" }
        }
      }
    }
    guard delegates else { return nil }
    let document = JSONValue.object([
      ("$schema", .string("https://opencode.ai/config.json")),
      ("subagent_depth", .integer(2)),
    ])
    return GeneratedFile(path: "\(OpenCodeGenerator.root)/opencode.json", contents: document.rendered())
  }
}
