/// OpenCode's rules for agent fields (see docs/agent-file-formats in the README), shared by
/// the agents decoder and the generator's pre-flight check.
public enum AgentRules {
  /// Permissions that take a rule: an action or a map of patterns to actions.
  public static let ruleKeys = [
    "read", "edit", "glob", "grep", "list", "bash", "task", "external_directory", "lsp", "skill",
  ]
  /// Permissions that take only an action.
  public static let actionOnlyKeys = [
    "question", "webfetch", "websearch", "doom_loop", "codesearch", "todowrite", "todoread",
  ]
  public static let actions = ["ask", "allow", "deny"]
  public static let themeColors = ["primary", "secondary", "accent", "success", "warning", "error", "info"]

  /// `provider/model-id`: a non-empty provider, a slash, a non-empty id, no whitespace.
  public static func isProviderModel(_ model: String) -> Bool {
    guard let slash = model.firstIndex(of: "/"), slash != model.startIndex,
      model.index(after: slash) != model.endIndex
    else { return false }
    return !model.contains(where: { $0.isWhitespace })
  }

  /// `#RRGGBB` or one of OpenCode's theme colour names.
  public static func isColor(_ color: String) -> Bool {
    if themeColors.contains(color) { return true }
    let scalars = Array(color.unicodeScalars)
    guard scalars.count == 7, scalars[0] == "#" else { return false }
    return scalars.dropFirst().allSatisfy { $0.properties.isASCIIHexDigit }
  }
}
