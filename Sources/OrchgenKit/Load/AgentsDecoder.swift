/// Decodes `config/agents.yaml`.
enum AgentsDecoder {
  static let agentKeys = [
    "description", "mode", "model", "variant", "temperature", "top_p", "steps", "color", "hidden",
    "permission", "instructions", "opencode", "claude",
  ]

  static func decode(_ node: YAMLNode, file: String, diagnostics: inout [Diagnostic]) -> [AgentDefinition] {
    guard let root = MappingReader(node, subject: "'\(file)'", keys: ["agents"], diagnostics: &diagnostics)
    else { return [] }
    guard let agentsNode = root.value("agents") else {
      root.require("agents", diagnostics: &diagnostics)
      return []
    }
    guard case .mapping(let pairs, _) = agentsNode else {
      diagnostics.append(
        Diagnostic(.wrongType, "agents must be a mapping of agent id to definition, found \(agentsNode.typeName)", at: agentsNode.location,
          help: "write each agent as '<agent-id>:' followed by its keys, indented"))
      return []
    }
    var agents: [AgentDefinition] = []
    var seen: [String: SourceLocation] = [:]
    for pair in pairs {
      let id = Located(pair.key.value, at: pair.key.location)
      if let first = seen[id.value] {
        diagnostics.append(
          Diagnostic(
            .duplicateKey, "duplicate agent '\(id.value)'", at: id.location,
            notes: [.init("first defined here", at: first)], help: "remove or rename one of the two definitions"))
        continue
      }
      seen[id.value] = id.location
      ValueReader.checkID(id, kind: "agent", &diagnostics)
      if let agent = decodeAgent(id, pair.value, &diagnostics) { agents.append(agent) }
    }
    return agents
  }

  private static func decodeAgent(
    _ id: Located<String>, _ node: YAMLNode, _ diagnostics: inout [Diagnostic]
  ) -> AgentDefinition? {
    let subject = "agent '\(id.value)'"
    let defaultPath = "content/instructions/\(id.value).md"
    var agent = AgentDefinition(
      id: id, instructions: Located(defaultPath, at: id.location), instructionsExplicit: false)
    guard let map = MappingReader(node, subject: subject, keys: agentKeys, diagnostics: &diagnostics) else {
      // The id is still defined, so references to it are not reported as unknown on top; with
      // its mode unknown it counts as 'all', which no mode check objects to.
      agent.mode = .all
      return agent
    }
    map.require(
      "description", help: "add 'description:' saying when to use this agent; OpenCode lists it to the coordinator",
      at: id.location, diagnostics: &diagnostics)
    var modeIsValid = true
    if let value = map.value("mode"), let mode = ValueReader.string(value, "mode", &diagnostics) {
      agent.modeLocation = mode.location
      if let parsed = AgentDefinition.Mode(rawValue: mode.value) {
        agent.mode = parsed
      } else {
        // Reported once here; as 'all' the agent passes the checks that depend on its mode.
        agent.mode = .all
        modeIsValid = false
        let names = AgentDefinition.Mode.allCases.map(\.rawValue)
        diagnostics.append(
          Diagnostic(
            .agentMode, "mode '\(mode.value)' of \(subject) is not one of primary, subagent, all",
            at: mode.location,
            help: EditDistance.closest(to: mode.value, in: names).map { "did you mean '\($0)'?" }
              ?? "use primary for agents the user talks to, subagent for workers"))
      }
    }
    decodeOpenCodeFields(map, subject: subject, into: &agent, &diagnostics)
    if let value = map.value("instructions"), let path = ValueReader.string(value, "instructions", &diagnostics) {
      agent.instructions = path
      agent.instructionsExplicit = true
    }
    if modeIsValid { checkHidden(agent.hidden, agent: agent, subject: subject, &diagnostics) }
    if let value = map.value("opencode") {
      agent.openCode = decodeOpenCodeOverride(value, agent: agent, modeIsValid: modeIsValid, &diagnostics)
    }
    if let value = map.value("claude") {
      agent.claude = ClaudeSettingsDecoder.decode(value, subject: "\(subject) (claude)", &diagnostics)
    }
    return agent
  }

  /// The keys of `opencode:` on an agent: the OpenCode fields an agent may set per target.
  static let openCodeOverrideKeys = [
    "description", "model", "variant", "temperature", "top_p", "steps", "color", "hidden", "permission",
  ]

  private static func decodeOpenCodeOverride(
    _ node: YAMLNode, agent: AgentDefinition, modeIsValid: Bool, _ diagnostics: inout [Diagnostic]
  ) -> OpenCodeOverride? {
    let subject = "agent '\(agent.id.value)' (opencode)"
    guard let map = MappingReader(node, subject: subject, keys: openCodeOverrideKeys, diagnostics: &diagnostics)
    else { return nil }
    var fields = AgentDefinition(id: agent.id, instructions: agent.instructions, instructionsExplicit: false)
    decodeOpenCodeFields(map, subject: subject, into: &fields, &diagnostics)
    if modeIsValid { checkHidden(fields.hidden, agent: agent, subject: subject, &diagnostics) }
    var override = OpenCodeOverride()
    override.description = fields.description
    override.model = fields.model
    override.variant = fields.variant
    override.temperature = fields.temperature
    override.topP = fields.topP
    override.steps = fields.steps
    override.color = fields.color
    override.hidden = fields.hidden
    override.permission = fields.permission
    return override
  }

  /// The OpenCode fields an agent and its `opencode:` override share, read into `agent`.
  private static func decodeOpenCodeFields(
    _ map: MappingReader, subject: String, into agent: inout AgentDefinition, _ diagnostics: inout [Diagnostic]
  ) {
    if let value = map.value("description") { agent.description = ValueReader.string(value, "description", &diagnostics) }
    if let value = map.value("model") { agent.model = ValueReader.string(value, "model", &diagnostics) }
    if let value = map.value("variant") { agent.variant = ValueReader.string(value, "variant", &diagnostics) }
    if let value = map.value("temperature") {
      agent.temperature = range(value, "temperature", 0...2, subject, &diagnostics)
    }
    if let value = map.value("top_p") { agent.topP = range(value, "top_p", 0...1, subject, &diagnostics) }
    if let value = map.value("steps"), let steps = ValueReader.int(value, "steps", &diagnostics) {
      if steps.value > 0 {
        agent.steps = steps
      } else {
        diagnostics.append(
          Diagnostic(.agentSteps, "steps of \(subject) must be a positive integer, found \(steps.value)", at: steps.location,
            help: "remove 'steps' for no limit, or set it to the maximum number of agentic iterations"))
      }
    }
    if let value = map.value("color"), let color = ValueReader.string(value, "color", &diagnostics) {
      if AgentRules.isColor(color.value) {
        agent.color = color
      } else {
        diagnostics.append(
          Diagnostic(
            .agentColor, "color '\(color.value)' of \(subject) is not one OpenCode accepts", at: color.location,
            notes: [.init("OpenCode refuses to start when an agent has an invalid color")],
            help: "use a hex colour like \"#4f9dde\" or one of " + AgentRules.themeColors.joined(separator: ", ")))
      }
    }
    if let value = map.value("hidden") { agent.hidden = ValueReader.bool(value, "hidden", &diagnostics) }
    if let value = map.value("permission") { agent.permission = PermissionDecoder.decode(value, subject: subject, &diagnostics) }
  }

  private static func checkHidden(
    _ hidden: Located<Bool>?, agent: AgentDefinition, subject: String, _ diagnostics: inout [Diagnostic]
  ) {
    guard let hidden, hidden.value, agent.mode != .subagent else { return }
    diagnostics.append(
      Diagnostic(
        .agentMode, "\(subject) is hidden but its mode is \(agent.mode.rawValue); OpenCode hides only subagents",
        at: hidden.location, help: "remove 'hidden: true' or make the agent a subagent"))
  }

  private static func range(
    _ node: YAMLNode, _ key: String, _ bounds: ClosedRange<Double>, _ subject: String,
    _ diagnostics: inout [Diagnostic]
  ) -> Located<Double>? {
    guard let number = ValueReader.double(node, key, &diagnostics) else { return nil }
    guard bounds.contains(number.value) else {
      diagnostics.append(
        Diagnostic(
          .agentSampling, "\(key) of \(subject) must be between \(format(bounds.lowerBound)) and \(format(bounds.upperBound)), found \(format(number.value))",
          at: number.location, help: "lower values make the agent more deterministic; reviewers do well around 0.1"))
      return nil
    }
    return number
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }
}
