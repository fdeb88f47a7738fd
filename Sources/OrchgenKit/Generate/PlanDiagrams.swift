/// The diagrams generated files embed, delegating to the plan engine's renderers.
enum PlanDiagrams {
  static func flowchart(graph: TaskGraph, plan: WorkflowPlan) -> String {
    ensureNewline(MermaidRenderer.render(plan))
  }

  static func gantt(graph: TaskGraph, plan: WorkflowPlan) -> String {
    ensureNewline(GanttRenderer.render(plan))
  }

  private static func ensureNewline(_ text: String) -> String {
    text.hasSuffix("\n") ? text : text + "\n"
  }
}
