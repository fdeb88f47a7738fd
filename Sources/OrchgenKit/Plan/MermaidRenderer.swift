/// Renders a plan's DAG as a Mermaid flowchart: one node per expanded task labelled with its
/// id, `Agent-NN` and estimate; the critical path in red; edges into a conditional task dashed;
/// each fix loop's way back from the fixer to its check dashed and labelled with its round limit.
public enum MermaidRenderer {
  /// The flowchart, ending with a newline.
  public static func render(_ plan: WorkflowPlan) -> String {
    var out = TextBuffer(capacity: 64 * plan.tasks.count + 256)
    out.append("flowchart TD\n")
    for task in plan.tasks {
      var label = "\(task.id)<br/>\(task.agentID) · \(PlanDuration.human(task.estimateSeconds))"
      if let condition = task.condition { label += "<br/>only \(condition)" }
      if let loop = task.fixLoop { label += "<br/>" + MermaidRenderer.loopNote(loop, planned: task.plannedSeconds) }
      out.append("  t")
      out.append(task.agentNumber)
      out.append("[\"")
      out.append(escape(label))
      out.append("\"]\n")
    }

    // Edges by position: looking up and hashing task ids per edge was most of the render.
    // Ids are unique in a plan, so the critical pairs of ids are pairs of positions.
    var critical = Set<Int>()
    let count = plan.tasks.count
    for (from, to) in zip(plan.criticalPath, plan.criticalPath.dropFirst()) {
      if let a = plan.position(of: from), let b = plan.position(of: to) { critical.insert(a * count + b) }
    }
    var criticalLinks: [Int] = []
    var link = 0
    for position in plan.tasks.indices {
      let arrow = plan.tasks[position].isConditional ? "-.->" : "-->"
      let target = plan.tasks[position].agentNumber
      for need in plan.tasks[position].needs {
        guard let source = plan.position(of: need) else { continue }
        // Mermaid numbers links in the order they appear; linkStyle refers to those numbers.
        if critical.contains(source * count + position) { criticalLinks.append(link) }
        out.append("  t")
        out.append(plan.tasks[source].agentNumber)
        out.append(" ")
        out.append(arrow)
        out.append(" t")
        out.append(target)
        out.append("\n")
        link += 1
      }
    }

    // Fix loops last, so the links above keep their numbers: the fixer hands back to the
    // check it fixes, which runs again, dashed like every edge that may not be taken.
    for fixer in plan.fixers {
      guard let loop = fixer.fixLoop, let checked = plan.task(loop.rechecks) else { continue }
      out.append("  t")
      out.append(fixer.agentNumber)
      out.append(" -.->|\"")
      out.append(escape(backEdgeLabel(loop)))
      out.append("\"| t")
      out.append(checked.agentNumber)
      out.append("\n")
    }

    out.append("  classDef critical fill:#ffe3e3,stroke:#c92a2a,stroke-width:3px\n")
    out.append("  classDef conditional stroke-dasharray: 5 5\n")
    let onPath = plan.tasks.filter(\.onCriticalPath).map(node)
    if !onPath.isEmpty { out.append("  class \(onPath.joined(separator: ",")) critical\n") }
    let conditional = plan.tasks.filter(\.isConditional).map(node)
    if !conditional.isEmpty { out.append("  class \(conditional.joined(separator: ",")) conditional\n") }
    if !criticalLinks.isEmpty {
      out.append("  linkStyle \(criticalLinks.map(String.init).joined(separator: ",")) stroke:#c92a2a,stroke-width:3px\n")
    }
    return out.text
  }

  /// The label of a fix loop's back edge.
  static func backEdgeLabel(_ loop: PlannedTask.FixLoop) -> String {
    "re-check, max_rounds \(loop.maxRounds)"
  }

  /// What a fixer's node says about the time the plan gives its loop.
  static func loopNote(_ loop: PlannedTask.FixLoop, planned: Int) -> String {
    "planned worst case: \(loop.maxRounds) × (fix + re-check) = \(PlanDuration.human(planned))"
  }

  struct Edge: Hashable {
    var from: String
    var to: String
  }

  /// Consecutive pairs of the critical path.
  static func criticalEdges(_ plan: WorkflowPlan) -> Set<Edge> {
    Set(zip(plan.criticalPath, plan.criticalPath.dropFirst()).map { Edge(from: $0, to: $1) })
  }

  /// Node ids come from agent numbers, not task ids, so that no task id can clash with Mermaid
  /// keywords (`end`, `graph`) or syntax.
  private static func node(_ task: PlannedTask) -> String { "t\(task.agentNumber)" }

  /// Mermaid entity codes for the characters that would end or mark up a quoted label.
  private static func escape(_ label: String) -> String {
    // Nothing to replace (no quote, hash or line break byte): the label as it is.
    if !label.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "#") || $0 == 0x0A || $0 == 0x0D }) {
      return label
    }
    var out = ""
    for character in label {
      switch character {
      case "\"": out += "#quot;"
      case "#": out += "#35;"
      case "\n": out += " "
      default: out.append(character)
      }
    }
    return out
  }
}
