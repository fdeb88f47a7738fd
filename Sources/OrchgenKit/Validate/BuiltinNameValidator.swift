/// `shadowed-builtin`: a generated agent or command whose name is that of a built-in of an
/// enabled target replaces the built-in there (a project's `code-review` command hides Claude
/// Code's bundled `code-review`), without any warning from the tool itself.
enum BuiltinNameValidator {
  /// OpenCode's built-in agents, the hidden ones included (V1 source, `agent/agent.ts`).
  static let openCodeAgents: Set<String> = ["build", "plan", "general", "explore", "compaction", "title", "summary"]
  /// OpenCode's built-in commands (`command/index.ts`).
  static let openCodeCommands: Set<String> = ["init", "review"]
  /// Claude Code 2.1.332's built-in agents, as its stream-json `init` message lists them in an
  /// empty project (orchgen ids are lowercase, so `Explore` and `Plan` cannot clash).
  static let claudeAgents: Set<String> = ["claude", "general-purpose", "statusline-setup"]
  /// Claude Code 2.1.332's slash commands and bundled skills: the 44 its `init` message lists in
  /// an empty project, then the interactive-only commands that list leaves out.
  static let claudeCommands: Set<String> = [
    "deep-research", "dataviz", "update-config", "verify", "debug", "code-review", "simplify", "batch",
    "fewer-permission-prompts", "doctor", "loop", "claude-api", "workflow-authoring", "run", "run-skill-generator",
    "plugin-authoring", "agents", "auto-mode-setup", "autocompact", "clear", "color", "compact", "config",
    "output-style", "context", "effort", "fast", "focus", "heapdump", "init", "mcp", "model", "remote-workflow",
    "workflow-launch-exec", "reload-plugins", "reload-skills", "rename", "security-review", "usage", "insights",
    "recap", "goal", "list-agents", "team-onboarding",
    "add-dir", "bug", "cost", "exit", "export", "help", "hooks", "ide", "login", "logout", "memory", "permissions",
    "plugin", "pr-comments", "release-notes", "resume", "review", "rewind", "status", "statusline", "terminal-setup",
    "upgrade", "vim",
  ]

  static func validate(_ project: Project, graphs: [TaskGraph], _ diagnostics: inout [Diagnostic]) {
    let targets = project.settings.targets
    var agentOwners: [(tool: String, names: Set<String>)] = []
    var commandOwners: [(tool: String, names: Set<String>)] = []
    if targets.contains(.opencode) {
      agentOwners.append(("OpenCode", openCodeAgents))
      commandOwners.append(("OpenCode", openCodeCommands))
    }
    if targets.contains(.claude) {
      agentOwners.append(("Claude Code", claudeAgents))
      commandOwners.append(("Claude Code", claudeCommands))
    }
    for agent in project.agents {
      let name = agent.id.value
      let tools = agentOwners.filter { $0.names.contains(name) }.map(\.tool)
      guard !tools.isEmpty else { continue }
      diagnostics.append(
        Diagnostic(
          .shadowedBuiltin,
          "agent '\(name)' replaces \(tools.joined(separator: " and "))'s built-in agent '\(name)'",
          at: agent.id.location,
          help: "rename the agent, e.g. '\(name)-agent' (and its instruction file), so the built-in stays available"))
    }
    for graph in graphs {
      let name = graph.name
      let tools = commandOwners.filter { $0.names.contains(name) }.map(\.tool)
      guard !tools.isEmpty else { continue }
      let file = graph.workflow.file
      let directory = file.split(separator: "/").dropLast().joined(separator: "/")
      diagnostics.append(
        Diagnostic(
          .shadowedBuiltin,
          "workflow '\(name)' generates the command '/\(name)', which replaces \(tools.joined(separator: " and "))'s built-in '/\(name)'",
          at: .file(file),
          help: "rename the workflow: its id is its file name, e.g. \(directory)/\(name)-flow.yaml"))
    }
  }
}
