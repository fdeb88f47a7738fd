extension RuleExplanation {
  /// Markdown instructions in `content/`.
  static let markdownExplanations: [RuleExplanation] = [
    RuleExplanation(
      .includeMissing, .markdown,
      description: """
        An include directive (`<!-- include: path -->`, alone on its line) names a file that \
        does not exist, names no file at all, or leaves `content/` with an absolute path or \
        `..`. Paths are relative to `content/`.
        """,
      exampleFile: "content/instructions/reviewer.md",
      example: """
        # Reviewer

        <!-- include: partials/finding.md -->
        """,
      fix: "Correct the path (here `partials/findings.md`) or create the partial."),
    RuleExplanation(
      .includeCycle, .markdown,
      description: """
        Instruction files include each other in a cycle, so resolving the includes would \
        never end. Every include in the cycle is shown as a note.
        """,
      exampleFile: "content/partials/a.md",
      example: """
        <!-- include: partials/b.md -->

        (and content/partials/b.md contains <!-- include: partials/a.md -->)
        """,
      fix: "Remove one of the include directives in the cycle; move the shared text into a third partial."),
    RuleExplanation(
      .unknownMention, .markdown,
      description: """
        An `@mention` in instruction text names no defined agent, so the prompt tells the \
        model to start an agent that does not exist. E-mail addresses, `@scope/package` names \
        and text in code spans or code blocks are not mentions.
        """,
      exampleFile: "content/instructions/coordinator.md",
      example: """
        # Coordinator

        When the tests fail, start @fixxer with the failing output.
        """,
      fix: "Correct the agent id (`@fixer`), define the agent, or put the text in backticks if it is not a mention."),
    RuleExplanation(
      .coordinatorMention, .markdown,
      description: """
        The instructions of a workflow's coordinator (its file and the partials it includes) \
        `@mention` an agent that the workflow does not use (a warning). The coordinator is then \
        told to start an agent its plan never names, which `orchgen next` never releases. One \
        coordinator usually serves every workflow, and each workflow's plan, appended to its \
        prompt, already names the agents to start, so its instructions should stay generic. \
        Each mention is reported once, naming the workflows it is foreign to.
        """,
      exampleFile: "content/instructions/coordinator.md",
      example: """
        # Coordinator

        Start @planner first; start @coder and @tester when the plan is ready.
        """,
      fix: """
        Drop the mention or name the role instead ("the planning task's agent"); if a workflow \
        needs instructions of its own, give it its own coordinator (`coordinator:` in the workflow).
        """),
    RuleExplanation(
      .brokenLink, .markdown,
      description: """
        A relative link or image in an instruction file points to a file that does not exist, \
        or outside the project. URLs and `#anchors` are not checked.
        """,
      exampleFile: "content/instructions/coder.md",
      example: """
        # Coder

        Follow the [style guide](../docs/style.md).
        """,
      fix: "Point the link at an existing file (relative to the file containing it) or use a full https:// URL."),
  ]

  /// Hygiene warnings: things that are not wrong but are probably left over.
  static let hygieneExplanations: [RuleExplanation] = [
    RuleExplanation(
      .unusedAgent, .hygiene,
      description: """
        An agent is used by no workflow: no task, gate or reviewer names it and no workflow \
        has it as coordinator (a warning). It is still generated, but it is often a leftover \
        or the target of a misspelt reference elsewhere.
        """,
      exampleFile: "config/agents.yaml",
      example: """
        agents:
          coordinator:
            description: Drives the workflow
            mode: primary
          legacy-coder:
            description: The coder before the split into backend and frontend
        """,
      fix: "Use the agent in a workflow, or delete it (and its instruction file)."),
    RuleExplanation(
      .orphanInstructions, .hygiene,
      description: """
        A file in `content/instructions/` belongs to no agent: no agent has that id and none \
        names it in `instructions:` (a warning). It is usually left over from a renamed agent.
        """,
      exampleFile: "content/instructions/old-reviewer.md",
      example: """
        # Reviewer (before the rename)
        """,
      fix: "Define an agent with that id, point an agent's `instructions:` at it, or delete the file."),
    RuleExplanation(
      .taskNoDescription, .hygiene,
      description: """
        A task has no `description:` (a warning). Its task file, which is all the agent is \
        given about the task, then says only the task's id under "Task". For a `for_each` \
        task, every item's file does.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          build:
            agent: coder
            success: [The project builds]
        """,
      fix: "Add `description:` saying what the task must deliver, e.g. `description: Implement the plan in src/`."),
    RuleExplanation(
      .taskUnverifiable, .hygiene,
      description: """
        A task states nothing that shows it is done (a warning): no `success:` criteria, no \
        artifact in `produces:`, no flag in `decides:`, and it is no review or fix-loop task \
        (those get criteria of their own). Its task file can then only ask for a result, and \
        neither the agent nor the coordinator can check the work against anything.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          build:
            agent: coder
            description: Implement the plan
        """,
      fix: "Add `success:` with the checks that show the task is done, e.g. `success: [The project builds, The new tests pass]`."),
    RuleExplanation(
      .fixNoScope, .hygiene,
      description: """
        A fix loop's fixer may change no file (a warning). The fixer may change what the \
        checked task and the tasks before it may write; when none of them has `writes:`, its \
        task file asks it to fix the cause of the failure and, in the same breath, to change \
        no file in the repository.
        """,
      exampleFile: "config/workflows/docs.yaml",
      example: """
        tasks:
          link-check:
            agent: link-checker
            description: Check every link under docs/
            fix: { agent: link-fixer, max_rounds: 2 }
        """,
      fix: "Give the checked task (or the task before it whose output it checks) `writes:` with the files a fix may change, e.g. `writes: [\"docs/**\"]`: the fixer inherits them."),
  ]

  /// Drift between the output directory and what `build` would write.
  static let outputExplanations: [RuleExplanation] = [
    RuleExplanation(
      .outputStale, .output,
      description: """
        A generated file differs from what `orchgen build` would write now: the configuration \
        changed without a rebuild, or the file was edited by hand. `check` compares the output \
        directory with a fresh build so CI can fail when the committed output is out of date.
        """,
      exampleFile: nil,
      example: """
        $ orchgen check
        output/opencode/agents/coder.md:3:1: error: 'output/opencode/agents/coder.md' is stale: \
        it differs from what build would write from line 3 [output-stale]
        """,
      fix: "Run `orchgen build` and commit the result; make changes in `config/` and `content/`, never in `output/`."),
    RuleExplanation(
      .outputMissing, .output,
      description: """
        A file that `orchgen build` would write is missing from the output directory, or the \
        output directory has never been built.
        """,
      exampleFile: nil,
      example: """
        $ orchgen check
        orchgen: error: 'output/' has not been built [output-missing]
        """,
      fix: "Run `orchgen build`; pass `--no-drift` to `check` if the output is not kept in the repository."),
    RuleExplanation(
      .outputOrphaned, .output,
      description: """
        A file generated by an earlier build (it is listed in the output manifest) is no longer \
        generated, for example because its task or agent was removed.
        """,
      exampleFile: nil,
      example: """
        $ orchgen check
        output/workflows/feature/agent_tasks/agent-04.md:1:1: error: \
        'output/workflows/feature/agent_tasks/agent-04.md' was generated by an earlier build \
        but is no longer generated [output-orphaned]
        """,
      fix: "Run `orchgen build`, which removes it."),
    RuleExplanation(
      .outputNotOwned, .output,
      description: """
        `build` would overwrite a file in the output directory that orchgen did not generate \
        (it is not in the manifest), or something that is not a regular file is in the way. \
        Files orchgen did not write are never overwritten silently; the whole build stops and \
        nothing is written.
        """,
      exampleFile: nil,
      example: """
        $ orchgen build
        orchgen: error: build would overwrite 'output/opencode/agents/coder.md', which orchgen \
        did not generate [output-not-owned]
        """,
      fix: "Move your file elsewhere, or run `orchgen build --force` to let orchgen take it over."),
  ]
}
