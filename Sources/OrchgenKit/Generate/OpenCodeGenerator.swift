/// OpenCode markdown agents and commands (`output/opencode/`), in OpenCode's V1 format: only
/// keys its schema knows, `permission` as a map, models as `provider/model`, strings quoted.
public enum OpenCodeGenerator {
  /// Folder of the OpenCode config inside the output directory.
  public static let root = "opencode"

  /// One agent file per defined agent.
  public static func agentFile(
    _ agent: AgentDefinition, instructions: Instructions?, settings: ProjectSettings
  ) -> GeneratedFile {
    let frontmatter = fields(for: agent, settings: settings, permission: agent.permission.map(permissionLines) ?? [])
    let body = instructions?.body ?? ""
    return GeneratedFile(
      path: "\(root)/agents/\(agent.id.value).md", contents: document(frontmatter, body: body))
  }

  /// The primary agent that runs `workflow`: the coordinator's settings, its permissions with
  /// `task` narrowed to the workflow's agents, and the coordinator prompt as its body.
  public static func coordinatorAgentFile(
    workflow: String, description: String, coordinator: AgentDefinition?, workers: [String],
    settings: ProjectSettings, prompt: String
  ) -> GeneratedFile {
    var permission: [String] = []
    // The coordinator drives the run with `orchgen next/done/status` and hands results over
    // through `.orchestrator/inbox/`: those stay allowed whatever its own rules say (last match
    // wins, so they come after them). Without a rule for the tool, OpenCode's default allows it.
    let driving: [String: [String]] = [
      "bash": ["orchgen next *", "orchgen done *", "orchgen status*"], "edit": [".orchestrator/inbox/*"],
    ]
    func allowing(_ key: String) -> [String] {
      (driving[key] ?? []).map { "    \(YAMLEmitter.quoted($0)): allow" }
    }
    if case .rules(let rules)? = coordinator?.permission {
      for (key, rule) in rules where key.value != "task" {
        guard driving[key.value] != nil else {
          permission += ruleLines(key.value, rule)
          continue
        }
        switch rule {
        case .action(let action):
          permission += ["  \(YAMLEmitter.quoted(key.value)):", "    \(YAMLEmitter.quoted("*")): \(action.value)"] + allowing(key.value)
        case .patterns:
          permission += ruleLines(key.value, rule) + allowing(key.value)
        }
      }
    } else if case .all(let action)? = coordinator?.permission {
      permission.append("  \(YAMLEmitter.quoted("*")): \(action.value)")
      for key in driving.keys.sorted() {
        permission += ["  \(YAMLEmitter.quoted(key)):", "    \(YAMLEmitter.quoted("*")): \(action.value)"] + allowing(key)
      }
    }
    // OpenCode applies the last matching rule, so the catch-all deny must come first.
    permission.append("  \(YAMLEmitter.quoted("task")):")
    permission.append("    \(YAMLEmitter.quoted("*")): deny")
    for worker in workers { permission.append("    \(YAMLEmitter.quoted(worker)): allow") }
    var base = coordinator ?? AgentDefinition(
      id: Located("\(workflow)-coordinator", at: .file("")), instructions: Located("", at: .file("")),
      instructionsExplicit: false)
    base.description = Located(description, at: .file(""))
    base.mode = .primary
    base.hidden = nil
    return GeneratedFile(
      path: "\(root)/agents/\(workflow)-coordinator.md",
      contents: document(fields(for: base, settings: settings, permission: permission), body: prompt))
  }

  /// `/<workflow> <request>` in OpenCode runs the workflow's coordinator on the request.
  public static func commandFile(workflow: String, description: String) -> GeneratedFile {
    let lines = [
      "description: \(YAMLEmitter.quoted("Run the \(workflow) workflow: \(description)"))",
      "agent: \(YAMLEmitter.quoted("\(workflow)-coordinator"))",
    ]
    let body = """
      Run the `\(workflow)` workflow for this request:

      $ARGUMENTS

      Follow your coordinator instructions: drive the run with `orchgen next \(workflow)` and \
      `orchgen done \(workflow) <task>`; in a new session, resume with `orchgen next \(workflow) --interrupted`.
      """
    return GeneratedFile(path: "\(root)/commands/\(workflow).md", contents: document(lines, body: body))
  }

  private static func fields(for agent: AgentDefinition, settings: ProjectSettings, permission: [String]) -> [String] {
    var lines: [String] = []
    lines.append("description: \(YAMLEmitter.quoted(agent.description?.value ?? agent.id.value))")
    lines.append("mode: \(agent.mode.rawValue)")
    if let model = (agent.model ?? settings.defaultModel).flatMap({ settings.resolveModel($0.value) }) {
      lines.append("model: \(YAMLEmitter.quoted(model))")
    }
    if let variant = agent.variant { lines.append("variant: \(YAMLEmitter.quoted(variant.value))") }
    if let temperature = agent.temperature { lines.append("temperature: \(YAMLEmitter.number(temperature.value))") }
    if let topP = agent.topP { lines.append("top_p: \(YAMLEmitter.number(topP.value))") }
    if let steps = agent.steps { lines.append("steps: \(steps.value)") }
    if let color = agent.color { lines.append("color: \(YAMLEmitter.quoted(color.value))") }
    if let hidden = agent.hidden { lines.append("hidden: \(hidden.value)") }
    if !permission.isEmpty {
      lines.append("permission:")
      lines += permission
    }
    return lines
  }

  private static func permissionLines(_ config: PermissionConfig) -> [String] {
    switch config {
    case .all(let action): return ["  \(YAMLEmitter.quoted("*")): \(action.value)"]
    case .rules(let rules): return rules.flatMap { ruleLines($0.key.value, $0.rule) }
    }
  }

  private static func ruleLines(_ key: String, _ rule: PermissionRule) -> [String] {
    switch rule {
    case .action(let action):
      return ["  \(YAMLEmitter.quoted(key)): \(action.value)"]
    case .patterns(let patterns):
      return ["  \(YAMLEmitter.quoted(key)):"] + patterns.map { "    \(YAMLEmitter.quoted($0.pattern.value)): \($0.action.value)" }
    }
  }

  /// Frontmatter plus body; OpenCode trims the body, so one blank line separates them.
  static func document(_ frontmatter: [String], body: String) -> String {
    var text = "---\n" + frontmatter.joined(separator: "\n") + "\n---\n"
    let trimmed = body.trimmingTrailingWhitespace()
    if !trimmed.isEmpty { text += "\n" + trimmed + "\n" }
    return text
  }
}

extension String {
  /// The string without trailing spaces and newlines, and without leading blank lines.
  func trimmingTrailingWhitespace() -> String {
    var scalars = Substring(self)
    while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
    while scalars.first == "\n" { scalars.removeFirst() }
    return String(scalars)
  }
}
