/// Re-reads orchgen's own OpenCode output and checks it against OpenCode's rules before
/// anything is written. A violation is a bug in orchgen, so the build stops loudly rather than
/// ship a file that makes OpenCode refuse to start.
public enum OpenCodePreflight {
  static let agentKeys: Set<String> = [
    "description", "mode", "model", "variant", "temperature", "top_p", "steps", "color", "hidden", "permission", "disable",
  ]
  static let commandKeys: Set<String> = ["description", "agent", "model", "variant", "subtask"]

  /// One message per violation, naming the file.
  public static func violations(in files: [GeneratedFile]) -> [String] {
    var problems: [String] = []
    for file in files where file.path.hasPrefix("\(OpenCodeGenerator.root)/") && file.path.hasSuffix(".md") {
      let isAgent = file.path.hasPrefix("\(OpenCodeGenerator.root)/agents/")
      guard let (pairs, body) = file.frontmatter() else {
        problems.append("\(file.path): frontmatter is missing or is not a YAML mapping")
        continue
      }
      let allowed = isAgent ? agentKeys : commandKeys
      for pair in pairs where !allowed.contains(pair.key.value) {
        problems.append("\(file.path): key '\(pair.key.value)' is not allowed in an OpenCode \(isAgent ? "agent" : "command")")
      }
      let values = Dictionary(pairs.map { ($0.key.value, $0.value) }, uniquingKeysWith: { first, _ in first })
      if isAgent {
        problems += checkAgent(values, path: file.path)
      } else if body.trimmingTrailingWhitespace().isEmpty {
        problems.append("\(file.path): a command needs a template (the body)")
      }
    }
    return problems
  }

  private static func checkAgent(_ values: [String: YAMLNode], path: String) -> [String] {
    var problems: [String] = []
    func scalar(_ key: String) -> YAMLScalar? {
      if case .scalar(let value)? = values[key] { return value }
      return nil
    }
    if scalar("description")?.value.isEmpty ?? true { problems.append("\(path): description is missing") }
    if let mode = scalar("mode"), AgentDefinition.Mode(rawValue: mode.value) == nil {
      problems.append("\(path): mode '\(mode.value)' is invalid")
    }
    if let model = scalar("model"), !AgentRules.isProviderModel(model.value) {
      problems.append("\(path): model '\(model.value)' is not provider/model")
    }
    if let color = scalar("color"), !AgentRules.isColor(color.value) { problems.append("\(path): color '\(color.value)' is invalid") }
    for key in ["temperature", "top_p"] where values[key] != nil && scalar(key)?.double == nil {
      problems.append("\(path): \(key) is not a number")
    }
    if values["steps"] != nil, (scalar("steps")?.int ?? 0) <= 0 { problems.append("\(path): steps is not a positive integer") }
    if values["hidden"] != nil, scalar("hidden")?.bool == nil { problems.append("\(path): hidden is not a boolean") }
    if let permission = values["permission"] {
      problems += checkPermission(permission, path: path)
    }
    return problems
  }

  private static func checkPermission(_ node: YAMLNode, path: String) -> [String] {
    guard case .mapping(let pairs, _) = node else { return ["\(path): permission is not a map"] }
    var problems: [String] = []
    for pair in pairs {
      switch pair.value {
      case .scalar(let action):
        if !AgentRules.actions.contains(action.value) { problems.append("\(path): permission '\(pair.key.value)' has action '\(action.value)'") }
      case .mapping(let patterns, _):
        if AgentRules.actionOnlyKeys.contains(pair.key.value) {
          problems.append("\(path): permission '\(pair.key.value)' takes only an action")
        }
        for pattern in patterns {
          guard case .scalar(let action) = pattern.value, AgentRules.actions.contains(action.value) else {
            problems.append("\(path): pattern '\(pattern.key.value)' of permission '\(pair.key.value)' is not ask, allow or deny")
            continue
          }
        }
      case .sequence:
        problems.append("\(path): permission '\(pair.key.value)' is a list")
      }
    }
    return problems
  }
}
