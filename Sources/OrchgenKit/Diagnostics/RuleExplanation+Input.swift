extension RuleExplanation {
  /// Input files and YAML structure.
  static let inputExplanations: [RuleExplanation] = [
    RuleExplanation(
      .ioError, .input,
      description: """
        orchgen could not read a file it needs: `config/agents.yaml` is missing (the directory \
        is not a project root), a file is not valid UTF-8, permissions deny reading, or the \
        output directory cannot be inspected. Nothing else can be checked reliably until the \
        file can be read.
        """,
      exampleFile: nil,
      example: """
        $ orchgen check --root ~/src/app
        orchgen: error: no 'config/agents.yaml' in '/home/me/src/app' [io-error]
        """,
      fix: """
        Run orchgen in the project root or pass `--root DIR`; create a project with \
        `orchgen init`; re-save the file as UTF-8 or fix its permissions.
        """),
    RuleExplanation(
      .yamlSyntax, .input,
      description: """
        The file is not well-formed YAML, so none of it can be read: an unclosed quote or \
        bracket, a tab used for indentation, or a key indented inconsistently. The finding \
        points at the place libyaml stopped.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        description: "A feature
        tasks:
          build:
            agent: coder
        """,
      fix: """
        Close the quote or bracket, indent with spaces only, and keep sibling keys at the same \
        indentation. Here: `description: "A feature"`.
        """),
    RuleExplanation(
      .yamlUnsupported, .input,
      description: """
        The file uses a YAML tag (`!!str`, `!!int`, `!custom`). orchgen reads every value by \
        the YAML 1.2 core schema from how it is written (quoted is a string, `45` an integer, \
        `true` a boolean), and does not read tags: ignoring one would read `estimate: !!str 45` \
        as 45 minutes. So the file is not used until its tags are removed. Anchors, aliases and \
        merge keys (`<<: *base`) are supported.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          build:
            agent: coder
            estimate: !!str 45
        """,
      fix: """
        Remove the tag and write the value in the form that has the meaning you want: \
        `estimate: 45m`, `description: "45"`.
        """),
    RuleExplanation(
      .duplicateKey, .input,
      description: """
        A mapping names the same key twice: two agents, two tasks, two model aliases or two \
        settings with one name. YAML parsers silently keep one of them; orchgen reports both \
        places instead of guessing which one you meant.
        """,
      exampleFile: "config/agents.yaml",
      example: """
        agents:
          coder:
            description: Writes the backend
          coder:
            description: Writes the frontend
        """,
      fix: "Remove one of the two entries, or rename one (here `backend-coder` and `frontend-coder`)."),
    RuleExplanation(
      .unknownKey, .input,
      description: """
        A key orchgen does not read, almost always a typo. An unknown key would otherwise do \
        nothing at all: `need: [build]` would silently drop the dependency. The closest valid \
        key is suggested; the configuration reference lists every key.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          build:
            agent: coder
          test:
            agent: tester
            need: [build]
        """,
      fix: "Correct the key (`needs: [build]`) or remove it."),
    RuleExplanation(
      .wrongType, .input,
      description: """
        A value has the wrong YAML type: a list where a mapping is expected, a string where a \
        number or boolean is expected, or a mapping where a list of strings is expected. \
        `agents:` must be a mapping of agent ids, `tasks:` a mapping of task ids, `needs:` a \
        list (or a single id), `hidden:` true or false. A task key such as `estimate:` or \
        `needs:` written at the indentation of the task ids reads as a task named after the \
        key; the finding then says the key looks mis-indented.
        """,
      exampleFile: "config/agents.yaml",
      example: """
        agents:
          - coordinator
          - coder
        """,
      fix: """
        Write the value in the expected shape; here each agent is a key with its definition \
        under it: `agents: { coder: { description: Writes code } }`.
        """),
    RuleExplanation(
      .missingKey, .input,
      description: """
        A required key is missing: `agents:` in `config/agents.yaml`, `description:` of an \
        agent or workflow, `agent:` of a task, validate gate or fix loop, or `stage:` and \
        `tasks:` of a stage. The finding points at the entry that lacks the key.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        description: A feature
        tasks:
          build:
            description: Implement the endpoint
        """,
      fix: "Add the key; here `agent: coder` under `build`."),
    RuleExplanation(
      .invalidValue, .input,
      description: """
        A value has the right type but is outside the allowed set or format: `merge` other \
        than concatenate, structured or ai; `priority` other than P0–P3; an `estimate` that is \
        not a duration; a condition not of the form `<task>.<condition>`; a `decides` name \
        that is not lowercase; or a task with both `when` and `unless`.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          build:
            agent: coder
            estimate: two hours
            priority: high
        """,
      fix: "Use an allowed value: `estimate: 2h` (or `90s`, `15m`, `1h30m`, `45`), `priority: P1`."),
    RuleExplanation(
      .invalidID, .input,
      description: """
        Agent, task, workflow and fan-out item ids become file names and prompt references, so \
        they must match `^[a-z][a-z0-9-]*$` and be at most 64 characters. A workflow's id is its \
        file name without `.yaml`.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          Build_API:
            agent: coder
        """,
      fix: "Rename it using lowercase letters, digits and `-`, starting with a letter: `build-api`."),
    RuleExplanation(
      .duplicateID, .input,
      description: """
        Two tasks of one workflow end up with the same id once pattern sugar is expanded: a \
        `for_each` item, a review, validate or fix gate (`<task>-review`, `<task>-validate`, \
        `<task>-fix`) or the coordinator's own name collides with a task written by hand.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        tasks:
          test:
            agent: tester
            for_each: [api, web]
          test-api:
            agent: tester
        """,
      fix: "Rename the hand-written task or the fan-out item so every expanded id is unique."),
    RuleExplanation(
      .emptyWorkflow, .input,
      description: """
        A workflow defines no task: the file is empty, or `tasks:` and `stages:` are both \
        missing or empty. A coordinator would have nothing to run.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        description: A feature
        coordinator: coordinator
        """,
      fix: "Add a `tasks:` mapping with at least one task, each naming its agent."),
    RuleExplanation(
      .limitExceeded, .input,
      description: """
        An input exceeds one of orchgen's safety limits: YAML aliases that expand to millions \
        of nodes (a "billion laughs" file), collections nested hundreds of levels deep, or \
        instruction files whose includes nest too deeply or grow too large once resolved. The \
        limits are far above any real project and protect the compiler from hostile input.
        """,
      exampleFile: "config/workflows/feature.yaml",
      example: """
        a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        # ... and so on to i: [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h], a billion strings
        """,
      fix: "Write the data out plainly: no alias chains, no deep nesting, each partial included once."),
    RuleExplanation(
      .outsideProject, .input,
      description: """
        A file orchgen would read (settings, agents, a workflow, an instruction file or a \
        partial), or a folder on its way, is a symbolic link that resolves outside the project \
        root. orchgen runs in CI on pull requests, where a committed link could otherwise copy a \
        file of the machine (a token in the runner's home) into `output/` or a report. Such a \
        link is refused before anything behind it is opened: the finding is at the include \
        directive or the `instructions:` value that names it, or at the file itself, and names \
        only the path inside the project. Links that stay inside the project keep working.
        """,
      exampleFile: nil,
      example: """
        $ ls -l content/partials/conventions.md
        lrwxrwxrwx 1 me me 19 May  2 09:14 content/partials/conventions.md -> /home/runner/.npmrc
        $ orchgen check
        content/instructions/coder.md:3:15: error: included file 'partials/conventions.md' leads outside the project through a symbolic link; orchgen does not read it [outside-project]
        """,
      fix: """
        Replace the link with a copy of the file, or point it at a file inside the project \
        (`ln -sf ../../shared/conventions.md content/partials/conventions.md`).
        """),
  ]
}
