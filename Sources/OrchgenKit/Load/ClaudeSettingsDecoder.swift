/// Decodes `claude: {…}` on an agent: Claude Code's subagent fields, each checked against
/// Claude Code's rules where it is written.
enum ClaudeSettingsDecoder {
  static let keys = [
    "description", "tools", "disallowedTools", "model", "permissionMode", "maxTurns", "skills", "mcpServers",
    "memory", "background", "isolation", "effort", "color",
  ]

  static func decode(_ node: YAMLNode, subject: String, _ diagnostics: inout [Diagnostic]) -> ClaudeAgentSettings? {
    guard let map = MappingReader(node, subject: subject, keys: keys, diagnostics: &diagnostics) else { return nil }
    var settings = ClaudeAgentSettings(location: node.location)
    if let value = map.value("description") { settings.description = ValueReader.string(value, "description", &diagnostics) }
    if let value = map.value("tools") { settings.tools = tools(value, "tools", subject, &diagnostics) }
    if let value = map.value("disallowedTools") {
      settings.disallowedTools = tools(value, "disallowedTools", subject, &diagnostics)
    }
    if let value = map.value("model") { settings.model = ValueReader.string(value, "model", &diagnostics) }
    if let value = map.value("permissionMode") {
      settings.permissionMode = oneOf(value, "permissionMode", ClaudeRules.permissionModes, subject, &diagnostics)
    }
    if let value = map.value("maxTurns"), let turns = ValueReader.int(value, "maxTurns", &diagnostics) {
      if turns.value > 0 {
        settings.maxTurns = turns
      } else {
        diagnostics.append(
          Diagnostic(.agentSteps, "maxTurns of \(subject) must be a positive integer, found \(turns.value)",
            at: turns.location, help: "remove 'maxTurns' for no limit, or set it to the most turns the subagent may take"))
      }
    }
    if let value = map.value("skills") { settings.skills = ValueReader.stringList(value, "skills", &diagnostics) }
    if let value = map.value("mcpServers") {
      settings.mcpServers = ValueReader.stringList(value, "mcpServers", &diagnostics)
    }
    if let value = map.value("memory") {
      settings.memory = oneOf(value, "memory", ClaudeRules.memoryScopes, subject, &diagnostics)
    }
    if let value = map.value("background") { settings.background = ValueReader.bool(value, "background", &diagnostics) }
    if let value = map.value("isolation") {
      settings.isolation = oneOf(value, "isolation", ClaudeRules.isolationModes, subject, &diagnostics)
    }
    if let value = map.value("effort"), let effort = ValueReader.string(value, "effort", &diagnostics) {
      if effort.value.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }), !effort.value.isEmpty {
        settings.effort = effort
      } else {
        diagnostics.append(
          Diagnostic(.invalidValue, "effort '\(effort.value)' of \(subject) is not an effort level", at: effort.location,
            help: "use a level such as low, medium or high"))
      }
    }
    if let value = map.value("color"), let color = ValueReader.string(value, "color", &diagnostics) {
      if ClaudeRules.colors.contains(color.value) {
        settings.color = color
      } else {
        diagnostics.append(
          Diagnostic(
            .agentColor, "color '\(color.value)' of \(subject) is not one Claude Code accepts", at: color.location,
            notes: [.init("Claude Code colours are names; OpenCode's hex and theme colours do not apply")],
            help: EditDistance.closest(to: color.value, in: ClaudeRules.colors).map { "did you mean '\($0)'?" }
              ?? "use one of " + ClaudeRules.colors.joined(separator: ", ")))
      }
    }
    return settings
  }

  /// `tools:` as a comma-separated string or a list; every entry well-formed and no entry a
  /// misspelt built-in tool (Claude Code would ignore it silently).
  private static func tools(
    _ node: YAMLNode, _ key: String, _ subject: String, _ diagnostics: inout [Diagnostic]
  ) -> [Located<String>]? {
    var entries: [Located<String>] = []
    if case .scalar(let scalar) = node, !scalar.isNull {
      // A plain one-line scalar is written as read, so each entry gets its own caret.
      let location = scalar.location
      let plain = location.line == location.endLine && location.endColumn - location.column == scalar.value.unicodeScalars.count
      entries = ClaudeRules.splitToolsWithOffsets(scalar.value).map { part in
        guard plain else { return Located(part.entry, at: location) }
        let column = location.column + part.offset
        return Located(
          part.entry,
          at: SourceLocation(file: location.file, line: location.line, column: column,
            endColumn: column + max(part.entry.unicodeScalars.count, 1)))
      }
    } else {
      entries = ValueReader.stringList(node, key, &diagnostics)
    }
    guard !entries.isEmpty else {
      diagnostics.append(
        Diagnostic(.claudeTools, "\(key) of \(subject) is empty", at: node.location,
          help: "remove '\(key)' to inherit every tool, or list the tools, e.g. \"Read, Grep, Glob\""))
      return nil
    }
    var valid: [Located<String>] = []
    for entry in entries {
      if let problem = ClaudeRules.toolProblem(entry.value) {
        diagnostics.append(
          Diagnostic(.claudeTools, "'\(entry.value)' in \(key) of \(subject) is not a tool: \(problem)", at: entry.location,
            help: "write a tool name, optionally with a rule: Read, Bash(git diff:*), Agent(reviewer), mcp__server__tool"))
        continue
      }
      let name = ClaudeRules.toolName(entry.value)
      if !ClaudeRules.builtInTools.contains(name), !name.hasPrefix("mcp__"),
        let suggestion = EditDistance.closest(to: name, in: ClaudeRules.builtInTools)
      {
        diagnostics.append(
          Diagnostic(.claudeTools, "unknown tool '\(name)' in \(key) of \(subject)", at: entry.location,
            notes: [.init("Claude Code ignores tools it does not know, so this entry would never apply")],
            help: "did you mean '\(suggestion)'?"))
        continue
      }
      valid.append(entry)
    }
    return valid
  }

  private static func oneOf(
    _ node: YAMLNode, _ key: String, _ allowed: [String], _ subject: String, _ diagnostics: inout [Diagnostic]
  ) -> Located<String>? {
    guard let value = ValueReader.string(node, key, &diagnostics) else { return nil }
    guard allowed.contains(value.value) else {
      diagnostics.append(
        Diagnostic(.invalidValue, "\(key) '\(value.value)' of \(subject) is not one of " + allowed.joined(separator: ", "),
          at: value.location,
          help: EditDistance.closest(to: value.value, in: allowed).map { "did you mean '\($0)'?" }
            ?? "use one of " + allowed.joined(separator: ", ")))
      return nil
    }
    return value
  }
}
