/// Generates every output file in memory from a checked compilation. Pure: the same
/// compilation gives byte-identical files, in the same order.
public enum BuildGenerator {
  /// All files `build` writes, the manifest last. `outputLabel` is how prompts refer to the
  /// output directory from the repository root (normally `output`).
  public static func generate(_ compilation: Compilation, outputLabel: String = "output") -> [GeneratedFile] {
    let project = compilation.project
    var files: [GeneratedFile] = []
    for agent in project.agents {
      files.append(
        OpenCodeGenerator.agentFile(agent, instructions: compilation.instructions[agent.id.value], settings: project.settings))
    }
    for graph in compilation.graphs {
      let plan = Planner.plan(graph)
      let coordinatorID = graph.workflow.coordinator?.value ?? "coordinator"
      let coordinator = project.agent(coordinatorID)
      let prompt = CoordinatorPromptGenerator.prompt(
        graph: graph, plan: plan, coordinatorInstructions: compilation.instructions[coordinatorID], outputLabel: outputLabel)
      var workers: [String] = []
      for task in graph.tasks where !workers.contains(task.agent) { workers.append(task.agent) }
      let description = graph.workflow.description?.value ?? graph.name
      files.append(
        OpenCodeGenerator.coordinatorAgentFile(
          workflow: graph.name, description: "Coordinates the \(graph.name) workflow: \(description)",
          coordinator: coordinator, workers: workers, settings: project.settings, prompt: prompt))
      files.append(OpenCodeGenerator.commandFile(workflow: graph.name, description: description))
      files.append(CoordinatorPromptGenerator.file(graph: graph, prompt: prompt))
      files.append(MasterPlanGenerator.file(graph: graph, plan: plan))
      files.append(GeneratedFile(path: "workflows/\(graph.name)/plan.json", contents: PlanJSONRenderer.render(plan)))
      for planned in plan.tasks.sorted(by: { $0.agentNumber < $1.agentNumber }) {
        files.append(
          TaskFileGenerator.file(for: planned, graph: graph, plan: plan, instructions: compilation.instructions[planned.agent]))
      }
    }
    if let config = openCodeConfig(compilation) { files.append(config) }
    files += StateSchemaGenerator.files()
    files.sort { $0.path < $1.path }
    files.append(ManifestGenerator.manifest(for: files))
    return files
  }

  /// `opencode/opencode.json`, only when a worker may itself delegate: OpenCode then needs
  /// `subagent_depth` of at least 2, or the nested task calls are refused.
  static func openCodeConfig(_ compilation: Compilation) -> GeneratedFile? {
    let workers = Set(compilation.graphs.flatMap { $0.tasks.map(\.agent) })
    let delegates = compilation.project.agents.contains { agent in
      guard workers.contains(agent.id.value), case .rules(let rules)? = agent.permission else { return false }
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
