extension RuleExplanation {
  /// What the `github-actions` target needs of a workflow: job ids GitHub accepts, one per run.
  static let actionsExplanations: [RuleExplanation] = [
    RuleExplanation(
      .actionsJobID, .actions,
      description: """
        With `github-actions` in `targets`, every run of a task becomes a job of the generated \
        GitHub Actions workflow: the task id, or `<task>-<round>` for the later runs of a fix \
        loop's task and fixer. GitHub rejects the whole workflow file when a job id does not \
        start with a letter or `_`, holds other characters than letters, digits, `_` and `-`, \
        or has 100 characters or more. Long ids come from fan-out (`<task>-<item>`) and gates \
        (`<task>-validate-fix`).
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          implement-the-customer-facing-billing-and-invoicing:
            agent: coder
            for_each: [with-tax-and-currency-conversion-for-every-region]
        """,
      fix: "Shorten the task id or the `for_each` item so that every job id has at most 99 characters."),
    RuleExplanation(
      .actionsJobCollision, .actions,
      description: """
        With `github-actions` in `targets`, the later runs of a fix loop's task and fixer are \
        the jobs `<task>-2`, `<task>-3`, ... A task whose own id is one of those names would \
        share the job id, and GitHub rejects a workflow with two jobs of one id.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          check:
            agent: tester
            fix: { agent: fixer, max_rounds: 1 }
          check-2:
            agent: tester
            needs: [check]
        """,
      fix: "Rename one of the tasks (here `check-2`, e.g. to `second-check`)."),
  ]
}
