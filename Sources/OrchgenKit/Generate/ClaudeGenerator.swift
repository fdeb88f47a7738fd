/// Claude Code subagents and slash commands (`output/claude/`): YAML frontmatter with the
/// fields of `agent-file-formats.md` §2, every string quoted, the instructions as the body.
public enum ClaudeGenerator {
  /// Folder of the Claude Code files inside the output directory (copy it to `.claude/`).
  public static let root = "claude"

  /// One subagent file per defined agent; `name` is the file stem.
  public static func agentFile(_ agent: AgentDefinition, instructions: Instructions?, settings: ProjectSettings) -> GeneratedFile {
    let derived = ClaudeTools.derived(from: agent.permission)
    let tools = agent.claude?.tools?.map(\.value) ?? derived.tools
    let disallowed = agent.claude?.disallowedTools?.map(\.value) ?? derived.disallowed
    let description = agent.claude?.description?.value ?? agent.description?.value ?? agent.id.value
    let lines = fields(
      name: agent.id.value, description: description, tools: tools, disallowed: disallowed, agent: agent, settings: settings)
    return GeneratedFile(
      path: "\(root)/agents/\(agent.id.value).md", contents: OpenCodeGenerator.document(lines, body: instructions?.body ?? ""))
  }

  /// The subagent that runs `workflow`: the coordinator's fields, tools ending with
  /// `Agent(<the workflow's agents>)`, and the coordinator prompt (in Claude Code's words).
  public static func coordinatorAgentFile(_ workflow: WorkflowBuild, settings: ProjectSettings, prompt: String) -> GeneratedFile {
    let name = "\(workflow.name)-coordinator"
    let coordinator = workflow.coordinator
      ?? AgentDefinition(id: Located(name, at: .file("")), instructions: Located("", at: .file("")), instructionsExplicit: false)
    let own = coordinator.claude?.tools?.map(\.value) ?? ClaudeTools.derived(from: coordinator.permission).tools
    let tools = ClaudeTools.coordinator(own, workers: workflow.workers)
    let disallowed = coordinator.claude?.disallowedTools?.map(\.value).filter {
      !["Agent", "Task"].contains(ClaudeRules.toolName($0))
    }
    let lines = fields(
      name: name, description: "Coordinates the \(workflow.name) workflow: \(workflow.description)", tools: tools,
      disallowed: disallowed?.isEmpty == true ? nil : disallowed, agent: coordinator, settings: settings)
    return GeneratedFile(path: "\(root)/agents/\(name).md", contents: OpenCodeGenerator.document(lines, body: prompt))
  }

  /// `/<workflow> <request>` in Claude Code hands the request to the workflow's coordinator,
  /// started as a subagent. Claude Code does not apply a subagent's `Agent(...)` list (measured
  /// with 2.1.332), so the command says so and names the entry point that does.
  public static func commandFile(_ workflow: WorkflowBuild) -> GeneratedFile {
    let coordinator = "\(workflow.name)-coordinator"
    let lines = [
      "description: \(YAMLEmitter.quoted("Run the \(workflow.name) workflow: \(workflow.description) (agent list not enforced; claude --agent \(coordinator) enforces it)"))",
      "argument-hint: \(YAMLEmitter.quoted("<request>"))",
    ]
    let body = """
      Run the `\(workflow.name)` workflow for this request:

      $ARGUMENTS

      Start the `\(coordinator)` subagent with the Agent tool (`subagent_type: "\(coordinator)"`) and pass it the request above word for word. It drives the run with `orchgen next` and `orchgen done` (resuming a run that is under way) and starts the workflow's agents itself. When it returns, report its summary and the path of `.orchestrator/final_output.md`.

      Not enforced here: started this way, the coordinator is a subagent, and Claude Code does not hold a subagent to its list of agents it may start (`Agent(...)` in its tools), nor can it start any agent when nested subagents are disabled. Only `claude --agent \(coordinator)` runs the coordinator as the main session, where Claude Code starts no agent outside the workflow. Tell the user this in one line before you start.
      """
    return GeneratedFile(path: "\(root)/commands/\(workflow.name).md", contents: OpenCodeGenerator.document(lines, body: body))
  }

  /// The model in Claude Code's form: the `claude:` model as written when it already is, else
  /// the alias or provider/model (the `claude:` one, else the agent's) mapped.
  static func model(_ agent: AgentDefinition, settings: ProjectSettings) -> String {
    if let model = agent.claude?.model {
      if ClaudeRules.isClaudeModel(model.value) { return model.value }
      return ClaudeRules.model(forProviderModel: settings.resolveModel(model.value))
    }
    let name = agent.model ?? settings.defaultModel
    return ClaudeRules.model(forProviderModel: name.flatMap { settings.resolveModel($0.value) })
  }

  private static func fields(
    name: String, description: String, tools: [String]?, disallowed: [String]?, agent: AgentDefinition,
    settings: ProjectSettings
  ) -> [String] {
    let claude = agent.claude
    var lines = ["name: \(YAMLEmitter.quoted(name))", "description: \(YAMLEmitter.quoted(description))"]
    if let tools { lines.append("tools: \(YAMLEmitter.quoted(tools.joined(separator: ", ")))") }
    if let disallowed { lines.append("disallowedTools: \(YAMLEmitter.quoted(disallowed.joined(separator: ", ")))") }
    lines.append("model: \(YAMLEmitter.quoted(model(agent, settings: settings)))")
    if let mode = claude?.permissionMode { lines.append("permissionMode: \(YAMLEmitter.quoted(mode.value))") }
    if let turns = claude?.maxTurns?.value ?? agent.steps?.value { lines.append("maxTurns: \(turns)") }
    for (key, values) in [("skills", claude?.skills ?? []), ("mcpServers", claude?.mcpServers ?? [])] where !values.isEmpty {
      lines.append("\(key):")
      lines += values.map { "  - \(YAMLEmitter.quoted($0.value))" }
    }
    if let memory = claude?.memory { lines.append("memory: \(YAMLEmitter.quoted(memory.value))") }
    if let background = claude?.background { lines.append("background: \(background.value)") }
    if let isolation = claude?.isolation { lines.append("isolation: \(YAMLEmitter.quoted(isolation.value))") }
    if let effort = claude?.effort { lines.append("effort: \(YAMLEmitter.quoted(effort.value))") }
    if let color = claude?.color { lines.append("color: \(YAMLEmitter.quoted(color.value))") }
    return lines
  }
}
