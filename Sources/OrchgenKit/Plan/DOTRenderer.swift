/// Renders a plan's DAG as a Graphviz digraph (`dot -Tsvg plan.dot`): the critical path bold
/// and red, edges into a conditional task dashed, each fix loop's way back to its check dashed
/// and labelled with its round limit.
public enum DOTRenderer {
  /// The digraph, ending with a newline.
  public static func render(_ plan: WorkflowPlan) -> String {
    var out = "digraph \(quote(plan.workflow)) {\n"
    out += "  rankdir=TB;\n"
    out += "  node [shape=box, style=rounded];\n"
    for task in plan.tasks {
      // `\n` inside a DOT string is a centred line break, so the parts are escaped one by one.
      var parts = [task.id, "\(task.agentID) · \(PlanDuration.human(task.estimateSeconds))"]
      if let condition = task.condition { parts.append("only \(condition)") }
      if let loop = task.fixLoop { parts.append(MermaidRenderer.loopNote(loop, planned: task.plannedSeconds)) }
      var attributes = ["label=\"\(parts.map(escape).joined(separator: "\\n"))\""]
      if task.onCriticalPath { attributes += ["color=red", "fontcolor=red", "penwidth=2.5"] }
      if task.isConditional { attributes.append("style=\"rounded,dashed\"") }
      out += "  \(quote(task.id)) [\(attributes.joined(separator: ", "))];\n"
    }
    let critical = MermaidRenderer.criticalEdges(plan)
    for task in plan.tasks {
      for need in task.needs where plan.task(need) != nil {
        var attributes: [String] = []
        if critical.contains(.init(from: need, to: task.id)) { attributes += ["color=red", "penwidth=2.5"] }
        if task.isConditional { attributes.append("style=dashed") }
        let suffix = attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]"
        out += "  \(quote(need)) -> \(quote(task.id))\(suffix);\n"
      }
    }
    // A fix loop's back edge: dashed, labelled with its round limit, and left out of the
    // ranking so the picture keeps flowing top to bottom.
    for fixer in plan.fixers {
      guard let loop = fixer.fixLoop, plan.task(loop.rechecks) != nil else { continue }
      let label = escape(MermaidRenderer.backEdgeLabel(loop))
      out += "  \(quote(fixer.id)) -> \(quote(loop.rechecks)) [style=dashed, label=\"\(label)\", constraint=false];\n"
    }
    out += "}\n"
    return out
  }

  /// A DOT double-quoted id.
  private static func quote(_ text: String) -> String { "\"\(escape(text))\"" }

  /// Escapes for the inside of a DOT string: backslash (which starts DOT's own escapes such as
  /// `\n` and `\N`), double quote, and line breaks.
  private static func escape(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "\\": out += "\\\\"
      case "\"": out += "\\\""
      case "\n", "\r\n", "\r": out += "\\n"
      default: out.append(character)
      }
    }
    return out
  }
}
