extension RuleExplanation {
  /// Agent fields, checked against OpenCode's agent schema and Claude Code's subagent fields, so
  /// what passes loads in both tools.
  static let agentExplanations: [RuleExplanation] = [
    RuleExplanation(
      .agentMode, .agents,
      description: """
        An agent's `mode` must be `primary` (an agent the user talks to, such as a \
        coordinator), `subagent` (a worker started by another agent; the default) or `all`. \
        Tasks cannot be assigned to primary agents, and `hidden: true` is only valid for \
        subagents.
        """,
      exampleFile: "config/agents.yaml",
      example: """
        agents:
          coordinator:
            description: Drives the workflow
            mode: primary-agent
        """,
      fix: "Use one of `primary`, `subagent` or `all` (here `mode: primary`)."),
    RuleExplanation(
      .agentModel, .agents,
      description: """
        A model alias in `config/orchgen.yaml` must map to a model id in `provider/model` form, \
        with no spaces: the form OpenCode expects. The `model` of an agent's `claude:` settings \
        must be one Claude Code can run: `sonnet`, `opus`, `haiku`, `inherit`, a `claude-…` id, \
        or an alias or `provider/model` naming an `anthropic/claude-…` model.
        """,
      exampleFile: "config/orchgen.yaml",
      example: """
        models:
          deep: claude-opus-4-5
        """,
      fix: "Write the full model id: `deep: anthropic/claude-opus-4-5`."),
    RuleExplanation(
      .agentSampling, .agents,
      description: """
        `temperature` must be a number from 0 to 2 and `top_p` a number from 0 to 1; OpenCode \
        rejects other values.
        """,
      exampleFile: "config/agents.yaml",
      example: """
        agents:
          reviewer:
            description: Reviews the change
            temperature: 5
        """,
      fix: "Use a value in range; reviewers do well around `temperature: 0.1`."),
    RuleExplanation(
      .agentSteps, .agents,
      description: """
        `steps`, the maximum number of agentic iterations, must be a positive integer; so must \
        `maxTurns` in an agent's `claude:` settings, its Claude Code counterpart.
        """,
      exampleFile: "config/agents.yaml",
      example: """
        agents:
          coder:
            description: Writes code
            steps: 0
        """,
      fix: "Remove `steps` for no limit, or set it to a positive integer such as `steps: 40`."),
    RuleExplanation(
      .agentColor, .agents,
      description: """
        `color` must be a hex colour `#RRGGBB` or one of OpenCode's theme colours: primary, \
        secondary, accent, success, warning, error, info. OpenCode refuses to start when an \
        agent has any other colour. A hex colour must be quoted in YAML, since `#` starts a \
        comment. The `color` of an agent's `claude:` settings is a Claude Code colour name: red, \
        blue, green, yellow, purple, orange, pink, cyan or magenta.
        """,
      exampleFile: "config/agents.yaml",
      example: """
        agents:
          reviewer:
            description: Reviews the change
            color: blue
        """,
      fix: "Use a quoted hex colour (`color: \"#4f9dde\"`) or a theme colour (`color: accent`)."),
    RuleExplanation(
      .agentPermission, .agents,
      description: """
        A `permission` entry is not one OpenCode accepts: an action other than ask, allow or \
        deny; a list instead of an action or a pattern map; patterns for a permission that \
        takes only an action (question, webfetch, websearch, doom_loop, codesearch, todowrite, \
        todoread); or a key one typo away from a known permission, which OpenCode would take \
        as a custom tool name and never apply.
        """,
      exampleFile: "config/agents.yaml",
      example: """
        agents:
          reviewer:
            description: Reviews the change
            permission:
              edits: deny
              bash: { "*": maybe }
        """,
      fix: "Use a known key and an action: `edit: deny`, `bash: { \"*\": ask, \"git diff*\": allow }`."),
      RuleExplanation(
      .claudeTools, .agents,
      description: """
        An entry of `tools` or `disallowedTools` in an agent's `claude:` settings is not a \
        Claude Code tool: it must be a tool name, optionally with a rule in parentheses \
        (`Read`, `Bash(git diff:*)`, `Agent(reviewer)`, `mcp__server__tool`). A name one typo \
        away from a built-in tool is an error, since Claude Code ignores tools it does not \
        know and the agent would silently lack (or keep) the tool. An empty list is an error \
        too: leave `tools` out to inherit every tool.
        """,
      exampleFile: "config/agents.yaml",
      example: """
        agents:
          reviewer:
            description: Reviews the change
            claude:
              tools: Read, Grpe, Bash(git diff:*
        """,
      fix: "Name each tool exactly and close every rule: `tools: Read, Grep, Bash(git diff:*)`."),
    RuleExplanation(
      .shadowedBuiltin, .agents,
      description: """
        A generated agent or command has the name of a built-in of a target in `targets:` (a \
        warning). The tools load project files over their own built-ins without a word: a \
        workflow named `code-review` generates `/code-review`, which replaces Claude Code's \
        bundled `code-review`; an agent named `build` or `general` replaces OpenCode's. \
        Checked names: OpenCode's agents `build`, `plan`, `general`, `explore` (and its hidden \
        `compaction`, `title`, `summary`) and commands `init`, `review`; Claude Code 2.1.332's \
        agents (`claude`, `general-purpose`, `statusline-setup`) and its slash commands and \
        bundled skills (`code-review`, `review`, `init`, `security-review`, `verify`, `debug`, …).
        """,
      exampleFile: "config/workflows/code-review.yaml",
      example: """
        description: Review a pull request in parallel
        tasks:
          style: { agent: style-reviewer }
        """,
      fix: "Rename the workflow (its file) or the agent, e.g. `config/workflows/code-review-flow.yaml`."),
  ]
}
