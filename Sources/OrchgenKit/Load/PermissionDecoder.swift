/// Decodes an OpenCode `permission:` map and checks keys and actions against OpenCode's schema.
enum PermissionDecoder {
  static func decode(_ node: YAMLNode, subject: String, _ diagnostics: inout [Diagnostic]) -> PermissionConfig? {
    if case .scalar = node {
      guard let action = action(node, "permission of \(subject)", &diagnostics) else { return nil }
      return .all(action)
    }
    guard case .mapping(let pairs, _) = node else {
      diagnostics.append(
        Diagnostic(.wrongType, "permission of \(subject) must be an action or a mapping, found \(node.typeName)", at: node.location))
      return nil
    }
    var rules: [(key: Located<String>, rule: PermissionRule)] = []
    var seen: [String: SourceLocation] = [:]
    let known = AgentRules.ruleKeys + AgentRules.actionOnlyKeys
    for pair in pairs {
      let key = Located(pair.key.value, at: pair.key.location)
      if let first = seen[key.value] {
        diagnostics.append(
          Diagnostic(.duplicateKey, "duplicate permission '\(key.value)' in \(subject)", at: key.location,
            notes: [.init("first defined here", at: first)], help: "merge the two rules into one"))
        continue
      }
      seen[key.value] = key.location
      let isWildcard = key.value.contains("*") || key.value.contains("?")
      if !known.contains(key.value), !isWildcard, let suggestion = EditDistance.closest(to: key.value, in: known) {
        // OpenCode would take a typo as the name of a custom tool and silently never match it.
        diagnostics.append(
          Diagnostic(.agentPermission, "unknown permission '\(key.value)' in \(subject)", at: key.location,
            notes: [.init("OpenCode treats unknown keys as custom tool names, so this rule would never apply")],
            help: "did you mean '\(suggestion)'?"))
        continue
      }
      let what = "permission '\(key.value)' of \(subject)"
      switch pair.value {
      case .scalar:
        if let action = action(pair.value, what, &diagnostics) { rules.append((key, .action(action))) }
      case .mapping(let patternPairs, _):
        if AgentRules.actionOnlyKeys.contains(key.value) {
          diagnostics.append(
            Diagnostic(.agentPermission, "\(what) takes only an action, not patterns", at: key.location,
              help: "write '\(key.value): ask', 'allow' or 'deny'"))
          continue
        }
        var patterns: [(pattern: Located<String>, action: Located<String>)] = []
        for patternPair in patternPairs {
          let pattern = Located(patternPair.key.value, at: patternPair.key.location)
          if let action = action(patternPair.value, "pattern '\(pattern.value)' of \(what)", &diagnostics) {
            patterns.append((pattern, action))
          }
        }
        rules.append((key, .patterns(patterns)))
      case .sequence:
        diagnostics.append(
          Diagnostic(.agentPermission, "\(what) must be an action or a map of patterns to actions, found a list",
            at: pair.value.location, help: "write e.g. '\(key.value): { \"*\": ask, \"git diff\": allow }'"))
      }
    }
    return .rules(rules)
  }

  private static func action(_ node: YAMLNode, _ what: String, _ diagnostics: inout [Diagnostic]) -> Located<String>? {
    guard let value = ValueReader.string(node, what, &diagnostics) else { return nil }
    guard AgentRules.actions.contains(value.value) else {
      diagnostics.append(
        Diagnostic(.agentPermission, "\(what) is '\(value.value)', not ask, allow or deny", at: value.location,
          help: EditDistance.closest(to: value.value, in: AgentRules.actions).map { "did you mean '\($0)'?" }
            ?? "use ask, allow or deny"))
      return nil
    }
    return value
  }
}
