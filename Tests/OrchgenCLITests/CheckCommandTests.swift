import Foundation
import Testing

/// `orchgen check` run as the built binary: exit codes (0, 1, 64), the exact report on
/// standard error, `--strict`, colour only on a terminal and never with `NO_COLOR`, and that
/// checking never writes a file.
@Suite struct CheckCommandTests {
  // MARK: Exit 0

  @Test func validProjectExitsZeroWithNoProblems() throws {
    let project = try TemporaryProject(Projects.valid)
    defer { project.remove() }
    let result = try OrchgenProcess.check(project.root, "--no-drift")
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr.hasSuffix("no problems found\n"), "\(result)")
    #expect(result.stderr == "no problems found\n", "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
  }

  @Test func validProjectChecksCleanAgainstItsBuiltOutput() throws {
    let project = try TemporaryProject(Projects.valid)
    defer { project.remove() }
    let build = try OrchgenProcess.run(["build", "--root", project.root.path])
    #expect(build.status == 0, "\(build)")
    let result = try OrchgenProcess.check(project.root)
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr == "no problems found\n", "\(result)")
  }

  @Test func rootDefaultsToTheWorkingDirectory() throws {
    let project = try TemporaryProject(Projects.valid)
    defer { project.remove() }
    let result = try OrchgenProcess.run(["check", "--no-drift"], in: project.root)
    #expect(result.status == 0, "\(result)")
    #expect(result.stderr == "no problems found\n", "\(result)")
  }

  // MARK: Exit 1

  @Test func invalidProjectExitsOneWithTheExactReport() throws {
    let project = try TemporaryProject(Projects.invalid)
    defer { project.remove() }
    let result = try OrchgenProcess.check(project.root)
    #expect(result.status == 1, "\(result)")
    #expect(result.stdout.isEmpty, "\(result)")
    #expect(result.stderr == Projects.invalidReport, "\(result)")
  }

  /// A directory that is not a project is a finding (exit 1), not a usage error; its message
  /// names the absolute root, which is why no rule fixture can hold it. The workflow's agent
  /// is not reported as unknown on top: without an agents file nothing can be resolved.
  @Test func directoryWithoutAgentsFileExitsOne() throws {
    let project = try TemporaryProject([
      "config/workflows/feature.yaml": "description: A feature\ntasks:\n  build:\n    agent: coder\n"
    ])
    defer { project.remove() }
    let result = try OrchgenProcess.check(project.root)
    #expect(result.status == 1, "\(result)")
    #expect(
      result.stderr == """
        orchgen: error: no 'config/agents.yaml' in '\(project.root.path)' [io-error]
          = help: run orchgen in a project root, pass --root DIR, or create one with 'orchgen init'
        1 error

        """, "\(result)")
  }

  // MARK: --strict

  @Test func warningsPassWithoutStrictAndFailWithIt() throws {
    let project = try TemporaryProject(Projects.warningOnly)
    defer { project.remove() }
    let lenient = try OrchgenProcess.check(project.root, "--no-drift")
    #expect(lenient.status == 0, "\(lenient)")
    #expect(lenient.stderr.hasSuffix("\n1 warning\n"), "\(lenient)")
    #expect(lenient.stderr.contains("warning: artifact 'risks.md' of task 'discovery' is consumed by no task [handoff-unconsumed]"), "\(lenient)")

    let strict = try OrchgenProcess.check(project.root, "--no-drift", "--strict")
    #expect(strict.status == 1, "\(strict)")
    #expect(strict.stderr == lenient.stderr, "--strict changes the exit status, not the report")
  }

  @Test func strictPassesWhenThereIsNothingToReport() throws {
    let project = try TemporaryProject(Projects.valid)
    defer { project.remove() }
    let result = try OrchgenProcess.check(project.root, "--no-drift", "--strict")
    #expect(result.status == 0, "\(result)")
  }

  // MARK: Exit 64

  @Test func unknownOptionIsAUsageError() throws {
    let project = try TemporaryProject(Projects.valid)
    defer { project.remove() }
    let result = try OrchgenProcess.check(project.root, "--bogus")
    #expect(result.status == 64, "\(result)")
    #expect(result.stderr.contains("--bogus"), "\(result)")
    #expect(result.stderr.contains("Usage:"), "\(result)")
  }

  @Test(arguments: ["/nonexistent", "/nonexistent/deeper"])
  func missingRootIsAUsageError(_ root: String) throws {
    let result = try OrchgenProcess.run(["check", "--root", root])
    #expect(result.status == 64, "\(result)")
    #expect(result.stderr.contains("--root '\(root)' is not a directory"), "\(result)")
  }

  @Test func rootThatIsAFileIsAUsageError() throws {
    let project = try TemporaryProject(Projects.valid)
    defer { project.remove() }
    let file = project.root.appendingPathComponent("config/agents.yaml").path
    let result = try OrchgenProcess.run(["check", "--root", file])
    #expect(result.status == 64, "\(result)")
    #expect(result.stderr.contains("is not a directory"), "\(result)")
  }

  // MARK: Colour

  @Test func noEscapeCodesWhenStandardErrorIsNotATerminal() throws {
    let project = try TemporaryProject(Projects.invalid)
    defer { project.remove() }
    let plain = try OrchgenProcess.check(project.root)
    let withoutNoColor = try OrchgenProcess.run(["check", "--root", project.root.path], removing: ["NO_COLOR"])
    #expect(!plain.stderr.contains("\u{1B}"), "\(plain)")
    #expect(!withoutNoColor.stderr.contains("\u{1B}"), "\(withoutNoColor)")
    #expect(withoutNoColor.stderr == Projects.invalidReport)
  }

  /// On a terminal the report is coloured, which is what makes the `NO_COLOR` and `TERM=dumb`
  /// cases below meaningful; they must give the plain report even there.
  @Test(.enabled(if: PseudoTerminal() != nil, "needs a pseudo-terminal"))
  func colourOnlyOnATerminalAndNeverWithNoColor() throws {
    let project = try TemporaryProject(Projects.invalid)
    defer { project.remove() }
    let arguments = ["check", "--root", project.root.path]
    let coloured = try OrchgenProcess.run(arguments, removing: ["NO_COLOR", "TERM"], stderrIsTerminal: true)
    #expect(coloured.status == 1, "\(coloured)")
    #expect(coloured.stderr.contains("\u{1B}[1;31merror\u{1B}[0m"), "\(coloured)")

    for (environment, removing) in [(["NO_COLOR": "1"], Set<String>()), (["TERM": "dumb"], ["NO_COLOR"])] {
      let plain = try OrchgenProcess.run(arguments, environment: environment, removing: removing, stderrIsTerminal: true)
      #expect(plain.status == 1, "\(environment): \(plain)")
      // A terminal turns "\n" into "\r\n".
      let text = plain.stderr.replacingOccurrences(of: "\r\n", with: "\n")
      #expect(!text.contains("\u{1B}"), "\(environment): \(plain)")
      #expect(text == Projects.invalidReport, "\(environment): \(plain)")
    }
  }

  // MARK: Never writes

  @Test func checkWritesNoFile() throws {
    for files in [Projects.valid, Projects.invalid, Projects.warningOnly] {
      let project = try TemporaryProject(files)
      defer { project.remove() }
      let before = try project.snapshot()
      for extra in [[], ["--no-drift"], ["--strict"], ["--no-drift", "--strict"]] {
        _ = try OrchgenProcess.run(["check", "--root", project.root.path] + extra)
        _ = try OrchgenProcess.run(["check"] + extra, in: project.root)
      }
      #expect(try project.snapshot() == before, "check changed the project tree")
    }
  }

  @Test func checkWritesNoFileNextToABuiltOutput() throws {
    let project = try TemporaryProject(Projects.valid)
    defer { project.remove() }
    let build = try OrchgenProcess.run(["build", "--root", project.root.path])
    #expect(build.status == 0, "\(build)")
    // Stale output: a drift finding must not lead check to repair anything.
    try project.write("content/instructions/coder.md", Projects.valid["content/instructions/coder.md"]! + "\nKeep commits small.\n")
    let before = try project.snapshot()
    let stale = try OrchgenProcess.check(project.root)
    #expect(stale.status == 1, "\(stale)")
    #expect(stale.stderr.contains("[output-stale]"), "\(stale)")
    #expect(try project.snapshot() == before, "check changed the project tree")
  }
}

/// The projects the tests run on.
private enum Projects {
  /// A small project with no findings: every agent used and documented, every artifact consumed.
  static let valid: [String: String] = [
    "config/orchgen.yaml": """
      models:
        deep: anthropic/claude-opus-4-5
        fast: anthropic/claude-haiku-4-5
      defaults: { model: fast, estimate: 30m, max_concurrent: 4 }

      """,
    "config/agents.yaml": """
      agents:
        coordinator:
          description: Decomposes the request and drives the workflow
          mode: primary
          model: deep
          permission: { edit: deny, bash: ask }
        analyst:
          description: Maps the request onto the codebase
        coder:
          description: Implements the change with tests
          permission: { edit: allow, bash: ask }
        reviewer:
          description: Reviews the change for correctness and style
          temperature: 0.1

      """,
    "content/instructions/coordinator.md": """
      # Coordinator

      You run the workflow's tasks in dependency order and merge their results.

      """,
    "content/instructions/analyst.md": """
      # Analyst

      Read the request and list the files it touches in `discovery.json`.

      """,
    "content/instructions/coder.md": """
      # Coder

      Implement the change described in your task file, with unit tests.

      """,
    "content/instructions/reviewer.md": """
      # Reviewer

      Review the change for correctness and style; never edit code.

      """,
    "config/workflows/feature.yaml": """
      description: A feature from discovery to review
      coordinator: coordinator
      max_concurrent: 2
      tasks:
        discovery:
          agent: analyst
          description: Map the request's dependencies
          produces: [discovery.json]
          estimate: 15m
        build:
          agent: coder
          description: Implement the endpoints
          needs: [discovery]
          consumes: [discovery.json]
          writes: ["api/**"]
          reviewers: [reviewer]
          estimate: 2h
          success: [Every endpoint discovery.json lists is implemented with unit tests]

      """,
  ]

  /// Three independent mistakes in two files.
  static let invalid: [String: String] = valid.merging([
    "config/agents.yaml": """
      agents:
        coordinator:
          description: Decomposes the request and drives the workflow
          mode: primary
          model: deep
        analyst:
          description: Maps the request onto the codebase
        coder:
          description: Implements the change with tests
        reviewer:
          description: Reviews the change for correctness and style
          temperature: 3

      """,
    "config/workflows/feature.yaml": """
      description: A feature from discovery to review
      tasks:
        discovery:
          agent: analyst
          produces: [discovery.json]
        build:
          agent: codr
          needs: [discovery]
          consumes: [discovery.json]
        review:
          agent: reviewer
          needs: [biuld]

      """,
  ]) { _, new in new }

  static let invalidReport = """
    config/agents.yaml:12:18: error: temperature of agent 'reviewer' must be between 0 and 2, found 3 [agent-sampling]
       |
    12 |     temperature: 3
       |                  ^
       = help: lower values make the agent more deterministic; reviewers do well around 0.1
    config/workflows/feature.yaml:7:12: error: task 'build' names unknown agent 'codr' [unknown-agent]
      |
    7 |     agent: codr
      |            ^~~~
      = help: did you mean 'coder'?
    config/workflows/feature.yaml:12:13: error: task 'review' needs unknown task 'biuld' [unknown-task]
       |
    12 |     needs: [biuld]
       |             ^~~~~
       = help: did you mean 'build'?
    3 errors

    """

  /// Valid but for one produced artifact nobody consumes: a warning.
  static let warningOnly: [String: String] = valid.merging([
    "config/workflows/feature.yaml": """
      description: A feature from discovery to review
      tasks:
        discovery:
          agent: analyst
          description: Map the request's dependencies
          produces: [discovery.json, risks.md]
        build:
          agent: coder
          description: Implement the endpoints
          needs: [discovery]
          consumes: [discovery.json]
          reviewers: [reviewer]
          success: [Every endpoint discovery.json lists is implemented]

      """
  ]) { _, new in new }
}
