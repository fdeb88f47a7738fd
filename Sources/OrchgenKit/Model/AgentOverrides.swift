/// `opencode: {…}` on an agent: OpenCode fields that apply to the OpenCode files only, in
/// place of the agent's own (which every target reads).
public struct OpenCodeOverride: Sendable {
  public var description: Located<String>?
  /// Alias or `provider/model`, as written.
  public var model: Located<String>?
  public var variant: Located<String>?
  public var temperature: Located<Double>?
  public var topP: Located<Double>?
  public var steps: Located<Int>?
  public var color: Located<String>?
  public var hidden: Located<Bool>?
  public var permission: PermissionConfig?

  public init() {}
}

/// `claude: {…}` on an agent: Claude Code subagent fields (see the README's configuration
/// reference). Unset fields are derived from the agent's own fields or left out.
public struct ClaudeAgentSettings: Sendable {
  public var description: Located<String>?
  /// Allowed tools (`Read`, `Bash(git diff:*)`, `mcp__server__tool`); nil derives them.
  public var tools: [Located<String>]?
  public var disallowedTools: [Located<String>]?
  /// `sonnet`, `opus`, `haiku`, `inherit`, a `claude-…` id, or an alias or `provider/model`.
  public var model: Located<String>?
  public var permissionMode: Located<String>?
  public var maxTurns: Located<Int>?
  public var skills: [Located<String>] = []
  public var mcpServers: [Located<String>] = []
  public var memory: Located<String>?
  public var background: Located<Bool>?
  public var isolation: Located<String>?
  public var effort: Located<String>?
  public var color: Located<String>?
  /// Where `claude:` is.
  public var location: SourceLocation

  public init(location: SourceLocation) { self.location = location }
}

extension AgentDefinition {
  /// The agent as the OpenCode files show it: its fields with `opencode:` applied.
  public var resolvedForOpenCode: AgentDefinition {
    guard let override = openCode else { return self }
    var agent = self
    if let value = override.description { agent.description = value }
    if let value = override.model { agent.model = value }
    if let value = override.variant { agent.variant = value }
    if let value = override.temperature { agent.temperature = value }
    if let value = override.topP { agent.topP = value }
    if let value = override.steps { agent.steps = value }
    if let value = override.color { agent.color = value }
    if let value = override.hidden { agent.hidden = value }
    if let value = override.permission { agent.permission = value }
    return agent
  }
}
