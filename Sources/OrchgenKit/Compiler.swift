#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The compiler's front door: each entry point runs the pipeline up to where the command needs
/// it. Stages are pure functions of the previous stage's value; only `ProjectLoader` (reading)
/// and `OutputWriter` (writing) touch the filesystem.
public enum Compiler {
  /// Loads, expands and validates the project at `root`; diagnostics come sorted. With
  /// `recordingInputs`, the result's `inputs` lists what was read (for `BuildRecord`).
  public static func check(root: URL, recordingInputs: Bool = false) -> Compilation {
    guard recordingInputs else {
      let (project, loadDiagnostics) = ProjectLoader.load(root: root)
      return analyze(project, diagnostics: loadDiagnostics)
    }
    let (project, loadDiagnostics, inputs) = ProjectLoader.loadRecordingInputs(root: root)
    var compilation = analyze(project, diagnostics: loadDiagnostics)
    compilation.inputs = inputs
    return compilation
  }

  /// Expands and validates an already loaded project.
  public static func analyze(_ project: Project, diagnostics initial: [Diagnostic] = []) -> Compilation {
    var diagnostics = initial
    // Instructions and each workflow's expansion are independent: one job each, on all cores;
    // findings are joined in the sequential order.
    enum Job: Sendable {
      case instructions([String: Instructions])
      case graph(TaskGraph)
    }
    let workflows = project.workflows
    let jobs = Parallel.map(workflows.count + 1) { index -> (Job, [Diagnostic]) in
      var found: [Diagnostic] = []
      if index == 0 { return (.instructions(InstructionResolver.resolve(project, diagnostics: &found)), found) }
      return (.graph(WorkflowExpander.expand(workflows[index - 1], settings: project.settings, diagnostics: &found)), found)
    }
    var instructions: [String: Instructions] = [:]
    var graphs: [TaskGraph] = []
    for (job, found) in jobs {
      switch job {
      case .instructions(let resolved): instructions = resolved
      case .graph(let graph): graphs.append(graph)
      }
      diagnostics += found
    }
    ProjectValidator.validate(project, graphs: graphs, instructions: instructions, diagnostics: &diagnostics)
    diagnostics += OutputBudget.check(graphs, instructions: instructions)
    return Compilation(
      project: project, graphs: graphs, instructions: instructions,
      diagnostics: Array(Set(diagnostics)).sorted())
  }
}

extension Compiler {
  /// The files a build writes, after each target's pre-flight check of orchgen's own output
  /// (OpenCode's and Claude Code's rules). A non-empty `violations` is a bug in orchgen:
  /// nothing may be written.
  public static func generate(
    _ compilation: Compilation, outputLabel: String = "output"
  ) -> (files: [GeneratedFile], violations: [String]) {
    let files = BuildGenerator.generate(compilation, outputLabel: outputLabel)
    return (files, BuildGenerator.violations(in: files, targets: compilation.project.settings.targets))
  }

  /// Drift between `outputDirectory` and what a build would write (reads the disk).
  public static func drift(
    _ files: [GeneratedFile], outputDirectory: URL, outputLabel: String
  ) -> (diagnostics: [Diagnostic], sources: [String: SourceFile]) {
    DriftDetector.detect(files, state: OutputState.read(outputDirectory, for: files), outputLabel: outputLabel)
  }
}

/// The result of checking a project: the model, the expanded graphs and every finding.
public struct Compilation: Sendable {
  public var project: Project
  /// One graph per workflow, sorted by workflow name.
  public var graphs: [TaskGraph]
  /// Resolved instructions by agent id.
  public var instructions: [String: Instructions]
  /// Every finding, sorted.
  public var diagnostics: [Diagnostic]
  /// What the load asked of the disk, when it was recorded (`Compiler.check(root:recordingInputs:)`).
  public var inputs = InputRecord()

  /// The graph of the workflow named `name`.
  public func graph(named name: String) -> TaskGraph? { graphs.first { $0.name == name } }
}
