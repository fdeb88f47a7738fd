/// The starter project `orchgen init` writes: settings, an agent library with a coordinator
/// and four workers, a workflow that plans, implements and tests in parallel and reviews, the
/// agents' instructions, and the JSON Schemas the YAML files point their editors at.
///
/// The project passes `orchgen check` with no finding and builds; the CLI writes the files
/// (the library never touches the disk) and refuses to overwrite any of them.
///
/// The coordinator's instructions name no agent: every workflow's coordinator prompt starts
/// with them, and a workflow may use none of the starter agents.
public enum ProjectScaffold {
  /// Every file, with paths relative to the new project's root, sorted by path; `targets` are
  /// the tools `config/orchgen.yaml` builds for (duplicates dropped, order kept).
  public static func files(targets: [BuildTarget] = BuildTarget.defaults) -> [GeneratedFile] {
    var files = [
      yaml("config/orchgen.yaml", settings(targets: targets)),
      yaml("config/agents.yaml", agents),
      yaml("config/workflows/feature.yaml", workflow),
      GeneratedFile(path: "content/partials/conventions.md", contents: conventions),
    ]
    files += instructions.map { GeneratedFile(path: "content/instructions/\($0.id).md", contents: $0.text) }
    files += ConfigSchema.allCases.map { GeneratedFile(path: $0.path, contents: $0.text) }
    return files.sorted { $0.path < $1.path }
  }

  /// A YAML file whose first line points the YAML language server at its schema.
  private static func yaml(_ path: String, _ body: String) -> GeneratedFile {
    let modeline = ConfigSchema.modeline(forConfigFile: path).map { $0 + "\n" } ?? ""
    return GeneratedFile(path: path, contents: modeline + body)
  }

  /// The settings, with `targets` (and a runner whose agent files the build writes).
  static func settings(targets: [BuildTarget]) -> String {
    var unique: [BuildTarget] = []
    for target in targets where !unique.contains(target) { unique.append(target) }
    if unique.isEmpty { unique = BuildTarget.defaults }
    // The runner must be a target; with AGENTS.md alone there is no agent file to run, and the
    // line stays a comment until a tool is added.
    let runner = [RunnerCLI.opencode, .claude].first { unique.contains($0.target) }
    let runnerLine = runner.map { "runner: \($0.rawValue)" } ?? "# runner: opencode"
    return """
      # orchgen project settings: model aliases and the defaults agents and workflows fall back to.
      models:
        deep: anthropic/claude-opus-4-5
        balanced: anthropic/claude-sonnet-4-5
        fast: anthropic/claude-haiku-4-5
      defaults:
        model: balanced
        estimate: 30m
        max_concurrent: 3
      # The tools `orchgen build` writes for. Add a target to this list to generate its files:
      #   opencode   OpenCode agents and commands in output/opencode/
      #   claude     Claude Code subagents and commands in output/claude/
      #   agents-md  output/AGENTS.md, for tools that read only AGENTS.md
      targets: [\(unique.map(\.rawValue).joined(separator: ", "))]
      # The CLI the shell runners (output/workflows/<workflow>/run.mk, run.ps1) start each task
      # with: opencode or claude (its target must be in the list above).
      \(runnerLine)

      """
  }

  private static let agents = """
    # orchgen agent library: compiled to OpenCode agents by `orchgen build`.
    # Each agent's instructions are content/instructions/<agent-id>.md.
    agents:
      coordinator:
        description: Breaks the request into tasks, starts the workers and merges their results
        mode: primary
        model: deep
        permission:
          edit: { "*": deny, ".orchestrator/**": allow }
          task: allow
      planner:
        description: Reads the request and the code and writes the implementation plan
        model: deep
        permission:
          edit: { "*": deny, ".orchestrator/**": allow }
      coder:
        description: Implements the plan in the source tree
        permission:
          bash: { "*": ask, "git diff*": allow, "git status*": allow }
      tester:
        description: Writes and runs the tests for the planned change
        permission:
          bash: { "*": ask, "git diff*": allow }
      reviewer:
        description: Reviews the change for correctness, tests and style, and never edits code
        temperature: 0.1
        permission:
          edit: { "*": deny, ".orchestrator/**": allow }
          bash: { "*": ask, "git diff*": allow }

    """

  private static let workflow = """
    # Workflow: plan, then implement and test in parallel, then review the implementation.
    description: Plan a change, implement it and its tests in parallel, and review the result
    coordinator: coordinator
    max_concurrent: 2
    tasks:
      plan:
        agent: planner
        description: Read the request and the code; write the plan and the interfaces both sides follow
        produces: [plan.md]
        estimate: 20m
        priority: P0
      implement:
        agent: coder
        description: Implement the plan
        needs: [plan]
        consumes: [plan.md]
        writes: ["src/**"]
        reviewers: [reviewer]
        estimate: 1h
        success:
          - The code does what plan.md describes
          - The project builds
      tests:
        agent: tester
        description: Write tests for the behaviour the plan describes
        needs: [plan]
        consumes: [plan.md]
        writes: ["tests/**"]
        estimate: 45m
        success:
          - Every behaviour in plan.md has a test

    """

  private static let conventions = """
    ## Working conventions

    - Your task file names your task, its inputs, its outputs and your write scope. Change only
      files inside your write scope; everything else is read-only for you.
    - Finish with your result as your final message: a `Status:` line (`completed` or `failed`),
      a short summary, the artifacts you hand off and the files you changed. orchgen records it
      (through the coordinator or the runner that started you); do not write that file yourself.

    ### Hand-offs

    \(HandoffConvention.rule)

    """

  private static let instructions: [(id: String, text: String)] = [
    ("coordinator", """
      # Coordinator

      You run one workflow for the user. Its plan follows these instructions: the tasks, the
      agent of each, what each needs, and how to drive the run with `orchgen next` and
      `orchgen done`. Start only the agents that plan names, and only when orchgen says their
      task may start.

      ## How you work

      1. Read the user's request and the workflow's plan below.
      2. Start every task `orchgen next` prints, together, each with its task file and the request.
      3. Hand each finished task's result to `orchgen done`; orchgen decides what starts next,
         including retries, reviews and fixes.
      4. When the run finishes, report what changed, what was verified and what is left.

      ## Checklist

      - Every task finished, was skipped by its condition, or is reported as failed.
      - The final output names every changed file.

      """),
    ("planner", """
      # Planner

      You turn the request into a plan the coder and the tester can follow at the same time.

      <!-- include: partials/conventions.md -->

      ## Checklist

      - `plan.md` lists the files to change and the behaviour to test.
      - Every interface both sides use is written down once.

      """),
    ("coder", """
      # Coder

      You implement the plan in `src/`, in small, readable changes.

      <!-- include: partials/conventions.md -->

      ## Checklist

      - The change does what `plan.md` describes, and nothing else.
      - The project builds.

      """),
    ("tester", """
      # Tester

      You write tests for the behaviour the plan describes, in `tests/`.

      <!-- include: partials/conventions.md -->

      ## Checklist

      - Every behaviour in `plan.md` has a test.
      - The tests fail without the change and pass with it.

      """),
    ("reviewer", """
      # Reviewer

      You review the coder's change for correctness, tests and style. You never edit code.

      <!-- include: partials/conventions.md -->

      ## Checklist

      - Every changed file was read.
      - Every finding names a file, a line and a fix.

      """),
  ]
}
