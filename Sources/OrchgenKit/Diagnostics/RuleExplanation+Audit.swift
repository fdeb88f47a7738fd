extension RuleExplanation {
  /// `orchgen audit`: what a run did, against the workflow it ran.
  static let auditExplanations: [RuleExplanation] = [
    RuleExplanation(
      .auditOutOfScope, .audit,
      description: """
        A file changed in the git work tree since the run started (new untracked files \
        included) matches no `writes:` glob of a task that ran. Parallel tasks are kept apart \
        by their write scopes; a change outside all of them is work nobody was asked to do, or \
        a scope that is too narrow. The finding is located at the `writes:` of the task whose \
        scope came closest, with the other close ones as notes.
        """,
      exampleFile: nil,
      example: """
        $ orchgen audit feature
        config/workflows/feature.yaml:5:39: error: 'docs/api.md' changed during the run of 'feature', but no task that ran may write it [audit-out-of-scope]
        """,
      fix: "Revert the change, or add the file (or its folder) to the `writes:` of the task that should own it."),
    RuleExplanation(
      .auditOrder, .audit,
      description: """
        A task of the run started before a task it needs had finished: its inputs were not \
        there yet. orchgen next never does this; a driver that starts tasks on its own does.
        """,
      exampleFile: nil,
      example: """
        $ orchgen audit feature
        config/workflows/feature.yaml:6:3: error: task 'code' started at 2026-01-12T14:30:00Z, before 'discover', which it needs, finished [audit-order]
        """,
      fix: "Drive the run with `orchgen next` and start only what it prints."),
    RuleExplanation(
      .auditBounds, .audit,
      description: """
        A task of the run failed more often than its `retries` allow, or its fix loop ran more \
        rounds than `max_rounds`: the run went past the bounds the workflow sets.
        """,
      exampleFile: nil,
      example: """
        $ orchgen audit feature
        config/workflows/feature.yaml:8:3: error: task 'tests-fix' ran 3 fix rounds; max_rounds is 2 [audit-bounds]
        """,
      fix: "Drive the run with `orchgen next` and `orchgen done`, which stop at the bounds."),
    RuleExplanation(
      .auditAgent, .audit,
      description: """
        A task of the run was dispatched to another agent than the one the workflow assigns, \
        so it ran with other instructions, model and permissions.
        """,
      exampleFile: nil,
      example: """
        $ orchgen audit feature
        config/workflows/feature.yaml:6:3: error: task 'code' ran as agent 'general' instead of 'coder' [audit-agent]
        """,
      fix: "Start each task with the agent `orchgen next` prints."),
  ]
}
