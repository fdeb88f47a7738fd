/// Runs every cross-file and graph check over a loaded project and its expanded workflows.
public enum ProjectValidator {
  public static func validate(
    _ project: Project, graphs: [TaskGraph], instructions: [String: Instructions], diagnostics: inout [Diagnostic]
  ) {
    var agentIndex: [String: AgentDefinition] = [:]
    for agent in project.agents where agentIndex[agent.id.value] == nil { agentIndex[agent.id.value] = agent }
    // Checks that build on a file which did not load would only echo its error: agent references
    // while the agents file is unreadable, "unused" verdicts while a workflow lost tasks.
    let agentsKnown = !project.agents.isEmpty || (project.agentsFile.map { !hasLoadError(in: $0, diagnostics) } ?? false)
    let workflowsComplete = !diagnostics.contains {
      $0.severity == .error && ($0.location?.file.hasPrefix("config/workflows") ?? false) && contentLosing.contains($0.rule)
    }
    // A workflow file that did not load cleanly may have lost a task's description or criteria.
    let filesWithErrors = Set(diagnostics.lazy.filter { $0.severity == .error }.compactMap { $0.location?.file })
    checkModels(project, &diagnostics)
    // Workflows are validated on all cores; their findings are joined in order.
    let index = agentsKnown ? agentIndex : nil
    let found = Parallel.map(graphs.count) { position in
      var found: [Diagnostic] = []
      WorkflowValidator.validate(graphs[position], project: project, agentIndex: index, diagnostics: &found)
      return found
    }
    let actions = project.settings.targets.contains(.githubActions)
    for (graph, found) in zip(graphs, found) {
      diagnostics += found
      if actions { GitHubJobIDValidator.validate(graph, &diagnostics) }
      if let clash = agentIndex["\(graph.name)-coordinator"] {
        diagnostics.append(
          Diagnostic(.duplicateID, "agent '\(clash.id.value)' has the name orchgen gives the coordinator of workflow '\(graph.name)'",
            at: clash.id.location, help: "rename the agent; build writes '<workflow>-coordinator' for every workflow"))
      }
    }
    for graph in graphs where agentsKnown && !filesWithErrors.contains(graph.workflow.file) {
      TaskBriefValidator.validate(graph.workflow, &diagnostics)
      TaskBriefValidator.validateFixScopes(graph, &diagnostics)
    }
    if workflowsComplete {
      checkUsage(project, graphs: graphs, &diagnostics)
      if agentsKnown {
        CoordinatorMentionValidator.validate(
          graphs: graphs, agentIndex: agentIndex, instructions: instructions, &diagnostics)
      }
    }
    BuiltinNameValidator.validate(project, graphs: graphs, &diagnostics)
  }

  /// Load-time rules after which part of a file's content is missing from the model.
  private static let contentLosing: Set<Rule> = [
    .ioError, .outsideProject, .yamlSyntax, .yamlUnsupported, .limitExceeded, .wrongType, .duplicateKey, .unknownKey, .missingKey,
    .invalidID, .duplicateID,
  ]

  private static func hasLoadError(in file: String, _ diagnostics: [Diagnostic]) -> Bool {
    diagnostics.contains { $0.severity == .error && $0.location?.file == file }
  }

  private static func checkModels(_ project: Project, _ diagnostics: inout [Diagnostic]) {
    let settings = project.settings
    let aliases = settings.models.map(\.alias.value)
    func check(_ model: Located<String>, owner: String) {
      guard settings.resolveModel(model.value) == nil else { return }
      let suggestion = EditDistance.closest(to: model.value, in: aliases)
      diagnostics.append(
        Diagnostic(.unknownModel, "model '\(model.value)' of \(owner) is neither provider/model nor a defined alias",
          at: model.location,
          help: suggestion.map { "did you mean alias '\($0)'?" }
            ?? "write the full id (e.g. anthropic/claude-sonnet-4-5) or define the alias under 'models:' in config/orchgen.yaml"))
    }
    if let model = settings.defaultModel { check(model, owner: "defaults") }
    for agent in project.agents {
      if let model = agent.model { check(model, owner: "agent '\(agent.id.value)'") }
      if let model = agent.openCode?.model { check(model, owner: "agent '\(agent.id.value)' (opencode)") }
      if let model = agent.claude?.model { checkClaudeModel(model, agent: agent.id.value, settings, &diagnostics) }
    }
  }

  /// A `claude:` model is in Claude Code's form, or an alias or `provider/model` that names an
  /// Anthropic Claude model (Claude Code runs no other).
  private static func checkClaudeModel(
    _ model: Located<String>, agent: String, _ settings: ProjectSettings, _ diagnostics: inout [Diagnostic]
  ) {
    if ClaudeRules.isClaudeModel(model.value) { return }
    let resolved = settings.resolveModel(model.value)
    if let resolved, ClaudeRules.model(forProviderModel: resolved) != "inherit" { return }
    let what = resolved.map { "'\(model.value)' (\($0))" } ?? "'\(model.value)'"
    diagnostics.append(
      Diagnostic(.agentModel, "model \(what) of agent '\(agent)' (claude) is not a model Claude Code can run",
        at: model.location,
        help: "use sonnet, opus, haiku, inherit, a claude-… id, or an alias of an anthropic/claude-… model"))
  }

  private static func checkUsage(_ project: Project, graphs: [TaskGraph], _ diagnostics: inout [Diagnostic]) {
    var used = Set<String>()
    for graph in graphs {
      used.insert(graph.workflow.coordinator?.value ?? "coordinator")
      for index in graph.tasks.indices { used.insert(graph.tasks[index].agent) }
    }
    // An agent offered as the fix for a misspelt reference is not also reported as unused.
    let ids = project.agents.map(\.id.value)
    let known = Set(ids)
    for name in used where !known.contains(name) {
      if let suggestion = EditDistance.closest(to: name, in: ids.sorted()) { used.insert(suggestion) }
    }
    for agent in project.agents where !used.contains(agent.id.value) {
      diagnostics.append(
        Diagnostic(.unusedAgent, "agent '\(agent.id.value)' is used by no workflow", at: agent.id.location,
          help: "assign it to a task or a workflow's coordinator, or remove it"))
    }
  }
}
