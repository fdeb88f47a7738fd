/// Claude Code `tools` derived from an agent's OpenCode permissions, when that is sensible:
/// a permission that denies a tool outright drops the matching Claude Code tools. Path and
/// command patterns have no faithful Claude Code form, so a partly allowed tool stays.
enum ClaudeTools {
  /// OpenCode permission → the Claude Code tools it governs, in the order they are written.
  static let groups: [(permission: String, tools: [String])] = [
    ("read", ["Read"]), ("glob", ["Glob"]), ("grep", ["Grep"]), ("edit", ["Edit", "Write", "NotebookEdit"]),
    ("bash", ["Bash"]), ("webfetch", ["WebFetch"]), ("websearch", ["WebSearch"]), ("todowrite", ["TodoWrite"]),
    ("skill", ["Skill"]), ("task", ["Agent"]),
  ]

  /// Every tool of the groups, in order.
  static var all: [String] { groups.flatMap(\.tools) }

  /// What to write: `tools` (an allow-list) when some permission is denied outright,
  /// `disallowedTools` when all are (an empty allow-list means something else), neither (so
  /// every tool, MCP included, is inherited) when none is.
  static func derived(from permission: PermissionConfig?) -> (tools: [String]?, disallowed: [String]?) {
    let denied = deniedPermissions(permission)
    if denied.isEmpty { return (nil, nil) }
    let allowed = groups.filter { !denied.contains($0.permission) }.flatMap(\.tools)
    return allowed.isEmpty ? (nil, all) : (allowed, nil)
  }

  /// The group permissions whose last matching rule denies everything.
  static func deniedPermissions(_ permission: PermissionConfig?) -> Set<String> {
    switch permission {
    case nil: return []
    case .all(let action)?: return action.value == "deny" ? Set(groups.map(\.permission)) : []
    case .rules(let rules)?:
      var denied = Set<String>()
      for group in groups {
        // OpenCode applies the last rule whose key matches the permission.
        guard let rule = rules.last(where: { matches($0.key.value, group.permission) })?.rule else { continue }
        switch rule {
        case .action(let action):
          if action.value == "deny" { denied.insert(group.permission) }
        case .patterns(let patterns):
          if !patterns.isEmpty, patterns.allSatisfy({ $0.action.value == "deny" }) { denied.insert(group.permission) }
        }
      }
      return denied
    }
  }

  /// `*` and `?` wildcards of a permission key against a permission name.
  static func matches(_ key: String, _ name: String) -> Bool {
    let pattern = Array(key.unicodeScalars)
    let text = Array(name.unicodeScalars)
    func match(_ p: Int, _ t: Int) -> Bool {
      if p == pattern.count { return t == text.count }
      if pattern[p] == "*" { return (t...text.count).contains { match(p + 1, $0) } }
      guard t < text.count, pattern[p] == "?" || pattern[p] == text[t] else { return false }
      return match(p + 1, t + 1)
    }
    return match(0, 0)
  }

  /// A coordinator's tools: its own (or `fallback`) without any subagent tool, then
  /// `Agent(<workers>)`, so it may start exactly the workflow's agents.
  static func coordinator(_ own: [String]?, workers: [String]) -> [String] {
    let base = own ?? all
    let kept = base.filter { !["Agent", "Task"].contains(ClaudeRules.toolName($0)) }
    return kept + ["Agent(" + workers.joined(separator: ", ") + ")"]
  }
}
