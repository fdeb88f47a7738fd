import ArgumentParser
import OrchgenKit

struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Draw a workflow's task DAG (Mermaid, Graphviz DOT) or its simulated schedule (Mermaid gantt).",
    discussion: """
      mermaid and dot draw the expanded tasks with their Agent-NN ids and estimates, the \
      critical path in red and edges into conditional tasks dashed; gantt draws the simulated \
      run under max_concurrent, one section per slot, times counted from 00:00. Exit status: \
      0, 1 when the project has errors (printed to standard error), 64 on a usage error.

      Example:
        orchgen graph parallel-feature --format dot | dot -Tsvg > plan.svg
      """)

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case mermaid, dot, gantt
  }

  @Argument(help: "The workflow to draw: a file name under config/workflows/ without .yaml.", completion: WorkflowCompletion.kind)
  var workflow: String

  @Option(help: "Output format: the DAG as mermaid or dot, the simulated run as gantt.")
  var format: Format = .mermaid

  @OptionGroup var project: ProjectOptions

  func validate() throws {
    try project.validateRoot()
  }

  func run() throws {
    let plan = Planner.plan(try PlanCommand.checkedGraph(named: workflow, project: project))
    switch format {
    case .mermaid: Terminal.standardOutput(MermaidRenderer.render(plan))
    case .dot: Terminal.standardOutput(DOTRenderer.render(plan))
    case .gantt: Terminal.standardOutput(GanttRenderer.render(plan))
    }
  }
}
