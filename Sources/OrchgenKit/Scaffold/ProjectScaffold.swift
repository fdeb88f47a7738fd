/// The starter project `orchgen init` writes: settings, an agent library with a coordinator
/// and four workers, a workflow that plans, implements and tests in parallel and reviews, the
/// agents' instructions, and the JSON Schemas the YAML files point their editors at.
///
/// The project passes `orchgen check` with no finding and builds; the CLI writes the files
/// (the library never touches the disk) and refuses to overwrite any of them.
public enum ProjectScaffold {
  /// Every file, with paths relative to the new project's root, sorted by path.
  public static func files() -> [GeneratedFile] {
    var files = [
      yaml("config/orchgen.yaml", settings),
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

  private static let settings = """
    # orchgen project settings: model aliases and the defaults agents and workflows fall back to.
    models:
      deep: anthropic/claude-opus-4-5
      balanced: anthropic/claude-sonnet-4-5
      fast: anthropic/claude-haiku-4-5
    defaults:
      model: balanced
      estimate: 30m
      max_concurrent: 3

    """

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
    - Read the artifacts you consume from `.orchestrator/artifacts/` and write the ones you
      produce there.
    - Finish with your result as your final message: a `Status:` line (`completed` or `failed`),
      a short summary and the files you changed. Whoever started you (the coordinator or the
      runner) records it in `.orchestrator/results/`; do not write that file yourself.

    """

  private static let instructions: [(id: String, text: String)] = [
    ("coordinator", """
      # Coordinator

      You run a workflow for the user: you start each task's agent when the task's dependencies
      are done, track progress in `.orchestrator/`, and merge the results into one answer.

      ## How you work

      1. Read the user's request and the workflow plan.
      2. Start @planner first; start @coder and @tester together once the plan exists.
      3. Start @reviewer after @coder finishes and route its findings back to @coder.
      4. Merge the results and report what changed, what was verified and what is left.

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
