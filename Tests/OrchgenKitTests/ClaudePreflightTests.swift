import Testing

@testable import OrchgenKit

/// The Claude Code pre-flight check catches frontmatter Claude Code would reject or misread, and
/// the model mapping and tool derivation behave as the README says.
@Suite struct ClaudePreflightTests {
  @Test func acceptsAValidSubagentAndCommand() {
    let agent = GeneratedFile(
      path: "claude/agents/reviewer.md",
      contents: "---\nname: \"reviewer\"\ndescription: \"Reviews\"\ntools: \"Read, Grep, Bash(git diff:*)\"\nmodel: \"sonnet\"\nmaxTurns: 20\nskills:\n  - \"review\"\ncolor: \"cyan\"\n---\n\nBody\n")
    let coordinator = GeneratedFile(
      path: "claude/agents/feature-coordinator.md",
      contents: "---\nname: \"feature-coordinator\"\ndescription: \"Runs\"\ntools: \"Read, Agent(reviewer)\"\nmodel: \"claude-opus-4-5\"\n---\n\nPlan\n")
    let command = GeneratedFile(
      path: "claude/commands/feature.md", contents: "---\ndescription: \"Run\"\nargument-hint: \"<request>\"\n---\n\n$ARGUMENTS\n")
    #expect(ClaudePreflight.violations(in: [agent, coordinator, command]).isEmpty)
  }

  @Test func reportsEachForeignOrInvalidField() {
    let agent = GeneratedFile(
      path: "claude/agents/bad.md",
      contents: "---\nname: \"other\"\ndescription: \"x\"\nmode: subagent\ntools: \"Read, Bash(git\"\nmodel: \"anthropic/claude-sonnet-4-5\"\npermissionMode: ask\nmaxTurns: 0\ncolor: \"#ff0000\"\n---\n")
    let coordinator = GeneratedFile(
      path: "claude/agents/w-coordinator.md",
      contents: "---\nname: \"w-coordinator\"\ndescription: \"x\"\ntools: \"Agent(bad, ghost)\"\n---\n")
    let command = GeneratedFile(path: "claude/commands/w.md", contents: "---\ndescription: \"x\"\nagent: \"w\"\n---\n\nno request\n")
    #expect(ClaudePreflight.violations(in: [agent, coordinator, command]) == [
      "claude/agents/bad.md: key 'mode' is not allowed in a Claude Code subagent",
      "claude/agents/bad.md: name must be the file stem 'bad'",
      "claude/agents/bad.md: model 'anthropic/claude-sonnet-4-5' is not sonnet, opus, haiku, inherit or a claude-… id",
      "claude/agents/bad.md: tools entry 'Bash(git' is malformed: its parentheses do not close at the end",
      "claude/agents/bad.md: permissionMode is not one of default, acceptEdits, auto, dontAsk, bypassPermissions, plan",
      "claude/agents/bad.md: color is not one of red, blue, green, yellow, purple, orange, pink, cyan, magenta",
      "claude/agents/bad.md: maxTurns is not a positive integer",
      "claude/agents/w-coordinator.md: tools lets it start 'ghost', which has no subagent file",
      "claude/commands/w.md: key 'agent' is not allowed in a Claude Code command",
      "claude/commands/w.md: a command must pass on the request ($ARGUMENTS)",
    ])
  }

  @Test func modelsMapToClaudeCodesForm() {
    #expect(ClaudeRules.model(forProviderModel: "anthropic/claude-opus-4-5") == "opus")
    #expect(ClaudeRules.model(forProviderModel: "anthropic/claude-sonnet-4-5-20250929") == "sonnet")
    #expect(ClaudeRules.model(forProviderModel: "anthropic/claude-3-5-haiku-latest") == "haiku")
    #expect(ClaudeRules.model(forProviderModel: "anthropic/claude-instant-1") == "claude-instant-1")
    #expect(ClaudeRules.model(forProviderModel: "openai/gpt-5") == "inherit")
    #expect(ClaudeRules.model(forProviderModel: nil) == "inherit")
  }

  @Test func toolsAreDerivedFromPermissionsDeniedOutright() {
    func rules(_ pairs: [(String, PermissionRule)]) -> PermissionConfig {
      .rules(pairs.map { (key: Located($0.0, at: .file("")), rule: $0.1) })
    }
    func action(_ value: String) -> PermissionRule { .action(Located(value, at: .file(""))) }
    func patterns(_ values: [(String, String)]) -> PermissionRule {
      .patterns(values.map { (pattern: Located($0.0, at: .file("")), action: Located($0.1, at: .file(""))) })
    }
    // Nothing denied: tools are inherited (MCP included).
    #expect(ClaudeTools.derived(from: nil).tools == nil)
    #expect(ClaudeTools.derived(from: rules([("edit", patterns([("*", "deny"), (".orchestrator/*", "allow")]))])).tools == nil)
    // edit and task denied: no Edit, Write, NotebookEdit, Agent.
    let readOnly = ClaudeTools.derived(from: rules([("edit", action("deny")), ("task", patterns([("*", "deny")]))]))
    #expect(readOnly.tools == ["Read", "Glob", "Grep", "Bash", "WebFetch", "WebSearch", "TodoWrite", "Skill"])
    // The last matching rule wins, wildcards included.
    let wildcard = ClaudeTools.derived(from: rules([("*", action("deny")), ("read", action("allow")), ("grep", action("allow"))]))
    #expect(wildcard.tools == ["Read", "Grep"])
    // Everything denied: an empty allow-list would mean something else, so deny them instead.
    #expect(ClaudeTools.derived(from: .all(Located("deny", at: .file("")))).disallowed == ClaudeTools.all)
  }
}
