#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Re-reads orchgen's own Claude Code output and checks it against Claude Code's rules before
/// anything is written, as `OpenCodePreflight` does for OpenCode: a violation is a bug in
/// orchgen, so the build stops rather than ship a subagent Claude Code would reject or misread.
public enum ClaudePreflight {
  /// One message per violation, naming the file.
  public static func violations(in files: [GeneratedFile]) -> [String] {
    let agentsFolder = "\(ClaudeGenerator.root)/agents/"
    let agentNames = Set(
      files.filter { $0.path.hasPrefix(agentsFolder) && $0.path.hasSuffix(".md") }
        .map { String($0.path.dropFirst(agentsFolder.count).dropLast(3)) })
    var problems: [String] = []
    for file in files where file.path.hasPrefix("\(ClaudeGenerator.root)/") && file.path.hasSuffix(".md") {
      guard let (pairs, body) = file.frontmatter() else {
        problems.append("\(file.path): frontmatter is missing or is not a YAML mapping")
        continue
      }
      let isAgent = file.path.hasPrefix(agentsFolder)
      let allowed = isAgent ? ClaudeRules.agentKeys : ClaudeRules.commandKeys
      for pair in pairs where !allowed.contains(pair.key.value) {
        problems.append("\(file.path): key '\(pair.key.value)' is not allowed in a Claude Code \(isAgent ? "subagent" : "command")")
      }
      let values = Dictionary(pairs.map { ($0.key.value, $0.value) }, uniquingKeysWith: { first, _ in first })
      if isAgent {
        let stem = String(file.path.dropFirst(agentsFolder.count).dropLast(3))
        problems += checkAgent(values, stem: stem, agents: agentNames, path: file.path)
      } else if !body.contains("$ARGUMENTS") {
        problems.append("\(file.path): a command must pass on the request ($ARGUMENTS)")
      }
    }
    return problems
  }

  private static func checkAgent(_ values: [String: YAMLNode], stem: String, agents: Set<String>, path: String) -> [String] {
    var problems: [String] = []
    func scalar(_ key: String) -> YAMLScalar? {
      if case .scalar(let value)? = values[key] { return value }
      return nil
    }
    if scalar("name")?.value != stem { problems.append("\(path): name must be the file stem '\(stem)'") }
    if !ValueReader.isValidID(stem) { problems.append("\(path): name '\(stem)' is not lowercase letters, digits and '-'") }
    if scalar("description")?.value.isEmpty ?? true { problems.append("\(path): description is missing") }
    if let model = scalar("model"), !ClaudeRules.isClaudeModel(model.value) {
      problems.append("\(path): model '\(model.value)' is not sonnet, opus, haiku, inherit or a claude-… id")
    }
    for key in ["tools", "disallowedTools"] {
      guard values[key] != nil else { continue }
      guard let text = scalar(key)?.value, !text.isEmpty else {
        problems.append("\(path): \(key) is not a comma-separated string")
        continue
      }
      for entry in ClaudeRules.splitTools(text) {
        if let problem = ClaudeRules.toolProblem(entry) {
          problems.append("\(path): \(key) entry '\(entry)' is malformed: \(problem)")
        } else if ["Agent", "Task"].contains(ClaudeRules.toolName(entry)), entry.hasSuffix(")") {
          let inner = entry.drop { $0 != "(" }.dropFirst().dropLast()
          for name in inner.split(separator: ",") where !agents.contains(name.trimmingHorizontalSpace()) {
            problems.append("\(path): \(key) lets it start '\(name.trimmingHorizontalSpace())', which has no subagent file")
          }
        }
      }
    }
    let enums: [(String, [String])] = [
      ("permissionMode", ClaudeRules.permissionModes), ("memory", ClaudeRules.memoryScopes),
      ("isolation", ClaudeRules.isolationModes), ("color", ClaudeRules.colors),
    ]
    for (key, allowed) in enums where values[key] != nil {
      if !allowed.contains(scalar(key)?.value ?? "") { problems.append("\(path): \(key) is not one of \(allowed.joined(separator: ", "))") }
    }
    if values["maxTurns"] != nil, (scalar("maxTurns")?.int ?? 0) <= 0 { problems.append("\(path): maxTurns is not a positive integer") }
    if values["background"] != nil, scalar("background")?.bool == nil { problems.append("\(path): background is not a boolean") }
    for key in ["skills", "mcpServers"] where values[key] != nil {
      guard case .sequence(let items, _)? = values[key], items.allSatisfy({ if case .scalar = $0 { true } else { false } }) else {
        problems.append("\(path): \(key) is not a list of names")
        continue
      }
    }
    return problems
  }
}
