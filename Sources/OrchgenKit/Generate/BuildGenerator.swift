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
    var files: [GeneratedFile] = []
    for target in compilation.project.settings.targets {
      files += target.generator.files(context)
    }
    for workflow in context.workflows {
      let graph = workflow.graph
      let plan = workflow.plan
      files.append(CoordinatorPromptGenerator.file(graph: graph, prompt: workflow.prompt))
      files.append(MasterPlanGenerator.file(graph: graph, plan: plan))
      files.append(GeneratedFile(path: "workflows/\(graph.name)/plan.json", contents: PlanJSONRenderer.render(plan)))
      let lookup = TaskFileGenerator.Lookup(graph)
      for position in plan.positionsByAgentNumber {
        let planned = plan.tasks[position]
        files.append(
          TaskFileGenerator.file(
            for: planned, graph: graph, plan: plan, instructions: compilation.instructions[planned.agent], lookup: lookup))
      }
      files += RunnerGenerator.files(workflow, runner: compilation.project.settings.runner, outputLabel: outputLabel)
    }
    files += StateSchemaGenerator.files()
    files.sort { $0.path < $1.path }
    files.append(ManifestGenerator.manifest(for: files))
    return files
  }

  /// Every violation of the configured targets' rules in `files` (their pre-flight checks).
  public static func violations(in files: [GeneratedFile], targets: [BuildTarget]) -> [String] {
    targets.flatMap { $0.generator.violations(in: files) }
  }
}
