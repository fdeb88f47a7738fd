import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import OrchgenKit

struct BuildCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "build",
    abstract: "Check the project, then generate the output directory.",
    discussion: """
      Runs every check first; with any error it writes nothing and exits 1. Otherwise it \
      generates OpenCode agents and commands, one task file per task, and a coordinator \
      prompt, master plan and plan.json per workflow, then writes only what changed. Files \
      it did not generate are never overwritten (use --force to take them over).

      --format reports findings as gnu, github, sarif or json on standard output (always a \
      complete document, also when there is nothing to report); progress stays on standard \
      error.

      Example:
        orchgen build --root path/to/project
        orchgen build --format github
        OPENCODE_CONFIG_DIR=output/opencode opencode
      """)

  @OptionGroup var project: ProjectOptions
  @OptionGroup var output: OutputOptions

  @Flag(help: "Overwrite files in the output directory that orchgen did not generate.")
  var force = false

  @Option(help: ReportFormat.help)
  var format: ReportFormat = .text

  func validate() throws {
    try project.validateRoot()
  }

  func run() throws {
    let root = project.rootURL
    // Before anything else: one build at a time per output directory, then finish or roll
    // back a build that was interrupted.
    let outputDirectory = output.outputURL(root: root)
    let waiting = { Terminal.standardError("\(output.label(root: root))/: waiting for another orchgen build to finish\n") }
    var lock: OutputLock?
    defer { withExtendedLifetime(lock) {} }
    do {
      lock = try OutputLock.acquire(outputDirectory, waiting: waiting)
      let recovered = try OutputRecovery.recover(outputDirectory)
      if let summary = recovered.summary { Terminal.standardError("\(output.label(root: root))/: \(summary)\n") }
    } catch {
      Terminal.standardError("orchgen: error: \(error)\n")
      throw ExitCode.failure
    }
    let label = output.label(root: root)
    // Same orchgen, same answers from the project, every generated file as the last clean build
    // left it: nothing to load, check or generate.
    if let count = BuildRecord.upToDateFileCount(root: root, outputDirectory: outputDirectory, outputLabel: label) {
      if format.isMachineReadable { Terminal.report([], sources: [:], format: format, root: root) }
      Terminal.standardError("\(label)/ is up to date (\(count) files); nothing written\n")
      return
    }
    let compilation = Compiler.check(root: root, recordingInputs: true)
    keptUntilExit.append(compilation)
    let sources = compilation.project.sources
    // Text reports as it goes; a machine format reports everything once, on every way out.
    if !format.isMachineReadable, !compilation.diagnostics.isEmpty {
      Terminal.report(compilation.diagnostics, sources: sources, format: .text, root: root)
    }
    func finish(_ extra: [Diagnostic] = []) {
      if format.isMachineReadable {
        Terminal.report((compilation.diagnostics + extra).sorted(), sources: sources, format: format, root: root)
      } else if !extra.isEmpty {
        Terminal.report(extra, sources: [:], format: .text, root: root)
      }
    }
    if compilation.diagnostics.hasErrors {
      finish()
      Terminal.standardError("build stopped: nothing was written\n")
      throw ExitCode.failure
    }
    let generated = Compiler.generate(compilation, outputLabel: label)
    keptUntilExit.append(generated.files)
    guard generated.violations.isEmpty else {
      finish()
      Terminal.standardError(
        "orchgen: internal error: the generated agent files break their tool's rules; nothing was written.\n"
          + generated.violations.map { "  \($0)\n" }.joined()
          + "Please report this as a bug.\n")
      throw ExitCode(70)
    }
    let directory = output.outputURL(root: root)
    let state = OutputState.read(directory, for: generated.files)
    keptUntilExit.append(state)
    let plan = WritePlan.make(generated.files, state: state, outputLabel: label, force: force)
    guard plan.conflicts.isEmpty else {
      finish(plan.conflicts)
      Terminal.standardError("build stopped: nothing was written\n")
      throw ExitCode.failure
    }
    finish()
    func record() {
      // Written under the output directory's lock only, like every other write.
      guard compilation.diagnostics.isEmpty, lock != nil else { return }
      BuildRecord.write(
        inputs: compilation.inputs, files: generated.files, outputDirectory: directory, outputLabel: label)
    }
    if plan.isNoOp {
      record()
      Terminal.standardError("\(label)/ is up to date (\(generated.files.count) files); nothing written\n")
      return
    }
    do {
      if lock == nil { lock = try OutputLock.acquire(directory, creating: true, waiting: waiting) }
      BuildRecord.remove(outputDirectory: directory)
      try OutputWriter.apply(plan, to: directory)
    } catch {
      Terminal.standardError("orchgen: error: \(error)\n")
      throw ExitCode.failure
    }
    record()
    Terminal.standardError(
      "wrote \(plan.writes.count) file\(plan.writes.count == 1 ? "" : "s"), removed \(plan.removals.count), "
        + "\(plan.unchanged.count) unchanged in \(label)/\n"
        + Self.nextSteps(compilation, label: label))
  }

  /// How the output reaches each enabled tool, after a build that wrote files (README's
  /// "Generated output" has the details).
  static func nextSteps(_ compilation: Compilation, label: String) -> String {
    let workflow = compilation.graphs.first?.name ?? "<workflow>"
    var lines: [String] = []
    for target in compilation.project.settings.targets {
      switch target {
      case .opencode:
        lines.append("OpenCode: OPENCODE_CONFIG_DIR=\(label)/opencode opencode, then /\(workflow) <request>")
      case .claude:
        lines.append(
          "Claude Code: mkdir -p .claude && cp -r \(label)/claude/agents \(label)/claude/commands .claude/, then claude --agent \(workflow)-coordinator")
      case .agentsMarkdown:
        lines.append("AGENTS.md: cp \(label)/AGENTS.md AGENTS.md")
      case .githubActions:
        lines.append(
          "GitHub Actions: cp \(label)/github/workflows/\(workflow).yml .github/workflows/, commit \(label)/, then run it from the Actions tab (secret ANTHROPIC_API_KEY)")
      }
    }
    lines.append("shell: make -f \(label)/workflows/\(workflow)/run.mk REQUEST='<request>' (orchgen on PATH)")
    // Generated files name the output relative to the project root, and so do these lines.
    lines.append("(run these from the project root)")
    return "next: " + lines.joined(separator: "\n      ") + "\n"
  }
}
