extension RuleExplanation {
  /// References between files and entries.
  static let referenceExplanations: [RuleExplanation] = [
    RuleExplanation(
      .unknownAgent, .references,
      description: """
        A task's `agent`, a workflow's `coordinator`, a `reviewers` entry or the agent of a \
        validate gate or fix loop names an agent that `config/agents.yaml` does not define. \
        The coordinator would try to start an agent OpenCode does not have. The closest \
        defined agent is suggested.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          build:
            agent: backend-codr
        """,
      fix: "Correct the name (`agent: backend-coder`) or define the agent in `config/agents.yaml`."),
    RuleExplanation(
      .unknownTask, .references,
      description: """
        A `needs` or `reviews` entry names a task that does not exist in the workflow. Fan-out tasks are needed by their base name \
        (`needs: [update-auth]` waits for every item) or by an expanded id \
        (`update-auth-api-gateway`).
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          build:
            agent: coder
          test:
            agent: tester
            needs: [biuld]
        """,
      fix: "Correct the task id (`needs: [build]`) or add the missing task."),
    RuleExplanation(
      .unknownModel, .references,
      description: """
        A model is neither in `provider/model` form nor an alias defined under `models:` in \
        `config/orchgen.yaml`. OpenCode would fail to start the agent. This applies to an \
        agent's `model` and to `defaults.model`.
        """,
      exampleFile: "config/agents.yaml",
      example: """
        agents:
          planner:
            description: Writes the plan
            model: smart
        """,
      fix: """
        Use a full model id (`model: anthropic/claude-opus-4-5`) or define the alias in \
        `config/orchgen.yaml`: `models: { smart: anthropic/claude-opus-4-5 }`.
        """),
    RuleExplanation(
      .selfDependency, .references,
      description: """
        A task lists itself in `needs`, so it could never start. This is the smallest cycle \
        and is reported on its own, at the entry.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          build:
            agent: coder
            needs: [build]
        """,
      fix: "Remove the task's own id from its `needs`."),
    RuleExplanation(
      .duplicateNeed, .references,
      description: """
        A `needs` list names the same task twice. It changes nothing but usually hides a typo \
        for a different task that was meant.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          test:
            agent: tester
            needs: [build, build]
        """,
      fix: "Remove the repeated entry, or correct it to the task that was meant."),
    RuleExplanation(
      .missingInstructions, .references,
      description: """
        An agent's instruction file does not exist. Without `instructions:` an agent's \
        instructions are `content/instructions/<agent-id>.md`; the generated OpenCode agent \
        would have no prompt.
        """,
      exampleFile: "config/agents.yaml",
      example: """
        agents:
          reviewer:
            description: Reviews the change
            instructions: content/instructions/review.md   # the file is reviewer.md
        """,
      fix: "Create the file, or point `instructions:` at the file that exists (or remove it to use the default path)."),
    RuleExplanation(
      .coordinatorNotPrimary, .references,
      description: """
        A workflow's coordinator must be an agent the user talks to, so its `mode` must be \
        `primary` (or `all`). A subagent cannot be selected as the agent that runs the \
        workflow. Without `coordinator:` the workflow uses the agent named `coordinator`.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        description: A feature
        coordinator: planner      # planner has no 'mode', so it is a subagent
        tasks:
          build:
            agent: coder
        """,
      fix: "Name a primary agent as `coordinator`, or set `mode: primary` on the agent in `config/agents.yaml`."),
  ]
}
