/// Generates every output file in memory from a checked compilation. Pure: the same
/// compilation gives byte-identical files, in the same order.
///
/// The tool-specific files come from the targets `config/orchgen.yaml` lists (see
/// `TargetGenerator`); the tool-agnostic ones (plans, task files, coordinator prompt, runners,
/// state schemas) are written for every project.
public enum BuildGenerator {
  /// All files `build` writes, the manifest last. `outputLabel` is how prompts refer to the
  /// output directory from the repository root (normally `output`).
  public static func generate(_ compilation: Compilation, outputLabel: String = "output") -> [GeneratedFile] {
    let context = BuildContext(compilation: compilation, outputLabel: outputLabel)
    // The files come from independent jobs run on all cores; their results are joined in job
    // order, which is the order a sequential loop would produce, then sorted by path.
    var jobs: [@Sendable () -> [GeneratedFile]] = []
    for target in compilation.project.settings.targets {
      jobs.append { target.generator.files(context) }
    }
    for workflow in context.workflows {
      let graph = workflow.graph
      let plan = workflow.plan
      jobs.append { [CoordinatorPromptGenerator.file(graph: graph, prompt: workflow.prompt)] }
      jobs.append { [MasterPlanGenerator.file(graph: graph, plan: plan, sections: workflow.planSections)] }
      jobs.append { [GeneratedFile(path: "workflows/\(graph.name)/plan.json", contents: PlanJSONRenderer.render(plan))] }
      let lookup = TaskFileGenerator.Lookup(graph)
      let positions = plan.positionsByAgentNumber
      let chunk = 256
      for start in stride(from: 0, to: positions.count, by: chunk) {
        let slice = positions[start..<min(start + chunk, positions.count)]
        jobs.append {
          slice.map { position in
            let planned = plan.tasks[position]
            return TaskFileGenerator.file(
              for: planned, graph: graph, plan: plan, instructions: compilation.instructions[planned.agent], lookup: lookup)
          }
        }
      }
      jobs.append { RunnerGenerator.files(workflow, settings: compilation.project.settings, outputLabel: outputLabel) }
    }
    jobs.append { StateSchemaGenerator.files() + [GitIgnoreGenerator.file()] }
    let work = jobs
    var files = Parallel.map(work.count) { work[$0]() }.flatMap { $0 }
    files.sort { $0.path < $1.path }
    files.append(ManifestGenerator.manifest(for: files))
    return files
  }

  /// Every violation of the configured targets' rules in `files` (their pre-flight checks).
  public static func violations(in files: [GeneratedFile], targets: [BuildTarget]) -> [String] {
    targets.flatMap { $0.generator.violations(in: files) }
  }
}
