extension RuleExplanation {
  /// Agent fields, checked against OpenCode's agent schema so what passes loads in OpenCode.
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
        with no spaces: the form OpenCode expects.
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
        `steps`, the maximum number of agentic iterations, must be a positive integer.
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
        comment.
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
  ]
}
