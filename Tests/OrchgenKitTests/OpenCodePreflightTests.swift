import Testing

@testable import OrchgenKit

/// The pre-flight check must catch what makes OpenCode refuse a config, so that a generator
/// bug stops the build instead of shipping a broken file.
@Suite struct OpenCodePreflightTests {
  @Test func acceptsAValidAgentAndCommand() {
    let agent = GeneratedFile(
      path: "opencode/agents/reviewer.md",
      contents: "---\ndescription: \"Reviews\"\nmode: subagent\nmodel: \"anthropic/claude-sonnet-4-5\"\ncolor: \"#ff6b6b\"\npermission:\n  \"edit\": deny\n  \"bash\":\n    \"*\": ask\n---\n\nBody\n")
    let command = GeneratedFile(
      path: "opencode/commands/feature.md", contents: "---\ndescription: \"Run\"\nagent: \"feature-coordinator\"\n---\n\n$ARGUMENTS\n")
    #expect(OpenCodePreflight.violations(in: [agent, command]).isEmpty)
  }

  @Test func reportsEachForeignOrInvalidField() {
    let agent = GeneratedFile(
      path: "opencode/agents/bad.md",
      contents: "---\nname: bad\ndescription: \"x\"\nmode: worker\nmodel: sonnet\ncolor: teal\ntools: [read]\nsteps: 0\npermission:\n  \"webfetch\":\n    \"*\": allow\n  \"bash\": maybe\n---\n")
    let command = GeneratedFile(path: "opencode/commands/empty.md", contents: "---\ndescription: \"x\"\nprompt: \"y\"\n---\n")
    let unreadable = GeneratedFile(path: "opencode/agents/nofront.md", contents: "no frontmatter\n")
    let problems = OpenCodePreflight.violations(in: [agent, command, unreadable])
    #expect(problems == [
      "opencode/agents/bad.md: key 'name' is not allowed in an OpenCode agent",
      "opencode/agents/bad.md: key 'tools' is not allowed in an OpenCode agent",
      "opencode/agents/bad.md: mode 'worker' is invalid",
      "opencode/agents/bad.md: model 'sonnet' is not provider/model",
      "opencode/agents/bad.md: color 'teal' is invalid",
      "opencode/agents/bad.md: steps is not a positive integer",
      "opencode/agents/bad.md: permission 'webfetch' takes only an action",
      "opencode/agents/bad.md: permission 'bash' has action 'maybe'",
      "opencode/commands/empty.md: key 'prompt' is not allowed in an OpenCode command",
      "opencode/commands/empty.md: a command needs a template (the body)",
      "opencode/agents/nofront.md: frontmatter is missing or is not a YAML mapping",
    ])
  }
}
