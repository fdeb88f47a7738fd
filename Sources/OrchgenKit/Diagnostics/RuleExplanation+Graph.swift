extension RuleExplanation {
  /// The workflow graph, after pattern sugar is expanded.
  static let graphExplanations: [RuleExplanation] = [
    RuleExplanation(
      .cycle, .graph,
      description: """
        Tasks depend on each other in a cycle, so none of them can start. Each cycle is \
        reported once, with every edge as a note; stages and the gates added by `reviewers`, \
        `validate` and `fix` count as dependencies too. Inside a cycle no task runs before \
        another, so a hand-off or review between two of its tasks is not reported again as \
        `handoff-not-upstream` or `review-order`: those findings would only restate the cycle.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          api:
            agent: coder
            needs: [tests]
          tests:
            agent: tester
            needs: [api]
        """,
      fix: "Remove one of the `needs` in the cycle; a task that only reads another's result does not need it."),
    RuleExplanation(
      .handoffUnproduced, .graph,
      description: """
        A task `consumes` an artifact that no task `produces`. The consumer would wait for, or \
        read, a file that nobody writes. The closest produced artifact is suggested.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          discovery:
            agent: analyst
            produces: [discovery.json]
          build:
            agent: coder
            needs: [discovery]
            consumes: [discovery.json, schema.sql]
        """,
      fix: "Add the artifact to the `produces` of the task that writes it, or correct the name."),
    RuleExplanation(
      .handoffNotUpstream, .graph,
      description: """
        A consumed artifact is produced by a task that does not run before the consumer: the \
        producer is not an ancestor through `needs` (or stages), so the consumer may start \
        before the artifact exists.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          discovery:
            agent: analyst
            produces: [discovery.json]
          build:
            agent: coder
            consumes: [discovery.json]
        """,
      fix: "Add the producer to the consumer's `needs` (here `needs: [discovery]` on `build`)."),
    RuleExplanation(
      .handoffMultipleProducers, .graph,
      description: """
        More than one task produces the same artifact, so a consumer cannot know whose version \
        it reads, and parallel producers would overwrite each other.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          discovery:
            agent: analyst
            produces: [plan.md]
          design:
            agent: analyst
            needs: [discovery]
            produces: [plan.md]
        """,
      fix: "Give each artifact one producer: rename one (`discovery.md`) and consume the one you need."),
    RuleExplanation(
      .handoffUnconsumed, .graph,
      description: """
        A produced artifact is consumed by no task (a warning). The work that writes it may be \
        wasted, or a consumer forgot to declare it in `consumes`.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          discovery:
            agent: analyst
            produces: [discovery.json, risks.md]
          build:
            agent: coder
            needs: [discovery]
            consumes: [discovery.json]
        """,
      fix: "Add the artifact to the `consumes` of the task that reads it, or drop it from `produces`."),
    RuleExplanation(
      .writeConflict, .graph,
      description: """
        Two tasks that may run at the same time (neither is an ancestor of the other) have \
        `writes` globs that can match the same file, so their edits could clobber each other. \
        Globs are compared for overlap, not only for equality: `src/shared/*.ts` and \
        `src/shared/**` overlap. The items of one `for_each` task may always run at the same \
        time (`needs` names the whole fan-out, never one item), so their globs must differ per \
        item: write `{item}` in the glob, as in `docs/{item}/**`.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          backend:
            agent: backend-coder
            writes: ["src/server/**", "src/shared/*.ts"]
          frontend:
            agent: frontend-coder
            writes: ["src/web/**", "src/shared/**"]
        """,
      fix: """
        Order the tasks (add one to the other's `needs`) or narrow the globs so they cannot \
        match the same file, e.g. give `src/shared/` to one task only. For the items of one \
        `for_each` task, put `{item}` in the glob (`writes: ["docs/{item}/**"]`).
        """),
    RuleExplanation(
      .conditionSource, .graph,
      description: """
        A `when` or `unless` condition must name a task that runs before the conditional task \
        and lists the condition in its `decides`. Otherwise the condition is never settled \
        when the task is about to start. The closest decided condition is suggested.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          discovery:
            agent: analyst
            decides: [schema_needed]
          schema:
            agent: schema-agent
            needs: [discovery]
            when: discovery.schema_neded
        """,
      fix: "Name a condition the deciding task `decides` (`discovery.schema_needed`) and make that task an ancestor."),
    RuleExplanation(
      .loopUnbounded, .graph,
      description: """
        Every retry and fix loop needs a finite bound: `retries` must be an integer from 0 to \
        10 and every `fix:` needs `max_rounds` from 1 to 10. Without a bound a failing check \
        and its fixer could loop forever.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          integrity:
            agent: integrity-checker
            fix: { agent: fixer }
        """,
      fix: "Add a bound: `fix: { agent: fixer, max_rounds: 2 }`."),
    RuleExplanation(
      .maxConcurrent, .graph,
      description: """
        `max_concurrent` (in a workflow or in `defaults:` of `config/orchgen.yaml`) caps how \
        many tasks run at once, so it must be an integer of at least 1.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        description: A feature
        max_concurrent: 0
        """,
      fix: "Set it to the number of tasks that may run at once, e.g. `max_concurrent: 3`; use 1 to run them one at a time."),
    RuleExplanation(
      .reviewerSameAgent, .graph,
      description: """
        A task is reviewed by the agent that did it, through `reviewers` or an explicit \
        `reviews` task. A review by the author's own agent finds little that the author missed.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          build:
            agent: coder
            reviewers: [reviewer, coder]
        """,
      fix: "Choose a different agent as reviewer (here remove `coder` from `reviewers`)."),
    RuleExplanation(
      .reviewOrder, .graph,
      description: """
        A task with `reviews: [t]` must run after `t`: `t` has to be among its ancestors. \
        Otherwise the review could start before there is anything to review.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          build:
            agent: coder
          review:
            agent: reviewer
            reviews: [build]
        """,
      fix: "Add the reviewed task to `needs`: `needs: [build]` on `review`."),
  ]
}
