/// One agent from `config/agents.yaml`.
public struct AgentDefinition: Sendable {
  /// How OpenCode may use the agent.
  public enum Mode: String, Sendable, CaseIterable {
    case primary, subagent, all
  }

  public var id: Located<String>
  public var description: Located<String>?
  public var mode: Mode = .subagent
  public var modeLocation: SourceLocation?
  /// Alias or `provider/model`, as written.
  public var model: Located<String>?
  public var variant: Located<String>?
  public var temperature: Located<Double>?
  public var topP: Located<Double>?
  public var steps: Located<Int>?
  public var color: Located<String>?
  public var hidden: Located<Bool>?
  public var permission: PermissionConfig?
  /// Instruction file, relative to the project root.
  public var instructions: Located<String>
  /// Whether `instructions:` was written (otherwise it is the default path).
  public var instructionsExplicit: Bool
  /// `opencode: {…}`: values that replace the fields above in the OpenCode files only.
  public var openCode: OpenCodeOverride?
  /// `claude: {…}`: Claude Code's own fields for this agent.
  public var claude: ClaudeAgentSettings?

  public init(id: Located<String>, instructions: Located<String>, instructionsExplicit: Bool) {
    self.id = id
    self.instructions = instructions
    self.instructionsExplicit = instructionsExplicit
  }
}

/// An OpenCode permission map, in authored order (OpenCode applies the last matching rule).
public enum PermissionConfig: Sendable {
  /// A bare action for every permission (`permission: ask`).
  case all(Located<String>)
  /// Per-permission rules.
  case rules([(key: Located<String>, rule: PermissionRule)])
}

/// One permission's rule: an action, or glob patterns mapped to actions.
public enum PermissionRule: Sendable {
  case action(Located<String>)
  case patterns([(pattern: Located<String>, action: Located<String>)])
}
