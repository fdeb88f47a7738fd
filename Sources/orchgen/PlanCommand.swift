import ArgumentParser
#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif
import OrchgenKit

struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Show a workflow's schedule: batches, critical path, priorities and a simulated run.",
    discussion: """
      Plans the expanded tasks (reviewers, validators and fan-out items included) from their \
      estimates: levels (the parallel batches), earliest/latest start and slack per task, the \
      critical path, priorities P0-P3 and a simulated run under max_concurrent that starts the \
      ready task with the longest remaining path first. Conditional tasks are planned as if \
      they run. JSON durations are minutes. Exit status: 0, 1 when the project has errors \
      (printed to standard error), 64 on a usage error such as an unknown workflow.

      Example:
        orchgen plan parallel-feature --format json --root path/to/project
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  @Argument(help: "The workflow to plan: a file name under config/workflows/ without .yaml.", completion: WorkflowCompletion.kind)
  var workflow: String

  @Option(help: "Output format.")
  var format: Format = .text

  @OptionGroup var project: ProjectOptions

  func validate() throws {
    try project.validateRoot()
  }

  func run() throws {
    let plan = Planner.plan(try Self.checkedGraph(named: workflow, project: project))
    switch format {
    case .text: Terminal.standardOutput(PlanTextRenderer.render(plan))
    case .json: Terminal.standardOutput(PlanJSONRenderer.render(plan))
    }
  }

  /// Checks the project and returns the graph of workflow `name`; `graph` uses it too.
  ///
  /// An unknown workflow is a usage error (exit 64) naming the known ones; a project with
  /// errors prints them and fails (exit 1), because a plan of an invalid graph would mislead.
  static func checkedGraph(named name: String, project: ProjectOptions) throws -> TaskGraph {
    try checkedGraph(named: name, project: project, recordingInputs: false).graph
  }

  /// `checkedGraph`, with what the load asked of the disk when `recordingInputs` (for
  /// `RunPlanCache`).
  static func checkedGraph(
    named name: String, project: ProjectOptions, recordingInputs: Bool
  ) throws -> (graph: TaskGraph, inputs: InputRecord) {
    let compilation = Compiler.check(root: project.rootURL, recordingInputs: recordingInputs)
    // Workflow files that failed to load have no graph but are not unknown: their errors are the
    // answer. The folder is listed too, for a file too large to be read at all.
    let listed = ((try? FileManager.default.contentsOfDirectory(
      atPath: project.rootURL.appendingPathComponent("config/workflows").path)) ?? []).filter { $0.hasSuffix(".yaml") }
    let files = (compilation.project.sources.keys.filter { $0.hasPrefix("config/workflows/") } + listed).map { path in
      String(path.split(separator: "/").last!.split(separator: ".").first ?? "")
    }
    let known = Set(compilation.graphs.map(\.name) + files).sorted()
    guard known.contains(name) else {
      let list = known.isEmpty ? "the project has none (add config/workflows/\(name).yaml)" : known.joined(separator: ", ")
      let guess = EditDistance.closest(to: name, in: known).map { "did you mean '\($0)'? " } ?? ""
      throw ValidationError("unknown workflow '\(name)'; \(guess)known workflows: \(list)")
    }
    // Errors in another workflow's file, or in an agent only other workflows use, do not block
    // this one; errors in what it depends on (its agents, their instructions, settings, its own
    // file) do.
    let blocking = compilation.errors(blocking: name)
    if !blocking.isEmpty || compilation.graph(named: name) == nil {
      Terminal.printDiagnostics(blocking.isEmpty ? compilation.diagnostics : blocking, sources: compilation.project.sources)
      throw ExitCode.failure
    }
    return (compilation.graph(named: name)!, compilation.inputs)
  }
}
