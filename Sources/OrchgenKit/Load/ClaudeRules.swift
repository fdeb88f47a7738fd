#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// Claude Code's rules for subagent and command frontmatter (`agent-file-formats.md` §2),
/// shared by the `claude:` decoder, the Claude Code generator and its pre-flight check.
public enum ClaudeRules {
  /// Keys a Claude Code subagent's frontmatter may hold that orchgen writes.
  public static let agentKeys: Set<String> = [
    "name", "description", "tools", "disallowedTools", "model", "permissionMode", "maxTurns", "skills",
    "mcpServers", "memory", "background", "isolation", "effort", "color",
  ]
  /// Keys of a Claude Code slash command's frontmatter.
  public static let commandKeys: Set<String> = [
    "description", "allowed-tools", "argument-hint", "model", "disable-model-invocation",
  ]
  /// Model aliases Claude Code resolves itself; `inherit` uses the session's model.
  public static let modelAliases = ["sonnet", "opus", "haiku", "inherit"]
  public static let permissionModes = ["default", "acceptEdits", "auto", "dontAsk", "bypassPermissions", "plan"]
  /// UI colour names (the official list and the plugin-dev guide's together).
  public static let colors = ["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan", "magenta"]
  public static let memoryScopes = ["user", "project", "local"]
  public static let isolationModes = ["worktree"]
  /// Built-in tools, for "did you mean" on a misspelt entry of `tools`/`disallowedTools`.
  public static let builtInTools = [
    "Agent", "Task", "Bash", "Edit", "Glob", "Grep", "NotebookEdit", "Read", "Skill", "TodoWrite", "WebFetch",
    "WebSearch", "Write", "AskUserQuestion", "BashOutput", "KillShell", "ExitPlanMode", "LSP",
  ]

  /// Claude Code's form of a model: `sonnet`/`opus`/`haiku` for an Anthropic Claude model of
  /// that family, the bare id for another Anthropic Claude model, `inherit` for no model or a
  /// model of another provider (Claude Code can run only Claude models).
  public static func model(forProviderModel model: String?) -> String {
    guard let model, model.hasPrefix("anthropic/") else { return "inherit" }
    let id = String(model.dropFirst("anthropic/".count))
    guard id.hasPrefix("claude-") else { return "inherit" }
    let words = id.split(separator: "-").map(String.init)
    for family in ["opus", "sonnet", "haiku"] where words.contains(family) { return family }
    return id
  }

  /// Whether `model` is already in Claude Code's form: an alias, `inherit` or a `claude-…` id.
  public static func isClaudeModel(_ model: String) -> Bool {
    if modelAliases.contains(model) { return true }
    return model.hasPrefix("claude-") && model.count > "claude-".count
      && model.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "." || $0 == "_" }
  }

  /// The problem with one `tools`/`disallowedTools` entry (`Read`, `Bash(git diff:*)`,
  /// `Agent(worker, reviewer)`, `mcp__server__tool`), or nil when it is well-formed.
  public static func toolProblem(_ entry: String) -> String? {
    var name = Substring(entry)
    if let open = entry.firstIndex(of: "(") {
      guard entry.hasSuffix(")"), entry.firstIndex(of: ")") == entry.index(before: entry.endIndex) else {
        return "its parentheses do not close at the end"
      }
      let inner = entry[entry.index(after: open)..<entry.index(before: entry.endIndex)]
      if inner.trimmingHorizontalSpace().isEmpty { return "its parentheses are empty" }
      name = entry[..<open]
    } else if entry.contains(")") {
      return "it has ')' without '('"
    }
    guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else {
      return "a tool name starts with a letter"
    }
    let valid = name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    return valid ? nil : "a tool name has only letters, digits, '_' and '-'"
  }

  /// The tool name of an entry: `Bash` for `Bash(git diff:*)`.
  public static func toolName(_ entry: String) -> String {
    String(entry.prefix { $0 != "(" })
  }

  /// Splits `Read, Grep, Agent(a, b)` at the commas outside parentheses.
  public static func splitTools(_ text: String) -> [String] {
    splitToolsWithOffsets(text).map(\.entry)
  }

  /// The entries with the offset (in Unicode scalars) where each starts in `text`.
  static func splitToolsWithOffsets(_ text: String) -> [(entry: String, offset: Int)] {
    var parts: [(String, Int)] = []
    var current = ""
    var start = 0
    var depth = 0
    func flush() {
      let leading = current.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
      parts.append((current.trimmingHorizontalSpace(), start + leading))
    }
    for (offset, scalar) in text.unicodeScalars.enumerated() {
      if scalar == "(" { depth += 1 }
      if scalar == ")" { depth -= 1 }
      if scalar == ",", depth == 0 {
        flush()
        current = ""
        start = offset + 1
      } else {
        current.unicodeScalars.append(scalar)
      }
    }
    flush()
    return parts
  }
}
